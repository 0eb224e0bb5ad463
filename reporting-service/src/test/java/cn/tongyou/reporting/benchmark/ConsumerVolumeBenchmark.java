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
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How fast the consumer applies events on three topics at once (facilities, observations, milestones): validation,
 * reduction and set-based upserts, one transaction per polled batch. Each aggregate gets versions 1 and 2 (the second
 * replaces the first, within a batch or across two). The three channels' consumers are paused while the events are
 * produced (a producer in the same JVM would otherwise set the pace), then resumed: the figure is from the resume until
 * every projection holds version 2 of every aggregate. Run with -Pbenchmarks.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
class ConsumerVolumeBenchmark {

    /** Aggregates per topic; each is sent twice (version 1, then 2). */
    static final Map<String, Integer> AGGREGATES = new LinkedHashMap<>();
    static final Map<String, String> TOPICS = Map.of("cfc.facility.changed.v1", "cfc.facilities",
            "cfc.observation.changed.v1", "cfc.observations", "cfc.milestone.changed.v1", "cfc.milestones");
    static final List<String> CHANNELS = List.of("facilities", "observations", "milestones");

    static {
        AGGREGATES.put("cfc.facility.changed.v1", 15_000);
        AGGREGATES.put("cfc.observation.changed.v1", 10_000);
        AGGREGATES.put("cfc.milestone.changed.v1", 5_000);
    }
    static final Map<String, String> TABLES = Map.of("cfc.facility.changed.v1", "facility_projection",
            "cfc.observation.changed.v1", "observation_projection", "cfc.milestone.changed.v1", "milestone_projection");

    @Inject
    AgroalDataSource ds;

    @Inject
    KafkaClientService kafka;

    @Test
    void threeTopics() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> before = new LinkedHashMap<>();
        AGGREGATES.keySet().forEach(type -> before.put(type, count(type, run)));
        awaitAssignments();
        CHANNELS.forEach(c -> kafka.getConsumer(c).pause().await().atMost(Duration.ofSeconds(10)));
        int events = 0;
        long produceStart = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformTestResource.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024))) {
            for (int version = 1; version <= 2; version++) {
                for (Map.Entry<String, Integer> e : AGGREGATES.entrySet()) {
                    String type = e.getKey();
                    ObjectNode data = (ObjectNode) EventSchemas.example(type).deepCopy();
                    for (int i = 0; i < e.getValue(); i++) {
                        String id = uuid(run, type, i);
                        data.put("id", id);
                        data.put("version", version);
                        data.put("regionCode", String.format("4101%02d%03d%03d", 1 + i % 15, 1 + i % 17, 1 + i % 20));
                        ProducerRecord<String, byte[]> r = new ProducerRecord<>(TOPICS.get(type), id, data.toString().getBytes(StandardCharsets.UTF_8));
                        r.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
                        r.headers().add(CloudEventHeaders.SUBJECT, id.getBytes(StandardCharsets.UTF_8));
                        r.headers().add(CloudEventHeaders.AGGREGATE_VERSION, Integer.toString(version).getBytes(StandardCharsets.UTF_8));
                        producer.send(r);
                        events++;
                    }
                }
            }
            producer.flush();
        }
        double sent = (System.nanoTime() - produceStart) / 1e9;
        long appliedWhilePaused = AGGREGATES.keySet().stream().mapToLong(type -> Long.parseLong(
                Db.value(ds, "select count(*) from " + TABLES.get(type) + " where id like ?", run + "%"))).sum();
        long start = System.nanoTime();
        CHANNELS.forEach(c -> kafka.getConsumer(c).resume().await().atMost(Duration.ofSeconds(10)));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        for (Map.Entry<String, Integer> e : AGGREGATES.entrySet()) {
            long target = before.get(e.getKey()) + e.getValue();
            while (count(e.getKey(), run) < target) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("not applied within 5 minutes: " + e.getKey());
                }
                sleep();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("[benchmark] consumer: %d events on 3 topics (%s aggregates × versions 1 and 2, produced in %.1f s while paused,"
                        + " %d applied meanwhile) all applied %.1f s after the resume: %.0f events/s%n",
                events, AGGREGATES, sent, appliedWhilePaused, seconds, events / seconds);
    }

    private void awaitAssignments() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        for (String c : CHANNELS) {
            while (kafka.getConsumer(c) == null || kafka.getConsumer(c).getAssignments().await().atMost(Duration.ofSeconds(10)).isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("channel " + c + " has no partitions");
                }
                sleep();
            }
        }
    }

    /** Rows of this run at version 2. */
    private long count(String type, String run) {
        return Long.parseLong(Db.value(ds, "select count(*) from " + TABLES.get(type) + " where id like ? and version = 2", run + "%"));
    }

    private static String uuid(String run, String type, int i) {
        return String.format("%s-%04x-4000-8000-%012d", run, List.copyOf(AGGREGATES.keySet()).indexOf(type), i);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
