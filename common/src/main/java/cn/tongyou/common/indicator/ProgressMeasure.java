package cn.tongyou.common.indicator;

import cn.tongyou.common.period.Period;
import java.math.BigDecimal;
import java.util.List;

/**
 * The Open SDG progress measure (as in open-sdg/sdg-build's progress calculation): a trend-oriented second view of a
 * target, from the compound annual growth rate (CAGR) between a base value and the latest one.
 *
 * <ul>
 *   <li>With a target value (method "target"): progress = direction × observed CAGR ÷ |CAGR required to reach the target
 *   from the base by the target year|; ≥ 0.95 substantial, ≥ 0.6 moderate, ≥ 0 limited progress, &lt; 0 deterioration;
 *   score = 7.1429·p − 4.2857 (p ≥ 0.6) or 4.1667·p − 2.5, within −5 … 5.</li>
 *   <li>Without one (increase/decrease, method "trend"): progress = direction × observed CAGR; ≥ 0.015 substantial,
 *   ≥ 0.005 moderate, ≥ 0 limited, &lt; 0 deterioration; score 500·p − 5 (≥ 0.015, at most 5), 250·p − 1.25 (≥ 0.005),
 *   500·p − 2.5 (≥ 0) or 125·p − 2.5 (&lt; 0, at least −5).</li>
 *   <li>A target already achieved scores 5. A zero base or target counts as 0.001 (as Open SDG does).</li>
 * </ul>
 * Needs at least two values at different period ends; periods are placed at their end (2023H1 = 2022.5), so the
 * growth of half-years is annualised. Not available for range, ==, bool and qualitative targets.
 */
public final class ProgressMeasure {

    static final double TARGET_HIGH = 0.95;
    static final double TARGET_MED = 0.6;
    static final double TREND_HIGH = 0.015;
    static final double TREND_MED = 0.005;
    private static final double ZERO_SUBSTITUTE = 0.001;

    private ProgressMeasure() {
    }

    /**
     * @param method        {@code target} or {@code trend}
     * @param status        target_achieved, substantial_progress, moderate_progress, limited_progress, deterioration
     * @param progressValue the growth ratio (target) or the growth rate (trend)
     * @param score         −5 … 5
     */
    public record Result(String method, Period basePeriod, BigDecimal baseValue, Period currentPeriod,
                         BigDecimal currentValue, BigDecimal targetValue, Double progressValue, String status, double score) {
    }

    /** The measure, or null when it does not apply or fewer than two values exist. */
    public static Result measure(TargetSpec spec, int year, Series series, Period cutoff) {
        int direction = switch (spec.kind().direction()) {
            case INCREASE -> 1;
            case DECREASE -> -1;
            default -> 0;
        };
        if (direction == 0) {
            return null;
        }
        long cutoffHalf = Math.min(cutoff.halfYears(), Period.year(year).halfYears());
        List<Figure> values = series.numericUpTo(cutoffHalf);
        if (values.size() < 2) {
            return null;
        }
        Figure current = values.get(values.size() - 1);
        Figure base = spec.baselineYear() != null ? series.firstAtOrAfter(Period.year(spec.baselineYear()).halfYears()) : values.get(0);
        if (base == null || base.value() == null || base.period().halfYears() >= current.period().halfYears()) {
            return null;
        }
        BigDecimal target = targetValue(spec, year, series);
        double b = nonZero(base.value().doubleValue());
        double x = current.value().doubleValue();
        double years = (current.period().halfYears() - base.period().halfYears()) / 2.0;
        double observed = growth(x, b, years);
        if (target != null) {
            double t = nonZero(target.doubleValue());
            boolean achieved = direction < 0 ? x <= t : x >= t;
            double targetYears = (Period.year(year).halfYears() - base.period().halfYears()) / 2.0;
            if (achieved) {
                return new Result("target", base.period(), base.value(), current.period(), current.value(), target,
                        null, "target_achieved", 5.0);
            }
            double required = growth(t, b, targetYears);
            if (targetYears > 0 && required != 0) {
                double p = direction * observed / Math.abs(required);
                return new Result("target", base.period(), base.value(), current.period(), current.value(), target,
                        round(p, 4), targetStatus(p), round(targetScore(p), 2));
            }
        }
        double p = direction * observed;
        return new Result("trend", base.period(), base.value(), current.period(), current.value(), target,
                round(p, 4), trendStatus(p), round(trendScore(p), 2));
    }

    /** The value a target asks for, where it has one. */
    static BigDecimal targetValue(TargetSpec spec, int year, Series series) {
        return switch (spec.kind()) {
            case AT_LEAST, ABOVE, AT_MOST, BELOW -> spec.value();
            case REDUCE_PCT_FROM_BASELINE -> {
                Figure b = series.at(Period.year(spec.baselineYear()));
                yield b == null || b.value() == null ? null
                        : Numbers.round(b.value().multiply(BigDecimal.ONE.subtract(spec.value().movePointLeft(2))));
            }
            case REDUCE_PP_PER_YEAR -> {
                if (spec.baselineYear() == null) {
                    yield null;
                }
                Figure b = series.at(Period.year(spec.baselineYear()));
                yield b == null || b.value() == null ? null : b.value()
                        .subtract(spec.value().multiply(BigDecimal.valueOf(year - spec.baselineYear()))).max(BigDecimal.ZERO);
            }
            default -> null;
        };
    }

    static double growth(double current, double base, double years) {
        return Math.pow(current / base, 1 / years) - 1;
    }

    static String targetStatus(double p) {
        if (p >= TARGET_HIGH) {
            return "substantial_progress";
        }
        if (p >= TARGET_MED) {
            return "moderate_progress";
        }
        return p >= 0 ? "limited_progress" : "deterioration";
    }

    static double targetScore(double p) {
        if (p >= TARGET_MED) {
            return Math.min(7.1429 * p - 4.2857, 5);
        }
        return Math.max(4.1667 * p - 2.5, -5);
    }

    static String trendStatus(double p) {
        if (p >= TREND_HIGH) {
            return "substantial_progress";
        }
        if (p >= TREND_MED) {
            return "moderate_progress";
        }
        return p >= 0 ? "limited_progress" : "deterioration";
    }

    static double trendScore(double p) {
        if (p < 0) {
            return Math.max(125 * p - 2.5, -5);
        }
        if (p >= TREND_HIGH) {
            return Math.min(500 * p - 5, 5);
        }
        if (p >= TREND_MED) {
            return 250 * p - 1.25;
        }
        return 500 * p - 2.5;
    }

    private static double nonZero(double v) {
        return v == 0 ? ZERO_SUBSTITUTE : v;
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
