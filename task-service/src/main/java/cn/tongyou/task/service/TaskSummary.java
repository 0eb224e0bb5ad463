package cn.tongyou.task.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** A task in a list, with its milestone counts and its reporting in the period asked about. */
@Schema(name = "TaskSummary")
public record TaskSummary(
        UUID id,
        UUID planId,
        String planTitle,
        String planStatus,
        String regionCode,
        String number,
        String domain,
        String section,
        String title,
        List<UnitRef> leadUnits,
        List<UnitRef> participatingUnits,
        MilestoneCounts milestones,
        ReportingStatus reporting,
        @Schema(description = "percent complete of the latest accepted report, any period or unit") Integer latestPercentComplete,
        @Schema(description = "overdue, due-soon, no-report-this-period, completed: what needs attention", example = "[\"overdue\"]")
        List<String> flags,
        long version) {
}
