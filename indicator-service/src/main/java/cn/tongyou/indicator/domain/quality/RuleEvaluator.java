package cn.tongyou.indicator.domain.quality;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Checks one rule against the values of one region and period. */
public final class RuleEvaluator {

    public enum State { PASSED, VIOLATED, SKIPPED }

    /** A value the rule read; {@code value} null when it was not reported. */
    public record Value(String indicator, Expression.Part part, BigDecimal value) {
    }

    /** The verdict, both sides as computed (null when skipped) and every value read. */
    public record Outcome(ValidationRule rule, State state, BigDecimal left, BigDecimal right, List<Value> values) {
    }

    private RuleEvaluator() {
    }

    /**
     * @param values the value of each reference, null when not reported
     */
    public static Outcome evaluate(ValidationRule rule, Function<Expression.Ref, BigDecimal> values) {
        List<Value> read = new ArrayList<>();
        int missing = 0;
        for (Expression.Ref ref : rule.references()) {
            BigDecimal v = values.apply(ref);
            if (v == null) {
                missing++;
            }
            read.add(new Value(ref.indicator(), ref.part(), v));
        }
        if (rule.missingValues().skips(read.size(), missing)) {
            return new Outcome(rule, State.SKIPPED, null, null, List.copyOf(read));
        }
        BigDecimal left = rule.left().evaluate(values);
        BigDecimal right = rule.right().evaluate(values);
        State state = rule.operator().holds(left, right) ? State.PASSED : State.VIOLATED;
        return new Outcome(rule, state, left, right, List.copyOf(read));
    }
}
