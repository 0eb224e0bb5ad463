package cn.tongyou.indicator.domain.quality;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each operator on hand-picked values, strict against non-strict, the == tolerance, each missing-value strategy. */
class RuleEvaluatorTest {

    static ValidationRule rule(String left, String op, String right, MissingValueStrategy missing) {
        return new ValidationRule("r", "r", null, Expression.parse(left), cn.tongyou.common.code.Coded.of(Operator.class, "op", op),
                Expression.parse(right), Importance.HIGH, true, missing, 1, null, null, null, null);
    }

    static RuleEvaluator.State state(String left, String op, String right, Map<String, String> values, MissingValueStrategy missing) {
        Map<Expression.Ref, BigDecimal> byRef = new HashMap<>();
        values.forEach((k, v) -> byRef.put(new Expression.Ref(k, Expression.Part.VALUE), new BigDecimal(v)));
        return RuleEvaluator.evaluate(rule(left, op, right, missing), byRef::get).state();
    }

    static RuleEvaluator.State check(String a, String op, String b) {
        return state("#{aa}", op, "#{bb}", Map.of("aa", a, "bb", b), MissingValueStrategy.SKIP_IF_ANY_MISSING);
    }

    @Test
    void lessThanIsStrictAndLessOrEqualIsNot() {
        assertThat(check("2", "<", "3")).isEqualTo(RuleEvaluator.State.PASSED);
        assertThat(check("3", "<", "3")).isEqualTo(RuleEvaluator.State.VIOLATED);
        assertThat(check("3", "<=", "3")).isEqualTo(RuleEvaluator.State.PASSED);
        assertThat(check("3.01", "<=", "3")).isEqualTo(RuleEvaluator.State.VIOLATED);
    }

    @Test
    void greaterThanIsStrictAndGreaterOrEqualIsNot() {
        assertThat(check("4", ">", "3")).isEqualTo(RuleEvaluator.State.PASSED);
        assertThat(check("3", ">", "3")).isEqualTo(RuleEvaluator.State.VIOLATED);
        assertThat(check("3", ">=", "3")).isEqualTo(RuleEvaluator.State.PASSED);
        assertThat(check("2.99", ">=", "3")).isEqualTo(RuleEvaluator.State.VIOLATED);
    }

    @Test
    void equalityAllowsOneMillionthAndNoMore() {
        // |100 − 100.000001| = 0.000001 ≤ tolerance: equal; |100 − 100.000002| = 0.000002: not equal
        assertThat(check("100", "==", "100.000001")).isEqualTo(RuleEvaluator.State.PASSED);
        assertThat(check("100", "==", "100.000002")).isEqualTo(RuleEvaluator.State.VIOLATED);
        assertThat(check("100", "!=", "100.000001")).isEqualTo(RuleEvaluator.State.VIOLATED);
        assertThat(check("100", "!=", "100.000002")).isEqualTo(RuleEvaluator.State.PASSED);
        // strict comparisons take no tolerance: 100 < 100.000001 holds
        assertThat(check("100", "<", "100.000001")).isEqualTo(RuleEvaluator.State.PASSED);
    }

    @Test
    void boysPlusGirlsEqualsTotalWithTheValuesInvolved() {
        ValidationRule r = rule("#{boys} + #{girls}", "==", "#{total}", MissingValueStrategy.SKIP_IF_ANY_MISSING);
        Map<Expression.Ref, BigDecimal> v = Map.of(new Expression.Ref("boys", Expression.Part.VALUE), new BigDecimal("51"),
                new Expression.Ref("girls", Expression.Part.VALUE), new BigDecimal("48"),
                new Expression.Ref("total", Expression.Part.VALUE), new BigDecimal("100"));
        RuleEvaluator.Outcome o = RuleEvaluator.evaluate(r, v::get);
        // 51 + 48 = 99 ≠ 100
        assertThat(o.state()).isEqualTo(RuleEvaluator.State.VIOLATED);
        assertThat(o.left()).isEqualByComparingTo("99");
        assertThat(o.right()).isEqualByComparingTo("100");
        assertThat(o.values()).extracting(RuleEvaluator.Value::indicator).containsExactly("boys", "girls", "total");
        assertThat(r.kind()).isEqualTo(ValidationRule.Kind.RULE);
        assertThat(rule("#{boys}", "<=", "1000", MissingValueStrategy.NEVER_SKIP).kind()).isEqualTo(ValidationRule.Kind.BOUNDS);
    }

    @Test
    void skipIfAnyMissingSkipsWhenOneValueIsAbsent() {
        assertThat(state("#{aa} + #{bb}", "<=", "#{cc}", Map.of("aa", "5", "cc", "1"), MissingValueStrategy.SKIP_IF_ANY_MISSING))
                .isEqualTo(RuleEvaluator.State.SKIPPED);
        assertThat(state("#{aa} + #{bb}", "<=", "#{cc}", Map.of("aa", "5", "bb", "0", "cc", "1"), MissingValueStrategy.SKIP_IF_ANY_MISSING))
                .isEqualTo(RuleEvaluator.State.VIOLATED);
    }

    @Test
    void skipIfAllMissingChecksWhenOneValueIsThereCountingTheOthersAsZero() {
        // a = 5, b missing → 0, c missing → 0: 5 + 0 <= 0 is false
        assertThat(state("#{aa} + #{bb}", "<=", "#{cc}", Map.of("aa", "5"), MissingValueStrategy.SKIP_IF_ALL_MISSING))
                .isEqualTo(RuleEvaluator.State.VIOLATED);
        assertThat(state("#{aa} + #{bb}", "<=", "#{cc}", Map.of(), MissingValueStrategy.SKIP_IF_ALL_MISSING))
                .isEqualTo(RuleEvaluator.State.SKIPPED);
    }

    @Test
    void neverSkipChecksEvenWithoutAnyValue() {
        // nothing reported: 0 > 0 is false — "a must be reported and positive"
        assertThat(state("#{aa}", ">", "0", Map.of(), MissingValueStrategy.NEVER_SKIP)).isEqualTo(RuleEvaluator.State.VIOLATED);
        assertThat(state("#{aa}", ">", "0", Map.of("aa", "1"), MissingValueStrategy.NEVER_SKIP)).isEqualTo(RuleEvaluator.State.PASSED);
    }
}
