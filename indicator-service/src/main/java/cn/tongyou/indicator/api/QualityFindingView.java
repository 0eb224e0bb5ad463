package cn.tongyou.indicator.api;

import cn.tongyou.indicator.domain.quality.QualityFinding;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A data-quality finding and its follow-up, as the API and the event show it. */
@Schema(name = "QualityFinding")
public record QualityFindingView(
        UUID id,
        @Schema(enumeration = {"rule", "bounds", "outlier"}) String kind,
        @Schema(description = "the rule's code; null for an outlier flag", example = "neonatal-within-infant-mortality") String ruleCode,
        @Schema(enumeration = {"high", "medium", "low"}) String importance,
        @Schema(description = "true: blocks submission while open") boolean blocking,
        @Schema(example = "410182000000") String region,
        @Schema(example = "2025H2") String period,
        List<String> indicatorCodes,
        @Schema(description = "the values involved, as they were when last checked") List<Value> values,
        String message,
        String messageZh,
        @Schema(description = "the modified z-score of an outlier flag; null otherwise") Double score,
        @Schema(enumeration = {"open", "resolved", "cleared"}) String status,
        Instant detectedAt,
        Instant updatedAt,
        String clearedBy,
        Instant clearedAt,
        String comment,
        long version) {

    @Schema(name = "QualityFindingValue")
    public record Value(@Schema(example = "neonatal-mortality-rate") String indicator,
                        @Schema(enumeration = {"value", "numerator", "denominator"}) String part,
                        @Schema(description = "null: not reported (counted as 0 by a never-skip rule)") BigDecimal value,
                        @Schema(description = "the observation holding it; null when not reported") UUID observationId) {
    }

    public static QualityFindingView of(QualityFinding f) {
        return new QualityFindingView(f.id(), f.kind().code(), f.ruleCode(), f.importance().code(), f.blocking(), f.regionCode(),
                f.period().toString(), f.indicatorCodes(),
                f.values().stream().map(v -> new Value(v.indicator(), v.part(), v.value(), v.observationId())).toList(),
                f.message(), f.messageZh(), f.score(), f.status().code(), f.detectedAt(), f.updatedAt(), f.clearedBy(), f.clearedAt(),
                f.comment(), f.version());
    }
}
