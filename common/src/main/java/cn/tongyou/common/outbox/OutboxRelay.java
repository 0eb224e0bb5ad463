package cn.tongyou.common.outbox;

import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.SqlArray;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them published.
 *
 * <p>Only one relay per service works at a time (a PostgreSQL advisory lock, held for the whole drain), so
 * several replicas never interleave one aggregate's events. A row is marked only after Kafka acknowledged it; after
 * a failure the relay waits with exponential backoff and starts again from the first unacknowledged row, so a broker
 * outage or a restart of the service loses nothing and keeps each aggregate's order (at-least-once).
 *
 * <p>A row the broker refuses for a reason retrying cannot heal ({@link #cannotHeal}) is tried
 * {@code cfc.outbox.park-after-attempts} times, then moved to {@code outbox_parked} with the reason, and the rows after
 * it go on. Later rows of the same aggregate are held back (left pending) while it is parked: the topics are compacted
 * tables keyed by aggregate, and a later version published before the parked one would leave the parked, older state
 * as the key's last record once the parked row is re-driven. A re-drive ({@link OutboxParking}) puts the row back
 * under its own {@code seq}, so it goes out first, then the held-back rows, in version order.
 *
 * <p>The relay runs every {@code cfc.outbox.poll-interval}, and at once when a transaction of this service that wrote
 * outbox rows commits ({@link #wakeAfterCommit}): a change reaches Kafka milliseconds after its commit instead of up to
 * a poll interval later. Rows written on another replica are published by whichever relay holds the lock, at its next
 * poll or wake-up at the latest.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String LOCK = "select pg_try_advisory_lock(hashtext(current_schema() || '.outbox-relay')) as locked";
    private static final String UNLOCK = "select pg_advisory_unlock(hashtext(current_schema() || '.outbox-relay'))";
    /**
     * The oldest pending rows, in {@code seq} order along {@code outbox_pending}'s key: each entry's row is looked up
     * by its key (the {@code offset 0} keeps PostgreSQL from joining the tables as wholes, which with the backlog's
     * size it would otherwise choose), so a batch stops after the batch size however long the backlog. The held-back
     * aggregates are a NOT IN list, checked as a hashed filter on the way; earlier rows of a parked row's aggregate are
     * published already, so all of its pending rows are the later ones. An entry whose row is published or gone (left
     * by an upgrade, see R__outbox_pending.sql) is passed over.
     *
     * <p>Of those candidates only the rows that start within the byte budget come back (payload sizes as sent, summed
     * in order; the first row always; the stored size would undercount a compressed large value; the payload is
     * turned into text once, in the lookup, for both its size and the answer), so that a run of
     * large events cannot fill the heap; {@code candidates} tells the relay whether a batch was cut and more rows
     * wait. The batch size and the budget are written into the statement once ({@link #pendingSql}), so that the plan
     * is made for them; and it is planned at every execution ({@link Jdbc#forEachWithFreshPlan}), since the queue's
     * size swings from empty to a bulk import's 617,514 rows, for which a plan cached while it was nearly empty would
     * join every pending row before sorting them.
     */
    private static final String PENDING = "select * from (select c.*, coalesce(sum(c.size) over (order by c.seq "
            + "rows between unbounded preceding and 1 preceding), 0) as bytes_before, count(*) over () as candidates "
            + "from (select e.*, octet_length(e.payload) as size from outbox_pending p cross join lateral ("
            + "select seq, event_id, topic, event_type, aggregate_id, aggregate_version, payload::text as payload, "
            + "tombstone, occurred_at, actor from outbox_event e where e.seq = p.seq and e.published_at is null offset 0) e "
            + "where (e.topic, e.aggregate_id) not in (select topic, aggregate_id from outbox_parked where redriven_at is null) "
            + "and p.seq not in (select unnest(?::bigint[])) order by p.seq limit %d) c) b "
            + "where bytes_before < %d order by seq";
    /** A heap-only update (no index depends on published_at) and the entry's removal, in one round trip. */
    private static final String MARK_PUBLISHED = "with published as (delete from outbox_pending where seq = any(?)) "
            + "update outbox_event set published_at = now() where seq = any(?)";
    private static final String MARK_FAILED = "update outbox_event set attempts = attempts + 1, refusals = refusals + ?, "
            + "last_error = ?, first_failure_at = coalesce(first_failure_at, now()), last_failure_at = now() "
            + "where seq = ? returning refusals";
    private static final String PARK = "insert into outbox_parked (seq, event_id, topic, event_type, aggregate_id, "
            + "aggregate_version, payload, tombstone, occurred_at, actor, reason_class, reason, attempts, "
            + "first_failure_at, last_failure_at) select seq, event_id, topic, event_type, aggregate_id, "
            + "aggregate_version, payload, tombstone, occurred_at, actor, ?, ?, refusals, first_failure_at, "
            + "last_failure_at from outbox_event where seq = ?";
    /**
     * The backlog's figures. The count is of pending entries alone (a join would read the whole backlog's rows every
     * few seconds); entries an upgrade leaves behind for published rows count until the clean-up drops them. Planned
     * at every run, as {@link #PENDING}: a cached plan could look the oldest entry up by joining every pending row
     * and sorting them (the benchmark's server log: 2.8 s per run, every 2 s, at the start of the village import's
     * drain, falling with the backlog).
     */
    private static final String FIGURES = "select (select count(*) from outbox_pending) as pending, "
            + "(select e.occurred_at from outbox_pending p cross join lateral (select occurred_at from outbox_event e "
            + "where e.seq = p.seq and e.published_at is null offset 0) e order by p.seq limit 1) as oldest, "
            + "(select count(*) from outbox_parked where redriven_at is null) as parked";
    private static final int MAX_REASON = 2_000;

    /**
     * Refusals that retrying cannot heal: the record is too large for the topic or the request, the service may not
     * write the topic, the topic name is invalid, the record cannot be serialised or the broker finds it invalid.
     * Retriable exceptions never count, nor authorization failures of the producer as a whole (cluster, idempotent
     * or transactional write): those concern every row alike, and parking them one by one would empty the outbox
     * into the parked table instead of waiting for the fix.
     */
    private static final List<Class<? extends Throwable>> CANNOT_HEAL = List.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, TopicAuthorizationException.class, InvalidTopicException.class,
            SerializationException.class, InvalidRecordException.class);

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

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** {@link #PENDING} with this instance's batch size and byte budget. */
    private String pendingSql;
    private final AtomicLong pendingRows = new AtomicLong();
    private final AtomicLong parkedRows = new AtomicLong();
    private final AtomicReference<Instant> oldestPending = new AtomicReference<>();
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile int consecutiveFailures;
    private volatile String lastError;
    private Counter published;
    private Counter failures;
    private Counter parkings;
    /** One drain at a time in this JVM; a request to drain while one runs makes that one go round again. */
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean drainWanted;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Runs the drains that commits ask for, so that the committing request does not wait for Kafka. */
    private ExecutorService wakeUps;

    @PostConstruct
    void init() {
        pendingSql = PENDING.formatted(config.batchSize(), config.batchBytes());
        wakeUps = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "outbox-relay-wake-up");
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("cfc.outbox.pending", pendingRows, AtomicLong::get)
                .description("outbox rows not yet acknowledged by Kafka (held-back rows included, parked ones not)")
                .register(registry);
        Gauge.builder("cfc.outbox.parked", parkedRows, AtomicLong::get)
                .description("outbox rows parked after refusals that cannot heal, waiting for a re-drive").register(registry);
        Gauge.builder("cfc.outbox.oldest.pending.age", this, OutboxRelay::oldestPendingAgeSeconds).baseUnit("seconds")
                .description("age of the oldest outbox row not yet acknowledged by Kafka (0 when none)").register(registry);
        published = Counter.builder("cfc.outbox.published").description("outbox rows published").register(registry);
        failures = Counter.builder("cfc.outbox.failures").description("failed publish attempts").register(registry);
        parkings = Counter.builder("cfc.outbox.parkings").description("outbox rows parked").register(registry);
    }

    @PreDestroy
    void stop() {
        wakeUps.shutdownNow();
    }

    @Scheduled(every = "${cfc.outbox.poll-interval:1s}", delayed = "${cfc.outbox.start-delay:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        drainWanted = true;
        drainWhileWanted();
    }

    /**
     * Makes the relay drain once the caller's transaction has committed (nothing if it rolls back, and once however
     * many statements of the transaction wrote rows). For every writer of {@code outbox_event}; outside a transaction
     * it does nothing, the poll finds the rows.
     */
    public void wakeAfterCommit() {
        if (!config.relayEnabled() || transactions.getTransactionKey() == null
                || transactions.getResource(WakeAfterCommit.class) != null) {
            return;
        }
        transactions.putResource(WakeAfterCommit.class, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new WakeAfterCommit());
    }

    private final class WakeAfterCommit implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                wake();
            }
        }
    }

    /** Asks for a drain on the wake-up thread; several requests while one is queued or running make one more drain. */
    void wake() {
        drainWanted = true;
        if (!draining.get() && wakeQueued.compareAndSet(false, true)) {
            try {
                wakeUps.execute(() -> {
                    wakeQueued.set(false);
                    drainWhileWanted();
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false); // shutting down: the rows wait for the next start
            }
        }
    }

    /**
     * Drains until no request for a drain came in meanwhile. The flag is cleared before each drain and checked after
     * the guard is released, so a request that arrives at any moment is served by this loop or by its own caller.
     */
    private void drainWhileWanted() {
        while (drainWanted && draining.compareAndSet(false, true)) {
            try {
                drainWanted = false;
                if (config.relayEnabled() && !Instant.now().isBefore(pausedUntil)) {
                    relayPending();
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "outbox relay failed");
            } finally {
                draining.set(false);
            }
        }
    }

    /**
     * Recounts the backlog on its own schedule, so that the gauges and readiness stay current while the relay is
     * busy with a long drain (and on replicas whose relay stands by).
     */
    @Scheduled(every = "${cfc.outbox.figures-interval:2s}", delayed = "${cfc.outbox.start-delay:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshFigures() {
        try {
            jdbc.forEachWithFreshPlan(FIGURES, List.of(), row -> {
                pendingRows.set(row.longValue("pending"));
                oldestPending.set(row.instant("oldest"));
                parkedRows.set(row.longValue("parked"));
            });
        } catch (IllegalStateException e) {
            LOG.debugf(e, "could not count the outbox backlog");
        }
    }

    /**
     * Publishes until the outbox is empty or a publish fails; returns the rows published.
     *
     * <p>The database work overlaps Kafka's: while a batch is in flight the next one is read, and once it is fully
     * acknowledged the next one is sent before the acknowledged one is marked published. A batch still goes out only
     * after every row before it was acknowledged, so an aggregate's events reach Kafka in order, and a failure leaves
     * the failed row and everything after it pending (the rows read ahead are dropped and read again). The next
     * batch is read by excluding the rows in flight rather than after their last {@code seq}: a row with a lower
     * {@code seq} whose transaction committed late must still go out before the later rows of its aggregate.
     *
     * <p>One relay per service: a session-level advisory lock held by the connection for the whole drain.
     */
    public int relayPending() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!tryLock(connection)) {
                return 0;
            }
            try {
                connection.setAutoCommit(false);
                int total = 0;
                Drain drain;
                do {
                    drain = drain(connection);
                    total += drain.published();
                } while (drain.again());
                return total;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
                unlock(connection);
            }
        } catch (SQLException e) {
            LOG.warnf("outbox relay could not read the outbox: %s", e.getMessage());
            return 0;
        }
    }

    /** What one pass did: rows published, and whether to start another pass at once (a row was parked). */
    private record Drain(int published, boolean again) {
    }

    private Drain drain(Connection connection) throws SQLException {
        Batch batch = readPending(connection, List.of());
        connection.commit();
        if (batch.rows().isEmpty()) {
            return new Drain(0, false);
        }
        int total = 0;
        Flight flight = publishRows(batch.rows());
        while (true) {
            List<OutboxRow> rows = batch.rows();
            Batch next = batch.more() ? readPending(connection, rows) : Batch.NONE;
            connection.commit();
            KafkaEventPublisher.Outcome outcome = flight.outcome();
            if (outcome.acknowledged() < rows.size()) {
                return new Drain(total + outcome.acknowledged(), failed(connection, rows, outcome));
            }
            if (!next.rows().isEmpty()) {
                flight = publishRows(next.rows());
            }
            markPublished(connection, rows);
            connection.commit();
            published(rows.size());
            total += rows.size();
            if (next.rows().isEmpty()) {
                return new Drain(total, false);
            }
            batch = next;
        }
    }

    private void published(int rows) {
        published.increment(rows);
        pendingRows.updateAndGet(pending -> Math.max(0, pending - rows));
        lastError = null;
        consecutiveFailures = 0;
    }

    /**
     * Records a batch that Kafka did not fully acknowledge: its acknowledged rows are marked published, the failed
     * row counts a failure (and is parked after enough refusals that cannot heal). Answers whether to go on at once
     * (the row was parked) rather than back off.
     */
    private boolean failed(Connection connection, List<OutboxRow> rows, KafkaEventPublisher.Outcome outcome)
            throws SQLException {
        int acknowledged = outcome.acknowledged();
        if (acknowledged > 0) {
            markPublished(connection, rows.subList(0, acknowledged));
        }
        OutboxRow failed = rows.get(acknowledged);
        boolean refusal = cannotHeal(outcome.failure());
        int refusals = markFailed(connection, failed, outcome.failure(), refusal);
        boolean parked = refusal && refusals >= config.parkAfterAttempts();
        if (parked) {
            park(connection, failed, outcome.failure());
        }
        connection.commit();
        published.increment(acknowledged);
        pendingRows.updateAndGet(pending -> Math.max(0, pending - acknowledged));
        if (parked) {
            onParked(failed, outcome.failure());
            return true;
        }
        backOff(failed, outcome.failure());
        return false;
    }

    /** Whether the failure is a refusal that retrying cannot heal (see {@link #CANNOT_HEAL}). */
    static boolean cannotHeal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetriableException) {
                return false;
            }
            for (Class<? extends Throwable> permanent : CANNOT_HEAL) {
                if (permanent.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Rows on their way to Kafka; {@link #outcome()} waits for the acknowledgements. */
    private interface Flight {
        KafkaEventPublisher.Outcome outcome();
    }

    /**
     * Sends the rows (a deletion becomes its event plus a tombstone) without waiting; the flight's outcome counts the
     * rows fully acknowledged.
     */
    private Flight publishRows(List<OutboxRow> rows) {
        List<OutboxRow> records = new ArrayList<>(rows.size());
        int[] lastRecordOfRow = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            OutboxRow row = rows.get(i);
            records.add(row);
            if (row.tombstoneRecord()) {
                records.set(records.size() - 1, new OutboxRow(row.seq(), row.eventId(), row.topic(), row.eventType(),
                        row.aggregateId(), row.aggregateVersion(), row.payload(), false, row.occurredAt(), row.actor()));
                records.add(row);
            }
            lastRecordOfRow[i] = records.size();
        }
        KafkaEventPublisher.Sending sending;
        try {
            sending = publisher.send(records);
        } catch (RuntimeException e) {
            LOG.debugf(e, "publishing failed");
            return () -> new KafkaEventPublisher.Outcome(0, e);
        }
        return () -> {
            KafkaEventPublisher.Outcome sent;
            try {
                sent = sending.outcome();
            } catch (RuntimeException e) {
                LOG.debugf(e, "publishing failed");
                sent = new KafkaEventPublisher.Outcome(0, e);
            }
            int rowsDone = 0;
            while (rowsDone < rows.size() && lastRecordOfRow[rowsDone] <= sent.acknowledged()) {
                rowsDone++;
            }
            return new KafkaEventPublisher.Outcome(rowsDone, sent.failure());
        };
    }

    private boolean tryLock(Connection connection) throws SQLException {
        boolean[] locked = {false};
        Jdbc.forEach(connection, LOCK, List.of(), row -> locked[0] = row.bool("locked"));
        return locked[0];
    }

    private void unlock(Connection connection) throws SQLException {
        Jdbc.forEach(connection, UNLOCK, List.of(), row -> { });
    }

    /** Rows read for one batch, and whether more were pending than it holds. */
    private record Batch(List<OutboxRow> rows, boolean more) {
        static final Batch NONE = new Batch(List.of(), false);
    }

    /** The oldest pending rows within the batch size and byte budget, those in flight left out. */
    private Batch readPending(Connection connection, List<OutboxRow> inFlight) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        long[] candidates = {0};
        SqlArray flying = SqlArray.of("bigint", inFlight.stream().map(OutboxRow::seq).toList());
        Jdbc.forEachWithFreshPlan(connection, pendingSql, List.of(flying), row -> {
            candidates[0] = row.longValue("candidates");
            rows.add(new OutboxRow(row.longValue("seq"), row.uuid("event_id"), row.string("topic"),
                    row.string("event_type"), row.string("aggregate_id"), row.longValue("aggregate_version"),
                    row.json("payload"), row.bool("tombstone"), row.instant("occurred_at"), row.string("actor")));
        });
        return new Batch(rows, candidates[0] == config.batchSize() || rows.size() < candidates[0]);
    }

    private void markPublished(Connection connection, List<OutboxRow> rows) throws SQLException {
        SqlArray seqs = SqlArray.of("bigint", rows.stream().map(OutboxRow::seq).toList());
        Jdbc.update(connection, MARK_PUBLISHED, List.of(seqs, seqs));
    }

    /** Records the failed attempt on the row; returns its refusals so far. */
    private int markFailed(Connection connection, OutboxRow row, Throwable failure, boolean refusal) throws SQLException {
        int[] refusals = {0};
        Jdbc.forEach(connection, MARK_FAILED, List.of(refusal ? 1 : 0, reason(failure), row.seq()),
                r -> refusals[0] = (int) r.longValue("refusals"));
        return refusals[0];
    }

    private void park(Connection connection, OutboxRow row, Throwable failure) throws SQLException {
        Jdbc.update(connection, PARK, List.of(failure.getClass().getName(), reason(failure), row.seq()));
        Jdbc.update(connection, "with parked as (delete from outbox_pending where seq = ?) "
                + "delete from outbox_event where seq = ?", List.of(row.seq(), row.seq()));
    }

    private void onParked(OutboxRow row, Throwable failure) {
        parkings.increment();
        parkedRows.incrementAndGet();
        pendingRows.updateAndGet(pending -> Math.max(0, pending - 1));
        consecutiveFailures = 0;
        lastError = null;
        publisher.reset();
        LOG.errorf("outbox relay: parked event %s (%s %s version %d) after %d refusals: %s; later events of that "
                + "aggregate wait for its re-drive (POST /api/v1/outbox/parked/{id}/redrive)", row.eventId(),
                row.topic(), row.aggregateId(), row.aggregateVersion(), config.parkAfterAttempts(), reason(failure));
    }

    private static String reason(Throwable failure) {
        String text = failure == null ? "Kafka did not acknowledge the event"
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }

    private void backOff(OutboxRow firstUnpublished, Throwable failure) {
        failures.increment();
        consecutiveFailures++;
        long factor = 1L << Math.min(consecutiveFailures - 1, 16);
        Duration wait = config.initialBackoff().multipliedBy(factor);
        if (wait.compareTo(config.maxBackoff()) > 0) {
            wait = config.maxBackoff();
        }
        pausedUntil = Instant.now().plus(wait);
        lastError = "Kafka did not acknowledge event " + firstUnpublished.eventId() + " (" + firstUnpublished.topic()
                + "): " + reason(failure);
        publisher.reset();
        LOG.warnf("outbox relay: %s; attempt %d failed, retrying in %d ms", lastError, consecutiveFailures, wait.toMillis());
    }

    /**
     * Removes rows published longer ago than the retention (they are on Kafka by then), and pending entries whose row
     * is published or gone.
     */
    @Scheduled(every = "1h", delayed = "1m")
    void cleanUp() {
        try {
            int removed = jdbc.update("delete from outbox_event where published_at < ?",
                    List.of(Timestamp.from(Instant.now().minus(config.retention()))));
            if (removed > 0) {
                LOG.infof("outbox cleanup removed %d published rows", removed);
            }
            jdbc.update("delete from outbox_pending p where not exists (select 1 from outbox_event e "
                    + "where e.seq = p.seq and e.published_at is null)", List.of());
        } catch (IllegalStateException e) {
            LOG.warnf("outbox cleanup failed: %s", e.getMessage());
        }
    }

    public long pendingRows() {
        return pendingRows.get();
    }

    /** Parked rows not yet re-driven, as last counted. */
    public long parkedRows() {
        return parkedRows.get();
    }

    double oldestPendingAgeSeconds() {
        Instant oldest = oldestPending.get();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }

    public String lastError() {
        return lastError;
    }

    public Instant pausedUntil() {
        return pausedUntil;
    }
}
