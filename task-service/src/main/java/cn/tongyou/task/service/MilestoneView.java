package cn.tongyou.task.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A milestone with its state as of today (overdue and due-soon are computed when read). */
@Schema(name = "Milestone")
public record MilestoneView(
        UUID id,
        UUID taskId,
        String taskNumber,
        String taskTitle,
        UUID planId,
        String regionCode,
        int ordinal,
        @Schema(description = "null: undated") LocalDate dueDate,
        @Schema(example = "到2025年底，建成儿童友好学校20所") String statement,
        String metric,
        @Schema(example = ">=") String comparator,
        @Schema(oneOf = {BigDecimal.class, Boolean.class}, description = "a number, true/false for comparator bool, or null", example = "20") Object value,
        BigDecimal valueMax,
        @Schema(example = "所") String unit,
        Integer baselineYear,
        @Schema(example = "child-friendly-school") String facilityType,
        String note,
        @Schema(enumeration = {"open", "done", "cancelled"}, description = "stored lifecycle") String status,
        @Schema(enumeration = {"open", "due-soon", "overdue", "done", "cancelled"}, description = "status as of today") String state,
        @Schema(description = "days past the due date when overdue") Long daysOverdue,
        LocalDate doneOn,
        String evidence,
        LocalDate cancelledOn,
        String cancelReason,
        @Schema(description = "the accepted progress report that completed it") UUID completedByReport,
        long version,
        Instant updatedAt,
        String updatedBy) {
}
