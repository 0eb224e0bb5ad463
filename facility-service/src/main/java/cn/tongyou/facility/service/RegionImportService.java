package cn.tongyou.facility.service;

import cn.tongyou.common.problem.ProblemMappers;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.bulk.BulkParams;
import cn.tongyou.common.bulk.BulkReport;
import cn.tongyou.common.bulk.ReportingTransaction;
import cn.tongyou.common.bulk.RowError;
import cn.tongyou.common.bulk.RowErrors;
import cn.tongyou.common.audit.Actor;
import cn.tongyou.common.audit.AuditTrail;
import cn.tongyou.common.outbox.OutboxConfig;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.facility.domain.Region;
import cn.tongyou.facility.domain.RegionCsvFormat;
import cn.tongyou.facility.domain.RegionRow;
import cn.tongyou.facility.events.RegionEvents;
import cn.tongyou.facility.events.RegionImportEvents;
import cn.tongyou.facility.store.RegionImportStore;
import cn.tongyou.facility.store.RegionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Imports division tables from a CSV stream: parsed record by record and checked against the stored regions in batches
 * of {@value #BATCH}; what a batch creates or changes is streamed with {@code COPY} into a staging table and written
 * set-based (regions, then their events and audit records), all inside one transaction, so 650,000 villages go
 * through in one request without holding the file in memory, and an import either commits whole or (on errors, unless
 * {@code skip} is chosen) not at all: once a row is rejected no further batch is written, and the transaction rolls
 * back. Re-importing the same rows changes nothing and publishes nothing.
 */
@ApplicationScoped
public class RegionImportService {

    static final int BATCH = 5_000;
    private static final int TRANSACTION_TIMEOUT_SECONDS = 3_600;

    @Inject
    RegionStore store;

    @Inject
    RegionImportStore staging;

    @Inject
    RegionImportEvents events;

    @Inject
    OutboxWriter outbox;

    @Inject
    OutboxConfig outboxConfig;

    @Inject
    AuditTrail audit;

    /**
     * The longest compact JSON of a region event without its name: keys, punctuation, codes, dates, a 19-digit version.
     * With the name's characters at most 6 each (escaped), it bounds the payload, so only an event that could exceed
     * {@code cfc.outbox.max-event-bytes} is serialised in Java to be checked.
     */
    private static final int PAYLOAD_CHARS_WITHOUT_NAME = 256;

    /**
     * How an import treats errors and what it marks on new rows.
     *
     * @param generated        mark new rows as generated (demo and load-test villages)
     * @param replaceGenerated a real row landing on a generated region replaces it (takes its name and class, no longer
     *                         generated) instead of being refused for renaming it
     */
    public record Options(BulkParams params, LocalDate validFrom, boolean generated, boolean replaceGenerated,
                          Predicate<RegionCode> mayWrite) {
    }

    /**
     * What an import did, or would do on a dry run.
     *
     * @param format  the layout recognised from the header, null when no header was read
     * @param skipped           rows that need no region of their own, each explained in {@code notes}
     * @param replacedGenerated generated regions a real row replaced ({@code replaceGenerated}), each in {@code notes};
     *                          counted in {@code updated} too
     */
    public record Result(String format, BulkReport summary, long skipped, long replacedGenerated, List<RowError> notes) {
    }

    /**
     * Imports the rows; a dry run or a rejected import rolls back.
     *
     * @throws cn.tongyou.common.problem.ProblemException 422 listing the rows when onError=reject and rows have errors
     */
    public Result importCsv(InputStream body, Charset charset, Options options) {
        long started = System.nanoTime();
        Run run = ReportingTransaction.call(TRANSACTION_TIMEOUT_SECONDS, () -> {
            Run r = new Run(options);
            r.execute(body, charset);
            return r;
        }, Run::commits);
        if (!options.params().dryRun() && !run.commits()) {
            throw run.errors.rejection("region-import-rejected", Message.of("facility.import.title.rejected"), run.rejected, run.rowsRead);
        }
        return run.report(started);
    }

    private final class Run {
        private final Options options;
        private final RegionCodeLines lineOfCode = new RegionCodeLines();
        private final RegionCodeLines acceptedCodes = new RegionCodeLines();
        /** Codes this import retires: a batch is decided before its writes land, so the stored rows may not show it yet. */
        private final RegionCodeLines retiredCodes = new RegionCodeLines();
        private final List<RegionRow> batch = new ArrayList<>(BATCH);
        private final RowErrors errors = new RowErrors();
        private final RowErrors notes = new RowErrors();
        private RegionCsvFormat format;
        private long rowsRead;
        private long inserted;
        private long updated;
        private long unchanged;
        private long rejected;
        private long skipped;
        private long replacedGenerated;
        /** Who the audit rows name; set when the first batch is staged. */
        private Actor actor;

        Run(Options options) {
            this.options = options;
        }

        boolean commits() {
            return !options.params().dryRun() && (rejected == 0 || options.params().skipsErrors());
        }

        private boolean writing() {
            return commits();
        }

        void execute(InputStream body, Charset charset) {
            Reader reader = new InputStreamReader(body, charset);
            CSVFormat csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true).setTrim(true).build();
            try (CSVParser parser = CSVParser.parse(reader, csv)) {
                List<String> header = parser.getHeaderNames().stream()
                        .map(name -> name.replace("\uFEFF", "").strip()).toList();
                if (header.isEmpty()) {
                    throw ProblemException.badRequest("facility.region-csv.empty");
                }
                try {
                    format = RegionCsvFormat.detect(header);
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest(Message.of(e));
                }
                RegionRowParser rowParser = new RegionRowParser(format);
                Map<String, Integer> columnIndex = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    columnIndex.put(header.get(i), i);
                }
                Iterator<CSVRecord> records = parser.iterator();
                while (hasNext(records, parser)) {
                    CSVRecord record = records.next();
                    rowsRead++;
                    long line = record.getRecordNumber() + 1;
                    if (record.size() != header.size()) {
                        reject(Issue.row(line, null, Message.of("facility.region-csv.columns", header.size(), record.size())));
                        continue;
                    }
                    RegionRowParser.Result result = rowParser.parse(line, RegionRowParser.columns(name -> {
                        Integer column = columnIndex.get(name);
                        return column == null ? null : record.get(column);
                    }));
                    if (result.error() != null) {
                        reject(result.error());
                        continue;
                    }
                    if (result.note() != null) {
                        skipped++;
                        add(notes, result.note());
                        continue;
                    }
                    accept(result.row());
                }
                flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private boolean hasNext(Iterator<CSVRecord> records, CSVParser parser) {
            try {
                return records.hasNext();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw ProblemException.badRequest("facility.region-csv.malformed", parser.getCurrentLineNumber() + 1, rootMessage(e));
            }
        }

        private void accept(RegionRow row) {
            RegionCode code = row.code();
            if (!options.mayWrite().test(code)) {
                reject(Issue.row(row.line(), "code", Message.of("facility.region-import.outside", code.value())));
                return;
            }
            long firstLine = lineOfCode.putIfAbsent(code.value(), row.line());
            if (firstLine != 0) {
                reject(Issue.row(row.line(), "code", Message.of("facility.region-import.duplicate", firstLine, code.value())));
                return;
            }
            batch.add(row);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            Set<String> lookup = new HashSet<>();
            for (RegionRow row : batch) {
                lookup.add(row.code().value());
                if (row.parent() != null && !acceptedCodes.contains(row.parent().value())) {
                    lookup.add(row.parent().value());
                }
            }
            Map<String, Region> stored = store.findAll(lookup);
            List<Region> changes = new ArrayList<>();
            List<RegionImportStore.Operation> operations = new ArrayList<>();
            long[] lines = new long[batch.size()];
            for (RegionRow row : batch) {
                if (row.parent() != null && !parentKnown(row.parent(), stored)) {
                    reject(Issue.row(row.line(), format.parentColumn(),
                            Message.of("facility.region-import.unknown-parent", row.parent().value())));
                    continue;
                }
                Region existing = stored.get(row.code().value());
                if (existing == null) {
                    lines[changes.size()] = row.line();
                    changes.add(Region.create(row, options.validFrom(), options.generated()));
                    operations.add(RegionImportStore.Operation.INSERT);
                    inserted++;
                } else {
                    Region.Change change = existing.compare(row, options.generated());
                    if ((change == Region.Change.UNCHANGED || change == Region.Change.UPDATE)
                            && existing.generated() && !options.generated() && options.replaceGenerated()) {
                        change = Region.Change.RENAMES_GENERATED;   // same name: replacing makes it real
                    }
                    switch (change) {
                        case UNCHANGED -> unchanged++;
                        case UPDATE -> {
                            lines[changes.size()] = row.line();
                            changes.add(existing.apply(row));
                            operations.add(RegionImportStore.Operation.UPDATE);
                            updated++;
                        }
                        case RENAMES_GENERATED -> {
                            if (!options.replaceGenerated()) {
                                reject(Issue.row(row.line(), "name", Message.of("facility.region-import.generated-held",
                                        row.code().value(), existing.name(), row.name())));
                                continue;
                            }
                            lines[changes.size()] = row.line();
                            changes.add(existing.replaceGenerated(row));
                            operations.add(RegionImportStore.Operation.UPDATE);
                            updated++;
                            replacedGenerated++;
                            add(notes, Issue.row(row.line(), "code", Message.of("facility.region-import.replaced",
                                    existing.name(), row.code().value(), row.name())));
                        }
                        case RENAMES_REAL -> {
                            reject(Issue.row(row.line(), "name", Message.of("facility.region-import.real-held",
                                    row.code().value(), existing.name(), row.name())));
                            continue;
                        }
                        case RETIRED_CODE_REUSED -> {
                            reject(Issue.row(row.line(), "code", Message.of("facility.region-import.retired-reused",
                                    row.code().value(), existing.validTo())));
                            continue;
                        }
                    }
                }
                if (row.validTo() == null) {
                    acceptedCodes.putIfAbsent(row.code().value(), row.line());
                } else {
                    retiredCodes.putIfAbsent(row.code().value(), row.line());
                }
            }
            batch.clear();
            if (writing() && !changes.isEmpty()) {
                for (Region region : changes) {
                    if (OutboxWriter.mayRefuseBelow(PAYLOAD_CHARS_WITHOUT_NAME + 6L * region.name().length())
                            > outboxConfig.maxEventBytes()) {
                        outbox.requireSendable(RegionEvents.changed(region));
                    }
                }
                if (actor == null) {
                    staging.open();
                    actor = audit.actor("outbox");
                }
                // written batch by batch, not all at the end: each statement's sorts stay in work_mem (the whole
                // file's events sorted at once spilled to disk), and a parent is written before its children's batch
                staging.stage(changes, operations, lines);
                staging.write();
                events.appendStaged(actor);
                staging.clear();
            }
        }

        /**
         * A parent is known when an earlier row of this import keeps it in force, or, unless an earlier row retired it,
         * when it is stored and in force.
         */
        private boolean parentKnown(RegionCode parent, Map<String, Region> stored) {
            if (acceptedCodes.contains(parent.value())) {
                return true;
            }
            if (retiredCodes.contains(parent.value())) {
                return false;
            }
            Region region = stored.get(parent.value());
            return region != null && !region.isRetired();
        }

        private void reject(Issue error) {
            rejected++;
            add(errors, error);
        }

        private static void add(RowErrors list, Issue row) {
            list.add(row.line(), row.field(), row.message());
        }

        Result report(long startedNanos) {
            BulkReport summary = BulkReport.of(options.params(), commits(),
                    new BulkReport.Counts(rowsRead, inserted, updated, unchanged, rejected), errors, startedNanos);
            return new Result(format == null ? null : format.name(), summary, skipped, replacedGenerated,
                    notes.listed(ProblemMappers.language()));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
