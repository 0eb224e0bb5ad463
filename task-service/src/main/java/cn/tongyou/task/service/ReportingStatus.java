package cn.tongyou.task.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** Where a task (or unit) stands in one reporting period. */
@Schema(name = "ReportingStatus")
public record ReportingStatus(
        @Schema(example = "2025H1") String period,
        @Schema(enumeration = {"not-due", "due", "overdue"}, description = "due from the period's last day until the deadline; overdue after it")
        String state,
        LocalDate dueFrom,
        LocalDate deadline,
        @Schema(description = "reports filed for the period that were not returned") int reports,
        @Schema(description = "expected: the task's plan is in force") boolean expected) {
}
