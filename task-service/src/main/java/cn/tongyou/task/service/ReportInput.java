package cn.tongyou.task.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A progress report (半年调度) as a department files it. */
@Schema(name = "ReportInput")
public record ReportInput(
        @NotBlank(message = "{task.report.period.required}") @Schema(example = "2025H1") String period,
        @Size(max = 100) @Schema(description = "the reporting unit (name, any known spelling, or id). A reporter may omit it: "
                + "the token's unit claim is used. A coordinator filing on behalf of a unit must name it.", example = "区卫健局") String unit,
        @NotBlank(message = "{task.report.text.what}") @Size(max = 20000) String text,
        @NotNull(message = "{task.report.percent.required}") @Min(value = 0, message = "{task.report.percent.range}")
        @Max(value = 100, message = "{task.report.percent.range}") Integer percentComplete,
        @Size(max = 200) List<@NotNull @Valid MilestoneUpdate> milestoneUpdates,
        @Size(max = 20, message = "{task.report.attachments.max}") List<@NotNull @Valid Attachment> attachments) {

    /** What the report says about one milestone of the task; "done" completes it when the report is accepted. */
    @Schema(name = "MilestoneUpdate")
    public record MilestoneUpdate(
            @NotNull(message = "{task.report.milestone-id.required}") UUID milestoneId,
            @NotBlank(message = "{task.status.required}") @Schema(enumeration = {"done", "in-progress", "blocked"}) String status,
            @Schema(description = "required with status done") LocalDate doneOn,
            @Size(max = 2000) @Schema(description = "required with status done") String evidence,
            @Size(max = 2000) String comment) {
    }

    /** A document by reference: a URL or a file name; nothing is stored here. */
    @Schema(name = "Attachment")
    public record Attachment(@Size(max = 200) @Schema(example = "认定名单.pdf") String name,
                             @Size(max = 2000) @Schema(example = "https://oa.example.gov.cn/files/2025/rd-31.pdf") String url) {
    }
}
