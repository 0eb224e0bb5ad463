package cn.tongyou.reporting.events;

import cn.tongyou.common.events.CloudEventHeaders;
import cn.tongyou.common.events.EventSchemas;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.reporting.domain.EventDecoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Publishes events as the producers' relays do: CloudEvents binary mode, keyed by aggregate id. */
public final class Events implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public Events() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformTestResource.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20));
    }

    /** The schema's example of {@code type}, changed by {@code edit}. */
    public static ObjectNode example(String type, Consumer<ObjectNode> edit) {
        ObjectNode node = (ObjectNode) EventSchemas.example(type).deepCopy();
        edit.accept(node);
        return node;
    }

    /** Sends and waits for the broker. */
    public RecordMetadata send(String type, JsonNode data) {
        return await(sendLater(type, data));
    }

    /** Sends without waiting, so that consecutive events reach the consumer in one batch; {@link #flush()} waits. */
    public Future<RecordMetadata> sendLater(String type, JsonNode data) {
        EventDecoder.TopicSpec spec = EventDecoder.TOPICS.stream().filter(t -> t.changedType().equals(type) || type.equals(t.deletedType()))
                .findFirst().orElseThrow();
        String id = spec.idOf(data);
        return sendRawLater(spec.topic(), id, type, data.path("version").asText(), data.toString().getBytes(StandardCharsets.UTF_8));
    }

    public RecordMetadata sendRaw(String topic, String key, String type, String version, byte[] value) {
        return await(sendRawLater(topic, key, type, version, value));
    }

    public Future<RecordMetadata> sendRawLater(String topic, String key, String type, String version, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        if (type != null) {
            header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
            header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
            header(record, CloudEventHeaders.SOURCE, "/tongyou/test");
            header(record, CloudEventHeaders.TYPE, type);
            header(record, CloudEventHeaders.SUBJECT, key);
            header(record, CloudEventHeaders.TIME, Instant.now().toString());
            header(record, CloudEventHeaders.DATA_SCHEMA, CloudEventHeaders.SCHEMA_BASE + type + ".json");
            if (version != null) {
                header(record, CloudEventHeaders.AGGREGATE_VERSION, version);
            }
            header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        }
        return producer.send(record);
    }

    public void tombstone(String topic, String key) {
        sendRaw(topic, key, null, null, null);
    }

    public Future<RecordMetadata> tombstoneLater(String topic, String key) {
        return sendRawLater(topic, key, null, null, null);
    }

    public void flush() {
        producer.flush();
    }

    private static RecordMetadata await(Future<RecordMetadata> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> r, String k, String v) {
        r.headers().add(k, v.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
