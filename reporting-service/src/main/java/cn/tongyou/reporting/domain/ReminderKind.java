package cn.tongyou.reporting.domain;

import cn.tongyou.common.code.Coded;

import java.util.List;
import java.util.Optional;

/** What a reminder is about (contracts.md, Reminders). */
public enum ReminderKind implements Coded {
    /** An open milestone due within the due-soon window (MilestoneSchedule). */
    DUE_SOON("due-soon"),
    /** An open milestone past its due date. */
    OVERDUE("overdue"),
    /** Expected values or a progress report not received although the period's report is due. */
    MISSING("missing"),
    /** An approval or a progress report submitted and waiting for the level that accepts it. */
    AWAITING_ACCEPTANCE("awaiting-acceptance"),
    /** A period closes for entry within the lock-warning window while work of it is still open. */
    ABOUT_TO_LOCK("about-to-lock");

    private final String code;

    ReminderKind(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static ReminderKind ofCode(String code) {
        return Coded.of(ReminderKind.class, "reporting.code.reminder-kind", code);
    }

    public static Optional<ReminderKind> find(String code) {
        return Coded.find(ReminderKind.class, code);
    }

    public static List<String> codes() {
        return Coded.codes(ReminderKind.class);
    }
}
