package cn.tongyou.reporting.events;

import cn.tongyou.common.events.CloudEventHeaders;
import cn.tongyou.reporting.domain.BatchPlan;
import cn.tongyou.reporting.domain.EventDecoder;
import cn.tongyou.reporting.store.ProjectionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One channel per topic, consumed in batches (one poll at a time, {@code batch=true}). A batch is decoded and validated
 * record by record; the valid events are reduced per aggregate ({@link BatchPlan}) and written in one transaction with
 * the partitions' positions; the invalid ones are published to the dead-letter topic with their reason. The method
 * returns only after both, so the connector acknowledges the batch (and the throttled strategy commits its offsets)
 * only once every record is either in the projection or in the DLQ. {@link Blocking} (ordered) keeps one channel's
 * batches in order.
 *
 * <p>A write failure is retried {@value #ATTEMPTS} times (0.5 s … 4 s apart). A failure caused by the data itself
 * (SQL state class 22 or 23, e.g. a U+0000 in a string, which jsonb refuses) is not the database's fault: the batch
 * is then written record by record and only the records that fail are dead-lettered. Any other failure is surfaced: the method
 * throws, the {@code fail} strategy stops the channel (liveness DOWN), nothing of the batch is committed, and the
 * records are read again after a restart.
 */
@ApplicationScoped
public class ProjectionConsumer {

    private static final Logger LOG = Logger.getLogger(ProjectionConsumer.class);
    static final int ATTEMPTS = 5;

    @Inject
    ProjectionStore store;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    MeterRegistry registry;

    private volatile boolean stopping;

    @Incoming("regions") @Blocking
    public void regions(ConsumerRecords<String, byte[]> batch) { handle(batch); }

    @Incoming("facilities") @Blocking
    public void facilities(ConsumerRecords<String, byte[]> batch) { handle(batch); }

    @Incoming("indicators") @Blocking
    public void indicators(ConsumerRecords<String, byte[]> batch) { handle(batch); }

    @Incoming("targets") @Blocking
    public void targets(ConsumerRecords<String, byte[]> batch) { handle(batch); }

    @Incoming("observations") @Blocking
    public void observations(ConsumerRecords<String, byte[]> batch) { handle(batch); }

    @Incoming("plans") @Blocking
    public void plans(ConsumerRecords<String, byte[]> batch) { handle(batch); }

    @Incoming("tasks") @Blocking
    public void tasks(ConsumerRecords<String, byte[]> batch) { handle(batch); }

    @Incoming("milestones") @Blocking
    public void milestones(ConsumerRecords<String, byte[]> batch) { handle(batch); }

    @Incoming("progress-reports") @Blocking
    public void progressReports(ConsumerRecords<String, byte[]> batch) { handle(batch); }

    @Incoming("units") @Blocking
    public void units(ConsumerRecords<String, byte[]> batch) { handle(batch); }

    @Incoming("approvals") @Blocking
    public void approvals(ConsumerRecords<String, byte[]> batch) { handle(batch); }

    @Incoming("quality-findings") @Blocking
    public void qualityFindings(ConsumerRecords<String, byte[]> batch) { handle(batch); }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    void handle(ConsumerRecords<String, byte[]> batch) {
        Map<String, List<ConsumerRecord<String, byte[]>>> byTopic = new HashMap<>();
        for (TopicPartition tp : batch.partitions()) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).addAll(batch.records(tp));
        }
        byTopic.forEach(this::handle);
    }

    private void handle(String topic, List<ConsumerRecord<String, byte[]>> records) {
        EventDecoder.TopicSpec spec = EventDecoder.spec(topic);
        List<DeadLetterPublisher.DeadLetter> dead = new ArrayList<>();
        List<BatchPlan.Positioned> valid = new ArrayList<>();
        Map<BatchPlan.Positioned, ConsumerRecord<String, byte[]>> origin = new IdentityHashMap<>();
        Map<Integer, Long> positions = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            positions.merge(r.partition(), r.offset(), Math::max);
            try {
                BatchPlan.Positioned p = new BatchPlan.Positioned(EventDecoder.decode(topic, r.key(), headers(r), r.value()),
                        r.partition(), r.offset());
                valid.add(p);
                origin.put(p, r);
            } catch (EventDecoder.InvalidEvent e) {
                dead.add(new DeadLetterPublisher.DeadLetter(r, e.getMessage()));
            } catch (RuntimeException e) {
                dead.add(new DeadLetterPublisher.DeadLetter(r, "could not be decoded: " + e));
            }
        }
        BatchPlan plan = BatchPlan.of(spec, valid, positions);
        try {
            count(topic, write(topic, () -> store.apply(topic, plan)));
        } catch (DataError e) {
            LOG.warnf("a batch of %s holds data the database refuses (%s): writing it record by record", topic, e.getCause());
            for (BatchPlan.Positioned p : valid) {
                BatchPlan one = BatchPlan.of(spec, List.of(p), Map.of(p.partition(), p.offset()));
                try {
                    count(topic, write(topic, () -> store.apply(topic, one)));
                } catch (DataError refused) {
                    dead.add(new DeadLetterPublisher.DeadLetter(origin.get(p), "the database refuses it: " + refused.getCause().getMessage()));
                }
            }
            BatchPlan positionsOnly = BatchPlan.of(spec, List.of(), positions);
            write(topic, () -> store.apply(topic, positionsOnly));
        }
        deadLetters.publish(dead);
    }

    /** How a record applied outside the batches went: the store's counts, or why it is still refused. */
    public record Reapplied(ProjectionStore.Applied applied, String refusal) {
    }

    /**
     * Applies one record outside the channel's batches, exactly as a batch applies it (decoded, validated, reduced,
     * written only if newer than the projection's version, so a second application changes nothing), without moving
     * the recorded positions: a dead letter's re-drive. A record still refused is reported, not dead-lettered again.
     */
    public Reapplied reapply(ConsumerRecord<String, byte[]> r) {
        String topic = r.topic();
        BatchPlan plan;
        try {
            BatchPlan.Positioned p = new BatchPlan.Positioned(EventDecoder.decode(topic, r.key(), headers(r), r.value()),
                    r.partition(), r.offset());
            plan = BatchPlan.of(EventDecoder.spec(topic), List.of(p), Map.of());
        } catch (EventDecoder.InvalidEvent e) {
            return new Reapplied(null, e.getMessage());
        } catch (RuntimeException e) {
            return new Reapplied(null, "could not be decoded: " + e);
        }
        try {
            ProjectionStore.Applied applied = write(topic, () -> store.apply(topic, plan));
            count(topic, applied);
            return new Reapplied(applied, null);
        } catch (DataError refused) {
            return new Reapplied(null, "the database refuses it: " + refused.getCause().getMessage());
        }
    }

    private void count(String topic, ProjectionStore.Applied a) {
        increment(topic, "applied", a.applied());
        increment(topic, "stale", a.stale());
        increment(topic, "tombstoned", a.tombstoned());
        increment(topic, "unknown_tombstone", a.unknownTombstones());
    }

    private void increment(String topic, String outcome, int n) {
        if (n > 0) {
            registry.counter("reporting.events", "topic", topic, "outcome", outcome).increment(n);
        }
    }

    private interface Write<T> {
        T run() throws SQLException;
    }

    /** The database refused the data (SQL state class 22 data exception or 23 integrity violation). */
    private static final class DataError extends RuntimeException {
        DataError(SQLException cause) {
            super(cause);
        }
    }

    /** One transaction, retried on failures of the database; a data error is thrown at once as {@link DataError}. */
    private <T> T write(String topic, Write<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work::run);
            } catch (RuntimeException e) {
                SQLException sql = sqlCause(e);
                if (sql != null && sql.getSQLState() != null && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                    throw new DataError(sql);
                }
                registry.counter("reporting.events.write.failures", "topic", topic).increment();
                if (attempt >= ATTEMPTS || stopping) {
                    LOG.errorf("writing a batch of %s failed %d times, giving up (the channel stops; the batch is not committed): %s",
                            topic, attempt, e);
                    throw e;
                }
                LOG.warnf("writing a batch of %s failed (attempt %d of %d): %s", topic, attempt, ATTEMPTS, e);
                sleep(250L << attempt);
            }
        }
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** The CloudEvents headers the decoder reads; the others are left undecoded (a record carries about ten). */
    private static final Set<String> READ_HEADERS = Set.of(CloudEventHeaders.TYPE, CloudEventHeaders.SUBJECT,
            CloudEventHeaders.AGGREGATE_VERSION);

    static Map<String, String> headers(ConsumerRecord<String, byte[]> r) {
        Map<String, String> result = new HashMap<>(8);
        for (Header h : r.headers()) {
            // the key first: value() copies the header's bytes out of the fetched buffer, wanted for three of them
            if (READ_HEADERS.contains(h.key()) && h.value() != null) {
                result.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a write", e);
        }
    }
}
