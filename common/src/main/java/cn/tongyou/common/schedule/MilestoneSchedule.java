package cn.tongyou.common.schedule;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Overdue and due-soon, from a clock (injectable, so the rules are tested at fixed dates).
 *
 * <ul>
 *   <li>due today: not overdue (the day is not over), due soon;</li>
 *   <li>due yesterday and not done: overdue;</li>
 *   <li>undated: never overdue, never due soon;</li>
 *   <li>done or cancelled: neither, whatever the date.</li>
 * </ul>
 */
public final class MilestoneSchedule {

    private final Clock clock;
    private final int dueSoonDays;

    public MilestoneSchedule(Clock clock, int dueSoonDays) {
        if (dueSoonDays < 0) {
            throw new IllegalArgumentException("due-soon days must not be negative");
        }
        this.clock = clock;
        this.dueSoonDays = dueSoonDays;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public int dueSoonDays() {
        return dueSoonDays;
    }

    /** Last due date that still counts as due soon today. */
    public LocalDate dueSoonUntil(LocalDate today) {
        return today.plusDays(dueSoonDays);
    }

    public MilestoneState state(MilestoneStatus status, LocalDate dueDate) {
        return state(status, dueDate, today());
    }

    public MilestoneState state(MilestoneStatus status, LocalDate dueDate, LocalDate today) {
        return switch (status) {
            case DONE -> MilestoneState.DONE;
            case CANCELLED -> MilestoneState.CANCELLED;
            case OPEN -> {
                if (dueDate == null) {
                    yield MilestoneState.OPEN;
                }
                if (dueDate.isBefore(today)) {
                    yield MilestoneState.OVERDUE;
                }
                yield dueDate.isAfter(dueSoonUntil(today)) ? MilestoneState.OPEN : MilestoneState.DUE_SOON;
            }
        };
    }

    /** Whole days past the due date of an overdue milestone (1 the day after), else null. */
    public Long daysOverdue(MilestoneStatus status, LocalDate dueDate, LocalDate today) {
        return state(status, dueDate, today) == MilestoneState.OVERDUE ? ChronoUnit.DAYS.between(dueDate, today) : null;
    }
}
