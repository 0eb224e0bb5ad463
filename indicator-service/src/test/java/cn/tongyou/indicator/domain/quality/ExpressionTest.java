package cn.tongyou.indicator.domain.quality;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionTest {

    static final Expression.Ref A = new Expression.Ref("a-rate", Expression.Part.VALUE);
    static final Expression.Ref A_NUM = new Expression.Ref("a-rate", Expression.Part.NUMERATOR);
    static final Expression.Ref B_DEN = new Expression.Ref("b-rate", Expression.Part.DENOMINATOR);

    @Test
    void aSumOfReferencesPartsAndNumbersIsComputedExactly() {
        Expression e = Expression.parse("#{a-rate} + 2 * #{a-rate.numerator} − #{b-rate.denominator} × 0.5 - 1.25");
        assertThat(e.references()).containsExactly(A, A_NUM, B_DEN);
        // 3 + 2·10 − 7·0.5 − 1.25 = 3 + 20 − 3.5 − 1.25 = 18.25
        BigDecimal v = e.evaluate(Map.of(A, new BigDecimal("3"), A_NUM, new BigDecimal("10"), B_DEN, new BigDecimal("7"))::get);
        assertThat(v).isEqualByComparingTo("18.25");
        assertThat(e.isConstant()).isFalse();
        assertThat(e.isSingleReference()).isFalse();
    }

    @Test
    void aMissingValueCountsAsZeroWhenTheRuleIsChecked() {
        assertThat(Expression.parse("#{a-rate} + 4").evaluate(ref -> null)).isEqualByComparingTo("4");
    }

    @Test
    void aLeadingSignAndANumberBeforeOrAfterTheReferenceAreAccepted() {
        Map<Expression.Ref, BigDecimal> values = Map.of(A, new BigDecimal("2"));
        assertThat(Expression.parse("-#{a-rate}").evaluate(values::get)).isEqualByComparingTo("-2");
        assertThat(Expression.parse("#{a-rate} * 3").evaluate(values::get)).isEqualByComparingTo("6");
        assertThat(Expression.parse("100").isConstant()).isTrue();
        assertThat(Expression.parse(" #{a-rate} ").isSingleReference()).isTrue();
    }

    @Test
    void anUnreadableTextNamesThePositionWhereReadingStopped() {
        assertPosition("#{a-rate} +", 12);
        assertPosition("#{a-rate} #{b-rate}", 11);
        assertPosition("#{a-rate} * #{b-rate}", 13);
        assertPosition("#{a-rate", 1);
        assertPosition("#{a-rate.total}", 10);
        assertPosition("#{A_RATE}", 3);
        assertPosition("1.2.3", 1);
        assertPosition("", 1);
        assertPosition("(#{a-rate})", 1);
    }

    private static void assertPosition(String text, int position) {
        assertThatThrownBy(() -> Expression.parse(text)).isInstanceOf(Expression.InvalidException.class)
                .satisfies(e -> assertThat(((Expression.InvalidException) e).position()).as(text).isEqualTo(position))
                .hasMessageContaining("at position " + position);
    }
}
