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
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends outbox rows to Kafka as CloudEvents in binary mode. An idempotent producer with {@code acks=all} keeps one
 * partition's records in send order, which is what per-aggregate ordering needs — once the broker knows the producer on
 * that partition. A broker accepts any sequence number as the first write of a producer it does not know there (a new
 * producer, or one it forgot after {@code producer.id.expiration.ms}), so if that first batch failed with a retriable
 * error (a partition whose leader is not ready yet, just after the topic was created or a broker restarted) a later
 * batch could be written before it and the retry would then be refused: an aggregate's newer event ahead of its older
 * one. So the first record a producer sends to each partition goes alone, and the rows after it wait for its
 * acknowledgement.
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

    /**
     * How long an acknowledged write keeps a partition trusted: well inside the broker's default
     * {@code producer.id.expiration.ms} of one day, after which an idle producer is unknown to the partition again.
     */
    static final Duration PRODUCER_KNOWN_FOR = Duration.ofHours(1);

    /** Makes the producer; a test hands in Kafka's {@code MockProducer}. */
    private final Function<Map<String, Object>, Producer<String, byte[]>> producers;
    private volatile Producer<String, byte[]> producer;
    private final Set<String> knownTopics = new HashSet<>();
    /** Partitions where the current producer had a write acknowledged, with when (nanoTime) the last one was. */
    private final Map<TopicPartition, Long> acknowledgedAt = new ConcurrentHashMap<>();

    public KafkaEventPublisher() {
        this(KafkaProducer::new);
    }

    KafkaEventPublisher(Function<Map<String, Object>, Producer<String, byte[]>> producers) {
        this.producers = producers;
    }

    /**
     * How a publish went: the number of leading rows Kafka acknowledged and, if not all, why the next one was not
     * (the producer's or broker's exception; null when the reason is unknown, e.g. an interrupt).
     */
    public record Outcome(int acknowledged, Throwable failure) {
    }

    /** Records handed to the producer; {@link #outcome()} waits for Kafka's acknowledgements. */
    public interface Sending {
        Outcome outcome();
    }

    /**
     * Sends the rows in order and reports how many leading rows Kafka acknowledged. Rows after the first failure are
     * left for the next attempt even if some of them arrived (at-least-once; consumers skip versions they have).
     */
    public Outcome publish(List<OutboxRow> rows) {
        return send(rows).outcome();
    }

    /**
     * Hands the rows to the producer in order without waiting for Kafka, so that the caller can use the time the
     * broker takes; the answer's {@link Sending#outcome()} flushes and waits. The relay sends a batch only once the
     * previous one is acknowledged, so one partition's records keep the order of the rows.
     */
    public synchronized Sending send(List<OutboxRow> rows) {
        ensureTopics(rows);
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        Producer<String, byte[]> kafka = producer();
        // Metadata first: a send that waits for it fails on its own while later ones may get through, and the
        // retry would then put an aggregate's older event after its newer one. A topic whose metadata cannot be had
        // (not authorised, say) ends the batch at its first row, with that reason.
        int sendable = rows.size();
        Throwable failure = null;
        Map<String, Integer> partitionCounts = new HashMap<>();
        for (int i = 0; i < rows.size() && failure == null; i++) {
            String topic = rows.get(i).topic();
            if (!partitionCounts.containsKey(topic)) {
                try {
                    int partitions = kafka.partitionsFor(topic).size();
                    if (partitions == 0) {
                        throw new UnknownTopicOrPartitionException("no partitions known for topic " + topic);
                    }
                    partitionCounts.put(topic, partitions);
                } catch (RuntimeException e) {
                    sendable = i;
                    failure = e;
                }
            }
        }
        for (OutboxRow row : rows.subList(0, sendable)) {
            TopicPartition partition = partitionOf(row, partitionCounts.get(row.topic()));
            boolean firstWrite = !known(partition);
            Future<RecordMetadata> future;
            try {
                future = kafka.send(record(row, partition.partition()));
            } catch (RuntimeException e) {
                LOG.debugf(e, "send of outbox row %d failed at once", row.seq());
                failure = e;
                break;
            }
            sent.add(future);
            Throwable cause = firstWrite || future.isDone() ? awaitAcknowledgement(future) : null;
            if (cause != null) {
                failure = cause;
                break;
            }
        }
        Throwable refused = failure;
        return () -> acknowledged(kafka, sent, rows.size(), refused);
    }

    /**
     * The partition the row goes to, chosen as Kafka's default partitioner chooses for a keyed record (murmur2 of the
     * key), and named in the record so that the producer and {@link #acknowledgedAt} agree by construction.
     */
    static TopicPartition partitionOf(OutboxRow row, int partitions) {
        byte[] key = row.aggregateId().getBytes(StandardCharsets.UTF_8);
        return new TopicPartition(row.topic(), Utils.toPositive(Utils.murmur2(key)) % partitions);
    }

    private boolean known(TopicPartition partition) {
        Long at = acknowledgedAt.get(partition);
        return at != null && System.nanoTime() - at < PRODUCER_KNOWN_FOR.toNanos();
    }

    /**
     * Waits for a send's acknowledgement (a first write's goes out after the producer's linger; a completed send's is
     * there): null if it was written, else why not.
     */
    private Throwable awaitAcknowledgement(Future<RecordMetadata> future) {
        try {
            noteAcknowledged(future.get(config.deliveryTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            return e;
        }
    }

    private void noteAcknowledged(RecordMetadata written) {
        acknowledgedAt.put(new TopicPartition(written.topic(), written.partition()), System.nanoTime());
    }

    private Outcome acknowledged(Producer<String, byte[]> kafka, List<Future<RecordMetadata>> sent, int rows,
                                 Throwable failure) {
        kafka.flush();
        int acknowledged = 0;
        for (Future<RecordMetadata> future : sent) {
            try {
                noteAcknowledged(future.get(config.deliveryTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS));
                acknowledged++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(acknowledged, null);
            } catch (ExecutionException e) {
                LOG.debugf(e, "publish failed after %d acknowledged rows", acknowledged);
                return new Outcome(acknowledged, e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.debugf(e, "publish failed after %d acknowledged rows", acknowledged);
                return new Outcome(acknowledged, e);
            }
        }
        return new Outcome(acknowledged, acknowledged == rows ? null : failure);
    }

    private ProducerRecord<String, byte[]> record(OutboxRow row, int partition) {
        byte[] value = row.tombstoneRecord() ? null : row.payload().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(row.topic(), partition, row.aggregateId(), value, headers(row, config.source()));
    }

    /** The CloudEvents attributes of a row as binary-mode headers (none on a tombstone). */
    static RecordHeaders headers(OutboxRow row, String source) {
        RecordHeaders headers = new RecordHeaders();
        if (!row.tombstoneRecord()) {
            header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
            header(headers, CloudEventHeaders.ID, row.eventId().toString());
            header(headers, CloudEventHeaders.SOURCE, source);
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
        return headers;
    }

    /** Bytes of a row's key and headers as sent (names and values; the value is measured by the caller). */
    static int keyAndHeaderBytes(OutboxRow row, String source) {
        int bytes = row.aggregateId().getBytes(StandardCharsets.UTF_8).length;
        for (Header h : headers(row, source)) {
            bytes += h.key().getBytes(StandardCharsets.UTF_8).length + h.value().length;
        }
        return bytes;
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
                        // Left to the send, which then fails with the reason that decides between retrying and
                        // parking; one topic that cannot be created must not hold back the others.
                        LOG.warnf("cannot create topic %s: %s", name, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating topic " + name, e);
                } catch (java.util.concurrent.TimeoutException e) {
                    LOG.warnf("creating topic %s timed out", name);
                }
            });
        }
    }

    private Producer<String, byte[]> producer() {
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
            producer = producers.apply(props);
        }
        return producer;
    }

    /** Drops the producer after a failure, so that the next attempt starts with fresh connections and metadata. */
    public synchronized void reset() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(1));
            producer = null;
        }
        acknowledgedAt.clear(); // a new producer has a new id, unknown to every partition
    }

    void onStop(@Observes ShutdownEvent event) {
        Producer<String, byte[]> current = producer;
        if (current != null) {
            // closed outside the lock first: a relay waiting for a first write's acknowledgement holds the lock, and
            // closing fails that send at once instead of after the delivery timeout
            current.close(Duration.ofSeconds(1));
        }
        reset();
    }
}
