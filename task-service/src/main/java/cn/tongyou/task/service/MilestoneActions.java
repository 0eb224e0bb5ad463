package cn.tongyou.task.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** Bodies of the milestone lifecycle operations. */
public final class MilestoneActions {

    private MilestoneActions() {
    }

    /** Marks a milestone done. */
    @Schema(name = "MilestoneCompletion")
    public record Completion(@Schema(example = "2025-11-20", required = true) LocalDate doneOn,
                             @Schema(example = "区教体局认定文件（东教体字〔2025〕31号）", required = true) String evidence) {
    }

    /** Cancels or reopens a milestone. */
    @Schema(name = "MilestoneReason")
    public record Reason(@Schema(example = "项目调整，纳入2026年计划", required = true) String reason) {
    }
}
