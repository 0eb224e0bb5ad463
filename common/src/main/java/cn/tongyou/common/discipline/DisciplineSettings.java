package cn.tongyou.common.discipline;

import cn.tongyou.common.region.RegionLevel;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;

/**
 * Reporting discipline ({@code cfc.discipline.*}, issue 15): which levels accept a region's values, when a period
 * closes for entry, and whether this service keeps lock exceptions. The same for every service, so that
 * indicator-service (values), task-service (progress reports) and reporting-service (completeness, reminders) judge
 * by one calendar.
 */
@ConfigMapping(prefix = "cfc.discipline")
public interface DisciplineSettings {

    /**
     * The approval chain, lowest level first ({@code CFC_DISCIPLINE_APPROVAL_LEVELS}, region level codes): a region at
     * one level submits, the next level accepts. A value of a region below the chain's levels is covered by the
     * nearest chain level above it (a county covers its townships and villages).
     */
    @WithDefault("county,prefecture,province")
    List<RegionLevel> approvalLevels();

    /**
     * Days after a period's deadline (its end + {@code cfc.schedule.report-grace-days}) during which entry stays open
     * ({@code CFC_DISCIPLINE_LOCK_AFTER_DAYS}); the day after, the period is closed for entry.
     */
    @WithDefault("30")
    int lockAfterDays();

    /**
     * {@link #lockAfterDays()} per data set ({@code cfc.discipline.lock-after-days-by-data-set."<data set>"=N}): an
     * indicator value's data set is its indicator's domain, a progress report's is {@value PeriodLocks#PROGRESS_REPORTS}.
     */
    Map<String, Integer> lockAfterDaysByDataSet();

    /** How many days before a period closes the reminders warn that it is about to lock ({@code CFC_DISCIPLINE_LOCK_WARNING_DAYS}). */
    @WithDefault("7")
    int lockWarningDays();

    /** Lock exceptions: a time-boxed exception a higher level grants for a closed period. */
    LockExceptions lockExceptions();

    interface LockExceptions {

        /**
         * Build time: the service keeps lock exceptions (table, API, {@link PeriodLockGuard}); indicator-service and
         * task-service set it, with {@code db/discipline} among their Flyway locations.
         */
        @WithDefault("false")
        boolean enabled();
    }
}
