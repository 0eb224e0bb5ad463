package cn.tongyou.common.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The business clock of {@code cfc.schedule.today} ({@code CFC_SCHEDULE_TODAY}): a rehearsal or the system test moves
 * the <em>business date</em> (deadlines, locks, overdue, due soon, reminders) to a chosen day while the time of day
 * keeps ticking, so a service started "on 2027-01-20" stays on that day until real midnight and then moves to the
 * 21st. Only the date moves: the shift is a whole number of days, fixed when the clock is made. Record timestamps
 * ({@code Instant.now()}) and token checks keep the real clock.
 */
public final class BusinessClock {

    private BusinessClock() {
    }

    /**
     * {@code real} itself when no day is set; otherwise {@code real} shifted by the whole days between its date (in its
     * zone) and {@code today}.
     */
    public static Clock of(Clock real, LocalDate today) {
        if (today == null) {
            return real;
        }
        long days = ChronoUnit.DAYS.between(LocalDate.now(real), today);
        return days == 0 ? real : Clock.offset(real, Duration.ofDays(days));
    }
}
