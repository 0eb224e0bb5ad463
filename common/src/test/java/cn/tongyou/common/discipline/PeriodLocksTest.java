package cn.tongyou.common.discipline;

import cn.tongyou.common.period.Period;
import cn.tongyou.common.schedule.ReportingCalendar;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When a period closes for entry, computed by hand: deadline = period end + 15 grace days, first closed day =
 * deadline + lock days + 1.
 */
class PeriodLocksTest {

    private final PeriodLocks locks = new PeriodLocks(new ReportingCalendar(15), 30,
            Map.of(PeriodLocks.PROGRESS_REPORTS, 60, "儿童与安全", 0), 7);

    @Test
    void aHalfYearClosesThirtyOneDaysAfterItsDeadline() {
        Period h1 = Period.parse("2026H1");
        // 2026-06-30 + 15 = 2026-07-15; + 30 days open = 2026-08-14 the last open day
        assertThat(locks.deadline(h1)).isEqualTo(LocalDate.of(2026, 7, 15));
        assertThat(locks.closesOn(h1, null)).isEqualTo(LocalDate.of(2026, 8, 15));
        assertThat(locks.isClosed(h1, null, LocalDate.of(2026, 8, 14))).isFalse();
        assertThat(locks.isClosed(h1, null, LocalDate.of(2026, 8, 15))).isTrue();
        assertThat(locks.isClosed(h1, null, LocalDate.of(2027, 1, 1))).isTrue();
        // a period that has not even ended is open
        assertThat(locks.isClosed(h1, null, LocalDate.of(2026, 3, 1))).isFalse();
    }

    @Test
    void aYearClosesAfterItsDeadlineInTheNextYear() {
        Period year = Period.parse("2025");
        // 2025-12-31 + 15 = 2026-01-15; + 30 + 1 = 2026-02-15
        assertThat(locks.deadline(year)).isEqualTo(LocalDate.of(2026, 1, 15));
        assertThat(locks.closesOn(year, "儿童与健康")).isEqualTo(LocalDate.of(2026, 2, 15));
        assertThat(locks.isClosed(year, "儿童与健康", LocalDate.of(2026, 2, 14))).isFalse();
        assertThat(locks.isClosed(year, "儿童与健康", LocalDate.of(2026, 2, 15))).isTrue();
        // 2025H2 ends on the same day as 2025 and closes with it
        assertThat(locks.closesOn(Period.parse("2025H2"), null)).isEqualTo(LocalDate.of(2026, 2, 15));
    }

    @Test
    void aDataSetMayStayOpenLongerOrCloseAtTheDeadline() {
        Period h1 = Period.parse("2026H1");
        // progress reports: 2026-07-15 + 60 + 1 = 2026-09-14 (16 days left in July, 31 in August, 14 in September)
        assertThat(locks.lockAfterDays(PeriodLocks.PROGRESS_REPORTS)).isEqualTo(60);
        assertThat(locks.closesOn(h1, PeriodLocks.PROGRESS_REPORTS)).isEqualTo(LocalDate.of(2026, 9, 14));
        assertThat(locks.isClosed(h1, PeriodLocks.PROGRESS_REPORTS, LocalDate.of(2026, 9, 13))).isFalse();
        assertThat(locks.isClosed(h1, PeriodLocks.PROGRESS_REPORTS, LocalDate.of(2026, 9, 14))).isTrue();
        // zero days: the day after the deadline is closed (2026H2: 2027-01-15 → 2027-01-16)
        assertThat(locks.closesOn(Period.parse("2026H2"), "儿童与安全")).isEqualTo(LocalDate.of(2027, 1, 16));
        // a data set without its own number takes the general one
        assertThat(locks.closesOn(h1, "儿童与教育")).isEqualTo(LocalDate.of(2026, 8, 15));
    }

    @Test
    void theWarningWindowIsTheSevenDaysBeforeClosing() {
        Period h1 = Period.parse("2026H1");
        assertThat(locks.isAboutToLock(h1, null, LocalDate.of(2026, 8, 7))).isFalse();
        assertThat(locks.isAboutToLock(h1, null, LocalDate.of(2026, 8, 8))).isTrue();
        assertThat(locks.isAboutToLock(h1, null, LocalDate.of(2026, 8, 14))).isTrue();
        assertThat(locks.isAboutToLock(h1, null, LocalDate.of(2026, 8, 15))).as("closed, not about to").isFalse();
        assertThat(locks.warningDays()).isEqualTo(7);
    }

    @Test
    void aNegativeNumberOfDaysIsAConfigurationError() {
        ReportingCalendar calendar = new ReportingCalendar(15);
        assertThatThrownBy(() -> new PeriodLocks(calendar, -1, Map.of(), 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cfc.discipline.lock-after-days");
        assertThatThrownBy(() -> new PeriodLocks(calendar, 30, Map.of("儿童与健康", -5), 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("儿童与健康");
        assertThatThrownBy(() -> new PeriodLocks(calendar, 30, Map.of(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lock-warning-days");
    }
}
