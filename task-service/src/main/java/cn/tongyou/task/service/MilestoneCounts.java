package cn.tongyou.task.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** A task's milestones by state, as of today. */
@Schema(name = "MilestoneCounts")
public record MilestoneCounts(int total, int open, int dueSoon, int overdue, int done, int cancelled,
                              @Schema(description = "earliest due date of an open milestone that is not overdue") LocalDate nextDue) {
}
