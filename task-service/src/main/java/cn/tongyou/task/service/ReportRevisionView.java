package cn.tongyou.task.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One kept version of a progress report: what it said and who changed it, so no correction loses history. */
@Schema(name = "ProgressReportRevision")
public record ReportRevisionView(
        long version,
        @Schema(enumeration = {"filed", "corrected", "accepted", "returned", "moved", "existing"},
                description = "what made this version; existing: the state when revisions started to be kept") String change,
        Instant changedAt,
        String changedBy,
        UnitRef unit,
        String text,
        int percentComplete,
        List<ReportInput.MilestoneUpdate> milestoneUpdates,
        List<ReportInput.Attachment> attachments,
        List<String> warnings,
        @Schema(enumeration = {"submitted", "accepted", "returned"}) String status,
        Instant submittedAt,
        String submittedBy,
        Instant reviewedAt,
        String reviewedBy,
        String reviewComment,
        @Schema(enumeration = {"nationwide", "province", "prefecture", "county", "township", "village"},
                description = "the level the reviewer acted from (their token's region level); null before a review")
        String reviewedLevel,
        @Schema(description = "the period lock exception this version was written under (the period was closed); null otherwise")
        UUID lockException) {
}
