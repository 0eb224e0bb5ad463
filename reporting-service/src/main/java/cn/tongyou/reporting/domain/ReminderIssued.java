package cn.tongyou.reporting.domain;

/**
 * The data of {@code cfc.reminder.issued.v1}: one reminder, as it travels on {@code cfc.reminders} and to webhooks
 * (schema common/src/main/resources/events/schemas/cfc.reminder.issued.v1.json). Dates are ISO strings.
 *
 * @param recipient     {@code unit:<unit id>} or {@code region:<region code>} (the office of that region)
 * @param recipientRegion the region whose office (or unit) is reminded: for an approval the acceptor's region
 * @param businessDay   the business day of the scan; one reminder per kind, subject, recipient and day
 */
public record ReminderIssued(String id, String kind, String subjectType, String subjectId, String region,
                             String recipient, String recipientRegion, String unitId, String unitName, String period,
                             String dueDate, int count, String businessDay, String message, String messageZh,
                             String issuedAt) {

    /** The CloudEvents type. */
    public static final String TYPE = "cfc.reminder.issued.v1";
}
