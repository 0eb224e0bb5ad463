package cn.tongyou.common.indicator;


import cn.tongyou.common.period.Period;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;

import static cn.tongyou.common.indicator.IndicatorFixtures.d;
import static cn.tongyou.common.indicator.IndicatorFixtures.series;
import static cn.tongyou.common.indicator.IndicatorFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** Every target kind at, just below and just above its boundary; strict vs non-strict; trajectories; missing data. */
class EvaluatorTest {

    static Status final2025(Indicator ind, TargetSpec spec, String value) {
        return Evaluator.evaluate(ind, spec, 2025, null, series("2025", value), null).status();
    }

    @Nested
    class Comparisons {

        @ParameterizedTest(name = ">= 90 with {0} -> {1}")
        @CsvSource({"90, MET", "89.99, NOT_MET", "90.01, MET"})
        void atLeast(String value, Status expected) {
            assertThat(final2025(IndicatorFixtures.percentage(), spec(TargetKind.AT_LEAST, "90"), value)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "> 90 with {0} -> {1}")
        @CsvSource({"90, NOT_MET", "89.99, NOT_MET", "90.01, MET"})
        void above(String value, Status expected) {
            assertThat(final2025(IndicatorFixtures.percentage(), spec(TargetKind.ABOVE, "90"), value)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "<= 2‰ with {0} -> {1}")
        @CsvSource({"2, MET", "1.99, MET", "2.01, NOT_MET"})
        void atMost(String value, Status expected) {
            assertThat(final2025(IndicatorFixtures.perMille(), spec(TargetKind.AT_MOST, "2"), value)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "< 2‰ with {0} -> {1}")
        @CsvSource({"2.0, NOT_MET", "2, NOT_MET", "1.99, MET", "2.01, NOT_MET"})
        void belowIsStrict(String value, Status expected) {
            // "<2‰" is not met by 2.0
            assertThat(final2025(IndicatorFixtures.perMille(), spec(TargetKind.BELOW, "2"), value)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "== 55% with {0} -> {1}")
        @CsvSource({"55, MET", "55.00, MET", "54.99, NOT_MET", "55.01, NOT_MET", "55.004, MET", "54.995, MET"})
        void equalsAtTheIndicatorsPrecision(String value, Status expected) {
            assertThat(final2025(IndicatorFixtures.percentage(), spec(TargetKind.EQUALS, "55"), value)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "range 2–3 with {0} -> {1}")
        @CsvSource({"2, MET", "3, MET", "2.5, MET", "1.99, NOT_MET", "3.01, NOT_MET"})
        void rangeIncludesBothBounds(String value, Status expected) {
            TargetSpec range = new TargetSpec(TargetKind.RANGE, d("2"), d("3"), null, null, null);
            assertThat(final2025(IndicatorFixtures.number("个"), range, value)).isEqualTo(expected);
        }

        @Test
        void theExplanationSaysWhatWasComparedInBothLanguages() {
            Evaluation e = Evaluator.evaluate(IndicatorFixtures.perMille(), spec(TargetKind.BELOW, "2"), 2025, null, series("2025", "2.0"), null);
            assertThat(e.explanation().zh()).contains("2025年", "2‰", "<2‰", "未达标");
            assertThat(e.explanation().en()).contains("2025", "< 2‰", "not met");
            assertThat(e.inputs().finalValue()).isTrue();
            assertThat(e.inputs().value().value()).isEqualByComparingTo("2.0");
        }
    }

    @Nested
    class Trajectories {

        // from 80 in 2020 to >= 90 in 2025: 2023H1 sits at 2022.5, half way, and must have reached 85
        final Indicator rate = IndicatorFixtures.percentage();
        final TargetSpec fromBaseline = new TargetSpec(TargetKind.AT_LEAST, d("90"), null, null, 2020, null);

        @ParameterizedTest(name = "2023H1 = {0} -> {1}")
        @CsvSource({"85, ON_TRACK", "84.99, AT_RISK", "85.01, ON_TRACK"})
        void halfYearSitsAtItsEnd(String value, Status expected) {
            Evaluation e = Evaluator.evaluate(rate, fromBaseline, 2025, null, series("2020", 80, "2023H1", value), Period.parse("2023H1"));
            assertThat(e.status()).isEqualTo(expected);
            assertThat(e.inputs().expected()).isEqualByComparingTo("85");
            assertThat(e.inputs().baseline().period()).isEqualTo(Period.parse("2020"));
            assertThat(e.inputs().baselineBasis()).isEqualTo("target-baseline-year");
            assertThat(e.inputs().finalValue()).isFalse();
        }

        @Test
        void theSecondHalfAndTheWholeYearSitTogether() {
            Evaluation h2 = Evaluator.evaluate(rate, fromBaseline, 2025, null, series("2020", 80, "2023H2", 86), Period.parse("2023H2"));
            Evaluation y = Evaluator.evaluate(rate, fromBaseline, 2025, null, series("2020", 80, "2023", 86), Period.parse("2023"));
            assertThat(h2.inputs().expected()).isEqualByComparingTo("86");
            assertThat(y.inputs().expected()).isEqualByComparingTo("86");
            assertThat(h2.status()).isEqualTo(Status.ON_TRACK);
            assertThat(Evaluator.evaluate(rate, fromBaseline, 2025, null, series("2020", 80, "2023", "85.99"), Period.parse("2023")).status())
                    .isEqualTo(Status.AT_RISK);
        }

        @Test
        void asOfCutsOffLaterValues() {
            Series s = series("2020", 80, "2023H1", 84, "2023", 95);
            assertThat(Evaluator.evaluate(rate, fromBaseline, 2025, null, s, Period.parse("2023H1")).status()).isEqualTo(Status.AT_RISK);
            // without asOf the 2023 value (already 95) is the latest before 2025's end: on track, not yet met
            Evaluation latest = Evaluator.evaluate(rate, fromBaseline, 2025, null, s, null);
            assertThat(latest.status()).isEqualTo(Status.ON_TRACK);
            assertThat(latest.explanation().en()).contains("already satisfies");
        }

        @Test
        void aValueAfterTheTargetYearNeverCounts() {
            Series s = series("2025", 80, "2026", 99);
            assertThat(Evaluator.evaluate(rate, spec(TargetKind.AT_LEAST, "90"), 2025, null, s, Period.parse("2027")).status())
                    .isEqualTo(Status.NOT_MET);
        }

        @Test
        void theWholeYearDecidesBeforeItsSecondHalf() {
            Series s = series("2025H2", 80, "2025", 90);
            assertThat(Evaluator.evaluate(rate, spec(TargetKind.AT_LEAST, "90"), 2025, null, s, null).status()).isEqualTo(Status.MET);
            assertThat(Evaluator.evaluate(rate, spec(TargetKind.AT_LEAST, "90"), 2025, null, series("2025H2", 91), null).status())
                    .isEqualTo(Status.MET);
            // the first half of the target year is not its end: still a trajectory verdict
            assertThat(Evaluator.evaluate(rate, spec(TargetKind.AT_LEAST, "90"), 2025, null, series("2024", 80, "2025H1", 89), null).status())
                    .isIn(Status.ON_TRACK, Status.AT_RISK);
        }

        @Test
        void withoutANamedBaselineTheEarliestValueStartsTheLine() {
            // 2021: 2 ‰, target < 1 ‰ in 2025 (4 years); 2023 at half way must be ≤ 1.5
            TargetSpec below = spec(TargetKind.BELOW, "1");
            Evaluation e = Evaluator.evaluate(IndicatorFixtures.perMille(), below, 2025, null, series("2021", 2, "2023", "1.5"), null);
            assertThat(e.status()).isEqualTo(Status.ON_TRACK);
            assertThat(e.inputs().baselineBasis()).isEqualTo("earliest-value");
            assertThat(Evaluator.evaluate(IndicatorFixtures.perMille(), below, 2025, null, series("2021", 2, "2023", "1.51"), null).status())
                    .isEqualTo(Status.AT_RISK);
        }

        @Test
        void aSingleValueShortOfTheTargetIsAtRisk() {
            Evaluation e = Evaluator.evaluate(rate, spec(TargetKind.AT_LEAST, "90"), 2025, null, series("2024", 80), null);
            assertThat(e.status()).isEqualTo(Status.AT_RISK);
            assertThat(e.inputs().baseline()).isNull();
        }

        @Test
        void aNamedBaselineThatIsMissingIsNoDataNotAGuess() {
            Evaluation e = Evaluator.evaluate(rate, fromBaseline, 2025, null, series("2021", 80, "2023", 82), null);
            assertThat(e.status()).isEqualTo(Status.NO_DATA);
            assertThat(e.reason()).isEqualTo("baseline-missing");
            assertThat(e.explanation().zh()).contains("2020");
        }

        @Test
        void aRangeHeadsForItsNearestBound() {
            // 0.5 in 2020, range 0.8–1 in 2025: at 2023 (3/5) the line asks for 0.68
            TargetSpec range = new TargetSpec(TargetKind.RANGE, d("0.8"), d("1"), null, 2020, null);
            assertThat(Evaluator.evaluate(IndicatorFixtures.number("块/万人"), range, 2025, null, series("2020", "0.5", "2023", "0.68"), null).status())
                    .isEqualTo(Status.ON_TRACK);
            assertThat(Evaluator.evaluate(IndicatorFixtures.number("块/万人"), range, 2025, null, series("2020", "0.5", "2023", "0.67"), null).status())
                    .isEqualTo(Status.AT_RISK);
        }
    }

    @Nested
    class Booleans {

        final TargetSpec yes = new TargetSpec(TargetKind.BOOL, null, null, true, null, null);

        @Test
        void finalYesIsMetAndNoIsNot() {
            assertThat(final2025(IndicatorFixtures.bool(), yes, "1")).isEqualTo(Status.MET);
            assertThat(final2025(IndicatorFixtures.bool(), yes, "0")).isEqualTo(Status.NOT_MET);
        }

        @Test
        void beforeTheTargetYearNoIsAtRisk() {
            assertThat(Evaluator.evaluate(IndicatorFixtures.bool(), yes, 2025, null, series("2024", 0), null).status()).isEqualTo(Status.AT_RISK);
            assertThat(Evaluator.evaluate(IndicatorFixtures.bool(), yes, 2025, null, series("2024", 1), null).status()).isEqualTo(Status.ON_TRACK);
        }
    }

    @Nested
    class IncreaseDecrease {

        final TargetSpec increase = new TargetSpec(TargetKind.INCREASE, null, null, null, null, TargetSpec.Reference.PREVIOUS);
        final TargetSpec decrease = new TargetSpec(TargetKind.DECREASE, null, null, null, null, null);

        @ParameterizedTest(name = "2024 = 100, 2025 = {0} -> {1}")
        @CsvSource({"100, NOT_MET", "100.01, MET", "99.99, NOT_MET"})
        void increaseOnThePreviousYear(String value, Status expected) {
            assertThat(Evaluator.evaluate(IndicatorFixtures.count(), increase, 2025, null, series("2024", 100, "2025", value), null).status())
                    .isEqualTo(expected);
        }

        @ParameterizedTest(name = "2024 = 5, 2025 = {0} -> {1}")
        @CsvSource({"5, NOT_MET", "4.99, MET", "5.01, NOT_MET"})
        void decreaseOnThePreviousYear(String value, Status expected) {
            assertThat(Evaluator.evaluate(IndicatorFixtures.number("起"), decrease, 2025, null, series("2024", 5, "2025", value), null).status())
                    .isEqualTo(expected);
        }

        @Test
        void halfYearsCompareWithTheSameHalfAYearEarlier() {
            Evaluation e = Evaluator.evaluate(IndicatorFixtures.count(), increase, 2025, null, series("2024H1", 10, "2024H2", 30, "2025H1", 20), null);
            assertThat(e.inputs().reference().period()).isEqualTo(Period.parse("2024H1"));
            assertThat(e.status()).isEqualTo(Status.ON_TRACK);
        }

        @Test
        void withoutTheYearBeforeThereIsNoData() {
            Evaluation e = Evaluator.evaluate(IndicatorFixtures.count(), increase, 2025, null, series("2023", 100, "2025", 120), null);
            assertThat(e.status()).isEqualTo(Status.NO_DATA);
            assertThat(e.reason()).isEqualTo("reference-missing");
        }

        @Test
        void againstANamedBaselineYear() {
            TargetSpec onBaseline = new TargetSpec(TargetKind.INCREASE, null, null, null, 2025, TargetSpec.Reference.BASELINE);
            assertThat(Evaluator.evaluate(IndicatorFixtures.percentage(), onBaseline, 2030, null, series("2025", 60, "2030", "60.1"), null).status())
                    .isEqualTo(Status.MET);
            assertThat(Evaluator.evaluate(IndicatorFixtures.percentage(), onBaseline, 2030, null, series("2025", 60, "2030", 60), null).status())
                    .isEqualTo(Status.NOT_MET);
            Evaluation missing = Evaluator.evaluate(IndicatorFixtures.percentage(), onBaseline, 2030, null, series("2030", 70), null);
            assertThat(missing.status()).isEqualTo(Status.NO_DATA);
            assertThat(missing.reason()).isEqualTo("baseline-missing");
        }
    }

    @Nested
    class ReducePercentFromBaseline {

        // 以2020年为基数下降20%: 10 per 10万 in 2020 → at most 8 in 2025
        final TargetSpec minus20 = new TargetSpec(TargetKind.REDUCE_PCT_FROM_BASELINE, d("20"), null, null, 2020, null);
        final Indicator rate = IndicatorFixtures.number("1/10万");

        @ParameterizedTest(name = "2025 = {0} -> {1}")
        @CsvSource({"8, MET", "8.01, NOT_MET", "7.99, MET"})
        void atTheTargetYear(String value, Status expected) {
            Evaluation e = Evaluator.evaluate(rate, minus20, 2025, null, series("2020", 10, "2025", value), null);
            assertThat(e.status()).isEqualTo(expected);
            assertThat(e.inputs().targetValue()).isEqualByComparingTo("8");
        }

        @ParameterizedTest(name = "2022 = {0} -> {1}")
        @CsvSource({"9.2, ON_TRACK", "9.21, AT_RISK", "9.19, ON_TRACK"})
        void onTheWay(String value, Status expected) {
            Evaluation e = Evaluator.evaluate(rate, minus20, 2025, null, series("2020", 10, "2022", value), null);
            assertThat(e.status()).isEqualTo(expected);
            assertThat(e.inputs().expected()).isEqualByComparingTo("9.2");
        }

        @Test
        void withoutTheBaselineThereIsNoDataEvenWithAValue() {
            Evaluation e = Evaluator.evaluate(rate, minus20, 2025, null, series("2021", 10, "2025", 7), null);
            assertThat(e.status()).isEqualTo(Status.NO_DATA);
            assertThat(e.reason()).isEqualTo("baseline-missing");
            assertThat(e.explanation().en()).contains("2020", "no guess");
        }
    }

    @Nested
    class ReducePointsPerYear {

        // 50% in 2020, 0.5 points a year: at most 47.5% in 2025, 48.75% by 2023H1 (2.5 years)
        final TargetSpec fromBaseline = new TargetSpec(TargetKind.REDUCE_PP_PER_YEAR, d("0.5"), null, null, 2020, null);
        final TargetSpec yearOnYear = new TargetSpec(TargetKind.REDUCE_PP_PER_YEAR, d("0.5"), null, null, null, null);

        @ParameterizedTest(name = "2025 = {0} -> {1}")
        @CsvSource({"47.5, MET", "47.51, NOT_MET", "47.49, MET"})
        void fromTheBaselineYear(String value, Status expected) {
            assertThat(Evaluator.evaluate(IndicatorFixtures.percentage(), fromBaseline, 2025, null, series("2020", 50, "2025", value), null).status())
                    .isEqualTo(expected);
        }

        @ParameterizedTest(name = "2023H1 = {0} -> {1}")
        @CsvSource({"48.75, ON_TRACK", "48.76, AT_RISK", "48.74, ON_TRACK"})
        void theYearlyPaceIsTheTrajectory(String value, Status expected) {
            Evaluation e = Evaluator.evaluate(IndicatorFixtures.percentage(), fromBaseline, 2025, null, series("2020", 50, "2023H1", value), null);
            assertThat(e.status()).isEqualTo(expected);
            assertThat(e.inputs().expected()).isEqualByComparingTo("48.75");
        }

        @ParameterizedTest(name = "2024 = 50, 2025 = {0} -> {1}")
        @CsvSource({"49.5, MET", "49.51, NOT_MET", "49.49, MET"})
        void yearOnYearWithoutABaseline(String value, Status expected) {
            assertThat(Evaluator.evaluate(IndicatorFixtures.percentage(), yearOnYear, 2025, null, series("2024", 50, "2025", value), null).status())
                    .isEqualTo(expected);
        }

        @Test
        void missingBaselineOrPreviousYearIsNoData() {
            assertThat(Evaluator.evaluate(IndicatorFixtures.percentage(), fromBaseline, 2025, null, series("2025", 40), null).reason())
                    .isEqualTo("baseline-missing");
            assertThat(Evaluator.evaluate(IndicatorFixtures.percentage(), yearOnYear, 2025, null, series("2025", 40), null).reason())
                    .isEqualTo("reference-missing");
        }
    }

    @Nested
    class Qualitative {

        final TargetSpec qualitative = new TargetSpec(TargetKind.QUALITATIVE, null, null, null, null, null);

        @Test
        void needsAPersonsVerdict() {
            Evaluation e = Evaluator.evaluate(IndicatorFixtures.text(), qualitative, 2030, null, Series.empty(), null);
            assertThat(e.status()).isEqualTo(Status.NEEDS_ASSESSMENT);
            assertThat(e.reason()).isEqualTo("not-assessed");
        }

        @Test
        void takesTheRecordedVerdictWithItsReason() {
            Assessment a = new Assessment(Status.ON_TRACK, "联席会议制度已建立", "coordinator", Instant.now());
            Evaluation e = Evaluator.evaluate(IndicatorFixtures.text(), qualitative, 2030, a, Series.empty(), null);
            assertThat(e.status()).isEqualTo(Status.ON_TRACK);
            assertThat(e.explanation().zh()).contains("联席会议制度已建立");
        }
    }

    @Nested
    class MissingData {

        @Test
        void noValueAtAll() {
            Evaluation e = Evaluator.evaluate(IndicatorFixtures.percentage(), spec(TargetKind.AT_LEAST, "90"), 2025, null, Series.empty(), null);
            assertThat(e.status()).isEqualTo(Status.NO_DATA);
            assertThat(e.reason()).isEqualTo("no-value");
        }

        @Test
        void onlyValuesAfterTheCutOff() {
            Evaluation e = Evaluator.evaluate(IndicatorFixtures.percentage(), spec(TargetKind.AT_LEAST, "90"), 2025, null,
                    series("2025", 95), Period.parse("2024H2"));
            assertThat(e.status()).isEqualTo(Status.NO_DATA);
            assertThat(e.inputs().cutoff()).isEqualTo(Period.parse("2024H2"));
        }

        @Test
        void aDerivedIndicatorSaysWhereItsValueComesFrom() {
            Evaluation e = Evaluator.evaluate(IndicatorFixtures.derivedCoverage(), spec(TargetKind.AT_LEAST, "100"), 2025, null, Series.empty(), null);
            assertThat(e.status()).isEqualTo(Status.NO_DATA);
            assertThat(e.reason()).isEqualTo("derived-not-reported");
            assertThat(e.explanation().en()).contains("children-home");
        }
    }

    @Test
    void linearIsExact() {
        Figure base = Figure.of(Period.parse("2020"), new BigDecimal("4"));
        assertThat(Evaluator.linear(base, new BigDecimal("2"), Period.year(2025), Period.parse("2023H1"))).isEqualByComparingTo("3");
        assertThat(Evaluator.linear(base, new BigDecimal("2"), Period.year(2025), Period.parse("2019"))).isEqualByComparingTo("4");
        assertThat(Evaluator.linear(base, new BigDecimal("2"), Period.year(2025), Period.parse("2026"))).isEqualByComparingTo("2");
    }
}
