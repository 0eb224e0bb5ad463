package cn.tongyou.common.outbox;

import cn.tongyou.common.events.EventSchemas;
import cn.tongyou.common.security.AuthorizationMatrix.Probe;
import com.fasterxml.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The authorization-matrix probes of the two outbox operations every service serves ({@link OutboxParkedResource}).
 * Each re-drive probe parks a row of its own first, so that the allowed cell really re-drives something (and leaves
 * its audit record). The row names a topic no service consumes, so its publication disturbs no projection.
 */
public final class ParkedProbes {

    static final String PROBE_TOPIC = "cfc.test.matrix-probe";
    static final String PROBE_TYPE = "cfc.unit.changed.v1";

    private ParkedProbes() {
    }

    public static Map<String, Supplier<Probe>> probes(DataSource dataSource) {
        Map<String, Supplier<Probe>> probes = new LinkedHashMap<>();
        probes.put("GET /api/v1/outbox/parked", () -> Probe.get("/api/v1/outbox/parked"));
        probes.put("POST /api/v1/outbox/parked/{id}/redrive",
                () -> Probe.of("POST", "/api/v1/outbox/parked/" + park(dataSource) + "/redrive"));
        return probes;
    }

    /**
     * Parks a probe row as the relay would after refusals; its id. Its data is a schema-valid example event (tests
     * that check every outbox row against its schema see it once it is re-driven).
     */
    public static long park(DataSource dataSource) {
        JsonNode data = EventSchemas.example(PROBE_TYPE);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into outbox_parked (seq, event_id, topic, event_type, aggregate_id, aggregate_version, payload, "
                        + "tombstone, occurred_at, reason_class, reason, attempts, first_failure_at, last_failure_at) "
                        + "values (nextval(pg_get_serial_sequence('outbox_event', 'seq')), gen_random_uuid(), ?, ?, "
                        + "'probe-' || gen_random_uuid(), ?, ?::jsonb, false, now(), "
                        + "'org.apache.kafka.common.errors.RecordTooLargeException', 'a probe of the authorization matrix', "
                        + "5, now(), now()) returning id")) {
            s.setString(1, PROBE_TOPIC);
            s.setString(2, PROBE_TYPE);
            s.setLong(3, data.path("version").asLong());
            s.setString(4, data.toString());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
