package cn.tongyou.indicator.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The log of bulk observation requests (observation_batch). */
@ApplicationScoped
public class BatchStore {

    @Inject
    AgroalDataSource dataSource;

    public record Batch(UUID id, String idempotencyKey, String requestHash, String format, String onError, String state,
                        String requestedBy, Instant startedAt, Instant heartbeatAt, Instant finishedAt, long rowsRead,
                        long rowsWritten, String report) {
    }

    private static final String COLUMNS = "id, idempotency_key, request_hash, format, on_error, state, requested_by, started_at, "
            + "heartbeat_at, finished_at, rows_read, rows_written, report::text";

    public void insert(Batch b) {
        execute("insert into observation_batch (id, idempotency_key, request_hash, format, on_error, state, requested_by, "
                        + "started_at, heartbeat_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                b.id(), b.idempotencyKey(), b.requestHash(), b.format(), b.onError(), b.state(), b.requestedBy(),
                Timestamp.from(b.startedAt()), Timestamp.from(b.heartbeatAt()));
    }

    public Optional<Batch> find(UUID id) {
        return query("select " + COLUMNS + " from observation_batch where id = ?", id);
    }

    public Optional<Batch> findByKey(String key) {
        return query("select " + COLUMNS + " from observation_batch where idempotency_key = ?", key);
    }

    /** Progress of a running batch; also its sign of life (a batch whose heartbeat stops was interrupted). */
    public void heartbeat(UUID id, long rowsRead, long rowsWritten) {
        execute("update observation_batch set heartbeat_at = now(), rows_read = ?, rows_written = ? where id = ?",
                rowsRead, rowsWritten, id);
    }

    public void restart(UUID id) {
        execute("update observation_batch set state = 'running', heartbeat_at = now(), finished_at = null where id = ?", id);
    }

    public void finish(UUID id, String state, long rowsRead, long rowsWritten, String report) {
        execute("update observation_batch set state = ?, finished_at = now(), heartbeat_at = now(), rows_read = ?, "
                + "rows_written = ?, report = cast(? as jsonb) where id = ?", state, rowsRead, rowsWritten, report, id);
    }

    private void execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("batch log: " + e.getMessage(), e);
        }
    }

    private Optional<Batch> query(String sql, Object param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, param);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Batch((UUID) rs.getObject(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)),
                        instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), rs.getLong(11), rs.getLong(12), rs.getString(13)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("batch log: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
