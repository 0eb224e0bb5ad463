package cn.tongyou.facility.api;

import cn.tongyou.common.bulk.BulkReport;
import cn.tongyou.common.bulk.RowError;
import cn.tongyou.facility.service.RegionImportService;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What a region import did, or would do on a dry run. */
@Schema(name = "RegionImportReport")
public record RegionImportReport(
        @Schema(description = "layout recognised from the header", example = "NBS_STREETS") String format,
        @JsonUnwrapped BulkReport summary,
        @Schema(description = "rows that need no region of their own (e.g. 东莞市 listed as its own county)") long skipped,
        @Schema(description = "generated regions replaced by a real row (replaceGenerated=true); also counted in updated")
        long replacedGenerated,
        @Schema(description = "why rows were skipped, and which generated regions were replaced, by line") List<RowError> notes) {

    static RegionImportReport of(RegionImportService.Result result) {
        return new RegionImportReport(result.format(), result.summary(), result.skipped(), result.replacedGenerated(),
                result.notes());
    }
}
