package cn.tongyou.indicator.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person's verdict on a qualitative target, with the reason that justifies it. */
@Schema(name = "AssessmentInput")
public record AssessmentInput(
        @NotBlank(message = "{indicator.field.required}") @Schema(required = true, enumeration = {"MET", "NOT_MET", "ON_TRACK", "AT_RISK"}) String verdict,
        @NotBlank(message = "{indicator.assessment.reason-required}") @Size(max = 2000) @Schema(required = true, example = "区政府已印发实施方案并建立联席会议制度") String reason) {
}
