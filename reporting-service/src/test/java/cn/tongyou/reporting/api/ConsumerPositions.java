package cn.tongyou.reporting.api;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** The consumer's recorded Kafka positions, for tests that wait until a replay has reached the offsets seen before. */
final class ConsumerPositions {

    private ConsumerPositions() {
    }

    /** topic/partition → offset, as reporting-service recorded it in consumer_position. */
    static Map<String, Long> of(DataSource ds) {
        Map<String, Long> result = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select kafka_topic || '/' || kafka_partition, kafka_offset from consumer_position")) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getLong(2));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /** Whether every partition has come at least as far as in {@code before}. */
    static boolean reached(DataSource ds, Map<String, Long> before) {
        Map<String, Long> now = of(ds);
        return before.entrySet().stream().allMatch(e -> now.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }
}
