package cn.tongyou.reporting.api;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.reporting.events.ConsumerMonitor;
import cn.tongyou.reporting.events.Db;
import cn.tongyou.reporting.events.Events;
import cn.tongyou.reporting.events.TopicsTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
class RebuildTest {

    @Inject
    AgroalDataSource ds;

    static String bearer(String role) {
        return "Bearer " + DevTokens.mint("test-" + role, Set.of(role), DevTokens.NATIONWIDE);
    }

    JsonNode compliance() throws Exception {
        String body = given().header("Authorization", bearer("viewer")).queryParam("region", "410186").queryParam("period", "2025H2")
                .queryParam("asOf", "2026-02-01").when().get("/api/v1/compliance").then().statusCode(200).extract().asString();
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(body);
        node.remove("computedAt");
        node.remove("positions");
        return node;
    }

    @Inject
    ConsumerMonitor monitor;

    /** Waits until this instance is alone in a settled group (a rebuild would not be refused). */
    void awaitAloneInGroup() {
        Db.until(() -> monitor.membership().conflict() == null, Duration.ofSeconds(120));
    }

    @Test
    void replayGivesTheSameCompliance() throws Exception {
        awaitAloneInGroup();
        try (Events e = new Events()) {
            for (String[] r : new String[][]{{"410186000000", "重建县", "county", "410100000000"}, {"410186101000", "重建镇", "township", "410186000000"},
                    {"410186101001", "甲村", "village", "410186101000"}, {"410186101002", "乙村", "village", "410186101000"}}) {
                e.send("cfc.region.changed.v1", Events.example("cfc.region.changed.v1", n -> {
                    n.put("code", r[0]);
                    n.put("name", r[1]);
                    n.put("level", r[2]);
                    n.put("parentCode", r[3]);
                }));
            }
            for (int v = 1; v <= 3; v++) {
                int version = v;
                e.send("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                    n.put("id", "22222222-2222-4333-8444-000000000001");
                    n.put("regionCode", "410186101002");
                    n.put("version", version);
                    n.put("meetsStandard", version != 2);
                }));
            }
            e.send("cfc.milestone.changed.v1", Events.example("cfc.milestone.changed.v1", n -> {
                n.put("id", "22222222-2222-4333-8444-000000000002");
                n.put("regionCode", "410186000000");
                n.put("status", "open");
                n.putNull("doneOn");
                n.putNull("evidence");
                n.putNull("completedByReport");
            }));
        }
        Db.await(ds, "3"::equals, "select version from facility_projection where id = '22222222-2222-4333-8444-000000000001'");
        Db.await(ds, Objects::nonNull, "select version from milestone_projection where id = '22222222-2222-4333-8444-000000000002'");
        Db.await(ds, Objects::nonNull, "select version from region_projection where id = '410186101002'");
        JsonNode before = compliance();
        assertThat(before.at("/facilities/0/covered").asInt()).isEqualTo(1);
        assertThat(before.at("/milestones/0/state").asText()).isEqualTo("overdue");
        Map<String, Long> positions = positions();

        String rebuilds = Db.value(ds, "select count(*) from audit_record where aggregate_type = 'projections' and outcome = 'CHANGED'"
                + " and actor_subject = 'test-admin' and actor_region = 'CN'");
        given().header("Authorization", bearer("admin")).when().post("/api/v1/projections/rebuild").then().statusCode(202);
        assertThat(Long.parseLong(Db.value(ds, "select count(*) from audit_record where aggregate_type = 'projections'"
                + " and outcome = 'CHANGED' and actor_subject = 'test-admin' and actor_region = 'CN'"))).isEqualTo(Long.parseLong(rebuilds) + 1);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!caughtUp(positions) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(caughtUp(positions)).as("replay reached the offsets seen before the rebuild").isTrue();
        assertThat(compliance()).isEqualTo(before);
    }

    @Test
    void onlyANationwideAdminRebuilds() {
        String projected = Db.value(ds, "select count(*) from region_projection");
        String rebuilds = Db.value(ds, "select count(*) from audit_record where aggregate_type = 'projections'");
        String refused = Db.value(ds, "select count(*) from audit_record where outcome = 'REFUSED'");
        String[][] callers = {{"admin", "410185"}, {"admin", "410000"}, {"admin", null}, {"coordinator", DevTokens.NATIONWIDE},
                {"viewer", DevTokens.NATIONWIDE}, {"integration", DevTokens.NATIONWIDE}};
        for (String[] c : callers) {
            given().header("Authorization", "Bearer " + DevTokens.mint("test-" + c[0], Set.of(c[0]), c[1]))
                    .when().post("/api/v1/projections/rebuild").then().statusCode(403).contentType("application/problem+json");
        }
        assertThat(Db.value(ds, "select count(*) from region_projection")).isEqualTo(projected);
        assertThat(Db.value(ds, "select count(*) from audit_record where aggregate_type = 'projections'")).isEqualTo(rebuilds);
        assertThat(Long.parseLong(Db.value(ds, "select count(*) from audit_record where outcome = 'REFUSED'")))
                .isEqualTo(Long.parseLong(refused) + callers.length);
    }

    @Test
    void refusedWithAReasonWhileAnotherConsumerSharesTheGroup() throws Exception {
        awaitAloneInGroup();
        String projected = Db.value(ds, "select count(*) from region_projection");
        String rebuilds = Db.value(ds, "select count(*) from audit_record where aggregate_type = 'projections'");
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformTestResource.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reporting-service", ConsumerConfig.CLIENT_ID_CONFIG, "another-instance",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> other = new KafkaConsumer<>(config)) {
            other.subscribe(List.of("cfc.plans"));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (other.assignment().isEmpty() && Instant.now().isBefore(deadline)) {
                other.poll(Duration.ofMillis(200));
            }
            assertThat(other.assignment()).as("the other consumer joined the group").isNotEmpty();
            given().header("Authorization", bearer("admin")).when().post("/api/v1/projections/rebuild").then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("another-instance"));
        }
        assertThat(Db.value(ds, "select count(*) from region_projection")).isEqualTo(projected);
        assertThat(Db.value(ds, "select count(*) from audit_record where aggregate_type = 'projections'")).isEqualTo(rebuilds);
        awaitAloneInGroup();
    }

    @Test
    void statusHealthAndMetrics() {
        given().header("Authorization", bearer("viewer")).when().get("/api/v1/projections/status").then().statusCode(200);
        String health = given().when().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(health).contains("reporting-projections", "deadLettered");
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("reporting_consumer_lag", "reporting_dlq_events");
    }

    private boolean caughtUp(Map<String, Long> before) {
        return ConsumerPositions.reached(ds, before);
    }

    private Map<String, Long> positions() {
        return ConsumerPositions.of(ds);
    }
}
