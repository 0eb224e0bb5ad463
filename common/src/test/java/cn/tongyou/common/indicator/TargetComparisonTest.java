package cn.tongyou.common.indicator;


import org.junit.jupiter.api.Test;

import static cn.tongyou.common.indicator.IndicatorFixtures.d;
import static cn.tongyou.common.indicator.IndicatorFixtures.spec;
import static cn.tongyou.common.indicator.TargetComparison.Verdict.NOT_COMPARABLE;
import static cn.tongyou.common.indicator.TargetComparison.Verdict.SAME;
import static cn.tongyou.common.indicator.TargetComparison.Verdict.STRONGER;
import static cn.tongyou.common.indicator.TargetComparison.Verdict.WEAKER;
import static org.assertj.core.api.Assertions.assertThat;

/** Where a local target asks less than the level above. */
class TargetComparisonTest {

    @Test
    void aLowerFloorIsWeaker() {
        assertThat(TargetComparison.compare(spec(TargetKind.AT_LEAST, "90"), spec(TargetKind.AT_LEAST, "95"))).isEqualTo(WEAKER);
        assertThat(TargetComparison.compare(spec(TargetKind.AT_LEAST, "93"), spec(TargetKind.AT_LEAST, "90"))).isEqualTo(STRONGER);
        assertThat(TargetComparison.compare(spec(TargetKind.AT_LEAST, "90"), spec(TargetKind.AT_LEAST, "90.0"))).isEqualTo(SAME);
        // at the same value "≥ 90" allows 90 where "> 90" does not
        assertThat(TargetComparison.compare(spec(TargetKind.AT_LEAST, "90"), spec(TargetKind.ABOVE, "90"))).isEqualTo(WEAKER);
        assertThat(TargetComparison.compare(spec(TargetKind.ABOVE, "90"), spec(TargetKind.AT_LEAST, "90"))).isEqualTo(STRONGER);
    }

    @Test
    void aHigherCeilingIsWeaker() {
        assertThat(TargetComparison.compare(spec(TargetKind.AT_MOST, "3"), spec(TargetKind.AT_MOST, "2"))).isEqualTo(WEAKER);
        assertThat(TargetComparison.compare(spec(TargetKind.BELOW, "2"), spec(TargetKind.AT_MOST, "2"))).isEqualTo(STRONGER);
        assertThat(TargetComparison.compare(spec(TargetKind.AT_MOST, "2"), spec(TargetKind.BELOW, "2"))).isEqualTo(WEAKER);
    }

    @Test
    void aSmallerReductionIsWeakerAgainstTheSameBaseline() {
        TargetSpec local = new TargetSpec(TargetKind.REDUCE_PCT_FROM_BASELINE, d("14"), null, null, 2020, null);
        TargetSpec national = new TargetSpec(TargetKind.REDUCE_PCT_FROM_BASELINE, d("20"), null, null, 2020, null);
        assertThat(TargetComparison.compare(local, national)).isEqualTo(WEAKER);
        TargetSpec otherBase = new TargetSpec(TargetKind.REDUCE_PCT_FROM_BASELINE, d("20"), null, null, 2015, null);
        assertThat(TargetComparison.compare(local, otherBase)).isEqualTo(NOT_COMPARABLE);
    }

    @Test
    void rangesAndMixedFormsAndBooleans() {
        TargetSpec wide = new TargetSpec(TargetKind.RANGE, d("0"), d("17"), null, null, null);
        TargetSpec narrow = new TargetSpec(TargetKind.RANGE, d("0"), d("14"), null, null, null);
        assertThat(TargetComparison.compare(wide, narrow)).isEqualTo(WEAKER);
        assertThat(TargetComparison.compare(narrow, wide)).isEqualTo(STRONGER);
        assertThat(TargetComparison.compare(spec(TargetKind.AT_LEAST, "90"), spec(TargetKind.AT_MOST, "95"))).isEqualTo(NOT_COMPARABLE);
        assertThat(TargetComparison.compare(new TargetSpec(TargetKind.INCREASE, null, null, null, null, null), spec(TargetKind.AT_LEAST, "60")))
                .isEqualTo(NOT_COMPARABLE);
        assertThat(TargetComparison.compare(new TargetSpec(TargetKind.BOOL, null, null, false, null, null),
                new TargetSpec(TargetKind.BOOL, null, null, true, null, null))).isEqualTo(WEAKER);
    }
}
