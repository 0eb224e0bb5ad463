package cn.tongyou.common.outbox;

import cn.tongyou.common.events.CloudEventHeaders;
import cn.tongyou.common.kafka.KafkaClientSettings;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends outbox rows to Kafka as CloudEvents in binary mode. An idempotent producer with {@code acks=all} keeps one
 * partition's records in send order, which is what per-aggregate ordering needs.
 */
@ApplicationScoped
public class KafkaEventPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaEventPublisher.class);

    @Inject
    OutboxConfig config;

    @Inject
    KafkaClientSettings clients;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    private KafkaProducer<String, byte[]> producer;
    private final Set<String> knownTopics = new HashSet<>();

    /**
     * Sends the rows in order and reports how many leading rows Kafka acknowledged. Rows after the first failure are
     * left for the next attempt even if some of them arrived (at-least-once; consumers skip versions they have).
     */
    public synchronized int publish(List<OutboxRow> rows) {
        ensureTopics(rows);
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        KafkaProducer<String, byte[]> kafka = producer();
        // Metadata first: a send that waits for it fails on its own while later ones may get through, and the
        // retry would then put an aggregate's older event after its newer one.
        for (String topic : rows.stream().map(OutboxRow::topic).distinct().toList()) {
            kafka.partitionsFor(topic);
        }
        for (OutboxRow row : rows) {
            Future<RecordMetadata> future;
            try {
                future = kafka.send(record(row));
            } catch (RuntimeException e) {
                LOG.debugf(e, "send of outbox row %d failed at once", row.seq());
                break;
            }
            if (future.isDone() && failed(future)) {
                break;
            }
            sent.add(future);
        }
        kafka.flush();
        int acknowledged = 0;
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get(config.deliveryTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
                acknowledged++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.debugf(e, "publish failed after %d acknowledged rows", acknowledged);
                break;
            }
        }
        return acknowledged;
    }

    private static boolean failed(Future<RecordMetadata> done) {
        try {
            done.get();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private ProducerRecord<String, byte[]> record(OutboxRow row) {
        RecordHeaders headers = new RecordHeaders();
        if (!row.tombstoneRecord()) {
            header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
            header(headers, CloudEventHeaders.ID, row.eventId().toString());
            header(headers, CloudEventHeaders.SOURCE, config.source());
            header(headers, CloudEventHeaders.TYPE, row.eventType());
            header(headers, CloudEventHeaders.SUBJECT, row.aggregateId());
            header(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(row.occurredAt()));
            header(headers, CloudEventHeaders.DATA_SCHEMA, CloudEventHeaders.SCHEMA_BASE + row.eventType() + ".json");
            header(headers, CloudEventHeaders.AGGREGATE_VERSION, Long.toString(row.aggregateVersion()));
            header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
            if (row.actor() != null) {
                header(headers, CloudEventHeaders.ACTOR, row.actor());
            }
        }
        byte[] value = row.tombstoneRecord() ? null : row.payload().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(row.topic(), null, row.aggregateId(), value, headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void ensureTopics(List<OutboxRow> rows) {
        if (!config.createTopics()) {
            return;
        }
        Set<String> missing = new HashSet<>();
        for (OutboxRow row : rows) {
            if (!knownTopics.contains(row.topic())) {
                missing.add(row.topic());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<String, Object> adminSettings = clients.admin();
        adminSettings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminSettings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        adminSettings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(adminSettings)) {
            List<NewTopic> topics = missing.stream()
                    .map(name -> new NewTopic(name, config.topicPartitions(), (short) -1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))
                    .toList();
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(10, TimeUnit.SECONDS);
                    knownTopics.add(name);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        knownTopics.add(name);
                    } else {
                        throw new IllegalStateException("cannot create topic " + name, e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create topic " + name, e);
                }
            });
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = clients.producer();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(5_000, (int) config.deliveryTimeout().toMillis()));
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay" + config.source().replace('/', '-'));
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    /** Drops the producer after a failure, so that the next attempt starts with fresh connections and metadata. */
    public synchronized void reset() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(1));
            producer = null;
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        reset();
    }
}
