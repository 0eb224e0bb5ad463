package cn.tongyou.common.bulk;

import cn.tongyou.common.problem.ProblemMappers;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * What a bulk request of rows did, or would do on a dry run: the same fields, with the same names, for every bulk
 * endpoint. An endpoint with counters of its own puts this record in its report with {@code @JsonUnwrapped}.
 */
@Schema(name = "BulkReport", description = "What a bulk import did (or, with dryRun, would do)")
public record BulkReport(
        @Schema(description = "true: nothing was written") boolean dryRun,
        @Schema(enumeration = {"reject", "skip"}, description = "reject: all or nothing; skip: the valid rows are written") String onError,
        @Schema(description = "true when the changes were committed") boolean committed,
        @Schema(description = "data rows read (a CSV header and blank lines not counted)") long rowsRead,
        @Schema(description = "rows that created something new") long inserted,
        @Schema(description = "rows that changed what was stored") long updated,
        @Schema(description = "rows identical to what is stored: no change, no event") long unchanged,
        @Schema(description = "rows with at least one error, not written") long rejected,
        @Schema(description = "the errors, by line; at most " + RowErrors.MAX_LISTED + " are listed") List<RowError> errors,
        @Schema(description = "errors beyond those listed") long errorsNotListed,
        long durationMs) {

    /** The counters a bulk request keeps while it runs. */
    public record Counts(long rowsRead, long inserted, long updated, long unchanged, long rejected) {
    }

    public static BulkReport of(BulkParams params, boolean committed, Counts counts, RowErrors errors, long startedNanos) {
        return new BulkReport(params.dryRun(), params.onError().code(), committed, counts.rowsRead(), counts.inserted(),
                counts.updated(), counts.unchanged(), counts.rejected(), errors.listed(ProblemMappers.language()), errors.notListed(),
                millisSince(startedNanos));
    }

    /** Whole milliseconds since {@code startedNanos} ({@link System#nanoTime()}), at least 1. */
    public static long millisSince(long startedNanos) {
        return Math.max(1, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
