package cn.tongyou.common.schedule;

import cn.tongyou.common.period.Period;

import java.time.LocalDate;

/**
 * The half-yearly dispatch calendar (半年调度). A period's report is <em>due</em> from the period's last day until
 * {@code graceDays} days after it (the deadline); a report first submitted after the deadline is <em>late</em>, and a
 * missing report is <em>overdue</em> from the day after. A department may file early, from the first day of the
 * period, but never for a period that has not started.
 *
 * <p>The <em>current reporting period</em> is the latest period whose report has become due, i.e. the latest period
 * that has ended by today (counting its last day): on 2025-06-29 it is 2024H2, from 2025-06-30 it is 2025H1. This is
 * the period the accountability view asks about ("reports missing for the current period").
 */
public final class ReportingCalendar {

    /** Where a period's report stands on a given day. */
    public enum PeriodState {
        /** The period has not reached its last day: a report is welcome but not yet expected. */
        NOT_DUE("not-due"),
        /** From the period's last day to the deadline. */
        DUE("due"),
        /** After the deadline: a missing report is overdue, a report filed now is late. */
        OVERDUE("overdue");

        private final String code;

        PeriodState(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final int graceDays;

    public ReportingCalendar(int graceDays) {
        if (graceDays < 0 || graceDays > 366) {
            throw new IllegalArgumentException("grace days must be between 0 and 366, was " + graceDays);
        }
        this.graceDays = graceDays;
    }

    public int graceDays() {
        return graceDays;
    }

    /** First day the report is expected: the period's last day. */
    public LocalDate dueFrom(Period period) {
        return period.end();
    }

    /** Last day a report counts as on time. */
    public LocalDate deadline(Period period) {
        return period.end().plusDays(graceDays);
    }

    public PeriodState state(Period period, LocalDate today) {
        if (today.isBefore(dueFrom(period))) {
            return PeriodState.NOT_DUE;
        }
        return today.isAfter(deadline(period)) ? PeriodState.OVERDUE : PeriodState.DUE;
    }

    /** A report first submitted on {@code submittedOn} is late when that is after the deadline. */
    public boolean isLate(Period period, LocalDate submittedOn) {
        return submittedOn.isAfter(deadline(period));
    }

    /** The latest period that has reached its last day by {@code today}. */
    public Period currentPeriod(LocalDate today) {
        Period containing = Period.halfYearContaining(today);
        return today.equals(containing.end()) ? containing : containing.previous();
    }

    /** Reports may be filed from a period's first day on; a period that has not started cannot be reported. */
    public boolean acceptsReports(Period period, LocalDate today) {
        return !today.isBefore(period.start());
    }
}
