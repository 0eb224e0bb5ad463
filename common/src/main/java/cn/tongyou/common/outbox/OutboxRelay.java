package cn.tongyou.common.outbox;

import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.SqlArray;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them published.
 *
 * <p>Only one relay per service works at a time (a PostgreSQL advisory lock, held for the batch's transaction), so
 * several replicas never interleave one aggregate's events. A row is marked only after Kafka acknowledged it; after
 * a failure the relay waits with exponential backoff and starts again from the first unacknowledged row, so a broker
 * outage or a restart of the service loses nothing and keeps each aggregate's order (at-least-once).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String LOCK = "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox-relay')) as locked";
    private static final String PENDING = "select seq, event_id, topic, event_type, aggregate_id, aggregate_version, "
            + "payload, tombstone, occurred_at, actor from outbox_event where published_at is null order by seq limit ?";
    private static final String MARK_PUBLISHED = "update outbox_event set published_at = now() where seq = any(?)";
    private static final String MARK_FAILED = "update outbox_event set attempts = attempts + 1, last_error = ? where seq = ?";
    private static final String COUNT_PENDING = "select count(*) from outbox_event where published_at is null";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Jdbc jdbc;

    @Inject
    KafkaEventPublisher publisher;

    @Inject
    OutboxConfig config;

    @Inject
    MeterRegistry registry;

    private final AtomicLong pendingRows = new AtomicLong();
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile int consecutiveFailures;
    private volatile String lastError;
    private volatile Instant lastCount = Instant.EPOCH;
    private Counter published;
    private Counter failures;

    @PostConstruct
    void metrics() {
        Gauge.builder("cfc.outbox.pending", pendingRows, AtomicLong::get)
                .description("outbox rows not yet acknowledged by Kafka").register(registry);
        published = Counter.builder("cfc.outbox.published").description("outbox rows published").register(registry);
        failures = Counter.builder("cfc.outbox.failures").description("failed publish attempts").register(registry);
    }

    @Scheduled(every = "${cfc.outbox.poll-interval:0.5s}", delayed = "${cfc.outbox.start-delay:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.relayEnabled() || Instant.now().isBefore(pausedUntil)) {
            return;
        }
        relayPending();
    }

    /** Publishes until the outbox is empty or a publish fails; returns the rows published. */
    public int relayPending() {
        int total = 0;
        try {
            int batch;
            do {
                batch = relayBatch();
                total += batch;
                // A long drain keeps the gauge moving: counted down per batch, recounted now and then.
                long done = batch;
                pendingRows.updateAndGet(pending -> Math.max(0, pending - done));
                refreshPendingCount(false);
            } while (batch == config.batchSize());
        } catch (SQLException e) {
            LOG.warnf("outbox relay could not read the outbox: %s", e.getMessage());
        } finally {
            refreshPendingCount(total > 0);
        }
        return total;
    }

    private int relayBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryLock(connection)) {
                    connection.rollback();
                    return 0;
                }
                List<OutboxRow> rows = readPending(connection);
                if (rows.isEmpty()) {
                    connection.commit();
                    return 0;
                }
                int acknowledged = publishRows(rows);
                if (acknowledged > 0) {
                    markPublished(connection, rows.subList(0, acknowledged));
                }
                if (acknowledged < rows.size()) {
                    markFailed(connection, rows.get(acknowledged));
                }
                connection.commit();
                published.increment(acknowledged);
                if (acknowledged < rows.size()) {
                    backOff(rows.get(acknowledged));
                    return acknowledged;
                }
                lastError = null;
                consecutiveFailures = 0;
                return acknowledged;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Publishes the rows (a deletion becomes its event plus a tombstone) and counts the rows fully acknowledged. */
    private int publishRows(List<OutboxRow> rows) {
        List<OutboxRow> records = new ArrayList<>(rows.size());
        List<Integer> lastRecordOfRow = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            records.add(row);
            if (row.tombstoneRecord()) {
                records.set(records.size() - 1, new OutboxRow(row.seq(), row.eventId(), row.topic(), row.eventType(),
                        row.aggregateId(), row.aggregateVersion(), row.payload(), false, row.occurredAt(), row.actor()));
                records.add(row);
            }
            lastRecordOfRow.add(records.size());
        }
        int acknowledgedRecords;
        try {
            acknowledgedRecords = publisher.publish(records);
        } catch (RuntimeException e) {
            LOG.debugf(e, "publishing failed");
            acknowledgedRecords = 0;
        }
        int rowsDone = 0;
        while (rowsDone < rows.size() && lastRecordOfRow.get(rowsDone) <= acknowledgedRecords) {
            rowsDone++;
        }
        return rowsDone;
    }

    private boolean tryLock(Connection connection) throws SQLException {
        boolean[] locked = {false};
        Jdbc.forEach(connection, LOCK, List.of(), row -> locked[0] = row.bool("locked"));
        return locked[0];
    }

    private List<OutboxRow> readPending(Connection connection) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        Jdbc.forEach(connection, PENDING, List.of(config.batchSize()), row -> rows.add(new OutboxRow(
                row.longValue("seq"), row.uuid("event_id"), row.string("topic"), row.string("event_type"),
                row.string("aggregate_id"), row.longValue("aggregate_version"), row.json("payload"),
                row.bool("tombstone"), row.instant("occurred_at"), row.string("actor"))));
        return rows;
    }

    private void markPublished(Connection connection, List<OutboxRow> rows) throws SQLException {
        Jdbc.update(connection, MARK_PUBLISHED, List.of(SqlArray.of("bigint", rows.stream().map(OutboxRow::seq).toList())));
    }

    private void markFailed(Connection connection, OutboxRow row) throws SQLException {
        Jdbc.update(connection, MARK_FAILED, List.of("Kafka did not acknowledge the event", row.seq()));
    }

    private void backOff(OutboxRow firstUnpublished) {
        failures.increment();
        consecutiveFailures++;
        long factor = 1L << Math.min(consecutiveFailures - 1, 16);
        Duration wait = config.initialBackoff().multipliedBy(factor);
        if (wait.compareTo(config.maxBackoff()) > 0) {
            wait = config.maxBackoff();
        }
        pausedUntil = Instant.now().plus(wait);
        lastError = "Kafka did not acknowledge event " + firstUnpublished.eventId() + " (" + firstUnpublished.topic() + ")";
        publisher.reset();
        LOG.warnf("outbox relay: %s; attempt %d failed, retrying in %d ms", lastError, consecutiveFailures, wait.toMillis());
    }

    private void refreshPendingCount(boolean changed) {
        Instant now = Instant.now();
        if (!changed && now.isBefore(lastCount.plusSeconds(5))) {
            return;
        }
        lastCount = now;
        try {
            pendingRows.set(jdbc.count(COUNT_PENDING, List.of()));
        } catch (IllegalStateException e) {
            LOG.debugf(e, "could not count pending outbox rows");
        }
    }

    /** Removes rows published longer ago than the retention; they are on Kafka by then. */
    @Scheduled(every = "1h", delayed = "1m")
    void cleanUp() {
        try {
            int removed = jdbc.update("delete from outbox_event where published_at < ?",
                    List.of(Timestamp.from(Instant.now().minus(config.retention()))));
            if (removed > 0) {
                LOG.infof("outbox cleanup removed %d published rows", removed);
            }
        } catch (IllegalStateException e) {
            LOG.warnf("outbox cleanup failed: %s", e.getMessage());
        }
    }

    public long pendingRows() {
        return pendingRows.get();
    }

    public String lastError() {
        return lastError;
    }

    public Instant pausedUntil() {
        return pausedUntil;
    }
}
