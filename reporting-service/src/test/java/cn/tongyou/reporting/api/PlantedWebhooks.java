package cn.tongyou.reporting.api;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

/** Subscriptions and dead deliveries written straight into the tables, for probes that need a fresh one each call. */
final class PlantedWebhooks {

    private PlantedWebhooks() {
    }

    /** A live generic subscription of the county (6 digits), version 1; its id. */
    static String subscription(AgroalDataSource ds, String county) {
        UUID id = UUID.randomUUID();
        exec(ds, "insert into webhook_subscription (id, region_code, region_subtree, name, url, kinds, format, secret, version,"
                + " created_at, created_by, updated_at, updated_by) values (?, ?, ?, 'planted', 'https://oa.example.cn/hook',"
                + " '{}', 'generic', 's3cret', 1, now(), 'planted', now(), 'planted')", id, county + "000000", county + "%");
        return id.toString();
    }

    /** A dead delivery of a planted reminder to a planted subscription of the county; its id. */
    static String deadDelivery(AgroalDataSource ds, String county) {
        UUID subscription = UUID.fromString(subscription(ds, county));
        UUID reminder = UUID.randomUUID();
        UUID delivery = UUID.randomUUID();
        String region = county + "000000";
        exec(ds, "insert into reminder (id, kind, subject_type, subject_id, recipient, business_day, region_code, issued_at, data)"
                + " values (?, 'overdue', 'milestone', ?, ?, current_date, ?, now(), jsonb_build_object('id', ?::text,"
                + " 'kind', 'overdue', 'subjectType', 'milestone', 'subjectId', ?::text, 'region', ?::text, 'recipient', ?::text,"
                + " 'recipientRegion', ?::text, 'unitId', null, 'unitName', null, 'period', null, 'dueDate', null, 'count', 1,"
                + " 'businessDay', current_date::text, 'message', 'planted', 'messageZh', 'planted', 'issuedAt', now()::text))",
                reminder, reminder.toString(), "region:" + region, region, reminder.toString(), reminder.toString(), region,
                "region:" + region, region);
        exec(ds, "insert into webhook_delivery (id, subscription_id, reminder_id, status, attempts, next_attempt_at, created_at,"
                + " last_attempt_at, last_status, last_error, dead_at) values (?, ?, ?, 'dead', 3, now(), now(), now(), 500,"
                + " 'HTTP 500', now())", delivery, subscription, reminder);
        return delivery.toString();
    }

    private static void exec(AgroalDataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
