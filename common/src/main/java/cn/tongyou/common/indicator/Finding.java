package cn.tongyou.common.indicator;

import cn.tongyou.common.period.Period;
import java.math.BigDecimal;

/**
 * What an evaluation found, in the terms its explanation needs: which figures were compared, with what, and why a
 * verdict could not be reached. {@link Evaluator} decides and returns a finding; {@link EvaluationText} words it, so
 * that changing a sentence never touches a rule.
 */
sealed interface Finding {

    /** The stable code of a verdict without a judged value ({@link Evaluation#reason()}); null when a value was judged. */
    default String code() {
        return null;
    }

    /** The target period's own value against a threshold or range: MET or NOT_MET. */
    record FinalComparison(Figure value, Goal goal) implements Finding {
    }

    /** A value before the target period that already satisfies the target of {@code year}. */
    record AlreadySatisfied(Figure value, int year, Goal goal) implements Finding {
    }

    /** A value short of the target of {@code year}, with no earlier value to draw a trajectory from. */
    record NoTrajectory(Figure value, int year, Goal goal) implements Finding {
    }

    /** A value against the straight line from the baseline to the target of {@code year}, which asks for {@code expected}. */
    record Trajectory(Figure value, Figure baseline, int year, Goal goal, BigDecimal expected) implements Finding {
    }

    /** A 是/否 value against the answer the target wants. */
    record YesNo(Figure value, boolean wanted) implements Finding {
    }

    /** A value against the one it must increase or decrease on. */
    record Change(Figure value, Figure reference, boolean increase) implements Finding {
    }

    /** A value against a reduction goal computed from the baseline. */
    record AgainstGoal(Figure value, Goal goal) implements Finding {
    }

    /** A value against the previous year's, when the target asks for {@code points} percentage points less a year. */
    record YearlyReduction(Figure value, Figure reference, BigDecimal points) implements Finding {
    }

    /** A qualitative target with a person's verdict. */
    record Assessed(Assessment assessment) implements Finding {
    }

    record NotAssessed() implements Finding {
        @Override
        public String code() {
            return "not-assessed";
        }
    }

    /** Nothing reported up to the cut-off. */
    record NoValue(Period cutoff) implements Finding {
        @Override
        public String code() {
            return "no-value";
        }
    }

    /** A facility-derived indicator with no computed figure up to the cut-off. */
    record DerivedNotReported(Derivation derivation, Period cutoff) implements Finding {
        @Override
        public String code() {
            return "derived-not-reported";
        }
    }

    /** The region has no value for the baseline year the target names. */
    record BaselineMissing(int baselineYear) implements Finding {
        @Override
        public String code() {
            return "baseline-missing";
        }
    }

    /** An increase or decrease on {@code earlier}, which has no value. */
    record ChangeReferenceMissing(boolean increase, Period earlier) implements Finding {
        @Override
        public String code() {
            return "reference-missing";
        }
    }

    /** A yearly reduction by {@code points} on {@code earlier}, which has no value. */
    record YearlyReductionReferenceMissing(BigDecimal points, Period earlier) implements Finding {
        @Override
        public String code() {
            return "reference-missing";
        }
    }

    /** What a target asks for, as an explanation states it. */
    sealed interface Goal {

        /** A comparison or range as written in the plan: ≥90%, &lt;2‰, 2–3个. */
        record Threshold(TargetSpec spec) implements Goal {
        }

        /** {@code percent} % below the baseline year's value, i.e. at most {@code aim}. */
        record PercentBelowBaseline(int baselineYear, BigDecimal baseline, BigDecimal percent, BigDecimal aim)
                implements Goal {
        }

        /** {@code points} percentage points less every year from the baseline year, at most {@code aim} in {@code year}. */
        record PointsPerYearFromBaseline(int baselineYear, BigDecimal baseline, BigDecimal points, int year,
                                         BigDecimal aim) implements Goal {
        }
    }
}
