package cn.tongyou.indicator.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/** A corrected value, with the reason (the history keeps both). */
@Schema(name = "CorrectionInput")
public record CorrectionInput(
        @Schema(oneOf = {BigDecimal.class, Boolean.class, String.class}, example = "1.7") JsonNode value,
        BigDecimal numerator,
        BigDecimal denominator,
        @Size(max = 500) @Schema(description = "unchanged when absent") String source,
        @Size(max = 2000) @Schema(description = "unchanged when absent") String note,
        @NotBlank(message = "{indicator.correction.reason-required}") @Size(max = 2000) @Schema(required = true, example = "妇幼年报复核后更正") String reason) {
}
