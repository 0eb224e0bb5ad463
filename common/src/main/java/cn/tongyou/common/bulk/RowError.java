package cn.tongyou.common.bulk;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One error of one input row of a bulk request. */
@Schema(name = "BulkRowError")
public record RowError(
        @Schema(description = "1-based line: the CSV header is line 1; in a JSON array the first element is line 1") long line,
        @Schema(nullable = true, description = "the offending column or field, null for a whole-row problem") String field,
        String message) {
}
