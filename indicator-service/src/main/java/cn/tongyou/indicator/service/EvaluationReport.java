package cn.tongyou.indicator.service;

import cn.tongyou.common.indicator.Figure;
import cn.tongyou.common.indicator.Numbers;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The evaluation of every target of a region (and its descendants, if asked) for one year. */
@Schema(name = "EvaluationReport")
public record EvaluationReport(
        @Schema(example = "441400000000") String regionCode,
        @Schema(example = "2025") int year,
        @Schema(description = "the latest period considered (asOf, or the target year)", example = "2025H1") String asOf,
        @Schema(enumeration = {"approved", "latest"}, description = "approved: the latest approved values (default); latest: the values as reported, whatever their status") String basis,
        boolean descendants,
        Instant evaluatedAt,
        @Schema(description = "targets per status") Map<String, Integer> totals,
        List<Item> items,
        long durationMs) {

    @Schema(name = "EvaluationItem")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(
            UUID targetId,
            String regionCode,
            IndicatorRef indicator,
            @Schema(description = "the target: kind and parameters, and the plan's wording") Goal target,
            @Schema(enumeration = {"MET", "NOT_MET", "ON_TRACK", "AT_RISK", "NO_DATA", "NEEDS_ASSESSMENT"}) String status,
            @Schema(description = "for NO_DATA and NEEDS_ASSESSMENT: no-value, baseline-missing, reference-missing, derived-not-reported, not-assessed") String reason,
            Inputs inputs,
            Explanation explanation,
            @Schema(description = "Open SDG progress measure (CAGR), where the target has a direction and two values exist") Progress progress,
            @Schema(description = "levels whose target is stronger than this one") List<String> weakerThan) {
    }

    @Schema(name = "EvaluationIndicator")
    public record IndicatorRef(String code, String name, String unit, String domain, String valueType, String obtained) {
    }

    @Schema(name = "EvaluationGoal")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Goal(String kind, BigDecimal value, BigDecimal valueMax, Boolean boolValue, Integer baselineYear,
                       String reference, String text) {
    }

    @Schema(name = "EvaluationInputs", description = "the values the verdict used")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Inputs(
            @Schema(description = "the value judged: the latest up to the cut-off") FigureView value,
            @Schema(description = "the start of the trajectory or the base of a reduction") FigureView baseline,
            @Schema(enumeration = {"target-baseline-year", "earliest-value"}) String baselineBasis,
            @Schema(description = "what an increase/decrease or a yearly reduction compares with") FigureView reference,
            @Schema(description = "the value to reach (for reductions: computed from the baseline)") BigDecimal targetValue,
            @Schema(description = "what the straight line from the baseline to the target asks for at the value's period") BigDecimal expected,
            @Schema(description = "the latest period considered") String cutoff,
            @Schema(description = "true when the value is the target period's own (MET/NOT_MET)") boolean finalValue) {
    }

    @Schema(name = "EvaluationFigure")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FigureView(String period, BigDecimal value, String text, BigDecimal numerator, BigDecimal denominator,
                             @Schema(enumeration = {"observation", "rollup"}) String source,
                             @Schema(description = "regions summed, for a roll-up") Long contributors) {

        public static FigureView of(Figure f) {
            if (f == null) {
                return null;
            }
            return new FigureView(f.period().toString(), Numbers.clean(f.value()), f.text(), Numbers.clean(f.numerator()),
                    Numbers.clean(f.denominator()), f.source().code(), f.source() == Figure.Source.ROLLUP ? f.contributors() : null);
        }
    }

    @Schema(name = "Explanation")
    public record Explanation(String zh, String en) {
    }

    @Schema(name = "ProgressMeasure")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(@Schema(enumeration = {"target", "trend"}) String method, String basePeriod, BigDecimal baseValue,
                           String currentPeriod, BigDecimal currentValue, BigDecimal targetValue, Double progressValue,
                           @Schema(enumeration = {"target_achieved", "substantial_progress", "moderate_progress", "limited_progress", "deterioration"}) String status,
                           @Schema(description = "−5 … 5") double score) {
    }
}
