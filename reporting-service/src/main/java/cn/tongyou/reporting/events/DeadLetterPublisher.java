package cn.tongyou.reporting.events;

import io.micrometer.core.instrument.MeterRegistry;
import cn.tongyou.common.kafka.KafkaClientSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the records the projections cannot apply to the dead-letter topic, with the original key, value and headers
 * plus {@code dead-letter-reason}, {@code -topic}, {@code -partition} and {@code -offset}. The consumer publishes a
 * batch's dead letters and waits for the broker's acknowledgement before it acknowledges the batch, so a record is
 * never both uncommitted-to-the-DLQ and committed on its topic. (The connector's own dead-letter strategy cannot be
 * used with batches: it would send the whole batch, good records included.)
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    public static final String REASON = "dead-letter-reason";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    /** A record refused, and why. */
    public record DeadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    }

    @Inject
    KafkaClientSettings clients;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "cfc.reporting.dlq-topic")
    String topic;

    private final AtomicLong published = new AtomicLong();
    private volatile KafkaProducer<String, byte[]> producer;

    /** Dead letters published since start. */
    public long published() {
        return published.get();
    }

    /** Publishes and waits until the broker has every one of them (throws otherwise: the batch is then not acknowledged). */
    public void publish(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (DeadLetter l : letters) {
            ConsumerRecord<String, byte[]> r = l.record();
            LOG.warnf("dead-lettering %s/%d@%d (key %s): %s", r.topic(), r.partition(), r.offset(), r.key(), l.reason());
            ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, null, r.key(), r.value());
            for (Header h : r.headers()) {
                out.headers().add(h);
            }
            out.headers().add(REASON, utf8(l.reason()));
            out.headers().add(TOPIC, utf8(r.topic()));
            out.headers().add(PARTITION, utf8(Integer.toString(r.partition())));
            out.headers().add(OFFSET, utf8(Long.toString(r.offset())));
            sent.add(producer().send(out));
        }
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing dead letters", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("publishing to " + topic + " failed", e.getCause());
            }
        }
        for (DeadLetter l : letters) {
            registry.counter("reporting.events.dead.lettered", "topic", l.record().topic()).increment();
        }
        published.addAndGet(letters.size());
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> config = clients.producer();
                    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
                    config.put(ProducerConfig.ACKS_CONFIG, "all");
                    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    config.put(ProducerConfig.CLIENT_ID_CONFIG, "reporting-service-dead-letters");
                    producer = new KafkaProducer<>(config);
                }
            }
        }
        return producer;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
