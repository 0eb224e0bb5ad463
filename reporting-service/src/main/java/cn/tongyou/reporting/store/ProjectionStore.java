package cn.tongyou.reporting.store;

import cn.tongyou.reporting.events.EventDecoder;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the projections (plain JDBC, enlisted in the caller's transaction). */
@ApplicationScoped
public class ProjectionStore {

    public enum Outcome { APPLIED, STALE, TOMBSTONED, UNKNOWN_TOMBSTONE }

    @Inject
    AgroalDataSource dataSource;

    /** Applies an event when its version is newer than the row's; records the partition's position either way. */
    public Outcome apply(EventDecoder.Decoded e, String topic, int partition, long offset) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Outcome outcome;
            if (e.kind() == EventDecoder.Kind.TOMBSTONE) {
                try (PreparedStatement ps = c.prepareStatement("update " + e.spec().table()
                        + " set deleted = true, kafka_topic = ?, kafka_partition = ?, kafka_offset = ?, applied_at = now() where id = ?")) {
                    ps.setString(1, topic);
                    ps.setInt(2, partition);
                    ps.setLong(3, offset);
                    ps.setString(4, e.id());
                    outcome = ps.executeUpdate() == 1 ? Outcome.TOMBSTONED : Outcome.UNKNOWN_TOMBSTONE;
                }
            } else {
                String t = e.spec().table();
                try (PreparedStatement ps = c.prepareStatement("insert into " + t
                        + " (id, version, deleted, data, event_type, kafka_topic, kafka_partition, kafka_offset, applied_at)"
                        + " values (?, ?, ?, ?::jsonb, ?, ?, ?, ?, now()) on conflict (id) do update set version = excluded.version,"
                        + " deleted = excluded.deleted, data = excluded.data, event_type = excluded.event_type,"
                        + " kafka_topic = excluded.kafka_topic, kafka_partition = excluded.kafka_partition,"
                        + " kafka_offset = excluded.kafka_offset, applied_at = now() where " + t + ".version < excluded.version")) {
                    ps.setString(1, e.id());
                    ps.setLong(2, e.version());
                    ps.setBoolean(3, e.kind() == EventDecoder.Kind.DELETED);
                    ps.setString(4, e.json());
                    ps.setString(5, e.type());
                    ps.setString(6, topic);
                    ps.setInt(7, partition);
                    ps.setLong(8, offset);
                    outcome = ps.executeUpdate() == 1 ? Outcome.APPLIED : Outcome.STALE;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into consumer_position (kafka_topic, kafka_partition, kafka_offset, updated_at)"
                    + " values (?, ?, ?, now()) on conflict (kafka_topic, kafka_partition) do update set"
                    + " kafka_offset = greatest(consumer_position.kafka_offset, excluded.kafka_offset), updated_at = now()")) {
                ps.setString(1, topic);
                ps.setInt(2, partition);
                ps.setLong(3, offset);
                ps.executeUpdate();
            }
            return outcome;
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
