package cn.tongyou.task.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** A unit (department) and what it answers for: the accountability view of the 妇儿工委办公室. */
@Schema(name = "Unit")
public record UnitView(
        UUID id,
        String regionCode,
        @Schema(example = "区文化和旅游局") String name,
        @Schema(enumeration = {"department", "group"}, description = "group: stands for many bodies (各乡镇党委、政府)") String kind,
        @Schema(description = "other spellings seen in plans or added by a coordinator", example = "[\"区文旅局\"]") List<String> aliases,
        Accountability accountability,
        @Schema(description = "the unit this one was merged into (its tasks, reports and spellings moved there); absent while it "
                + "stands alone. Merged units are kept for history and left out of lists unless merged=true") UUID mergedInto,
        long version) {

    /**
     * Counts over the tasks of plans that are not superseded; reports are expected only for tasks of plans in
     * force, from their lead units.
     */
    @Schema(name = "UnitAccountability")
    public record Accountability(
            @Schema(description = "tasks the unit leads (牵头)") int tasksLed,
            @Schema(description = "tasks it joins (参与)") int tasksParticipating,
            @Schema(description = "open milestones past their due date, of the tasks it leads") int milestonesOverdue,
            @Schema(description = "open milestones due within the due-soon days, of the tasks it leads") int milestonesDueSoon,
            @Schema(example = "2025H1") String period,
            @Schema(enumeration = {"not-due", "due", "overdue"}) String periodState,
            java.time.LocalDate deadline,
            @Schema(description = "reports expected for the period (tasks led in plans in force)") int reportsExpected,
            @Schema(description = "reports it filed for the period (not returned)") int reportsSubmitted,
            @Schema(description = "expected reports not filed (or returned and not yet filed again)") int reportsMissing,
            @Schema(description = "reports for the period first filed after the deadline") int reportsLate) {
    }
}
