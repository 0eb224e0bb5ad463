package cn.tongyou.reporting.store;

import cn.tongyou.reporting.events.BatchPlan;
import cn.tongyou.reporting.events.EventDecoder;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the projections (plain JDBC, enlisted in the caller's transaction), a batch at a time: each step is one
 * statement over arrays ({@code unnest}), so a batch of thousands of events costs a handful of round trips.
 */
@ApplicationScoped
public class ProjectionStore {

    /** What a batch did: rows changed by an upsert, tombstones that found their row, and those that did not. */
    public record Applied(int applied, int stale, int tombstoned, int unknownTombstones) {
    }

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
        int n = events.size();
        String[] ids = new String[n];
        Long[] versions = new Long[n];
        Boolean[] deleted = new Boolean[n];
        String[] data = new String[n];
        String[] types = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        for (int i = 0; i < n; i++) {
            BatchPlan.Positioned p = events.get(i);
            ids[i] = p.event().id();
            versions[i] = p.event().version();
            deleted[i] = p.event().kind() == EventDecoder.Kind.DELETED;
            data[i] = p.event().json();
            types[i] = p.event().type();
            partitions[i] = p.partition();
            offsets[i] = p.offset();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into " + table
                + " (id, version, deleted, data, event_type, kafka_topic, kafka_partition, kafka_offset, applied_at)"
                + " select u.id, u.version, u.deleted, u.data::jsonb, u.event_type, ?, u.kafka_partition, u.kafka_offset, now()"
                + " from unnest(?::text[], ?::bigint[], ?::boolean[], ?::text[], ?::text[], ?::integer[], ?::bigint[])"
                + " as u(id, version, deleted, data, event_type, kafka_partition, kafka_offset)"
                + " on conflict (id) do update set version = excluded.version, deleted = excluded.deleted, data = excluded.data,"
                + " event_type = excluded.event_type, kafka_topic = excluded.kafka_topic, kafka_partition = excluded.kafka_partition,"
                + " kafka_offset = excluded.kafka_offset, applied_at = excluded.applied_at"
                + " where " + table + ".version < excluded.version")) {
            ps.setString(1, topic);
            ps.setArray(2, c.createArrayOf("text", ids));
            ps.setArray(3, c.createArrayOf("int8", versions));
            ps.setArray(4, c.createArrayOf("bool", deleted));
            ps.setArray(5, c.createArrayOf("text", data));
            ps.setArray(6, c.createArrayOf("text", types));
            ps.setArray(7, c.createArrayOf("int4", partitions));
            ps.setArray(8, c.createArrayOf("int8", offsets));
            return ps.executeUpdate();
        }
    }

    /** A tombstone marks the row deleted, whatever its version (it always follows the *.deleted event); unknown keys are left. */
    private static int tombstones(Connection c, String table, String topic, List<BatchPlan.Positioned> tombstones) throws SQLException {
        if (tombstones.isEmpty()) {
            return 0;
        }
        int n = tombstones.size();
        String[] ids = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = tombstones.get(i).event().id();
            partitions[i] = tombstones.get(i).partition();
            offsets[i] = tombstones.get(i).offset();
        }
        try (PreparedStatement ps = c.prepareStatement("update " + table + " t set deleted = true, kafka_topic = ?,"
                + " kafka_partition = u.kafka_partition, kafka_offset = u.kafka_offset, applied_at = now()"
                + " from unnest(?::text[], ?::integer[], ?::bigint[]) as u(id, kafka_partition, kafka_offset) where t.id = u.id")) {
            ps.setString(1, topic);
            ps.setArray(2, c.createArrayOf("text", ids));
            ps.setArray(3, c.createArrayOf("int4", partitions));
            ps.setArray(4, c.createArrayOf("int8", offsets));
            return ps.executeUpdate();
        }
    }

    private static void recordPositions(Connection c, String topic, Map<Integer, Long> positions) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into consumer_position (kafka_topic, kafka_partition, kafka_offset, updated_at)"
                + " select ?, u.p, u.o, now() from unnest(?::integer[], ?::bigint[]) as u(p, o)"
                + " on conflict (kafka_topic, kafka_partition) do update set"
                + " kafka_offset = greatest(consumer_position.kafka_offset, excluded.kafka_offset), updated_at = now()")) {
            ps.setString(1, topic);
            ps.setArray(2, c.createArrayOf("int4", positions.keySet().toArray(Integer[]::new)));
            ps.setArray(3, c.createArrayOf("int8", positions.values().toArray(Long[]::new)));
            ps.executeUpdate();
        }
    }

    /** Highest applied offset per "topic/partition". */
    public Map<String, Long> positions() throws SQLException {
        Map<String, Long> result = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select kafka_topic, kafka_partition, kafka_offset from consumer_position order by 1, 2");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.put(rs.getString(1) + "/" + rs.getInt(2), rs.getLong(3));
            }
        }
        return result;
    }
}
