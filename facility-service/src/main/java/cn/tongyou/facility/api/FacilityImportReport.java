package cn.tongyou.facility.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "FacilityImportReport", description = "What a bulk import did (or, with dryRun, would do)")
public record FacilityImportReport(
        @Schema(description = "true: nothing was written") boolean dryRun,
        @Schema(enumeration = {"reject", "skip"}) String onError,
        @Schema(description = "data rows read (the CSV header and blank lines not counted)") long rowsRead,
        @Schema(description = "new facilities") long inserted,
        @Schema(description = "facilities found by externalId whose content changed") long updated,
        @Schema(description = "facilities found by externalId with the same content: no change, no event") long unchanged,
        @Schema(description = "rows with at least one error, not written") long rejected,
        @Schema(description = "the errors, by line; at most 1000 are listed") List<RowError> errors,
        @Schema(description = "errors beyond the 1000 listed") long errorsNotListed) {

    @Schema(name = "FacilityImportError")
    public record RowError(
            @Schema(description = "1-based line: the CSV header is line 1; in a JSON array the first element is line 1") long line,
            @Schema(nullable = true, description = "the offending column or field, null for a whole-row problem") String field,
            String message) {
    }
}
