package cn.tongyou.task.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A task with its milestones and its progress reports (newest period first). */
@Schema(name = "Task")
public record TaskView(
        UUID id,
        UUID planId,
        String planTitle,
        String planStatus,
        String regionCode,
        int ordinal,
        String number,
        String domain,
        String section,
        String title,
        String summary,
        List<UnitRef> leadUnits,
        List<UnitRef> participatingUnits,
        MilestoneCounts milestoneCounts,
        ReportingStatus reporting,
        List<String> flags,
        List<MilestoneView> milestones,
        @Schema(description = "its progress reports, only when the task lies in the token's region subtree (report text and review "
                + "comments are scoped); empty otherwise") List<ReportView> reports,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy) {
}
