package cn.tongyou.common.discipline;

import cn.tongyou.common.period.Period;
import cn.tongyou.common.schedule.ReportingCalendar;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * When a period closes for entry (issue 15, period locks): {@code lockAfterDays} days after its deadline
 * ({@link ReportingCalendar#deadline}), configurable per data set. On and after {@link #closesOn} a write of the
 * period's data is refused unless a higher level granted an exception ({@link PeriodLockGuard}).
 *
 * <p>A <em>data set</em> (数据集) is what closes together: an indicator value's is its indicator's domain, a progress
 * report's is {@value #PROGRESS_REPORTS}; null means "no particular data set" and takes the general number of days.
 */
public final class PeriodLocks {

    /** The data set of task-service's progress reports. */
    public static final String PROGRESS_REPORTS = "progress-reports";

    private static final int MAX_DAYS = 3660;

    private final ReportingCalendar calendar;
    private final int lockAfterDays;
    private final Map<String, Integer> byDataSet;
    private final int warningDays;

    public PeriodLocks(ReportingCalendar calendar, int lockAfterDays, Map<String, Integer> byDataSet, int warningDays) {
        this.calendar = calendar;
        this.lockAfterDays = checkedDays("cfc.discipline.lock-after-days", lockAfterDays);
        Map<String, Integer> copy = new TreeMap<>();
        byDataSet.forEach((dataSet, days) -> copy.put(dataSet,
                checkedDays("cfc.discipline.lock-after-days-by-data-set.\"" + dataSet + "\"", days)));
        this.byDataSet = Map.copyOf(copy);
        this.warningDays = checkedDays("cfc.discipline.lock-warning-days", warningDays);
    }

    private static int checkedDays(String property, Integer days) {
        if (days == null || days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException(property + " must be between 0 and " + MAX_DAYS + ", was " + days);
        }
        return days;
    }

    /** Days after the deadline during which entry of this data set stays open. */
    public int lockAfterDays(String dataSet) {
        return dataSet == null ? lockAfterDays : byDataSet.getOrDefault(dataSet, lockAfterDays);
    }

    /** The last day a report of the period is on time. */
    public LocalDate deadline(Period period) {
        return calendar.deadline(period);
    }

    /** The first day the period is closed for entry of the data set: deadline + days + 1. */
    public LocalDate closesOn(Period period, String dataSet) {
        return calendar.deadline(period).plusDays(lockAfterDays(dataSet) + 1L);
    }

    public boolean isClosed(Period period, String dataSet, LocalDate today) {
        return !today.isBefore(closesOn(period, dataSet));
    }

    /** Open still, but closing within {@code lockWarningDays} days (today counted): the reminders' "about to lock". */
    public boolean isAboutToLock(Period period, String dataSet, LocalDate today) {
        LocalDate closes = closesOn(period, dataSet);
        return today.isBefore(closes) && !today.isBefore(closes.minusDays(warningDays));
    }

    public int warningDays() {
        return warningDays;
    }
}
