package cn.tongyou.common.indicator;

import cn.tongyou.common.period.Period;
import java.math.BigDecimal;
import java.math.RoundingMode;

import static cn.tongyou.common.indicator.Numbers.plain;
import static cn.tongyou.common.indicator.Numbers.withUnit;

/**
 * Decides whether a target is met (目标评估), from the values of its region (DESIGN.md §5).
 *
 * <ul>
 *   <li>The value judged is the latest one whose period ends by the cut-off: the end of the target year, or
 *   {@code asOf} when that is earlier. A later value never counts for an earlier target.</li>
 *   <li>When that value is the target period's own ({@code 2025} or {@code 2025H2} for a 2025 target) the verdict is
 *   MET or NOT_MET. Before it, the verdict comes from the trajectory: ON_TRACK when the value already satisfies the
 *   target or lies on or beyond the straight line from the baseline to the target at the value's period (a period
 *   sits at its end: 2023H1 at 2022.5), else AT_RISK.</li>
 *   <li>A value, baseline or reference that the target needs but that is missing gives NO_DATA with the reason;
 *   nothing is guessed. A qualitative target takes the verdict of its assessment, or NEEDS_ASSESSMENT.</li>
 * </ul>
 */
public final class Evaluator {

    private Evaluator() {
    }

    public static Evaluation evaluate(Indicator indicator, TargetSpec spec, int year, Assessment assessment,
                                      Series series, Period asOf) {
        Period targetPeriod = Period.year(year);
        Period cutoff = asOf != null && asOf.halfYears() < targetPeriod.halfYears() ? asOf : targetPeriod;
        Context c = new Context(indicator, spec, year, targetPeriod, cutoff, series == null ? Series.empty() : series);
        return switch (spec.kind()) {
            case QUALITATIVE -> qualitative(c, assessment);
            case BOOL -> bool(c);
            case INCREASE, DECREASE -> change(c);
            case REDUCE_PCT_FROM_BASELINE -> reducePercent(c);
            case REDUCE_PP_PER_YEAR -> reducePoints(c);
            case AT_LEAST, ABOVE, AT_MOST, BELOW, EQUALS, RANGE -> comparison(c);
        };
    }

    private record Context(Indicator indicator, TargetSpec spec, int year, Period targetPeriod, Period cutoff,
                           Series series) {

        Figure current() {
            return series.latestAtOrBefore(cutoff.halfYears());
        }

        boolean isFinal(Figure value) {
            return value.period().halfYears() == targetPeriod.halfYears();
        }

        String v(BigDecimal value) {
            return withUnit(value, indicator);
        }
    }

    // --- comparisons: >= > <= < == range ----------------------------------------------------------------------------

