package cn.tongyou.reporting.benchmark;

import cn.tongyou.common.events.CloudEventHeaders;
import cn.tongyou.common.events.EventSchemas;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.reporting.events.Db;
import cn.tongyou.reporting.events.TopicsTestResource;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** How fast the consumer applies facility events (validation + upsert + position, one transaction each). -Pbenchmarks. */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
class ConsumerVolumeBenchmark {

    static final int EVENTS = 20_000;

    @Inject
    AgroalDataSource ds;

    @Test
    void facilities() {
        String before = Db.value(ds, "select count(*) from facility_projection");
        ObjectNode example = (ObjectNode) EventSchemas.example("cfc.facility.changed.v1");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformTestResource.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG, 5))) {
            for (int i = 0; i < EVENTS; i++) {
                String id = UUID.randomUUID().toString();
                example.put("id", id);
                example.put("regionCode", String.format("4101%02d%03d%03d", 1 + i % 15, 1 + i % 17, 1 + i % 20));
                ProducerRecord<String, byte[]> r = new ProducerRecord<>("cfc.facilities", id, example.toString().getBytes(StandardCharsets.UTF_8));
                r.headers().add(CloudEventHeaders.TYPE, "cfc.facility.changed.v1".getBytes(StandardCharsets.UTF_8));
                r.headers().add(CloudEventHeaders.SUBJECT, id.getBytes(StandardCharsets.UTF_8));
                producer.send(r);
            }
            producer.flush();
        }
        long start = System.nanoTime();
        long target = Long.parseLong(before) + EVENTS;
        Db.await(ds, v -> Long.parseLong(v) >= target, "select count(*) from facility_projection");
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("[benchmark] consumer: %d facility events applied in %.1f s after the last was sent (%.0f events/s; one topic, one channel)%n",
                EVENTS, seconds, EVENTS / seconds);
    }
}
