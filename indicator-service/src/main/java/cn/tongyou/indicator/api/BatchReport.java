package cn.tongyou.indicator.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** What a bulk observation request did, or would do on a dry run. */
@Schema(name = "ObservationBatchReport")
public record BatchReport(
        @Schema(description = "the batch's id in the log (GET /api/v1/observations/batches/{id}); null on a dry run") UUID batchId,
        @Schema(enumeration = {"csv", "json"}) String format,
        boolean dryRun,
        @Schema(enumeration = {"reject", "skip"}, description = "reject: all or nothing; skip: the valid rows are written") String onError,
        @Schema(enumeration = {"draft", "submitted", "approved"}, description = "status given to the values written") String status,
        @Schema(description = "true when rows were written") boolean committed,
        @Schema(description = "true when this request finished a batch an earlier attempt with the same Idempotency-Key left unfinished") boolean resumed,
        long rowsRead,
        @Schema(description = "new values") long created,
        @Schema(description = "values that replaced a draft or submitted one (kept in the history)") long corrected,
        @Schema(description = "rows identical to what is stored") long unchanged,
        long rejected,
        @Schema(description = "row errors with their 1-based line (CSV: the header is line 1; JSON: the element's position), at most 1000")
        List<RowError> errors,
        @Schema(description = "row errors beyond those listed") long errorsNotListed,
        @Schema(description = "transactions written (one per chunk of 1000 rows)") long chunks,
        long durationMs,
        @Schema(description = "rows read per second, whole request") long rowsPerSecond) {

    @Schema(name = "BatchRowError")
    public record RowError(long line, String field, String message) {
    }
}
