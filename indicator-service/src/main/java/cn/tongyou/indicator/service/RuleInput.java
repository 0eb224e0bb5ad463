package cn.tongyou.indicator.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A validation rule as written by a catalogue steward (the code is in the path). */
@Schema(name = "ValidationRuleInput")
public record RuleInput(
        @NotBlank(message = "{indicator.quality.rule.name-required}") @Size(max = 200) @Schema(required = true, example = "新生儿死亡率不高于婴儿死亡率") String name,
        @Size(max = 2000) String description,
        @NotBlank(message = "{indicator.quality.rule.left-required}") @Size(max = 1000) @Schema(required = true, example = "#{neonatal-mortality-rate}",
                description = "sum of terms: a number, #{indicator-code}, #{indicator-code.numerator}, #{indicator-code.denominator}, "
                        + "or a reference times a number; joined by + and -") String left,
        @NotBlank(message = "{indicator.quality.rule.operator-required}") @Schema(required = true, enumeration = {"==", "!=", "<", "<=", ">", ">="}) String operator,
        @NotBlank(message = "{indicator.quality.rule.right-required}") @Size(max = 1000) @Schema(required = true, example = "#{infant-mortality-rate}") String right,
        @Schema(enumeration = {"high", "medium", "low"}, description = "default medium") String importance,
        @NotNull(message = "{indicator.quality.rule.blocking-required}") @Schema(required = true, description = "true: a violation blocks submission; false: a warning") Boolean blocking,
        @Schema(enumeration = {"skip-if-any-missing", "skip-if-all-missing", "never-skip"}, description = "default skip-if-any-missing") String missingValues) {
}
