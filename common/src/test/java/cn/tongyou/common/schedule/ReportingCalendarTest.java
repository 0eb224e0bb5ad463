package cn.tongyou.common.schedule;

import cn.tongyou.common.period.Period;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The half-yearly dispatch calendar: due from the period's last day until the grace days end; late after. */
class ReportingCalendarTest {

    private final ReportingCalendar calendar = new ReportingCalendar(15);
    private final Period h1 = Period.parseHalfYear("2025H1");

    @Test
    void periodsParseAndSpanTheirPeriod() {
        assertThat(h1.start()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(h1.end()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(Period.parseHalfYear("2025H2").end()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(h1.next()).hasToString("2025H2");
        assertThat(h1.previous()).hasToString("2024H2");
        assertThat(Period.halfYearContaining(LocalDate.of(2025, 7, 1))).hasToString("2025H2");
        assertThat(Period.parseHalfYear("2025h1")).isEqualTo(h1);
        for (String bad : new String[]{"2025H3", "2025-H1", "25H1", "", "2025"}) {
            assertThatThrownBy(() -> Period.parseHalfYear(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2025H1");
        }
    }

    @Test
    void aPeriodIsNotDueBeforeItsLastDay() {
        assertThat(calendar.state(h1, LocalDate.of(2025, 6, 29))).isEqualTo(ReportingCalendar.PeriodState.NOT_DUE);
    }

    @Test
    void aPeriodIsDueFromItsLastDayUntilTheGraceDaysEnd() {
        assertThat(calendar.dueFrom(h1)).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(calendar.deadline(h1)).isEqualTo(LocalDate.of(2025, 7, 15));
        assertThat(calendar.state(h1, LocalDate.of(2025, 6, 30))).isEqualTo(ReportingCalendar.PeriodState.DUE);
        assertThat(calendar.state(h1, LocalDate.of(2025, 7, 15))).isEqualTo(ReportingCalendar.PeriodState.DUE);
        assertThat(calendar.state(h1, LocalDate.of(2025, 7, 16))).isEqualTo(ReportingCalendar.PeriodState.OVERDUE);
    }

    @Test
    void aReportAfterTheDeadlineIsLate() {
        assertThat(calendar.isLate(h1, LocalDate.of(2025, 5, 10))).isFalse();
        assertThat(calendar.isLate(h1, LocalDate.of(2025, 7, 15))).isFalse();
        assertThat(calendar.isLate(h1, LocalDate.of(2025, 7, 16))).isTrue();
    }

    @Test
    void theGraceDaysAreConfigurable() {
        ReportingCalendar none = new ReportingCalendar(0);
        assertThat(none.deadline(h1)).isEqualTo(h1.end());
        assertThat(none.isLate(h1, LocalDate.of(2025, 7, 1))).isTrue();
        ReportingCalendar month = new ReportingCalendar(31);
        assertThat(month.deadline(Period.parseHalfYear("2025H2"))).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThatThrownBy(() -> new ReportingCalendar(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCurrentPeriodIsTheLatestThatReachedItsLastDay() {
        assertThat(calendar.currentPeriod(LocalDate.of(2025, 6, 29))).hasToString("2024H2");
        assertThat(calendar.currentPeriod(LocalDate.of(2025, 6, 30))).hasToString("2025H1");
        assertThat(calendar.currentPeriod(LocalDate.of(2025, 12, 30))).hasToString("2025H1");
        assertThat(calendar.currentPeriod(LocalDate.of(2025, 12, 31))).hasToString("2025H2");
        assertThat(calendar.currentPeriod(LocalDate.of(2026, 1, 1))).hasToString("2025H2");
    }

    @Test
    void reportsMayBeFiledFromThePeriodsFirstDay() {
        assertThat(calendar.acceptsReports(Period.parseHalfYear("2025H2"), LocalDate.of(2025, 6, 30))).isFalse();
        assertThat(calendar.acceptsReports(Period.parseHalfYear("2025H2"), LocalDate.of(2025, 7, 1))).isTrue();
        assertThat(calendar.acceptsReports(h1, LocalDate.of(2026, 3, 1))).isTrue();
    }
}
