package cn.tongyou.common.period;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Days, succession and half-year parsing of the one period type; parsing and ordering are in PeriodTest. */
class PeriodSpanTest {

    @Test
    void aPeriodSpansItsDays() {
        assertThat(Period.parse("2025").start()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(Period.parse("2025").end()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(Period.parse("2025H1").start()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(Period.parse("2025H1").end()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(Period.parse("2025H2").start()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(Period.parse("2025H2").end()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(Period.parse("2025H1").contains(LocalDate.of(2025, 6, 30))).isTrue();
        assertThat(Period.parse("2025H1").contains(LocalDate.of(2025, 7, 1))).isFalse();
        assertThat(Period.parse("2025").contains(LocalDate.of(2025, 7, 1))).isTrue();
    }

    @Test
    void nextAndPreviousKeepTheKind() {
        assertThat(Period.parse("2025H1").next()).hasToString("2025H2");
        assertThat(Period.parse("2025H2").next()).hasToString("2026H1");
        assertThat(Period.parse("2025").next()).hasToString("2026");
        assertThat(Period.parse("2025H1").previous()).hasToString("2024H2");
        assertThat(Period.parse("2025H2").previous()).hasToString("2025H1");
        assertThat(Period.parse("2025").previous()).hasToString("2024");
    }

    @Test
    void theHalfYearContainingADay() {
        assertThat(Period.halfYearContaining(LocalDate.of(2025, 1, 1))).hasToString("2025H1");
        assertThat(Period.halfYearContaining(LocalDate.of(2025, 6, 30))).hasToString("2025H1");
        assertThat(Period.halfYearContaining(LocalDate.of(2025, 7, 1))).hasToString("2025H2");
        assertThat(Period.halfYearContaining(LocalDate.of(2025, 12, 31))).hasToString("2025H2");
    }

    @Test
    void aHalfYearIsParsedLikeAnyPeriod() {
        assertThat(Period.parseHalfYear(" 2025h2 ")).isEqualTo(Period.halfYear(2025, 2));
        assertThat(Period.parseHalfYear("2025H1").isHalfYear()).isTrue();
        assertThatThrownBy(() -> Period.parseHalfYear("2025")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025H1");
        assertThatThrownBy(() -> Period.halfYear(2025, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1999H2", "2101H1", "2025H3", "2025-H1", "H1"})
    void aHalfYearOutsideTheFormatOrTheYearsIsRefused(String raw) {
        assertThatThrownBy(() -> Period.parseHalfYear(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + raw + "'");
    }

    @Test
    void periodTypesAreLookedUpByCode() {
        assertThat(Period.Type.ofCode("half-year")).isEqualTo(Period.Type.HALF_YEAR);
        assertThatThrownBy(() -> Period.Type.ofCode("quarter")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown period type 'quarter' (expected year or half-year)");
    }
}
