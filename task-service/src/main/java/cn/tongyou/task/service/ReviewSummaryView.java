package cn.tongyou.task.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** Where the progress reports of a region stand for a period, at the region and at each approval level below it. */
@Schema(name = "ReviewSummary")
public record ReviewSummaryView(
        @Schema(description = "the region asked for (12 digits); null for the whole country") String region,
        @Schema(enumeration = {"province", "prefecture", "county", "township", "village"}, description = "its level; null for the whole country")
        String regionLevel,
        @Schema(example = "2026H1") String period,
        @Schema(description = "last day a report for the period is on time") LocalDate deadline,
        @Schema(description = "the approval levels (cfc.discipline.approval-levels), lowest first") List<String> approvalLevels,
        @Schema(description = "the region's counts: every plan region in its subtree summed") ReviewTally totals,
        @Schema(description = "each approval level below the region, highest first, with the counts of each of its regions that has tasks or reports")
        List<Level> levels) {

    /** One approval level and its regions, by code. */
    @Schema(name = "ReviewSummaryLevel")
    public record Level(
            @Schema(enumeration = {"province", "prefecture", "county", "township", "village"}) String level,
            List<ReviewTally> regions) {
    }

    /** Report counts of one region's subtree (never rates: a rate is computed from summed counts). */
    @Schema(name = "ReviewTally")
    public record ReviewTally(
            @Schema(description = "the region (12 digits); null in the totals of the whole country") String region,
            @Schema(description = "reports expected: one per task of a plan in force and lead unit") int expected,
            @Schema(description = "filed and waiting for review") int submitted,
            int accepted,
            @Schema(description = "returned for correction (they count as missing until filed again)") int returned,
            @Schema(description = "expected and nothing filed that was not returned") int missing,
            @Schema(description = "received (not returned) and first filed after the deadline") int late) {
    }
}
