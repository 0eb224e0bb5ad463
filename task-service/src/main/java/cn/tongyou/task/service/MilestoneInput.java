package cn.tongyou.task.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A milestone's definition (create, or PUT to replace it); its status changes through complete/cancel/reopen. */
@Schema(name = "MilestoneInput")
public record MilestoneInput(
        @Schema(description = "due date; null or absent when undated", example = "2025-12-31") LocalDate dueDate,
        @NotBlank(message = "{task.milestone.statement.required}") @Size(max = 1000) @Schema(example = "建成儿童友好学校20所") String statement,
        @Size(max = 300) @Schema(example = "儿童友好学校数量") String metric,
        @NotBlank(message = "{task.milestone.comparator.required}")
        @Schema(enumeration = {">=", "<=", ">", "<", "==", "range", "bool", "increase", "decrease", "reduce-pct-from-baseline",
                "reduce-pp-per-year", "qualitative"}) String comparator,
        @Schema(oneOf = {BigDecimal.class, Boolean.class}, description = "a number, true/false for comparator bool, or null", example = "20") JsonNode value,
        BigDecimal valueMax,
        @Size(max = 50) @Schema(example = "所") String unit,
        Integer baselineYear,
        @Schema(example = "child-friendly-school") String facilityType,
        @Size(max = 2000) String note) {
}
