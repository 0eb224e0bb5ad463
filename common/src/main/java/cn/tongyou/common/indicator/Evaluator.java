package cn.tongyou.common.indicator;

import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.Finding.Goal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decides whether a target is met (目标评估), from the values of its region (docs/design.md §6.2).
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
 *
 * The rules below return a {@link Finding}; {@link EvaluationText} turns it into the explanation.
 */
public final class Evaluator {

    private Evaluator() {
    }

    public static Evaluation evaluate(Indicator indicator, TargetSpec spec, int year, Assessment assessment,
                                      Series series, Period asOf) {
        Period targetPeriod = Period.year(year);
        Period cutoff = asOf != null && asOf.halfYears() < targetPeriod.halfYears() ? asOf : targetPeriod;
        Context c = new Context(indicator, spec, year, targetPeriod, cutoff, series == null ? Series.empty() : series);
        Verdict verdict = switch (spec.kind()) {
            case QUALITATIVE -> qualitative(c, assessment);
            case BOOL -> bool(c);
            case INCREASE, DECREASE -> change(c);
            case REDUCE_PCT_FROM_BASELINE -> reducePercent(c);
            case REDUCE_PP_PER_YEAR -> reducePoints(c);
            case AT_LEAST, ABOVE, AT_MOST, BELOW, EQUALS, RANGE -> comparison(c);
        };
        return new Evaluation(verdict.status(), verdict.finding().code(), verdict.inputs(),
                new EvaluationText(indicator).explain(verdict.status(), verdict.finding()));
    }

    private record Context(Indicator indicator, TargetSpec spec, int year, Period targetPeriod, Period cutoff,
                           Series series) {

        Figure current() {
            return series.latestAtOrBefore(cutoff.halfYears());
        }

        boolean isFinal(Figure value) {
            return value.period().halfYears() == targetPeriod.halfYears();
        }
    }

    /** A status with the values it used and what an explanation of it needs. */
    private record Verdict(Status status, Evaluation.Inputs inputs, Finding finding) {
    }

    // --- comparisons: >= > <= < == range ----------------------------------------------------------------------------

