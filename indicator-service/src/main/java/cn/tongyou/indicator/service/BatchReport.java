package cn.tongyou.indicator.service;

import cn.tongyou.common.bulk.BulkReport;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/**
 * What a bulk observation request did, or would do on a dry run. In the summary, inserted counts new values and
 * updated the values that replaced a draft or submitted one (kept in the history).
 */
@Schema(name = "ObservationBatchReport")
public record BatchReport(
        @Schema(description = "the batch's id in the log (GET /api/v1/observations/batches/{id}); null on a dry run") UUID batchId,
        @Schema(enumeration = {"csv", "json"}) String format,
        @JsonUnwrapped BulkReport summary,
        @Schema(enumeration = {"draft", "submitted", "approved"}, description = "status given to the values written") String status,
        @Schema(description = "true when this request finished a batch an earlier attempt with the same Idempotency-Key left unfinished") boolean resumed,
        @Schema(description = "transactions written (one per chunk of 1000 rows)") long chunks,
        @Schema(description = "rows read per second, whole request") long rowsPerSecond) {
}