    private static Evaluation comparison(Context c) {
        Figure value = c.current();
        if (value == null || value.value() == null) {
            return noValue(c);
        }
        TargetSpec spec = c.spec();
        String goal = goalZh(c);
        String goalEn = goalEn(c);
        boolean meets = meets(spec, value.value(), c.indicator());
        if (c.isFinal(value)) {
            Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, null, null, spec.value(), null, c.cutoff(), true);
            return verdict(meets ? Status.MET : Status.NOT_MET, inputs,
                    value.period().chinese() + "数值 " + c.v(value.value()) + "，目标 " + goal + "：" + (meets ? "已达标" : "未达标") + "。",
                    value.period() + ": " + c.v(value.value()) + " against the target " + goalEn + ": " + (meets ? "met" : "not met") + ".");
        }
        if (meets) {
            Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, null, null, spec.value(), null, c.cutoff(), false);
            return verdict(Status.ON_TRACK, inputs,
                    value.period().chinese() + "数值 " + c.v(value.value()) + " 已达到" + c.year() + "年目标 " + goal + "：进展正常。",
                    value.period() + ": " + c.v(value.value()) + " already satisfies the " + c.year() + " target " + goalEn + ": on track.");
        }
        Baseline baseline = baseline(c, value);
        if (baseline.missingNamed()) {
            return baselineMissing(c, value);
        }
        if (baseline.figure() == null) {
            Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, null, null, spec.value(), null, c.cutoff(), false);
            return verdict(Status.AT_RISK, inputs,
                    value.period().chinese() + "数值 " + c.v(value.value()) + " 尚未达到" + c.year() + "年目标 " + goal
                            + "，且此前没有可作起点的数值，无法画出进度线：存在风险。",
                    value.period() + ": " + c.v(value.value()) + " does not yet satisfy the " + c.year() + " target " + goalEn
                            + " and no earlier value exists to draw a trajectory from: at risk.");
        }
        BigDecimal aim = aim(spec, baseline.figure().value());
        BigDecimal expected = linear(baseline.figure(), aim, c.targetPeriod(), value.period());
        boolean onTrack = onTrack(spec.kind(), value.value(), expected, aim);
        Evaluation.Inputs inputs = new Evaluation.Inputs(value, baseline.figure(), baseline.basis(), null, aim, expected,
                c.cutoff(), false);
        return trajectoryVerdict(c, onTrack, value, baseline.figure(), goal, goalEn, expected, inputs);
    }

    static boolean meets(TargetSpec spec, BigDecimal v, Indicator indicator) {
        BigDecimal t = spec.value();
        return switch (spec.kind()) {
            case AT_LEAST -> v.compareTo(t) >= 0;
            case ABOVE -> v.compareTo(t) > 0;
            case AT_MOST -> v.compareTo(t) <= 0;
            case BELOW -> v.compareTo(t) < 0;
            // "约为55%": equal at the indicator's precision
            case EQUALS -> v.setScale(indicator.precision(), RoundingMode.HALF_UP)
                    .compareTo(t.setScale(Math.max(indicator.precision(), t.scale()), RoundingMode.HALF_UP)) == 0;
            case RANGE -> v.compareTo(t) >= 0 && v.compareTo(spec.valueMax()) <= 0;
            default -> throw new IllegalArgumentException("not a comparison: " + spec.kind());
        };
    }

    /** The point the trajectory heads for: the threshold, or for a range the bound nearest to the baseline. */
    private static BigDecimal aim(TargetSpec spec, BigDecimal baseline) {
        if (spec.kind() == TargetKind.RANGE) {
            return baseline.compareTo(spec.valueMax()) > 0 ? spec.valueMax() : spec.value();
        }
        return spec.value();
    }

    private static boolean onTrack(TargetKind kind, BigDecimal v, BigDecimal expected, BigDecimal aim) {
        return switch (kind) {
            case AT_LEAST, ABOVE -> v.compareTo(expected) >= 0;
            case AT_MOST, BELOW -> v.compareTo(expected) <= 0;
            default -> v.subtract(aim).abs().compareTo(expected.subtract(aim).abs()) <= 0;
        };
    }

    // --- bool -------------------------------------------------------------------------------------------------------

    private static Evaluation bool(Context c) {
        Figure value = c.current();
        if (value == null || value.value() == null) {
            return noValue(c);
        }
        boolean want = Boolean.TRUE.equals(c.spec().boolValue());
        boolean got = value.value().signum() != 0;
        String wantZh = want ? "是" : "否";
        String wantEn = want ? "yes" : "no";
        Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, null, null, want ? BigDecimal.ONE : BigDecimal.ZERO,
                null, c.cutoff(), c.isFinal(value));
        Status status = c.isFinal(value) ? (got == want ? Status.MET : Status.NOT_MET) : (got == want ? Status.ON_TRACK : Status.AT_RISK);
        return verdict(status, inputs,
                value.period().chinese() + "为“" + (got ? "是" : "否") + "”，目标“" + wantZh + "”：" + status.chinese() + "。",
                value.period() + ": " + (got ? "yes" : "no") + ", the target is " + wantEn + ": " + status.english() + ".");
    }

    // --- increase / decrease ----------------------------------------------------------------------------------------

    private static Evaluation change(Context c) {
        TargetSpec spec = c.spec();
        boolean increase = spec.kind() == TargetKind.INCREASE;
        Figure reference;
        if (spec.effectiveReference() == TargetSpec.Reference.BASELINE) {
            reference = c.series().at(Period.year(spec.baselineYear()));
            if (reference == null || reference.value() == null) {
                return baselineMissing(c, c.current());
            }
        } else {
            reference = null;
        }
        Figure value = c.current();
        if (value == null || value.value() == null) {
            return noValue(c);
        }
        if (reference == null) {
            Period earlier = value.period().yearEarlier();
            reference = c.series().at(earlier);
            if (reference == null || reference.value() == null) {
                Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, null, null, null, null, c.cutoff(), c.isFinal(value));
                return new Evaluation(Status.NO_DATA, "reference-missing", inputs, new Evaluation.Explanation(
                        "目标为" + (increase ? "增加" : "下降") + "，需与" + earlier.chinese() + "比较，但该期没有数值：无法判断。",
                        "The target asks for " + (increase ? "an increase" : "a decrease") + " on " + earlier
                                + ", which has no value: cannot be judged."));
            }
        }
        int cmp = value.value().compareTo(reference.value());
        boolean changed = increase ? cmp > 0 : cmp < 0;
        boolean isFinal = c.isFinal(value);
        Status status = isFinal ? (changed ? Status.MET : Status.NOT_MET) : (changed ? Status.ON_TRACK : Status.AT_RISK);
        Evaluation.Inputs inputs = new Evaluation.Inputs(value, spec.effectiveReference() == TargetSpec.Reference.BASELINE ? reference : null,
                spec.effectiveReference() == TargetSpec.Reference.BASELINE ? "target-baseline-year" : null,
                reference, null, null, c.cutoff(), isFinal);
        String movedZh = cmp > 0 ? "增加" : cmp < 0 ? "下降" : "持平";
        String movedEn = cmp > 0 ? "up" : cmp < 0 ? "down" : "unchanged";
        return verdict(status, inputs,
                value.period().chinese() + "数值 " + c.v(value.value()) + "，较" + reference.period().chinese() + "的 "
                        + c.v(reference.value()) + movedZh + "，目标为" + (increase ? "增加" : "下降") + "：" + status.chinese() + "。",
                value.period() + ": " + c.v(value.value()) + ", " + movedEn + " from " + c.v(reference.value()) + " in "
                        + reference.period() + "; the target asks for " + (increase ? "an increase" : "a decrease") + ": "
                        + status.english() + ".");
    }

    // --- reduce-pct-from-baseline -----------------------------------------------------------------------------------

    private static Evaluation reducePercent(Context c) {
        TargetSpec spec = c.spec();
        Figure baseline = c.series().at(Period.year(spec.baselineYear()));
        if (baseline == null || baseline.value() == null) {
            return baselineMissing(c, c.current());
        }
        BigDecimal factor = BigDecimal.ONE.subtract(spec.value().movePointLeft(2));
        BigDecimal aim = Numbers.round(baseline.value().multiply(factor));
        Figure value = c.current();
        if (value == null || value.value() == null) {
            return noValue(c);
        }
        String goal = "较" + spec.baselineYear() + "年（" + c.v(baseline.value()) + "）下降" + plain(spec.value()) + "%，即不高于 " + c.v(aim);
        String goalEn = plain(spec.value()) + "% below " + spec.baselineYear() + " (" + c.v(baseline.value()) + "), i.e. at most " + c.v(aim);
        boolean meets = value.value().compareTo(aim) <= 0;
        if (c.isFinal(value) || meets) {
            Status status = c.isFinal(value) ? (meets ? Status.MET : Status.NOT_MET) : Status.ON_TRACK;
            Evaluation.Inputs inputs = new Evaluation.Inputs(value, baseline, "target-baseline-year", null, aim, null, c.cutoff(), c.isFinal(value));
            return verdict(status, inputs,
                    value.period().chinese() + "数值 " + c.v(value.value()) + "，目标" + goal + "：" + status.chinese() + "。",
                    value.period() + ": " + c.v(value.value()) + "; the target is " + goalEn + ": " + status.english() + ".");
        }
        BigDecimal expected = linear(baseline, aim, c.targetPeriod(), value.period());
        boolean onTrack = value.value().compareTo(expected) <= 0;
        Evaluation.Inputs inputs = new Evaluation.Inputs(value, baseline, "target-baseline-year", null, aim, expected, c.cutoff(), false);
        return trajectoryVerdict(c, onTrack, value, baseline, goal, goalEn, expected, inputs);
    }

    // --- reduce-pp-per-year -----------------------------------------------------------------------------------------

    private static Evaluation reducePoints(Context c) {
        TargetSpec spec = c.spec();
        BigDecimal points = spec.value();
        if (spec.baselineYear() != null) {
            Figure baseline = c.series().at(Period.year(spec.baselineYear()));
            if (baseline == null || baseline.value() == null) {
                return baselineMissing(c, c.current());
            }
            Figure value = c.current();
            if (value == null || value.value() == null) {
                return noValue(c);
            }
            BigDecimal years = BigDecimal.valueOf(c.targetPeriod().halfYears() - baseline.period().halfYears()).movePointLeft(0)
                    .divide(BigDecimal.valueOf(2));
            BigDecimal aim = baseline.value().subtract(points.multiply(years)).max(BigDecimal.ZERO);
            String goal = "自" + spec.baselineYear() + "年（" + c.v(baseline.value()) + "）起每年降低" + plain(points)
                    + "个百分点，" + c.year() + "年不高于 " + c.v(aim);
            String goalEn = plain(points) + " points lower every year from " + spec.baselineYear() + " (" + c.v(baseline.value())
                    + "), at most " + c.v(aim) + " in " + c.year();
            if (c.isFinal(value)) {
                boolean meets = value.value().compareTo(aim) <= 0;
                Evaluation.Inputs inputs = new Evaluation.Inputs(value, baseline, "target-baseline-year", null, aim, null, c.cutoff(), true);
                Status status = meets ? Status.MET : Status.NOT_MET;
                return verdict(status, inputs,
                        value.period().chinese() + "数值 " + c.v(value.value()) + "，目标" + goal + "：" + status.chinese() + "。",
                        value.period() + ": " + c.v(value.value()) + "; the target is " + goalEn + ": " + status.english() + ".");
            }
            // the yearly pace is the trajectory itself
            BigDecimal elapsed = BigDecimal.valueOf(value.period().halfYears() - baseline.period().halfYears()).divide(BigDecimal.valueOf(2));
            BigDecimal expected = baseline.value().subtract(points.multiply(elapsed.max(BigDecimal.ZERO))).max(BigDecimal.ZERO);
            boolean onTrack = value.value().compareTo(expected) <= 0;
            Evaluation.Inputs inputs = new Evaluation.Inputs(value, baseline, "target-baseline-year", null, aim, expected, c.cutoff(), false);
            return trajectoryVerdict(c, onTrack, value, baseline, goal, goalEn, expected, inputs);
        }
        Figure value = c.current();
        if (value == null || value.value() == null) {
            return noValue(c);
        }
        Period earlier = value.period().yearEarlier();
        Figure reference = c.series().at(earlier);
        if (reference == null || reference.value() == null) {
            Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, null, null, null, null, c.cutoff(), c.isFinal(value));
            return new Evaluation(Status.NO_DATA, "reference-missing", inputs, new Evaluation.Explanation(
                    "目标为每年降低" + plain(points) + "个百分点，需与" + earlier.chinese() + "比较，但该期没有数值：无法判断。",
                    "The target asks for " + plain(points) + " points less than " + earlier + ", which has no value: cannot be judged."));
        }
        BigDecimal required = reference.value().subtract(points).max(BigDecimal.ZERO);
        boolean meets = value.value().compareTo(required) <= 0;
        boolean isFinal = c.isFinal(value);
        Status status = isFinal ? (meets ? Status.MET : Status.NOT_MET) : (meets ? Status.ON_TRACK : Status.AT_RISK);
        Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, null, reference, required, null, c.cutoff(), isFinal);
        BigDecimal drop = reference.value().subtract(value.value());
        return verdict(status, inputs,
                value.period().chinese() + "数值 " + c.v(value.value()) + "，较" + reference.period().chinese() + "的 "
                        + c.v(reference.value()) + "降低" + plain(drop) + "个百分点，目标每年降低" + plain(points) + "个百分点：" + status.chinese() + "。",
                value.period() + ": " + c.v(value.value()) + ", " + plain(drop) + " points below " + reference.period() + " ("
                        + c.v(reference.value()) + "); the target asks for " + plain(points) + " points a year: " + status.english() + ".");
    }

    // --- qualitative ------------------------------------------------------------------------------------------------

    private static Evaluation qualitative(Context c, Assessment assessment) {
        if (assessment == null) {
            return new Evaluation(Status.NEEDS_ASSESSMENT, "not-assessed", Evaluation.Inputs.none(c.cutoff()),
                    new Evaluation.Explanation("定性目标，尚无评估结论：待评估。", "A qualitative target nobody has assessed yet: needs assessment."));
        }
        Status s = assessment.verdict();
        return new Evaluation(s, null, Evaluation.Inputs.none(c.cutoff()), new Evaluation.Explanation(
                "定性目标，" + (assessment.assessedBy() == null ? "" : assessment.assessedBy() + " ") + "评估为“" + s.chinese() + "”：" + assessment.reason(),
                "Qualitative target assessed as " + s.english() + (assessment.assessedBy() == null ? "" : " by " + assessment.assessedBy())
                        + ": " + assessment.reason()));
    }

    // --- shared -----------------------------------------------------------------------------------------------------

    private record Baseline(Figure figure, String basis, boolean missingNamed) {
    }

    /** The target's named baseline year, else the earliest value before the judged one. */
    private static Baseline baseline(Context c, Figure value) {
        if (c.spec().baselineYear() != null) {
            Figure named = c.series().at(Period.year(c.spec().baselineYear()));
            if (named == null || named.value() == null) {
                return new Baseline(null, null, true);
            }
            return new Baseline(named, "target-baseline-year", false);
        }
        Figure earliest = c.series().earliestBefore(value.period().halfYears());
        return new Baseline(earliest, earliest == null ? null : "earliest-value", false);
    }

    /** The straight line from the baseline (at its period's end) to the aim (at the end of the target year). */
    static BigDecimal linear(Figure baseline, BigDecimal aim, Period targetPeriod, Period at) {
        long span = targetPeriod.halfYears() - baseline.period().halfYears();
        long done = Math.max(0, Math.min(span, at.halfYears() - baseline.period().halfYears()));
        if (span <= 0) {
            return aim;
        }
        BigDecimal fraction = Numbers.divide(BigDecimal.valueOf(done), BigDecimal.valueOf(span));
        return Numbers.round(baseline.value().add(aim.subtract(baseline.value()).multiply(fraction)));
    }

    private static Evaluation trajectoryVerdict(Context c, boolean onTrack, Figure value, Figure baseline, String goal,
                                                String goalEn, BigDecimal expected, Evaluation.Inputs inputs) {
        Status status = onTrack ? Status.ON_TRACK : Status.AT_RISK;
        return verdict(status, inputs,
                value.period().chinese() + "数值 " + c.v(value.value()) + "；从" + baseline.period().chinese() + "的 "
                        + c.v(baseline.value()) + " 到" + c.year() + "年目标 " + goal + " 的线性进度要求此时为 " + c.v(expected)
                        + "：" + status.chinese() + "。",
                value.period() + ": " + c.v(value.value()) + "; the straight line from " + c.v(baseline.value()) + " in "
                        + baseline.period() + " to the " + c.year() + " target " + goalEn + " asks for " + c.v(expected)
                        + " by then: " + status.english() + ".");
    }

    private static Evaluation noValue(Context c) {
        Indicator ind = c.indicator();
        if (ind.obtained() == Obtained.DERIVED) {
            Derivation d = ind.derivation();
            return new Evaluation(Status.NO_DATA, "derived-not-reported", Evaluation.Inputs.none(c.cutoff()), new Evaluation.Explanation(
                    "该指标由设施数据计算（" + d.facilityType() + " " + (d.measure() == Derivation.Measure.COVERAGE ? "覆盖率" : "数量")
                            + "），截至" + c.cutoff().chinese() + "尚无计算结果：无数据。",
                    "Derived from facility data (" + d.facilityType() + " " + d.measure().code() + "); no figure recorded up to "
                            + c.cutoff() + ": no data."));
        }
        return new Evaluation(Status.NO_DATA, "no-value", Evaluation.Inputs.none(c.cutoff()), new Evaluation.Explanation(
                "截至" + c.cutoff().chinese() + "没有已填报的数值：无数据。",
                "No value reported up to " + c.cutoff() + ": no data."));
    }

    private static Evaluation baselineMissing(Context c, Figure value) {
        int year = c.spec().baselineYear();
        Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, "target-baseline-year", null, null, null, c.cutoff(),
                value != null && c.isFinal(value));
        return new Evaluation(Status.NO_DATA, "baseline-missing", inputs, new Evaluation.Explanation(
                "目标以" + year + "年为基数，但本地区" + year + "年没有数值：无法判断（不作推测）。",
                "The target is measured from the region's " + year + " value, which is missing: cannot be judged (no guess)."));
    }

    private static Evaluation verdict(Status status, Evaluation.Inputs inputs, String zh, String en) {
        return new Evaluation(status, null, inputs, new Evaluation.Explanation(zh, en));
    }

    /** The target as written in Chinese: ≥90%, &lt;2‰, 0–17岁. */
    static String goalZh(Context c) {
        TargetSpec s = c.spec();
        if (s.kind() == TargetKind.RANGE) {
            return plain(s.value()) + "–" + c.v(s.valueMax());
        }
        return s.kind().symbol() + c.v(s.value());
    }

    static String goalEn(Context c) {
        TargetSpec s = c.spec();
        if (s.kind() == TargetKind.RANGE) {
            return plain(s.value()) + "–" + c.v(s.valueMax());
        }
        return s.kind().symbol() + " " + c.v(s.value());
    }
}
