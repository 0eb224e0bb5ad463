package cn.tongyou.reporting.store;

import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.ResultRow;
import cn.tongyou.common.store.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Webhook subscriptions and their deliveries. */
@ApplicationScoped
public class WebhookStore {

    /** A stored subscription; {@code secret} stays inside the service. */
    public record Subscription(UUID id, String region, String name, String url, List<String> kinds, String format,
                               String secret, long version, Instant createdAt, String createdBy, Instant updatedAt,
                               String updatedBy) {
    }

    /** A delivery with what sending it needs. */
    public record Delivery(UUID id, UUID subscriptionId, UUID reminderId, String status, int attempts, Instant nextAttemptAt,
                           Instant createdAt, Instant lastAttemptAt, Integer lastStatus, String lastError,
                           Instant deliveredAt, Instant deadAt, String region, String url, String format, String secret,
                           String reminder) {
    }

    private static final String SUBSCRIPTION = "select id, region_code, name, url, array_to_string(kinds, ',') as kinds, format, secret, version,"
            + " created_at, created_by, updated_at, updated_by from webhook_subscription";
    private static final String DELIVERY = "select d.id, d.subscription_id, d.reminder_id, d.status, d.attempts,"
            + " d.next_attempt_at, d.created_at, d.last_attempt_at, d.last_status, d.last_error, d.delivered_at, d.dead_at,"
            + " s.region_code, s.url, s.format, s.secret, r.data::text as reminder from webhook_delivery d"
            + " join webhook_subscription s on s.id = d.subscription_id join reminder r on r.id = d.reminder_id";

    @Inject
    Jdbc jdbc;

