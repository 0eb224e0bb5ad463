package cn.tongyou.facility.service;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.bulk.BulkParams;
import cn.tongyou.common.bulk.BulkReport;
import cn.tongyou.common.bulk.RowErrors;
import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.common.idempotency.IdempotencyStore;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.facility.domain.FacilityType;
import cn.tongyou.facility.events.FacilityEvents;
import cn.tongyou.facility.store.FacilityEntity;
import cn.tongyou.facility.store.FacilityImportStore;
import cn.tongyou.facility.store.FacilityStore;
import cn.tongyou.facility.store.FacilityStore.FacilityRef;
import cn.tongyou.facility.store.FacilityStore.RegionRef;
import cn.tongyou.facility.store.FacilityStatusChangeEntity;
import cn.tongyou.facility.store.FacilityTypeStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Bulk import of facilities: reads rows as they stream in, checks each with the same rules as POST/PUT, upserts by
 * externalId in chunks (batched lookups and writes), all in one transaction together with the idempotency record and
 * the outbox events. With onError=reject any error rolls everything back and answers 422.
 */
@ApplicationScoped
public class FacilityImportService {

    public static final int MAX_ROWS = 200_000;
    public static final String IDEMPOTENCY_SCOPE = "facility-import";
    static final int CHUNK = 500;

    @Inject
    FacilityStore facilities;

    @Inject
    FacilityTypeStore types;

    @Inject
    FacilityImportStore writer;

    @Inject
    RegionScope scope;

    @Inject
    OutboxWriter outbox;

    @Inject
    FacilityEvents events;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    ObjectMapper mapper;

    FacilityAssembler assembler;

    @PostConstruct
    void init() {
        assembler = new FacilityAssembler(mapper);
    }

    /** The rows of a CSV body (see {@link FacilityImportRows#csv}), cells typed by the facility types. */
    public FacilityImportRows.Source csvRows(Reader reader) throws IOException {
        return FacilityImportRows.csv(reader, types::find);
    }

    /** The rows of a JSON array body, one element at a time. */
    public FacilityImportRows.Source jsonRows(InputStream body) throws IOException {
        return FacilityImportRows.json(body, mapper);
    }

    /** The outcome: a report, or the stored response of an earlier request with the same Idempotency-Key. */
    public record Outcome(BulkReport report, IdempotencyStore.StoredResponse replay) {
    }

    /** Opens the row source; called inside the transaction (after the key is claimed). */
    @FunctionalInterface
    public interface SourceOpener {
        FacilityImportRows.Source open() throws IOException;
    }

