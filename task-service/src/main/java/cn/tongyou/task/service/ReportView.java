package cn.tongyou.task.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A progress report and its review. */
@Schema(name = "ProgressReport")
public record ReportView(
        UUID id,
        UUID taskId,
        String taskNumber,
        String taskTitle,
        UUID planId,
        String regionCode,
        @Schema(enumeration = {"province", "prefecture", "county", "township", "village"},
                description = "the level of the plan's region, where the report is filed") String regionLevel,
        @Schema(example = "2025H1") String period,
        UnitRef unit,
        String text,
        int percentComplete,
        List<ReportInput.MilestoneUpdate> milestoneUpdates,
        List<ReportInput.Attachment> attachments,
        @Schema(description = "consistency hints for the reviewer (figure below the share of done milestones, lower than last time)")
        List<String> warnings,
        @Schema(enumeration = {"submitted", "accepted", "returned"}) String status,
        @Schema(description = "first submitted after the deadline") boolean late,
        @Schema(description = "last day a report for the period is on time") LocalDate deadline,
        Instant firstSubmittedAt,
        Instant submittedAt,
        @Schema(description = "who last submitted it (filed or corrected)") String submittedBy,
        @Schema(description = "who first filed it; neither they nor the last submitter may accept it (four eyes)") String filedBy,
        Instant reviewedAt,
        String reviewedBy,
        String reviewComment,
        @Schema(enumeration = {"nationwide", "province", "prefecture", "county", "township", "village"},
                description = "the level the last review (accept or return) was made from: the reviewer's token region level; null before a review")
        String reviewedLevel,
        long version) {
}
