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
        @NotBlank(message = "text is required") @Size(max = 20000) String text,
        @NotNull(message = "percentComplete is required") @Min(value = 0, message = "must be between 0 and 100")
        @Max(value = 100, message = "must be between 0 and 100") Integer percentComplete,
        @Size(max = 200) List<ReportInput.@NotNull @Valid MilestoneUpdate> milestoneUpdates,
        @Size(max = 20, message = "at most 20 attachments") List<ReportInput.@NotNull @Valid Attachment> attachments) {
}
