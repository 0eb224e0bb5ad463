package cn.tongyou.reporting.events;

import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.common.events.Topics;
import cn.tongyou.reporting.domain.ReminderIssued;

/**
 * Builds {@code cfc.reminder.issued.v1} on reporting-service's own topic; key = reminder id. A reminder never changes,
 * so every event is version 1 of a new aggregate and the compacted topic keeps them all.
 */
public final class ReminderEvents {

    public static final String TOPIC = Topics.REMINDERS;

    private ReminderEvents() {
    }

    public static DomainEvent issued(ReminderIssued data) {
        return DomainEvent.changed(TOPIC, ReminderIssued.TYPE, data.id(), 1, data);
    }
}
