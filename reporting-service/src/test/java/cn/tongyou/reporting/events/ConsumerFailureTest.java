package cn.tongyou.reporting.events;

import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer when the database or the broker fails. Its own test profile, hence its own application: the last steps
 * stop a channel and the broker, which the other test classes must not inherit.
 */
@QuarkusTest
@TestProfile(ConsumerFailureTest.Isolated.class)
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerFailureTest {

    /** Nothing changed: only a separate application. */
    public static class Isolated implements QuarkusTestProfile {
    }

    @Inject
    AgroalDataSource ds;

    @Inject
    MeterRegistry registry;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    ConsumerMonitor monitor;

    @Test
    @Order(1)
    void aPassingDatabaseFailureIsRetriedAndNothingIsLost() {
        String id = UUID.randomUUID().toString();
        long deadBefore = deadLetters.published();
        double failuresBefore = failures();
        sql("alter table unit_projection rename to unit_projection_away");
        try (Events events = new Events()) {
            events.send("cfc.unit.changed.v1", Events.example("cfc.unit.changed.v1", n -> n.put("id", id)));
            Db.until(() -> failures() > failuresBefore, Duration.ofSeconds(30));
        } finally {
            sql("alter table unit_projection_away rename to unit_projection");
        }
        Db.await(ds, Objects::nonNull, "select version from unit_projection where id = ?", id);
        assertThat(deadLetters.published()).isEqualTo(deadBefore);
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    @Order(2)
    void aLastingDatabaseFailureStopsTheChannelWithoutCommittingTheBatch() throws Exception {
        String id = UUID.randomUUID().toString();
        long deadBefore = deadLetters.published();
        RecordMetadata sent;
        sql("alter table unit_projection rename to unit_projection_away");
        try {
            try (Events events = new Events()) {
                sent = events.send("cfc.unit.changed.v1", Events.example("cfc.unit.changed.v1", n -> n.put("id", id)));
            }
            // 5 attempts over 7.5 s, then the channel stops: liveness DOWN
            Db.until(() -> given().when().get("/q/health/live").then().extract().statusCode() == 503, Duration.ofSeconds(60));
        } finally {
            sql("alter table unit_projection_away rename to unit_projection");
        }
        // not dead-lettered, not applied, and its offset not committed: a restarted instance reads it again
        assertThat(deadLetters.published()).isEqualTo(deadBefore);
        assertThat(Db.value(ds, "select count(*) from unit_projection where id = ?", id)).isEqualTo("0");
        TopicPartition tp = new TopicPartition(sent.topic(), sent.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformTestResource.kafka().bootstrapServers()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets("reporting-service").partitionsToOffsetAndMetadata().get().get(tp);
            assertThat(committed == null ? 0 : committed.offset()).isLessThanOrEqualTo(sent.offset());
        }
        // and the record counts as lag of the group
        monitor.refresh();
        assertThat(monitor.lag().perTopic().get("cfc.units")).isGreaterThanOrEqualTo(1L);
        assertThat(Metrics.value("reporting_consumer_lag", "topic=\"cfc.units\"")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    @Order(3)
    void lagIsUnknownWhileTheBrokerIsDown() {
        monitor.refresh();
        assertThat(monitor.lag().perTopic().get("cfc.regions")).isGreaterThanOrEqualTo(0L);
        PlatformTestResource.kafka().stop();
        try {
            monitor.refresh();
            assertThat(monitor.lag().perTopic().values()).containsOnly(ConsumerMonitor.UNKNOWN);
            assertThat(Metrics.value("reporting_consumer_lag", "topic=\"cfc.regions\"")).isEqualTo(-1.0);
        } finally {
            startBrokerAgain();
        }
        Db.until(() -> {
            monitor.refresh();
            return monitor.lag().perTopic().get("cfc.regions") >= 0;
        }, Duration.ofSeconds(60));
    }

    /**
     * The broker object may come from the class loader of an earlier application of this JVM; its readiness check
     * creates a Kafka client, which loads its plug-ins through the context class loader unless there is none: so none,
     * and Kafka uses its own.
     */
    private static void startBrokerAgain() {
        Thread t = Thread.currentThread();
        ClassLoader context = t.getContextClassLoader();
        t.setContextClassLoader(null);
        try {
            PlatformTestResource.kafka().startAgain();
        } finally {
            t.setContextClassLoader(context);
        }
    }

    private double failures() {
        Counter c = registry.find("reporting.events.write.failures").tag("topic", "cfc.units").counter();
        return c == null ? 0 : c.count();
    }

    private void sql(String statement) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