    private static Verdict comparison(Context c) {
        Figure value = c.current();
        if (value == null || value.value() == null) {
            return noValue(c);
        }
        TargetSpec spec = c.spec();
        Goal goal = new Goal.Threshold(spec);
        boolean meets = meets(spec, value.value(), c.indicator());
        if (c.isFinal(value)) {
            Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, null, null, spec.value(), null, c.cutoff(), true);
            return new Verdict(meets ? Status.MET : Status.NOT_MET, inputs, new Finding.FinalComparison(value, goal));
        }
        if (meets) {
            Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, null, null, spec.value(), null, c.cutoff(), false);
            return new Verdict(Status.ON_TRACK, inputs, new Finding.AlreadySatisfied(value, c.year(), goal));
        }
        Baseline baseline = baseline(c, value);
        if (baseline.missingNamed()) {
            return baselineMissing(c, value);
        }
        if (baseline.figure() == null) {
            Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, null, null, spec.value(), null, c.cutoff(), false);
            return new Verdict(Status.AT_RISK, inputs, new Finding.NoTrajectory(value, c.year(), goal));
        }
        BigDecimal aim = aim(spec, baseline.figure().value());
        BigDecimal expected = linear(baseline.figure(), aim, c.targetPeriod(), value.period());
        boolean onTrack = onTrack(spec.kind(), value.value(), expected, aim);
        Evaluation.Inputs inputs = new Evaluation.Inputs(value, baseline.figure(), baseline.basis(), null, aim, expected,
                c.cutoff(), false);
        return trajectory(c, onTrack, value, baseline.figure(), goal, expected, inputs);
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

    private static Verdict bool(Context c) {
        Figure value = c.current();
        if (value == null || value.value() == null) {
            return noValue(c);
        }
        boolean want = Boolean.TRUE.equals(c.spec().boolValue());
        boolean got = value.value().signum() != 0;
        Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, null, null, want ? BigDecimal.ONE : BigDecimal.ZERO,
                null, c.cutoff(), c.isFinal(value));
        Status status = c.isFinal(value) ? (got == want ? Status.MET : Status.NOT_MET) : (got == want ? Status.ON_TRACK : Status.AT_RISK);
        return new Verdict(status, inputs, new Finding.YesNo(value, want));
    }

    // --- increase / decrease ----------------------------------------------------------------------------------------

    private static Verdict change(Context c) {
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
                return new Verdict(Status.NO_DATA, inputs, new Finding.ChangeReferenceMissing(increase, earlier));
            }
        }
        int cmp = value.value().compareTo(reference.value());
        boolean changed = increase ? cmp > 0 : cmp < 0;
        boolean isFinal = c.isFinal(value);
        Status status = isFinal ? (changed ? Status.MET : Status.NOT_MET) : (changed ? Status.ON_TRACK : Status.AT_RISK);
        Evaluation.Inputs inputs = new Evaluation.Inputs(value, spec.effectiveReference() == TargetSpec.Reference.BASELINE ? reference : null,
                spec.effectiveReference() == TargetSpec.Reference.BASELINE ? "target-baseline-year" : null,
                reference, null, null, c.cutoff(), isFinal);
        return new Verdict(status, inputs, new Finding.Change(value, reference, increase));
    }

    // --- reduce-pct-from-baseline -----------------------------------------------------------------------------------

    private static Verdict reducePercent(Context c) {
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
        Goal goal = new Goal.PercentBelowBaseline(spec.baselineYear(), baseline.value(), spec.value(), aim);
        boolean meets = value.value().compareTo(aim) <= 0;
        if (c.isFinal(value) || meets) {
            Status status = c.isFinal(value) ? (meets ? Status.MET : Status.NOT_MET) : Status.ON_TRACK;
            Evaluation.Inputs inputs = new Evaluation.Inputs(value, baseline, "target-baseline-year", null, aim, null, c.cutoff(), c.isFinal(value));
            return new Verdict(status, inputs, new Finding.AgainstGoal(value, goal));
        }
        BigDecimal expected = linear(baseline, aim, c.targetPeriod(), value.period());
        boolean onTrack = value.value().compareTo(expected) <= 0;
        Evaluation.Inputs inputs = new Evaluation.Inputs(value, baseline, "target-baseline-year", null, aim, expected, c.cutoff(), false);
        return trajectory(c, onTrack, value, baseline, goal, expected, inputs);
    }

    // --- reduce-pp-per-year -----------------------------------------------------------------------------------------

    private static Verdict reducePoints(Context c) {
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
            Goal goal = new Goal.PointsPerYearFromBaseline(spec.baselineYear(), baseline.value(), points, c.year(), aim);
            if (c.isFinal(value)) {
                boolean meets = value.value().compareTo(aim) <= 0;
                Evaluation.Inputs inputs = new Evaluation.Inputs(value, baseline, "target-baseline-year", null, aim, null, c.cutoff(), true);
                return new Verdict(meets ? Status.MET : Status.NOT_MET, inputs, new Finding.AgainstGoal(value, goal));
            }
            // the yearly pace is the trajectory itself
            BigDecimal elapsed = BigDecimal.valueOf(value.period().halfYears() - baseline.period().halfYears()).divide(BigDecimal.valueOf(2));
            BigDecimal expected = baseline.value().subtract(points.multiply(elapsed.max(BigDecimal.ZERO))).max(BigDecimal.ZERO);
            boolean onTrack = value.value().compareTo(expected) <= 0;
            Evaluation.Inputs inputs = new Evaluation.Inputs(value, baseline, "target-baseline-year", null, aim, expected, c.cutoff(), false);
            return trajectory(c, onTrack, value, baseline, goal, expected, inputs);
        }
        Figure value = c.current();
        if (value == null || value.value() == null) {
            return noValue(c);
        }
        Period earlier = value.period().yearEarlier();
        Figure reference = c.series().at(earlier);
        if (reference == null || reference.value() == null) {
            Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, null, null, null, null, c.cutoff(), c.isFinal(value));
            return new Verdict(Status.NO_DATA, inputs, new Finding.YearlyReductionReferenceMissing(points, earlier));
        }
        BigDecimal required = reference.value().subtract(points).max(BigDecimal.ZERO);
        boolean meets = value.value().compareTo(required) <= 0;
        boolean isFinal = c.isFinal(value);
        Status status = isFinal ? (meets ? Status.MET : Status.NOT_MET) : (meets ? Status.ON_TRACK : Status.AT_RISK);
        Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, null, reference, required, null, c.cutoff(), isFinal);
        return new Verdict(status, inputs, new Finding.YearlyReduction(value, reference, points));
    }

    // --- qualitative ------------------------------------------------------------------------------------------------

    private static Verdict qualitative(Context c, Assessment assessment) {
        if (assessment == null) {
            return new Verdict(Status.NEEDS_ASSESSMENT, Evaluation.Inputs.none(c.cutoff()), new Finding.NotAssessed());
        }
        return new Verdict(assessment.verdict(), Evaluation.Inputs.none(c.cutoff()), new Finding.Assessed(assessment));
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

    private static Verdict trajectory(Context c, boolean onTrack, Figure value, Figure baseline, Goal goal,
                                      BigDecimal expected, Evaluation.Inputs inputs) {
        return new Verdict(onTrack ? Status.ON_TRACK : Status.AT_RISK, inputs,
                new Finding.Trajectory(value, baseline, c.year(), goal, expected));
    }

    private static Verdict noValue(Context c) {
        Indicator ind = c.indicator();
        Finding finding = ind.obtained() == Obtained.DERIVED
                ? new Finding.DerivedNotReported(ind.derivation(), c.cutoff())
                : new Finding.NoValue(c.cutoff());
        return new Verdict(Status.NO_DATA, Evaluation.Inputs.none(c.cutoff()), finding);
    }

    private static Verdict baselineMissing(Context c, Figure value) {
        Evaluation.Inputs inputs = new Evaluation.Inputs(value, null, "target-baseline-year", null, null, null, c.cutoff(),
                value != null && c.isFinal(value));
        return new Verdict(Status.NO_DATA, inputs, new Finding.BaselineMissing(c.spec().baselineYear()));
    }
}
