package cn.tongyou.common.indicator;


import cn.tongyou.common.problem.Issue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.tongyou.common.indicator.IndicatorFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

/** Which parameters each kind needs, against the indicator's value type. */
class TargetRulesTest {

    static List<String> fields(TargetSpec spec, Indicator ind) {
        return TargetRules.validate(spec, 2025, ind).stream().map(Issue::field).toList();
    }

    @Test
    void comparisonsNeedAValueInTheUnitsRange() {
        assertThat(fields(TargetSpec.of(TargetKind.AT_LEAST, d("90")), IndicatorFixtures.percentage())).isEmpty();
        assertThat(fields(new TargetSpec(TargetKind.AT_LEAST, null, null, null, null, null), IndicatorFixtures.percentage())).containsExactly("value");
        assertThat(fields(TargetSpec.of(TargetKind.AT_LEAST, d("101")), IndicatorFixtures.percentage())).containsExactly("value");
        assertThat(fields(TargetSpec.of(TargetKind.BELOW, d("-1")), IndicatorFixtures.perMille())).containsExactly("value");
        assertThat(fields(new TargetSpec(TargetKind.AT_LEAST, d("90"), d("95"), null, null, null), IndicatorFixtures.percentage())).containsExactly("valueMax");
        assertThat(fields(new TargetSpec(TargetKind.AT_LEAST, d("90"), null, null, 2025, null), IndicatorFixtures.percentage())).containsExactly("baselineYear");
    }

    @Test
    void aRangeNeedsOrderedBounds() {
        assertThat(fields(new TargetSpec(TargetKind.RANGE, d("0"), d("17"), null, null, null), IndicatorFixtures.number("岁"))).isEmpty();
        assertThat(fields(new TargetSpec(TargetKind.RANGE, d("3"), d("2"), null, null, null), IndicatorFixtures.number("个"))).containsExactly("valueMax");
        assertThat(fields(new TargetSpec(TargetKind.RANGE, d("3"), null, null, null, null), IndicatorFixtures.number("个"))).containsExactly("valueMax");
    }

    @Test
    void boolNeedsABooleanIndicatorAndAnAnswer() {
        assertThat(fields(new TargetSpec(TargetKind.BOOL, null, null, true, null, null), IndicatorFixtures.bool())).isEmpty();
        assertThat(fields(new TargetSpec(TargetKind.BOOL, null, null, null, null, null), IndicatorFixtures.bool())).containsExactly("boolValue");
        assertThat(fields(new TargetSpec(TargetKind.BOOL, null, null, true, null, null), IndicatorFixtures.percentage())).containsExactly("kind");
        assertThat(fields(TargetSpec.of(TargetKind.AT_LEAST, d("1")), IndicatorFixtures.bool())).containsExactly("kind");
    }

    @Test
    void reductionsNeedTheirBaseline() {
        assertThat(fields(new TargetSpec(TargetKind.REDUCE_PCT_FROM_BASELINE, d("20"), null, null, 2020, null), IndicatorFixtures.number("1/10万"))).isEmpty();
        assertThat(fields(new TargetSpec(TargetKind.REDUCE_PCT_FROM_BASELINE, d("20"), null, null, null, null), IndicatorFixtures.number("1/10万")))
                .containsExactly("baselineYear");
        assertThat(fields(new TargetSpec(TargetKind.REDUCE_PCT_FROM_BASELINE, d("120"), null, null, 2020, null), IndicatorFixtures.number("1/10万")))
                .containsExactly("value");
        assertThat(fields(new TargetSpec(TargetKind.REDUCE_PP_PER_YEAR, d("0.5"), null, null, null, null), IndicatorFixtures.percentage())).isEmpty();
        assertThat(fields(new TargetSpec(TargetKind.REDUCE_PP_PER_YEAR, d("0.5"), null, null, null, null), IndicatorFixtures.count())).containsExactly("kind");
        assertThat(fields(new TargetSpec(TargetKind.REDUCE_PP_PER_YEAR, d("0"), null, null, null, null), IndicatorFixtures.percentage())).containsExactly("value");
    }

    @Test
    void increaseAgainstABaselineNamesIt() {
        assertThat(fields(new TargetSpec(TargetKind.INCREASE, null, null, null, null, null), IndicatorFixtures.count())).isEmpty();
        assertThat(fields(new TargetSpec(TargetKind.INCREASE, null, null, null, null, TargetSpec.Reference.BASELINE), IndicatorFixtures.count()))
                .containsExactly("baselineYear");
        assertThat(fields(new TargetSpec(TargetKind.DECREASE, d("1"), null, null, null, null), IndicatorFixtures.count())).containsExactly("value");
    }

    @Test
    void aTextIndicatorOnlyHasQualitativeTargets() {
        assertThat(fields(new TargetSpec(TargetKind.QUALITATIVE, null, null, null, null, null), IndicatorFixtures.text())).isEmpty();
        assertThat(fields(new TargetSpec(TargetKind.INCREASE, null, null, null, null, null), IndicatorFixtures.text())).containsExactly("kind");
        assertThat(fields(new TargetSpec(TargetKind.QUALITATIVE, d("1"), null, null, null, null), IndicatorFixtures.text())).containsExactly("value");
    }

    @Test
    void sameAsComparesNumbersByValue() {
        assertThat(TargetSpec.of(TargetKind.AT_LEAST, d("4.20")).sameAs(TargetSpec.of(TargetKind.AT_LEAST, d("4.2")))).isTrue();
        assertThat(TargetSpec.of(TargetKind.AT_LEAST, d("4.2")).sameAs(TargetSpec.of(TargetKind.ABOVE, d("4.2")))).isFalse();
        assertThat(new TargetSpec(TargetKind.INCREASE, null, null, null, null, null)
                .sameAs(new TargetSpec(TargetKind.INCREASE, null, null, null, null, TargetSpec.Reference.PREVIOUS))).isTrue();
    }
}
