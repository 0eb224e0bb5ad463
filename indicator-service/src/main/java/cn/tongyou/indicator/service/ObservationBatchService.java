package cn.tongyou.indicator.service;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.bulk.BulkParams;
import cn.tongyou.common.bulk.BulkReport;
import cn.tongyou.common.bulk.RowErrors;
import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.common.idempotency.IdempotencyStore;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.indicator.domain.Observation;
import cn.tongyou.indicator.domain.ObservationStatus;
import cn.tongyou.indicator.events.ObservationEvents;
import cn.tongyou.indicator.store.BatchStore;
import cn.tongyou.indicator.store.ObservationStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import cn.tongyou.indicator.domain.Approval;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.common.region.RegionCode;
import java.util.function.Predicate;

/**
 * Bulk observations (a provincial system's 100,000 rows in one request): the body is spooled to a file, then read
 * twice as a stream — a checking pass, then a writing pass of one transaction per chunk of {@value #CHUNK} rows
 * (batched lookups, {@code unnest} writes, history rows and outbox events in the same transaction).
 *
 * <ul>
 *   <li>{@code onError=reject} (all or nothing, the default): the checking pass also compares with the stored values
 *   (an approved value is locked); any error answers 422 listing the rows, and nothing is written.</li>
 *   <li>{@code onError=skip} (accept the valid rows): the rows with errors are reported, the others written.</li>
 *   <li>An {@code Idempotency-Key} is claimed before the first chunk and completed with the report after the last:
 *   a retry gets the stored answer and writes nothing. A retry arriving while the first attempt runs gets 409; one
 *   arriving after it was interrupted (no heartbeat for {@value #STALE_SECONDS} s) resumes it — every row is written
 *   again by key, and rows already written come out unchanged, so nothing is written twice.</li>
 * </ul>
 * Between the passes a concurrent approval may lock a row the first pass accepted; that row is then reported as
 * rejected while the others are written (the report says so).
 */
@ApplicationScoped
public class ObservationBatchService {

    public static final int CHUNK = 1000;
    public static final long MAX_ROWS = 500_000;
    public static final String IDEMPOTENCY_SCOPE = "observation-batch";
    static final long STALE_SECONDS = 120;
    /** After this many rows written, the table's statistics are refreshed (a bulk load changes them at once). */
    static final long ANALYZE_AFTER = 10_000;
    private static final Logger LOG = Logger.getLogger(ObservationBatchService.class);

    @Inject
    ObservationStore store;

    @Inject
    BatchStore batches;

    @Inject
    IndicatorService indicators;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    OutboxWriter outbox;

    @Inject
    ApprovalLocks locks;

    @Inject
    ObjectMapper mapper;

    /** How to run. */
    public record Options(String format, BulkParams params, ObservationStatus status, String reason) {
        boolean dryRun() {
            return params.dryRun();
        }

        boolean skipErrors() {
            return params.skipsErrors();
        }
    }

    /**
     * Who runs it: the subject, the unit its token names, whether it acts for that unit only (a reporter: a row that
     * would correct another unit's value is a row error), the token's region claim (recorded on the batch log, whose
     * readers are scoped to it) and where it may write.
     */
    public record Context(String subject, String unit, boolean unitBound, String region, Predicate<RegionCode> mayWrite) {
    }

    /** Opens the rows afresh (once per pass). */
    @FunctionalInterface
    public interface Opener {
        BatchRows.Source open() throws IOException;
    }

    /** A report; or the stored answer of an earlier request with the same key (status and body). */
    public record Outcome(BatchReport report, IdempotencyStore.StoredResponse replay) {
    }

    /**
     * A bulk request's log entry, when the id names one and the caller may read it: the subject who sent it, or a
     * caller whose region subtree holds the region of the sender's token (the report lists rows and their values,
     * which are scoped like the values; a log without a recorded region, or sent with a nationwide token, only to
     * nationwide callers). Otherwise empty (404: existence is not disclosed).
     */
    public Optional<BatchView> batch(UUID id, String subject, Predicate<String> visible) {
        return batches.find(id)
                .filter(b -> b.requestedBy().equals(subject) || visible.test(b.requestedRegion()))
                .map(b -> BatchView.of(b, mapper));
    }

