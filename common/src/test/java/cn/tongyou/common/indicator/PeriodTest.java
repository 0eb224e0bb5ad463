package cn.tongyou.common.indicator;


import cn.tongyou.common.period.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodTest {

    @Test
    void aPeriodSitsAtItsEnd() {
        assertThat(Period.parse("2023").position()).isEqualTo(2023.0);
        assertThat(Period.parse("2023H2").position()).isEqualTo(2023.0);
        assertThat(Period.parse("2023H1").position()).isEqualTo(2022.5);
        assertThat(Period.parse("2023").endsWith(Period.parse("2023H2"))).isTrue();
        assertThat(Period.parse("2023H1").endsWith(Period.parse("2023"))).isFalse();
    }

    @Test
    void parsesYearsAndHalves() {
        assertThat(Period.parse("2025")).isEqualTo(new Period(2025, 0));
        assertThat(Period.parse(" 2025h1 ")).isEqualTo(new Period(2025, 1));
        assertThat(Period.parse("2025H2").toString()).isEqualTo("2025H2");
        assertThat(Period.parse("2025H1").type()).isEqualTo(Period.Type.HALF_YEAR);
        assertThat(Period.parse("2025").type()).isEqualTo(Period.Type.YEAR);
        assertThat(Period.parse("2025H1").chinese()).isEqualTo("2025年上半年");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "25", "2025H3", "2025H0", "2025-H1", "2025Q1", "H12025", "1999", "2101", "20250"})
    void refusesAnythingElse(String raw) {
        assertThatThrownBy(() -> Period.parse(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordersByEndWithTheYearBeforeItsSecondHalf() {
        assertThat(Period.parse("2023H1")).isLessThan(Period.parse("2023"));
        assertThat(Period.parse("2023")).isLessThan(Period.parse("2023H2"));
        assertThat(Period.parse("2023H2")).isLessThan(Period.parse("2024H1"));
        assertThat(Period.parse("2025H1").yearEarlier()).isEqualTo(Period.parse("2024H1"));
        assertThat(Period.parse("2025").yearEarlier()).isEqualTo(Period.parse("2024"));
    }

    @Test
    void aSeriesPrefersTheWholeYearToItsSecondHalf() {
        Series s = IndicatorFixtures.series("2025H2", 80, "2025", 90, "2025H1", 70);
        assertThat(s.at(Period.parse("2025")).value()).isEqualByComparingTo("90");
        assertThat(s.at(Period.parse("2025H2")).value()).isEqualByComparingTo("90");
        assertThat(s.latestAtOrBefore(Period.parse("2025").halfYears()).period()).isEqualTo(Period.parse("2025"));
        assertThat(s.latestAtOrBefore(Period.parse("2025H1").halfYears()).value()).isEqualByComparingTo("70");
        assertThat(s.earliestBefore(Period.parse("2025H1").halfYears())).isNull();
    }
}
