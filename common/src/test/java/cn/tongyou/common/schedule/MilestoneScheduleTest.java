package cn.tongyou.common.schedule;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Overdue and due-soon at their boundaries, at a fixed moment (Beijing time). */
class MilestoneScheduleTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** 2025-07-01 00:30 in Beijing is still 2025-06-30 in UTC: "today" must follow the business zone. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-30T16:30:00Z"), BEIJING);
    private final MilestoneSchedule schedule = new MilestoneSchedule(CLOCK, 30);

    @Test
    void todayIsTheBusinessDay() {
        assertThat(schedule.today()).isEqualTo(LocalDate.of(2025, 7, 1));
    }

    @Test
    void dueTodayIsNotOverdueButDueSoon() {
        assertThat(schedule.state(MilestoneStatus.OPEN, LocalDate.of(2025, 7, 1))).isEqualTo(MilestoneState.DUE_SOON);
        assertThat(schedule.daysOverdue(MilestoneStatus.OPEN, LocalDate.of(2025, 7, 1), schedule.today())).isNull();
    }

    @Test
    void dueYesterdayIsOverdueByOneDay() {
        assertThat(schedule.state(MilestoneStatus.OPEN, LocalDate.of(2025, 6, 30))).isEqualTo(MilestoneState.OVERDUE);
        assertThat(schedule.daysOverdue(MilestoneStatus.OPEN, LocalDate.of(2025, 6, 30), schedule.today())).isEqualTo(1L);
    }

    @Test
    void undatedIsNeverOverdueNorDueSoon() {
        assertThat(schedule.state(MilestoneStatus.OPEN, null)).isEqualTo(MilestoneState.OPEN);
        assertThat(schedule.daysOverdue(MilestoneStatus.OPEN, null, schedule.today())).isNull();
    }

    @Test
    void dueSoonEndsAfterTheHorizon() {
        assertThat(schedule.state(MilestoneStatus.OPEN, LocalDate.of(2025, 7, 31))).isEqualTo(MilestoneState.DUE_SOON);
        assertThat(schedule.state(MilestoneStatus.OPEN, LocalDate.of(2025, 8, 1))).isEqualTo(MilestoneState.OPEN);
    }

    @Test
    void doneAndCancelledAreNeverOverdue() {
        LocalDate longAgo = LocalDate.of(2022, 12, 31);
        assertThat(schedule.state(MilestoneStatus.DONE, longAgo)).isEqualTo(MilestoneState.DONE);
        assertThat(schedule.state(MilestoneStatus.CANCELLED, longAgo)).isEqualTo(MilestoneState.CANCELLED);
        assertThat(schedule.daysOverdue(MilestoneStatus.DONE, longAgo, schedule.today())).isNull();
    }

    @Test
    void theVerdictMovesWithTheClockNotWithStoredData() {
        LocalDate due = LocalDate.of(2025, 12, 31);
        MilestoneSchedule before = new MilestoneSchedule(Clock.fixed(Instant.parse("2025-12-31T15:59:59Z"), BEIJING), 30);
        MilestoneSchedule after = new MilestoneSchedule(Clock.fixed(Instant.parse("2025-12-31T16:00:00Z"), BEIJING), 30);
        assertThat(before.state(MilestoneStatus.OPEN, due)).isEqualTo(MilestoneState.DUE_SOON);
        assertThat(after.state(MilestoneStatus.OPEN, due)).isEqualTo(MilestoneState.OVERDUE);
    }

    @Test
    void zeroDueSoonDaysLeavesOnlyToday() {
        MilestoneSchedule strict = new MilestoneSchedule(CLOCK, 0);
        assertThat(strict.state(MilestoneStatus.OPEN, LocalDate.of(2025, 7, 1))).isEqualTo(MilestoneState.DUE_SOON);
        assertThat(strict.state(MilestoneStatus.OPEN, LocalDate.of(2025, 7, 2))).isEqualTo(MilestoneState.OPEN);
    }
}
