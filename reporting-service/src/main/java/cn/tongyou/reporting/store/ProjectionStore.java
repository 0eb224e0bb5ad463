package cn.tongyou.reporting.store;

import cn.tongyou.common.store.ColumnBatch;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.SqlArray;
import cn.tongyou.reporting.domain.BatchPlan;
import cn.tongyou.reporting.domain.EventDecoder;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the projections (plain JDBC, enlisted in the caller's transaction), a batch at a time: each step is one
 * set-based statement (the events as one JSON array of records, tombstones and positions as arrays through
 * {@code unnest}), so a batch of thousands of events costs a handful of round trips. Also the consumer positions they
 * reflect, and the reset a rebuild starts with.
 */
@ApplicationScoped
public class ProjectionStore {

    /** What a batch did: rows changed by an upsert, tombstones that found their row, and those that did not. */
    public record Applied(int applied, int stale, int tombstoned, int unknownTombstones) {
    }

    /**
     * The upserts' rows as one JSON array of records, each event's data spliced in as the record's own bytes, sent as
     * one binary parameter: the events are the bulk of a batch, and a {@code text[]} of JSON documents made the
     * driver escape every quote of every event into an array literal (10 % of the consumer's CPU), encode it again
     * as UTF-8, and the server unescape it. The decoder has parsed each value as exactly one JSON value, so the splice
     * is valid JSON; {@code convert_from} checks the encoding (class 22 if not UTF-8, like a value jsonb refuses).
     */
    private static final String EVENT_RECORDS = "json_to_recordset(convert_from(?, 'UTF8')::json) as u(id text,"
            + " version bigint, deleted boolean, data jsonb, event_type text, kafka_partition integer, kafka_offset bigint)";

    private static final ColumnBatch<BatchPlan.Positioned> TOMBSTONES = ColumnBatch.<BatchPlan.Positioned>builder()
            .text("id", p -> p.event().id())
            .integer("kafka_partition", BatchPlan.Positioned::partition)
            .bigint("kafka_offset", BatchPlan.Positioned::offset)
            .build();

    /** Highest offset per partition. */
    private static final ColumnBatch<Map.Entry<Integer, Long>> POSITIONS = ColumnBatch.<Map.Entry<Integer, Long>>builder()
            .integer("kafka_partition", Map.Entry::getKey)
            .bigint("kafka_offset", Map.Entry::getValue)
            .build();

    @Inject
    AgroalDataSource dataSource;

    public Applied apply(String topic, BatchPlan plan) throws SQLException {
        String table = plan.spec().table();
        try (Connection c = dataSource.getConnection()) {
            int tombstoned = tombstones(c, table, topic, plan.tombstonesFirst());
            int applied = upserts(c, table, topic, plan.upserts());
            tombstoned += tombstones(c, table, topic, plan.tombstonesLast());
            recordPositions(c, topic, plan.positions());
            int tombstones = plan.tombstonesFirst().size() + plan.tombstonesLast().size();
            return new Applied(applied, plan.upserts().size() - applied + plan.superseded(), tombstoned, tombstones - tombstoned);
        }
    }

    /**
     * Newer versions only: the conditional update leaves a row alone when it already holds that version or a newer
     * one, so a duplicate or late event changes nothing. A *.deleted event is stored as a deleted marker.
     */
    private static int upserts(Connection c, String table, String topic, List<BatchPlan.Positioned> events) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        return Jdbc.update(c, "insert into " + table
                + " (id, version, deleted, data, event_type, kafka_topic, kafka_partition, kafka_offset, applied_at)"
                + " select u.id, u.version, u.deleted, u.data, u.event_type, ?, u.kafka_partition, u.kafka_offset, now()"
                + " from " + EVENT_RECORDS
                + " on conflict (id) do update set version = excluded.version, deleted = excluded.deleted, data = excluded.data,"
                + " event_type = excluded.event_type, kafka_topic = excluded.kafka_topic, kafka_partition = excluded.kafka_partition,"
                + " kafka_offset = excluded.kafka_offset, applied_at = excluded.applied_at"
                + " where " + table + ".version < excluded.version", List.of(topic, records(events)));
    }

    static byte[] records(List<BatchPlan.Positioned> events) {
        ByteArrayOutputStream json = new ByteArrayOutputStream(events.stream().mapToInt(p -> p.event().json().length + 160).sum());
        json.write('[');
        for (BatchPlan.Positioned p : events) {
            EventDecoder.Decoded e = p.event();
            if (json.size() > 1) {
                json.write(',');
            }
            ascii(json, "{\"id\":");
            string(json, e.id());
            ascii(json, ",\"version\":" + e.version() + ",\"deleted\":" + (e.kind() == EventDecoder.Kind.DELETED)
                    + ",\"data\":");
            json.writeBytes(e.json());
            ascii(json, ",\"event_type\":");
            string(json, e.type());
            ascii(json, ",\"kafka_partition\":" + p.partition() + ",\"kafka_offset\":" + p.offset() + "}");
        }
        json.write(']');
        return json.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void string(ByteArrayOutputStream out, String text) {
        out.write('"');
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(text));
        out.write('"');
    }

    /** A tombstone marks the row deleted, whatever its version (it always follows the *.deleted event); unknown keys are left. */
    private static int tombstones(Connection c, String table, String topic, List<BatchPlan.Positioned> tombstones) throws SQLException {
        if (tombstones.isEmpty()) {
            return 0;
        }
        return Jdbc.update(c, "update " + table + " t set deleted = true, kafka_topic = ?,"
                + " kafka_partition = u.kafka_partition, kafka_offset = u.kafka_offset, applied_at = now()"
                + " from " + TOMBSTONES.unnest("u") + " where t.id = u.id", topicThen(topic, TOMBSTONES.arrays(tombstones)));
    }

    private static void recordPositions(Connection c, String topic, Map<Integer, Long> positions) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        Jdbc.update(c, "insert into consumer_position (kafka_topic, kafka_partition, kafka_offset, updated_at)"
                + " select ?, u.kafka_partition, u.kafka_offset, now() from " + POSITIONS.unnest("u")
                + " on conflict (kafka_topic, kafka_partition) do update set"
                + " kafka_offset = greatest(consumer_position.kafka_offset, excluded.kafka_offset), updated_at = now()",
                topicThen(topic, POSITIONS.arrays(List.copyOf(positions.entrySet()))));
    }

    private static List<Object> topicThen(String topic, List<SqlArray> arrays) {
        List<Object> params = new ArrayList<>(arrays.size() + 1);
        params.add(topic);
        params.addAll(arrays);
        return params;
    }

    /** Empties every projection and the recorded positions, for a replay from the beginning; answers the tables emptied. */
    public List<String> reset() {
        List<String> tables = EventDecoder.TOPICS.stream().map(EventDecoder.TopicSpec::table).toList();
        try (Connection c = dataSource.getConnection()) {
            Jdbc.update(c, "truncate consumer_position, " + String.join(", ", tables), List.of());
        } catch (SQLException e) {
            throw new IllegalStateException("resetting the projections failed", e);
        }
        return tables;
    }

    /** Highest applied offset per "topic/partition". */
    public Map<String, Long> positions() throws SQLException {
        Map<String, Long> result = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            Jdbc.forEach(c, "select kafka_topic, kafka_partition, kafka_offset from consumer_position order by 1, 2", List.of(),
                    row -> result.put(row.string("kafka_topic") + "/" + row.intValue("kafka_partition"), row.longValue("kafka_offset")));
        }
        return result;
    }
}
