package cn.tongyou.indicator.domain;

import cn.tongyou.common.indicator.IndicatorFixtures;
import cn.tongyou.common.indicator.Computation;
import cn.tongyou.common.indicator.Direction;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.indicator.Obtained;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.ValueType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static cn.tongyou.common.indicator.IndicatorFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

/** Unit-aware checks of reported values. */
class ObservationRulesTest {

    static final Indicator REPORTED_PERCENT = new Indicator("share", "占比", null, "x", "%", ValueType.PERCENTAGE, Direction.INCREASE, 2,
            List.of(), Obtained.REPORTED, null, null, true, Set.of());
    static final Indicator REPORTED_PER_MILLE = new Indicator("pm", "率", null, "x", "‰", ValueType.PER_MILLE, Direction.DECREASE, 2,
            List.of(), Obtained.REPORTED, null, null, true, Set.of(Period.Type.YEAR));

    static List<Issue> check(Indicator ind, Object value, Object numerator, Object denominator) {
        return ObservationRules.check(ind, new ObservationRules.Raw(value, numerator, denominator)).issues();
    }

    @ParameterizedTest(name = "percentage {0} ok={1}")
    @CsvSource({"0, true", "100, true", "99.99, true", "101, false", "100.01, false", "-1, false", "85%, true", "abc, false"})
    void aPercentageLiesIn0To100(String value, boolean ok) {
        assertThat(check(REPORTED_PERCENT, value, null, null).isEmpty()).isEqualTo(ok);
    }

    @ParameterizedTest(name = "per-mille {0} ok={1}")
    @CsvSource({"0, true", "1000, true", "1001, false", "1000.5, false", "1.8‰, true"})
    void aPerMilleLiesIn0To1000(String value, boolean ok) {
        assertThat(check(REPORTED_PER_MILLE, value, null, null).isEmpty()).isEqualTo(ok);
    }

    @ParameterizedTest(name = "count {0} ok={1}")
    @CsvSource({"0, true", "12, true", "12.0, true", "-1, false", "1.5, false"})
    void aCountIsANonNegativeWholeNumber(String value, boolean ok) {
        assertThat(check(IndicatorFixtures.count(), value, null, null).isEmpty()).isEqualTo(ok);
    }

    @ParameterizedTest(name = "boolean {0} ok={1}")
    @CsvSource({"是, true", "否, true", "true, true", "FALSE, true", "maybe, false", "1, false", "yes, false"})
    void aBooleanIsYesOrNo(String value, boolean ok) {
        assertThat(check(IndicatorFixtures.bool(), value, null, null).isEmpty()).isEqualTo(ok);
    }

    @Test
    void aBooleanIsStoredAsOneOrZero() {
        assertThat(ObservationRules.check(IndicatorFixtures.bool(), new ObservationRules.Raw("是", null, null)).checked().value()).isEqualByComparingTo("1");
        assertThat(ObservationRules.check(IndicatorFixtures.bool(), new ObservationRules.Raw(Boolean.FALSE, null, null)).checked().value()).isEqualByComparingTo("0");
    }

    @Test
    void aComputedIndicatorTakesItsPartsAndComputesTheValue() {
        ObservationRules.Result r = ObservationRules.check(IndicatorFixtures.perMille(), new ObservationRules.Raw(null, d("18"), d("10000")));
        assertThat(r.ok()).isTrue();
        assertThat(r.checked().value()).isEqualByComparingTo("1.8");
        // a value that agrees with its parts at the indicator's precision is accepted, one that does not is refused
        assertThat(check(IndicatorFixtures.perMille(), d("1.8"), d("18"), d("10000"))).isEmpty();
        assertThat(check(IndicatorFixtures.perMille(), d("1.9"), d("18"), d("10000"))).extracting(Issue::field).containsExactly("value");
    }

    @Test
    void aComputedIndicatorNeedsBothPartsAndANumeratorNoLargerThanTheDenominator() {
        assertThat(check(IndicatorFixtures.percentage(), d("50"), null, null)).extracting(Issue::field).containsExactly("numerator", "denominator");
        assertThat(check(IndicatorFixtures.percentage(), null, d("11"), d("10"))).extracting(Issue::field).containsExactly("numerator");
        assertThat(check(IndicatorFixtures.percentage(), null, d("1"), d("0"))).extracting(Issue::field).containsExactly("denominator");
        assertThat(check(IndicatorFixtures.percentage(), null, d("-1"), d("10"))).extracting(Issue::field).containsExactly("numerator");
    }

    @Test
    void aGrossRateMayExceedItsDenominator() {
        Indicator gross = new Indicator("gross", "毛入园率", null, "x", "%", ValueType.PERCENTAGE, Direction.INCREASE, 2, List.of(),
                Obtained.COMPUTED, new Computation(100, null, null), null, false, Set.of());
        ObservationRules.Result r = ObservationRules.check(gross, new ObservationRules.Raw(null, d("1030"), d("1000")));
        assertThat(r.ok()).isTrue();
        assertThat(r.checked().value()).isEqualByComparingTo("103");
    }

    @Test
    void aReportedIndicatorHasNoParts() {
        assertThat(check(IndicatorFixtures.count(), "3", "1", null)).extracting(Issue::field).containsExactly("numerator");
        assertThat(check(IndicatorFixtures.count(), null, null, null)).extracting(Issue::field).containsExactly("value");
    }

    @Test
    void thePeriodMustBeOfAnAllowedType() {
        assertThat(ObservationRules.checkPeriod(IndicatorFixtures.perMille(), Period.parse("2025H1"))).extracting(Issue::field).containsExactly("period");
        assertThat(ObservationRules.checkPeriod(IndicatorFixtures.perMille(), Period.parse("2025"))).isEmpty();
        assertThat(ObservationRules.checkPeriod(IndicatorFixtures.percentage(), Period.parse("2025H1"))).isEmpty();
    }

    @Test
    void tooManyDecimalsOrAHugeNumberIsRefused() {
        assertThat(check(IndicatorFixtures.number("元"), "1.1234567", null, null)).isNotEmpty();
        assertThat(check(IndicatorFixtures.number("元"), new BigDecimal("1e13"), null, null)).isNotEmpty();
    }
}
