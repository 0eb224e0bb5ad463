package cn.tongyou.task.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A corrected report (before review, or after it was returned); task, period and unit stay. */
@Schema(name = "ReportUpdate")
public record ReportUpdate(
        @NotBlank(message = "{task.report.text.required}") @Size(max = 20000) String text,
        @NotNull(message = "{task.report.percent.required}") @Min(value = 0, message = "{task.report.percent.range}")
        @Max(value = 100, message = "{task.report.percent.range}") Integer percentComplete,
        @Size(max = 200) List<ReportInput.@NotNull @Valid MilestoneUpdate> milestoneUpdates,
        @Size(max = 20, message = "{task.report.attachments.max}") List<ReportInput.@NotNull @Valid Attachment> attachments) {
}
