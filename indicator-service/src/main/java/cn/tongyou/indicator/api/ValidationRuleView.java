package cn.tongyou.indicator.api;

import cn.tongyou.indicator.domain.quality.ValidationRule;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A validation rule as the API shows it. */
@Schema(name = "ValidationRule")
public record ValidationRuleView(
        @Schema(example = "neonatal-within-infant-mortality") String code,
        String name,
        String description,
        @Schema(example = "#{neonatal-mortality-rate}") String left,
        @Schema(enumeration = {"==", "!=", "<", "<=", ">", ">="}) String operator,
        @Schema(example = "#{infant-mortality-rate}") String right,
        @Schema(enumeration = {"rule", "bounds"}, description = "bounds: one indicator's value against a number") String kind,
        @Schema(enumeration = {"high", "medium", "low"}) String importance,
        boolean blocking,
        @Schema(enumeration = {"skip-if-any-missing", "skip-if-all-missing", "never-skip"}) String missingValues,
        List<String> indicatorCodes,
        long version,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    public static ValidationRuleView of(ValidationRule r) {
        return new ValidationRuleView(r.code(), r.name(), r.description(), r.left().text(), r.operator().code(), r.right().text(),
                r.kind().code(), r.importance().code(), r.blocking(), r.missingValues().code(), r.indicatorCodes(), r.version(),
                r.createdAt(), r.createdBy(), r.updatedAt(), r.updatedBy());
    }
}
