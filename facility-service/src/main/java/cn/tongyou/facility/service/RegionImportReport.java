package cn.tongyou.facility.service;

import cn.tongyou.common.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What a region import did, or would do on a dry run. */
@Schema(name = "RegionImportReport")
public record RegionImportReport(
        @Schema(description = "layout recognised from the header", example = "NBS_STREETS") String format,
        boolean dryRun,
        @Schema(description = "true when the changes were committed") boolean committed,
        long rowsRead,
        long inserted,
        long updated,
        long unchanged,
        @Schema(description = "rows that need no region of their own (e.g. 东莞市 listed as its own county)") long skipped,
        long rejected,
        @Schema(description = "row errors with their 1-based line (the header is line 1), at most 1000")
        List<Problem.Violation> errors,
        @Schema(description = "row errors beyond those listed") long errorsNotShown,
        @Schema(description = "why rows were skipped, by line") List<Problem.Violation> notes,
        long durationMs) {
}
