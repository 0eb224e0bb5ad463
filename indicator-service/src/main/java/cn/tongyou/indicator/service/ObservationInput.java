package cn.tongyou.indicator.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/** A value to report (POST /api/v1/observations; also one element of a JSON batch). */
@Schema(name = "ObservationInput")
public record ObservationInput(
        @Schema(required = true, example = "neonatal-mortality-rate") String indicator,
        @Schema(required = true, description = "region code, 2–12 digits", example = "441400") String region,
        @Schema(required = true, description = "2025, 2025H1 or 2025H2", example = "2025") String period,
        @Schema(description = "the value: a number, 是/否/true/false for a boolean indicator, text for a text indicator; "
                + "for a computed indicator leave it out (it follows from numerator ÷ denominator × scale) or send a value that agrees",
                oneOf = {BigDecimal.class, Boolean.class, String.class}, example = "1.8") JsonNode value,
        @Schema(description = "computed indicators: the numerator (e.g. deaths)", example = "18") BigDecimal numerator,
        @Schema(description = "computed indicators: the denominator (e.g. live births)", example = "10000") BigDecimal denominator,
        @Size(max = 500) @Schema(description = "where the figure comes from", example = "市卫生健康局妇幼年报") String source,
        @Size(max = 2000) String note,
        @Schema(enumeration = {"draft", "submitted"}, description = "default draft") String status) {
}