    /** {@code subtree}: the LIKE pattern of the region codes the subscription hears about. */
    public void insert(Subscription s, String subtree) {
        jdbc.update("insert into webhook_subscription (id, region_code, region_subtree, name, url, kinds, format, secret, version, created_at,"
                        + " created_by, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Arrays.asList(s.id(), s.region(), subtree, s.name(), s.url(), SqlArray.text(s.kinds()), s.format(), s.secret(),
                        s.version(), Timestamp.from(s.createdAt()), s.createdBy(), Timestamp.from(s.updatedAt()), s.updatedBy()));
    }

    /** Writes the new state when the stored version is still {@code expected}; false when it moved on. */
    public boolean update(Subscription s, long expected) {
        return jdbc.update("update webhook_subscription set name = ?, url = ?, kinds = ?, format = ?, secret = ?, version = ?,"
                        + " updated_at = ?, updated_by = ? where id = ? and version = ? and deleted_at is null",
                Arrays.asList(s.name(), s.url(), SqlArray.text(s.kinds()), s.format(), s.secret(), s.version(),
                        Timestamp.from(s.updatedAt()), s.updatedBy(), s.id(), expected)) == 1;
    }

    public boolean delete(UUID id, long expected, Instant at, String by) {
        return jdbc.update("update webhook_subscription set deleted_at = ?, deleted_by = ?, version = version + 1"
                + " where id = ? and version = ? and deleted_at is null", Arrays.asList(Timestamp.from(at), by, id, expected)) == 1;
    }

    public Optional<Subscription> find(UUID id) {
        return jdbc.first(SUBSCRIPTION + " where id = ? and deleted_at is null", List.of(id), WebhookStore::subscription);
    }

    /** Live subscriptions of regions matching {@code subtree} (null: all), by region then name. */
    public List<Subscription> list(String subtree, long offset, int limit) {
        return jdbc.list(SUBSCRIPTION + " where deleted_at is null and (?::text is null or region_code like ?)"
                + " order by region_code, name, id offset ? limit ?", Arrays.asList(subtree, subtree, offset, limit),
                WebhookStore::subscription);
    }

    public long count(String subtree) {
        return jdbc.count("select count(*) from webhook_subscription where deleted_at is null"
                + " and (?::text is null or region_code like ?)", Arrays.asList(subtree, subtree));
    }

    /**
     * Queues a delivery of the reminder to every live subscription whose region contains the reminder's region and
     * whose kinds (empty: all) name its kind; the number queued.
     */
    public int queue(UUID reminderId, String region, String kind, Instant due, Instant now) {
        return jdbc.update("insert into webhook_delivery (id, subscription_id, reminder_id, status, next_attempt_at, created_at)"
                + " select gen_random_uuid(), s.id, ?, 'pending', ?, ? from webhook_subscription s where s.deleted_at is null"
                + " and ? like s.region_subtree and (cardinality(s.kinds) = 0 or ? = any(s.kinds))"
                + " on conflict on constraint webhook_delivery_once do nothing",
                Arrays.asList(reminderId, Timestamp.from(due), Timestamp.from(now), region, kind));
    }

    /**
     * Claims up to {@code limit} pending deliveries of live subscriptions due at {@code now} and moves their next attempt to {@code lease}:
     * another worker skips them (locked rows, then a future time) while this one sends them.
     */
    public List<Delivery> claim(Instant now, Instant lease, int limit) {
        List<UUID> ids = jdbc.list("update webhook_delivery set next_attempt_at = ? where id in (select id from webhook_delivery"
                        + " where status = 'pending' and next_attempt_at <= ? and subscription_id in (select id from webhook_subscription"
                        + " where deleted_at is null) order by next_attempt_at limit ?"
                        + " for update skip locked) returning id", Arrays.asList(Timestamp.from(lease), Timestamp.from(now), limit),
                row -> row.uuid("id"));
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.list(DELIVERY + " where d.id = any(?) order by d.created_at", List.of(SqlArray.uuid(ids)), WebhookStore::delivery);
    }

    public void delivered(UUID id, int attempts, Instant at, int status) {
        jdbc.update("update webhook_delivery set status = 'delivered', attempts = ?, last_attempt_at = ?, last_status = ?,"
                + " last_error = null, delivered_at = ? where id = ?", Arrays.asList(attempts, Timestamp.from(at), status,
                Timestamp.from(at), id));
    }

    /** A failed attempt: pending again at {@code next}, or dead when {@code next} is null. */
    public void failed(UUID id, int attempts, Instant at, Integer status, String error, Instant next) {
        jdbc.update("update webhook_delivery set status = ?, attempts = ?, last_attempt_at = ?, last_status = ?, last_error = ?,"
                        + " next_attempt_at = coalesce(?, next_attempt_at), dead_at = ? where id = ?",
                Arrays.asList(next == null ? "dead" : "pending", attempts, Timestamp.from(at), status, error,
                        next == null ? null : Timestamp.from(next), next == null ? Timestamp.from(at) : null, id));
    }

    public Optional<Delivery> findDelivery(UUID id) {
        return jdbc.first(DELIVERY + " where d.id = ?", List.of(id), WebhookStore::delivery);
    }

    /** A dead delivery back to pending with fresh attempts; false when it is not dead (any more). */
    public boolean redrive(UUID id, Instant due, Instant at, String by) {
        return jdbc.update("update webhook_delivery set status = 'pending', attempts = 0, next_attempt_at = ?, dead_at = null,"
                + " redriven_at = ?, redriven_by = ? where id = ? and status = 'dead'",
                Arrays.asList(Timestamp.from(due), Timestamp.from(at), by, id)) == 1;
    }

    /** Deliveries in {@code status} (null: all) of subscriptions of regions matching {@code subtree}, newest first. */
    public List<Delivery> deliveries(String status, String subtree, long offset, int limit) {
        List<Object> params = new ArrayList<>(Arrays.asList(status, status, subtree, subtree));
        params.add(offset);
        params.add(limit);
        return jdbc.list(DELIVERY + " where (?::text is null or d.status = ?) and (?::text is null or s.region_code like ?)"
                + " order by d.created_at desc, d.id offset ? limit ?", params, WebhookStore::delivery);
    }

    public long countDeliveries(String status, String subtree) {
        return jdbc.count("select count(*) from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id"
                + " where (?::text is null or d.status = ?) and (?::text is null or s.region_code like ?)",
                Arrays.asList(status, status, subtree, subtree));
    }

    private static Subscription subscription(ResultRow row) throws SQLException {
        return new Subscription(row.uuid("id"), row.string("region_code"), row.string("name"), row.string("url"),
                kinds(row.string("kinds")), row.string("format"), row.string("secret"), row.longValue("version"),
                row.instant("created_at"), row.string("created_by"), row.instant("updated_at"), row.string("updated_by"));
    }

    private static List<String> kinds(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    private static Delivery delivery(ResultRow row) throws SQLException {
        return new Delivery(row.uuid("id"), row.uuid("subscription_id"), row.uuid("reminder_id"), row.string("status"),
                row.intValue("attempts"), row.instant("next_attempt_at"), row.instant("created_at"),
                row.instant("last_attempt_at"), row.intOrNull("last_status"), row.string("last_error"),
                row.instant("delivered_at"), row.instant("dead_at"), row.string("region_code"), row.string("url"),
                row.string("format"), row.string("secret"), row.string("reminder"));
    }
}