    public Outcome run(Opener opener, Options options, Context context, String idempotencyKey, String requestHash) {
        long started = System.nanoTime();
        Map<String, Indicator> catalogue = indicators.all();
        // a bad header is a 400 before anything is claimed or written
        try (BatchRows.Source ignored = opener.open()) {
            LOG.debugf("batch header read (%s)", options.format());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (options.dryRun()) {
            Run run = new Run(null, options, context, catalogue);
            run.check(opener);
            return new Outcome(run.report(false, false, started), null);
        }
        UUID batchId;
        boolean resumed;
        if (idempotencyKey != null) {
            Claim claim = QuarkusTransaction.requiringNew().call(() -> claim(idempotencyKey, requestHash, options, context));
            if (claim.replay() != null) {
                return new Outcome(null, claim.replay());
            }
            batchId = claim.batchId();
            resumed = claim.resumed();
        } else {
            batchId = UUID.randomUUID();
            resumed = false;
            QuarkusTransaction.requiringNew().run(() -> batches.insert(newBatch(batchId, null, requestHash, options, context)));
        }
        Run run = new Run(batchId, options, context, catalogue);
        try {
            if (!options.skipErrors()) {
                run.check(opener);
                if (run.rejected > 0) {
                    ProblemException rejection = run.rejection();
                    finish(batchId, idempotencyKey, "rejected", run, 422, problemJson(rejection));
                    throw rejection;
                }
                run.resetCounts();
            }
            run.write(opener);
            if (run.created + run.corrected >= ANALYZE_AFTER) {
                store.analyze();
            }
            BatchReport report = run.report(true, resumed, started);
            finish(batchId, idempotencyKey, "completed", run, 200, json(report));
            return new Outcome(report, null);
        } catch (ProblemException e) {
            if (e.status() == 422) {
                throw e;
            }
            failed(batchId, run, e);
            throw e;
        } catch (RuntimeException e) {
            failed(batchId, run, e);
            throw e;
        }
    }

    private record Claim(UUID batchId, boolean resumed, IdempotencyStore.StoredResponse replay) {
    }

    private Claim claim(String key, String hash, Options options, Context context) {
        Optional<IdempotencyStore.StoredResponse> stored = idempotency.claim(IDEMPOTENCY_SCOPE, context.subject(), key, hash);
        if (stored.isPresent() && stored.get().body() != null) {
            return new Claim(null, false, stored.get());
        }
        if (stored.isPresent()) {
            BatchStore.Batch batch = batches.findByKey(context.subject(), key).orElse(null);
            if (batch != null && batch.state().equals("running")
                    && batch.heartbeatAt().isAfter(Instant.now().minus(Duration.ofSeconds(STALE_SECONDS)))) {
                throw ProblemException.conflict("indicator.batch.in-progress", key, batch.id(), batch.rowsRead());
            }
            if (batch != null) {
                batches.restart(batch.id());
                LOG.infof("resuming batch %s (Idempotency-Key %s) left %s", batch.id(), key, batch.state());
                return new Claim(batch.id(), true, null);
            }
        }
        UUID id = UUID.randomUUID();
        batches.insert(newBatch(id, key, hash, options, context));
        return new Claim(id, false, null);
    }

    private static BatchStore.Batch newBatch(UUID id, String key, String hash, Options options, Context context) {
        Instant now = Instant.now();
        return new BatchStore.Batch(id, key, hash, options.format(), options.params().onError().code(), "running", context.subject(), now, now,
                null, 0, 0, null, context.region());
    }

    private void finish(UUID batchId, String key, String state, Run run, int status, String body) {
        QuarkusTransaction.requiringNew().run(() -> {
            batches.finish(batchId, state, run.rowsRead, run.created + run.corrected, body);
            if (key != null) {
                idempotency.complete(IDEMPOTENCY_SCOPE, run.context.subject(), key, IdempotencyStore.StoredResponse.of(status, body));
            }
        });
    }

    private void failed(UUID batchId, Run run, RuntimeException cause) {
        try {
            QuarkusTransaction.requiringNew().run(() -> batches.finish(batchId, "failed", run.rowsRead,
                    run.created + run.corrected, json(Map.of("error", String.valueOf(cause.getMessage())))));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not mark batch %s as failed", batchId);
        }
    }

    /** The state of one request. */
    private final class Run {
        final UUID batchId;
        final Options options;
        final Context context;
        final Map<String, Indicator> catalogue;
        final RowErrors errors = new RowErrors();
        final Instant now = Instant.now();
        long rowsRead;
        long created;
        long corrected;
        long unchanged;
        long rejected;
        long chunks;

        Run(UUID batchId, Options options, Context context, Map<String, Indicator> catalogue) {
            this.batchId = batchId;
            this.options = options;
            this.context = context;
            this.catalogue = catalogue;
        }

        void resetCounts() {
            rowsRead = 0;
            created = 0;
            corrected = 0;
            unchanged = 0;
        }

        /** The checking pass: every rule, duplicates, and (all or nothing) the stored values; writes nothing. */
        void check(Opener opener) {
            Map<ObservationStore.Key, Long> seen = new HashMap<>();
            passes(opener, chunk -> QuarkusTransaction.requiringNew().run(() -> process(chunk, seen, false)));
        }

        /** The writing pass: one transaction per chunk. */
        void write(Opener opener) {
            Map<ObservationStore.Key, Long> seen = new HashMap<>();
            passes(opener, chunk -> {
                QuarkusTransaction.requiringNew().timeout(600).run(() -> {
                    process(chunk, seen, true);
                    batches.heartbeat(batchId, rowsRead, created + corrected);
                });
                chunks++;
            });
        }

        private void passes(Opener opener, java.util.function.Consumer<List<BatchRows.Row>> each) {
            try (BatchRows.Source source = opener.open()) {
                List<BatchRows.Row> chunk = new ArrayList<>(CHUNK);
                long read = 0;
                for (BatchRows.Row row = source.next(); row != null; row = source.next()) {
                    if (++read > MAX_ROWS) {
                        throw new ProblemException(413, Problem.TYPE_BASE + "too-many-rows", Message.of("indicator.batch.title.too-many-rows"),
                                Message.of("indicator.batch.too-many-rows", MAX_ROWS), List.of());
                    }
                    chunk.add(row);
                    if (chunk.size() == CHUNK) {
                        each.accept(chunk);
                        chunk = new ArrayList<>(CHUNK);
                    }
                }
                if (!chunk.isEmpty()) {
                    each.accept(chunk);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Checks a chunk against the rules and the stored values; writes it when {@code write}. */
        private void process(List<BatchRows.Row> rows, Map<ObservationStore.Key, Long> seen, boolean write) {
            List<RowChecker.Checked> checked = new ArrayList<>(rows.size());
            List<Long> lines = new ArrayList<>(rows.size());
            List<ObservationStore.Key> keys = new ArrayList<>(rows.size());
            List<ApprovalLocks.Pass> passes = new ArrayList<>(rows.size());
            // per chunk: the shared locks an answer takes last as long as the chunk's transaction
            ApprovalLocks.Answers answers = locks.answers();
            for (BatchRows.Row row : rows) {
                rowsRead++;
                if (!row.issues().isEmpty() || row.raw() == null) {
                    reject(row.line(), row.issues());
                    continue;
                }
                RowChecker.Result r = RowChecker.check(row.raw(), catalogue, context.mayWrite());
                if (!r.ok()) {
                    reject(row.line(), r.issues());
                    continue;
                }
                RowChecker.Checked c = r.row();
                ObservationStore.Key key = new ObservationStore.Key(c.indicator().code(), c.region().value(), c.period().toString());
                Long first = seen.putIfAbsent(key, row.line());
                if (first != null) {
                    reject(row.line(), List.of(Issue.of(null, "indicator.batch.duplicate", first, key.indicatorCode(),
                            key.regionCode(), key.period())));
                    continue;
                }
                ApprovalLocks.Verdict verdict = answers.verdict(c.region(), c.period(), c.indicator().domain());
                if (verdict.refusal() != null) {
                    reject(row.line(), List.of(new Issue(null, verdict.refusal().detail())));
                    continue;
                }
                passes.add(verdict.pass());
                checked.add(c);
                lines.add(row.line());
                keys.add(key);
            }
            if (!write && options.skipErrors() && !options.dryRun()) {
                // accept-valid-rows: the stored values are compared while writing
                created += checked.size();
                return;
            }
            Map<ObservationStore.Key, Observation> stored = store.byKeys(keys, write);
            List<Observation> inserts = new ArrayList<>();
            List<Observation> updates = new ArrayList<>();
            List<Observation.Revision> revisions = new ArrayList<>();
            List<DomainEvent> events = new ArrayList<>();
            String reason = options.reason() != null ? options.reason() : "bulk import (batch " + batchId + ")";
            List<ApprovalLocks.Pass> passed = new ArrayList<>();
            for (int i = 0; i < checked.size(); i++) {
                RowChecker.Checked c = checked.get(i);
                Observation existing = stored.get(keys.get(i));
                ApprovalLocks.Pass pass = passes.get(i);
                Observation.Change change;
                if (existing == null) {
                    created++;
                    change = Observation.create(UUID.randomUUID(), c.indicator().code(), c.region().value(), c.period(),
                            c.values(), c.source(), c.note(), options.status(), context.subject(), context.unit(), batchId, now);
                    inserts.add(change.observation());
                } else if (existing.checked().sameAs(c.values()) && Objects.equals(existing.source(), c.source())
                        && Objects.equals(existing.note(), c.note())) {
                    unchanged++;
                    continue;
                } else if (context.unitBound() && !Objects.equals(existing.reportedUnit(), context.unit())) {
                    reject(lines.get(i), List.of(Issue.of(null, "indicator.batch.other-unit", existing.period(), existing.id(),
                            existing.reportedUnit() == null ? Message.of("common.security.no-unit") : existing.reportedUnit(),
                            context.unit())));
                    continue;
                } else if (existing.status() == ObservationStatus.APPROVED) {
                    reject(lines.get(i), List.of(Issue.of("value", "indicator.batch.locked", existing.period(), existing.id())));
                    continue;
                } else {
                    corrected++;
                    change = existing.correct(c.values(), c.source(), c.note(), reason, options.status(), context.subject(), batchId, now);
                    updates.add(change.observation());
                }
                Observation.Revision revision = change.revision();
                if (pass.exception() != null) {
                    Observation.Revision r = revision;
                    revision = new Observation.Revision(r.observationId(), r.version(), r.action(), r.value(), r.text(),
                            r.numerator(), r.denominator(), r.source(), r.note(), r.status(), pass.reason(r.reason()), r.actor(),
                            r.batchId(), r.at());
                    passed.add(pass);
                }
                revisions.add(revision);
                events.add(ObservationEvents.changed(change.observation(), revision));
            }
            if (write) {
                store.insert(inserts);
                store.update(updates);
                store.insertRevisions(revisions);
                outbox.appendAll(events);
                Approval.Actor actor = new Approval.Actor(context.subject(), RegionScope.NATIONWIDE.equals(context.region())
                        || context.region() == null ? null : RegionCode.parse(context.region()).level());
                for (ApprovalLocks.Pass pass : passed) {
                    locks.reopenPassed(pass, actor, reason, now);
                }
            }
        }

        private void reject(long line, List<Issue> issues) {
            rejected++;
            for (Issue issue : issues) {
                errors.add(line, issue.field(), issue.message());
            }
        }

        ProblemException rejection() {
            return errors.rejection("batch-rejected", Message.of("indicator.batch.title.rejected"), rejected, rowsRead);
        }

        BatchReport report(boolean committed, boolean resumed, long startedNanos) {
            BulkReport summary = BulkReport.of(options.params(), committed && (created + corrected) > 0,
                    new BulkReport.Counts(rowsRead, created, corrected, unchanged, rejected), errors, startedNanos);
            return new BatchReport(batchId, options.format(), summary, options.status().code(), resumed, chunks,
                    rowsRead * 1000 / summary.durationMs());
        }
    }

    private String problemJson(ProblemException e) {
        return json(e.toProblem("/api/v1/observations/batch"));
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
