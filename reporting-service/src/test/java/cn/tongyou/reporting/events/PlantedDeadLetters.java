package cn.tongyou.reporting.events;

import cn.tongyou.common.events.CloudEventHeaders;
import cn.tongyou.local.testing.PlatformTestResource;
import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Puts a dead letter on the dead-letter topic directly, as {@link DeadLetterPublisher} writes them: a valid unit
 * event, so that its re-drive applies. For probes that need a fresh dead letter per request.
 */
public final class PlantedDeadLetters {

    private PlantedDeadLetters() {
    }

    /** A fresh dead letter; its id ("partition-offset"). */
    public static String plant() {
        String id = UUID.randomUUID().toString();
        JsonNode data = Events.example("cfc.unit.changed.v1", n -> n.put("id", id));
        byte[] value = data.toString().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("cfc.reporting.dead-letter", id, value);
        header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
        header(record, CloudEventHeaders.SOURCE, "/tongyou/test");
        header(record, CloudEventHeaders.TYPE, "cfc.unit.changed.v1");
        header(record, CloudEventHeaders.SUBJECT, id);
        header(record, CloudEventHeaders.TIME, Instant.now().toString());
        header(record, CloudEventHeaders.AGGREGATE_VERSION, data.path("version").asText());
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        header(record, DeadLetterPublisher.REASON, "planted by a test");
        header(record, DeadLetterPublisher.TOPIC, "cfc.units");
        header(record, DeadLetterPublisher.PARTITION, "0");
        header(record, DeadLetterPublisher.OFFSET, "0");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformTestResource.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            RecordMetadata sent = producer.send(record).get();
            return sent.partition() + "-" + sent.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
