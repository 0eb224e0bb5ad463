package cn.tongyou.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The schedule's settings ({@code cfc.schedule.*}), the same for task-service, which applies them, and
 * reporting-service, which judges compliance by them.
 */
@ConfigMapping(prefix = "cfc.schedule")
public interface ScheduleSettings {

    /** Time zone of business dates ("today", due dates, report deadlines): Beijing time. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /** Days after a half-year's last day during which its report is on time (半年调度 window). */
    @WithDefault("15")
    int reportGraceDays();

    /** An open milestone due within this many days (today included) is "due soon". */
    @WithDefault("30")
    int dueSoonDays();

    /**
     * The business date to act on ({@code CFC_SCHEDULE_TODAY}, ISO date), for rehearsals and the system test: the
     * {@link java.time.Clock} bean answers this day (the time of day ticks on, see
     * {@link cn.tongyou.common.schedule.BusinessClock}). Unset in production: the real date.
     */
    Optional<LocalDate> today();
}
