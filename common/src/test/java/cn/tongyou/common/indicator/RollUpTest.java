package cn.tongyou.common.indicator;


import cn.tongyou.common.period.Period;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static cn.tongyou.common.indicator.IndicatorFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

/** A parent's value is formed from summed parts, never from averaged ratios. */
class RollUpTest {

    static final Period Y = Period.year(2025);

    static RollUp.LevelSum parts(String child, int depth, String numerator, String denominator, long regions) {
        return new RollUp.LevelSum(child, depth, Y, d(numerator), d(denominator), null, regions);
    }

    @Test
    void sumsNumeratorsAndDenominatorsInsteadOfAveragingRatios() {
        // 1/10 = 10% and 9/30 = 30%: the average of the ratios would be 20%, the county's rate is 10/40 = 25%
        List<Figure> f = RollUp.combine(IndicatorFixtures.percentage(), List.of(parts("410402001", 4, "1", "10", 1), parts("410402002", 4, "9", "30", 1)));
        assertThat(f).hasSize(1);
        assertThat(f.get(0).value()).isEqualByComparingTo("25");
        assertThat(f.get(0).numerator()).isEqualByComparingTo("10");
        assertThat(f.get(0).denominator()).isEqualByComparingTo("40");
        assertThat(f.get(0).contributors()).isEqualTo(2);
        assertThat(f.get(0).source()).isEqualTo(Figure.Source.ROLLUP);
    }

    @Test
    void withinAChildTheShallowestLevelWithValuesCounts() {
        // township 001 reported 5/50 itself and its villages 3/30 in all: its own figure counts, not both
        List<RollUp.LevelSum> sums = List.of(parts("410402001", 4, "5", "50", 1), parts("410402001", 5, "3", "30", 2),
                parts("410402002", 5, "3", "30", 3));
        Figure f = RollUp.combine(IndicatorFixtures.percentage(), sums).get(0);
        assertThat(f.numerator()).isEqualByComparingTo("8");
        assertThat(f.denominator()).isEqualByComparingTo("80");
        assertThat(f.value()).isEqualByComparingTo("10");
        assertThat(f.contributors()).isEqualTo(4);
    }

    @Test
    void perMilleRatesUseTheirScale() {
        Figure f = RollUp.combine(IndicatorFixtures.perMille(), List.of(parts("4104", 2, "3", "1000", 1), parts("4105", 2, "1", "1000", 1))).get(0);
        assertThat(f.value()).isEqualByComparingTo("2");
    }

    @Test
    void countsAreSummed() {
        List<RollUp.LevelSum> sums = List.of(new RollUp.LevelSum("410402001", 4, Y, null, null, new BigDecimal("12"), 1),
                new RollUp.LevelSum("410402002", 4, Y, null, null, new BigDecimal("30"), 1));
        assertThat(RollUp.combine(IndicatorFixtures.count(), sums).get(0).value()).isEqualByComparingTo("42");
    }

    @Test
    void aPlainRatioOrAZeroDenominatorDoesNotRollUp() {
        assertThat(RollUp.combine(IndicatorFixtures.number("个"), List.of(new RollUp.LevelSum("4104", 2, Y, null, null, d("4.2"), 1)))).isEmpty();
        assertThat(RollUp.combine(IndicatorFixtures.percentage(), List.of(parts("4104", 2, "0", "0", 1)))).isEmpty();
    }
}
