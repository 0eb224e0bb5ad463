package cn.tongyou.reporting.events;

import cn.tongyou.reporting.store.ProjectionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One channel per topic. Each record is decoded and validated, then applied in its own transaction; the method returns
 * after the commit, so the connector acknowledges (and the throttled strategy commits the offset) only after the write.
 * A record that cannot be applied makes the method throw: the connector nacks it, the dead-letter-queue strategy sends
 * it to {@code cfc.reporting.dead-letter} with the reason, and consumption continues. {@link Blocking} keeps one
 * channel's records in order.
 */
@ApplicationScoped
public class ProjectionConsumer {

    private static final Logger LOG = Logger.getLogger(ProjectionConsumer.class);
    private static final int ATTEMPTS = 4;

    @Inject
    ProjectionStore store;

    @Inject
    MeterRegistry registry;

    final AtomicLong deadLettered = new AtomicLong();

    @Incoming("regions") @Blocking
    public void regions(ConsumerRecord<String, byte[]> r) { handle(r); }

    @Incoming("facilities") @Blocking
    public void facilities(ConsumerRecord<String, byte[]> r) { handle(r); }

    @Incoming("indicators") @Blocking
    public void indicators(ConsumerRecord<String, byte[]> r) { handle(r); }

    @Incoming("targets") @Blocking
    public void targets(ConsumerRecord<String, byte[]> r) { handle(r); }

    @Incoming("observations") @Blocking
    public void observations(ConsumerRecord<String, byte[]> r) { handle(r); }

    @Incoming("plans") @Blocking
    public void plans(ConsumerRecord<String, byte[]> r) { handle(r); }

    @Incoming("tasks") @Blocking
    public void tasks(ConsumerRecord<String, byte[]> r) { handle(r); }

    @Incoming("milestones") @Blocking
    public void milestones(ConsumerRecord<String, byte[]> r) { handle(r); }

    @Incoming("progress-reports") @Blocking
    public void progressReports(ConsumerRecord<String, byte[]> r) { handle(r); }

    @Incoming("units") @Blocking
    public void units(ConsumerRecord<String, byte[]> r) { handle(r); }

    public long deadLettered() {
        return deadLettered.get();
    }

    void handle(ConsumerRecord<String, byte[]> r) {
        EventDecoder.Decoded decoded;
        try {
            decoded = EventDecoder.decode(r.topic(), r.key(), headers(r), r.value());
        } catch (EventDecoder.InvalidEvent e) {
            deadLetter(r, e.getMessage());
            throw e;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                ProjectionStore.Outcome outcome = QuarkusTransaction.requiringNew()
                        .call(() -> store.apply(decoded, r.topic(), r.partition(), r.offset()));
                registry.counter("reporting.events", "topic", r.topic(), "outcome", outcome.name().toLowerCase()).increment();
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    // the projection store is unusable for this record: it goes to the DLQ (it is still on the compacted
                    // topic, so a rebuild recovers it)
                    deadLetter(r, "could not be written after " + ATTEMPTS + " attempts: " + e);
                    throw e;
                }
                LOG.warnf("writing %s/%d@%d failed (attempt %d): %s", r.topic(), r.partition(), r.offset(), attempt, e);
                sleep(250L << attempt);
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> r, String reason) {
        deadLettered.incrementAndGet();
        registry.counter("reporting.events.dead.lettered", "topic", r.topic()).increment();
        LOG.warnf("dead-lettering %s/%d@%d (key %s): %s", r.topic(), r.partition(), r.offset(), r.key(), reason);
    }

    static Map<String, String> headers(ConsumerRecord<String, byte[]> r) {
        Map<String, String> result = new HashMap<>();
        for (Header h : r.headers()) {
            if (h.value() != null) {
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
        }
    }
}
