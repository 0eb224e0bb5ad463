package cn.tongyou.common.indicator;


import cn.tongyou.common.period.Period;
import org.junit.jupiter.api.Test;

import static cn.tongyou.common.indicator.IndicatorFixtures.d;
import static cn.tongyou.common.indicator.IndicatorFixtures.series;
import static cn.tongyou.common.indicator.IndicatorFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Open SDG progress measure, computed by hand. */
class ProgressMeasureTest {

    @Test
    void withATargetTheRatioOfObservedToRequiredGrowthDecides() {
        // observed (86/80)^(1/3) − 1 = 0.024400; required (90/80)^(1/5) − 1 = 0.023836; ratio 1.0237 ≥ 0.95
        ProgressMeasure.Result r = ProgressMeasure.measure(spec(TargetKind.AT_LEAST, "90"), 2025, series("2020", 80, "2023", 86), Period.year(2025));
        assertThat(r.method()).isEqualTo("target");
        assertThat(r.progressValue()).isCloseTo(1.0237, within(0.0005));
        assertThat(r.status()).isEqualTo("substantial_progress");
        assertThat(r.score()).isCloseTo(3.03, within(0.01));
        assertThat(r.basePeriod()).isEqualTo(Period.parse("2020"));
        assertThat(r.currentPeriod()).isEqualTo(Period.parse("2023"));
    }

    @Test
    void aDecreaseTargetCountsFallingValuesAsProgress() {
        // 4‰ → 3‰ in 3 years against ≤ 2‰ by 2025: (0.75)^(1/3) − 1 = −0.091440, (0.5)^(1/5) − 1 = −0.129449 → 0.7064
        ProgressMeasure.Result r = ProgressMeasure.measure(spec(TargetKind.AT_MOST, "2"), 2025, series("2020", 4, "2023", 3), Period.year(2025));
        assertThat(r.progressValue()).isCloseTo(0.7064, within(0.0005));
        assertThat(r.status()).isEqualTo("moderate_progress");
        assertThat(r.score()).isCloseTo(7.1429 * 0.7064 - 4.2857, within(0.01));
    }

    @Test
    void movingAwayIsDeteriorationAndReachingItIsAchieved() {
        ProgressMeasure.Result worse = ProgressMeasure.measure(spec(TargetKind.AT_LEAST, "90"), 2025, series("2020", 80, "2023", 78), Period.year(2025));
        assertThat(worse.status()).isEqualTo("deterioration");
        assertThat(worse.score()).isCloseTo(Math.max(4.1667 * worse.progressValue() - 2.5, -5), within(0.01));
        ProgressMeasure.Result done = ProgressMeasure.measure(spec(TargetKind.AT_LEAST, "90"), 2025, series("2020", 80, "2023", 91), Period.year(2025));
        assertThat(done.status()).isEqualTo("target_achieved");
        assertThat(done.score()).isEqualTo(5.0);
    }

    @Test
    void withoutATargetValueTheGrowthRateItselfDecides() {
        TargetSpec increase = new TargetSpec(TargetKind.INCREASE, null, null, null, null, null);
        ProgressMeasure.Result r = ProgressMeasure.measure(increase, 2025, series("2023", 100, "2024", 101), Period.year(2025));
        assertThat(r.method()).isEqualTo("trend");
        assertThat(r.progressValue()).isCloseTo(0.01, within(0.00001));
        assertThat(r.status()).isEqualTo("moderate_progress");
        assertThat(r.score()).isCloseTo(1.25, within(0.001));
        TargetSpec decrease = new TargetSpec(TargetKind.DECREASE, null, null, null, null, null);
        assertThat(ProgressMeasure.measure(decrease, 2025, series("2023", 100, "2024", 101), Period.year(2025)).status())
                .isEqualTo("deterioration");
    }

    @Test
    void thresholdsAndScoresMeetAtTheBoundaries() {
        assertThat(ProgressMeasure.targetStatus(0.95)).isEqualTo("substantial_progress");
        assertThat(ProgressMeasure.targetStatus(0.9499)).isEqualTo("moderate_progress");
        assertThat(ProgressMeasure.targetStatus(0.6)).isEqualTo("moderate_progress");
        assertThat(ProgressMeasure.targetStatus(0.5999)).isEqualTo("limited_progress");
        assertThat(ProgressMeasure.targetStatus(0)).isEqualTo("limited_progress");
        assertThat(ProgressMeasure.targetStatus(-0.0001)).isEqualTo("deterioration");
        assertThat(ProgressMeasure.targetScore(0.95)).isCloseTo(2.5, within(0.001));
        assertThat(ProgressMeasure.targetScore(0.6)).isCloseTo(0, within(0.001));
        assertThat(ProgressMeasure.targetScore(0)).isCloseTo(-2.5, within(0.001));
        assertThat(ProgressMeasure.targetScore(9)).isEqualTo(5);
        assertThat(ProgressMeasure.targetScore(-9)).isEqualTo(-5);
        assertThat(ProgressMeasure.trendStatus(0.015)).isEqualTo("substantial_progress");
        assertThat(ProgressMeasure.trendStatus(0.005)).isEqualTo("moderate_progress");
        assertThat(ProgressMeasure.trendScore(0.015)).isCloseTo(2.5, within(0.001));
        assertThat(ProgressMeasure.trendScore(0.005)).isCloseTo(0, within(0.001));
        assertThat(ProgressMeasure.trendScore(0)).isCloseTo(-2.5, within(0.001));
    }

    @Test
    void halfYearsAreAnnualised() {
        // 2022.5 → 2023.0 is half a year: 100 → 101 is (1.01)^2 − 1 = 2.01% a year
        TargetSpec increase = new TargetSpec(TargetKind.INCREASE, null, null, null, null, null);
        ProgressMeasure.Result r = ProgressMeasure.measure(increase, 2025, series("2023H1", 100, "2023H2", 101), Period.year(2025));
        assertThat(r.progressValue()).isCloseTo(0.0201, within(0.00005));
    }

    @Test
    void aReductionTargetGetsItsValueFromTheBaseline() {
        TargetSpec minus20 = new TargetSpec(TargetKind.REDUCE_PCT_FROM_BASELINE, d("20"), null, null, 2020, null);
        ProgressMeasure.Result r = ProgressMeasure.measure(minus20, 2025, series("2020", 10, "2022", 9), Period.year(2025));
        assertThat(r.targetValue()).isEqualByComparingTo("8");
        assertThat(r.method()).isEqualTo("target");
    }

    @Test
    void notAvailableWithoutTwoValuesOrADirection() {
        assertThat(ProgressMeasure.measure(spec(TargetKind.AT_LEAST, "90"), 2025, series("2023", 86), Period.year(2025))).isNull();
        TargetSpec range = new TargetSpec(TargetKind.RANGE, d("1"), d("2"), null, null, null);
        assertThat(ProgressMeasure.measure(range, 2025, series("2020", 1, "2023", 2), Period.year(2025))).isNull();
        assertThat(ProgressMeasure.measure(new TargetSpec(TargetKind.BOOL, null, null, true, null, null), 2025,
                series("2020", 0, "2023", 1), Period.year(2025))).isNull();
    }
}
