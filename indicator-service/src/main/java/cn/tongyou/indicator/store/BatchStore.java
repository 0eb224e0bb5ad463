package cn.tongyou.indicator.store;

import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.ResultRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The log of bulk observation requests (observation_batch). */
@ApplicationScoped
public class BatchStore {

    @Inject
    Jdbc jdbc;

    public record Batch(UUID id, String idempotencyKey, String requestHash, String format, String onError, String state,
                        String requestedBy, Instant startedAt, Instant heartbeatAt, Instant finishedAt, long rowsRead,
                        long rowsWritten, String report, String requestedRegion) {
    }

    private static final String COLUMNS = "id, idempotency_key, request_hash, format, on_error, state, requested_by, started_at, "
            + "heartbeat_at, finished_at, rows_read, rows_written, report::text as report, requested_region";

    public void insert(Batch b) {
        jdbc.update("insert into observation_batch (id, idempotency_key, request_hash, format, on_error, state, requested_by, "
                        + "started_at, heartbeat_at, requested_region) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Arrays.asList(b.id(), b.idempotencyKey(), b.requestHash(), b.format(), b.onError(), b.state(), b.requestedBy(),
                        Timestamp.from(b.startedAt()), Timestamp.from(b.heartbeatAt()), b.requestedRegion()));
    }

    public Optional<Batch> find(UUID id) {
        return jdbc.first("select " + COLUMNS + " from observation_batch where id = ?", List.of(id), BatchStore::map);
    }

    /** The batch a sender started with an Idempotency-Key (keys are the sender's own: another sender's same key is another batch). */
    public Optional<Batch> findByKey(String requestedBy, String key) {
        return jdbc.first("select " + COLUMNS + " from observation_batch where requested_by = ? and idempotency_key = ?",
                List.of(requestedBy, key), BatchStore::map);
    }

    /** Progress of a running batch; also its sign of life (a batch whose heartbeat stops was interrupted). */
    public void heartbeat(UUID id, long rowsRead, long rowsWritten) {
        jdbc.update("update observation_batch set heartbeat_at = now(), rows_read = ?, rows_written = ? where id = ?",
                List.of(rowsRead, rowsWritten, id));
    }

    public void restart(UUID id) {
        jdbc.update("update observation_batch set state = 'running', heartbeat_at = now(), finished_at = null where id = ?",
                List.of(id));
    }

    public void finish(UUID id, String state, long rowsRead, long rowsWritten, String report) {
        jdbc.update("update observation_batch set state = ?, finished_at = now(), heartbeat_at = now(), rows_read = ?, "
                + "rows_written = ?, report = cast(? as jsonb) where id = ?", Arrays.asList(state, rowsRead, rowsWritten, report, id));
    }

    private static Batch map(ResultRow row) throws SQLException {
        return new Batch(row.uuid("id"), row.string("idempotency_key"), row.string("request_hash"), row.string("format"),
                row.string("on_error"), row.string("state"), row.string("requested_by"), row.instant("started_at"),
                row.instant("heartbeat_at"), row.instant("finished_at"), row.longValue("rows_read"),
                row.longValue("rows_written"), row.json("report"), row.string("requested_region"));
    }
}
