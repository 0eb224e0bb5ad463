package cn.tongyou.reporting.events;

import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The lag gauge and the readiness data, against the real broker. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
class ConsumerLagTest {

    static final int EVENTS = 40;

    @Inject
    AgroalDataSource ds;

    @Inject
    ConsumerMonitor monitor;

    @Test
    void consumedEventsLeaveNoLag() {
        Future<RecordMetadata> last = null;
        try (Events events = new Events()) {
            for (int i = 0; i < EVENTS; i++) {
                last = events.sendLater("cfc.plan.changed.v1", Events.example("cfc.plan.changed.v1", n -> n.put("id", UUID.randomUUID().toString())));
            }
            events.flush();
        }
        RecordMetadata m = get(last);
        Db.await(ds, v -> v != null && Long.parseLong(v) >= m.offset(),
                "select kafka_offset from consumer_position where kafka_topic = ? and kafka_partition = ?", m.topic(), m.partition());
        // offsets are committed every few seconds (throttled strategy) after the batch is applied
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (monitor.lag().perTopic().get("cfc.plans") != 0 && Instant.now().isBefore(deadline)) {
            monitor.refresh();
            sleep();
        }
        assertThat(monitor.lag().perTopic()).containsEntry("cfc.plans", 0L);
        assertThat(monitor.lag().perTopic().values()).allMatch(l -> l >= 0);
        assertThat(Metrics.value("reporting_consumer_lag", "topic=\"cfc.plans\"")).isEqualTo(0.0);
        JsonPath ready = given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        Map<String, Object> data = ready.getMap("checks.find { it.name == 'reporting-projections' }.data");
        assertThat(data).containsEntry("lag cfc.plans", 0);
    }

    @Test
    void producedButUnconsumedEventsAreLagAndAMissingTopicIsAbsent() throws Exception {
        try (Events events = new Events()) {
            for (int i = 0; i < EVENTS; i++) {
                events.sendLater("cfc.plan.changed.v1", Events.example("cfc.plan.changed.v1", n -> n.put("id", UUID.randomUUID().toString())));
            }
            events.flush();
        }
        // a group that has consumed nothing: every record on the topic is lag
        ConsumerMonitor.Lag lag = monitor.measure("reporting-lag-probe-" + UUID.randomUUID(), List.of("cfc.plans", "cfc.not-created-yet"));
        assertThat(lag.perTopic().get("cfc.plans")).isEqualTo(recordsOn("cfc.plans")).isGreaterThanOrEqualTo(EVENTS);
        assertThat(lag.perTopic()).containsEntry("cfc.not-created-yet", 0L);
        assertThat(lag.absent()).containsExactly("cfc.not-created-yet");
    }

    private static long recordsOn(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformTestResource.kafka().bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(ends).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        }
    }

    private static RecordMetadata get(Future<RecordMetadata> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
