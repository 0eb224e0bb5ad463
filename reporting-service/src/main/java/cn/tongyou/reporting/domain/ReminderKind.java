package cn.tongyou.reporting.domain;

import cn.tongyou.common.code.Coded;
import cn.tongyou.common.i18n.Message;

/** What a reminder is about (contracts.md, Reminders). */
public enum ReminderKind implements Coded {
    /** An open milestone due within the due-soon window (MilestoneSchedule). */
    DUE_SOON("due-soon", "reporting.reminder.kind-name.due-soon"),
    /** An open milestone past its due date. */
    OVERDUE("overdue", "reporting.reminder.kind-name.overdue"),
    /** Expected values or a progress report not received although the period's report is due. */
    MISSING("missing", "reporting.reminder.kind-name.missing"),
    /** An approval or a progress report submitted and waiting for the level that accepts it. */
    AWAITING_ACCEPTANCE("awaiting-acceptance", "reporting.reminder.kind-name.awaiting-acceptance"),
    /** A period closes for entry within the lock-warning window while work of it is still open. */
    ABOUT_TO_LOCK("about-to-lock", "reporting.reminder.kind-name.about-to-lock");

    private final String code;
    private final String nameKey;

    ReminderKind(String code, String nameKey) {
        this.code = code;
        this.nameKey = nameKey;
    }

    /** The kind as a reader calls it (a robot message's title). */
    public Message displayName() {
        return Message.of(nameKey);
    }

    @Override
    public String code() {
        return code;
    }

    public static ReminderKind ofCode(String code) {
        return Coded.of(ReminderKind.class, "reporting.code.reminder-kind", code);
    }
}