    // rollbackOn: an IOException (the client went away mid-stream) must roll back like any other failure
    @Transactional(rollbackOn = Exception.class)
    @TransactionConfiguration(timeout = 3600)
    public Outcome run(SourceOpener opener, BulkParams options, String idempotencyKey, String requestHash) throws IOException {
        if (idempotencyKey != null) {
            Optional<IdempotencyStore.StoredResponse> stored = idempotency.claim(IDEMPOTENCY_SCOPE, scope.subject(), idempotencyKey, requestHash);
            if (stored.isPresent()) {
                return new Outcome(null, stored.get());
            }
        }
        long started = System.nanoTime();
        Run run = new Run(options);
        try (FacilityImportRows.Source source = opener.open()) {
            List<FacilityImportRows.Row> chunk = new ArrayList<>(CHUNK);
            for (FacilityImportRows.Row row = source.next(); row != null; row = source.next()) {
                if (++run.rowsRead > MAX_ROWS) {
                    throw ProblemException.tooLarge("facility.import.too-many-rows", MAX_ROWS);
                }
                chunk.add(row);
                if (chunk.size() == CHUNK) {
                    run.process(chunk);
                    chunk.clear();
                }
            }
            run.process(chunk);
        }
        if (!options.skipsErrors() && !options.dryRun() && run.rejected > 0) {
            throw run.errors.rejection("import-rejected", Message.of("facility.import.title.rejected"), run.rejected, run.rowsRead);
        }
        BulkReport report = run.report(started);
        if (idempotencyKey != null) {
            try {
                idempotency.complete(IDEMPOTENCY_SCOPE, scope.subject(), idempotencyKey,
                        IdempotencyStore.StoredResponse.of(200, mapper.writeValueAsString(report)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Outcome(report, null);
    }

    /** The state of one import. */
    private final class Run {
        final BulkParams options;
        final LocalDate today = FacilityService.today();
        final String subject = scope.subject();
        /** externalId → what this import made of it (line, id, type), for duplicates and hosts named by externalId. */
        final Map<String, Seen> seen = new HashMap<>();
        final RowErrors errors = new RowErrors();
        long rowsRead;
        long inserted;
        long updated;
        long unchanged;
        long rejected;

        record Seen(long line, FacilityRef ref) {
        }

        Run(BulkParams options) {
            this.options = options;
        }

        void process(List<FacilityImportRows.Row> rows) {
            if (rows.isEmpty()) {
                return;
            }
            Set<String> regionCodes = new HashSet<>();
            Set<String> externalIds = new HashSet<>();
            Set<String> hostExternalIds = new HashSet<>();
            Set<UUID> hostIds = new HashSet<>();
            for (FacilityImportRows.Row row : rows) {
                FacilityInput in = row.input();
                if (in == null) {
                    continue;
                }
                RegionCode region = FacilityAssembler.regionOrNull(in.regionCode());
                if (region != null) {
                    regionCodes.add(region.value());
                }
                if (present(in.externalId())) {
                    externalIds.add(in.externalId().strip());
                }
                if (present(in.hostExternalId()) && !seen.containsKey(in.hostExternalId().strip())) {
                    hostExternalIds.add(in.hostExternalId().strip());
                }
                if (in.hostFacilityId() != null) {
                    hostIds.add(in.hostFacilityId());
                }
            }
            Map<String, RegionRef> regions = facilities.regions(regionCodes);
            Map<String, FacilityEntity> existing = writer.lockByExternalIds(externalIds);
            Map<String, FacilityRef> hostsByExternalId = facilities.refsByExternalIds(hostExternalIds);
            Map<UUID, FacilityRef> hostsById = facilities.refsByIds(hostIds);
            FacilityAssembler.Lookups lookups = new FacilityAssembler.Lookups() {
                @Override
                public Optional<FacilityType> type(String code) {
                    return types.find(code);
                }

                @Override
                public Collection<String> typeCodes() {
                    return types.codes();
                }

                @Override
                public Optional<RegionRef> region(String code) {
                    return Optional.ofNullable(regions.get(code));
                }

                @Override
                public Optional<FacilityRef> facility(UUID id) {
                    return Optional.ofNullable(hostsById.get(id));
                }

                @Override
                public Optional<FacilityRef> facilityByExternalId(String externalId) {
                    Seen s = seen.get(externalId);
                    if (s != null) {
                        return Optional.ofNullable(s.ref());
                    }
                    FacilityEntity e = existing.get(externalId);
                    if (e != null) {
                        return Optional.of(new FacilityRef(e.id, e.typeCode, e.externalId, e.regionCode));
                    }
                    return Optional.ofNullable(hostsByExternalId.get(externalId));
                }
            };

            Instant now = FacilityAssembler.now();
            List<FacilityEntity> inserts = new ArrayList<>();
            List<FacilityEntity> updates = new ArrayList<>();
            List<FacilityStatusChangeEntity> steps = new ArrayList<>();
            List<DomainEvent> changed = new ArrayList<>();
            for (FacilityImportRows.Row row : rows) {
                if (!row.errors().isEmpty() || row.input() == null) {
                    reject(row.line(), row.errors());
                    continue;
                }
                FacilityInput in = row.input();
                String externalId = present(in.externalId()) ? in.externalId().strip() : null;
                if (externalId != null && seen.containsKey(externalId)) {
                    reject(row.line(), List.of(Issue.of("externalId", "facility.import.external-twice", externalId,
                            seen.get(externalId).line())));
                    continue;
                }
                FacilityEntity current = externalId == null ? null : existing.get(externalId);
                List<Issue> scopeIssues = scopeIssues(in, current);
                if (!scopeIssues.isEmpty()) {
                    remember(externalId, row.line(), null);
                    reject(row.line(), scopeIssues);
                    continue;
                }
                FacilityAssembler.Assembly a = assembler.assemble(in, current, lookups, today);
                if (!a.ok()) {
                    List<Issue> issues = new ArrayList<>(a.issues());
                    if (a.conflict() != null) {
                        issues.add(new Issue(null, a.conflict()));
                    }
                    remember(externalId, row.line(), null);
                    reject(row.line(), issues);
                    continue;
                }
                FacilityEntity row2;
                if (current == null) {
                    row2 = a.candidate();
                    row2.id = UUID.randomUUID();
                    row2.version = 1;
                    row2.createdAt = now;
                    row2.updatedAt = now;
                    row2.updatedBy = subject;
                    inserts.add(row2);
                    inserted++;
                } else if (assembler.differs(current, a)) {
                    row2 = current;
                    FacilityAssembler.copyContent(a.candidate(), row2);
                    row2.version++;
                    row2.updatedAt = now;
                    row2.updatedBy = subject;
                    updates.add(row2);
                    updated++;
                } else {
                    remember(externalId, row.line(), new FacilityRef(current.id, current.typeCode, current.externalId, current.regionCode));
                    unchanged++;
                    continue;
                }
                remember(externalId, row.line(), new FacilityRef(row2.id, row2.typeCode, row2.externalId, row2.regionCode));
                if (a.step() != null) {
                    steps.add(a.step().recordFor(row2.id, subject, now));
                }
                changed.add(events.changed(row2));
            }
            boolean write = !options.dryRun() && (options.skipsErrors() || rejected == 0);
            if (write) {
                writer.insert(inserts);
                writer.update(updates);
                writer.insertStatusChanges(steps);
                outbox.appendAll(changed);
            }
        }

        private List<Issue> scopeIssues(FacilityInput in, FacilityEntity current) {
            List<Issue> issues = new ArrayList<>();
            RegionCode region = FacilityAssembler.regionOrNull(in.regionCode());
            if (region != null && !scope.mayWrite(region)) {
                issues.add(Issue.of("regionCode", "facility.import.region-outside", scope.describe()));
            }
            if (current != null && !scope.mayWrite(RegionCode.parse(current.regionCode))) {
                issues.add(Issue.of("externalId", "facility.import.external-outside", current.id, current.regionCode));
            }
            return issues;
        }

        private void remember(String externalId, long line, FacilityRef ref) {
            if (externalId != null) {
                seen.put(externalId, new Seen(line, ref));
            }
        }

        private void reject(long line, List<Issue> issues) {
            rejected++;
            for (Issue issue : issues) {
                errors.add(line, issue.field(), issue.message());
            }
        }

        BulkReport report(long startedNanos) {
            return BulkReport.of(options, !options.dryRun(), new BulkReport.Counts(rowsRead, inserted, updated, unchanged, rejected),
                    errors, startedNanos);
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
