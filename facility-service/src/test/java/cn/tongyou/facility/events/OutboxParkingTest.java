package cn.tongyou.facility.events;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.local.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * No stalled stream (issue 13), on the real broker and database: an event larger than {@code cfc.outbox.max-event-bytes}
 * is refused at write time with nothing written; an event the broker refuses for good (larger than its topic's
 * {@code max.message.bytes}) is parked after {@code cfc.outbox.park-after-attempts} refusals while the events after it
 * go on and the later events of its aggregate wait; the gauge and readiness show it; once the topic takes it, a
 * re-drive publishes it exactly once, before the event that waited for it.
 *
 * <p>The profile lowers the event size limit to 64 KiB, so that a facility within its attribute limits can exceed it.
 */
@QuarkusTest
@TestProfile(OutboxParkingTest.SmallEvents.class)
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class OutboxParkingTest {

    public static class SmallEvents implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cfc.outbox.max-event-bytes", "65536");
        }
    }

    /** A township of 新密市 of its own (generated), so that no other test class sees these facilities. */
    static final String TOWNSHIP = "410183196";
    static final String TOPIC = "cfc.facilities";
    static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AgroalDataSource dataSource;

    static String admin() {
        return "Bearer " + DevTokens.mint("outbox-parking-admin", Set.of("admin"), DevTokens.NATIONWIDE);
    }

    static void township() {
        given().header("Authorization", admin()).contentType("text/csv; charset=UTF-8")
                .body("code,name,parentCode\n41,河南省,\n4101,郑州市,41\n410183,新密市,4101\n").post("/api/v1/regions/import")
                .then().statusCode(200);
        given().header("Authorization", admin()).contentType("text/csv; charset=UTF-8").queryParam("generated", true)
                .body("code,name,parentCode\n" + TOWNSHIP + ",停放测试镇,410183\n").post("/api/v1/regions/import")
                .then().statusCode(200);
    }

    /** {@code count} attributes of 2,000 random base64 characters each: incompressible, within the attribute limits. */
    static Map<String, Object> bulkyAttributes(int count) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[1_500];
            RANDOM.nextBytes(bytes);
            attributes.put("note" + i, Base64.getEncoder().encodeToString(bytes));
        }
        return attributes;
    }

    static Map<String, Object> park(String name, Map<String, Object> attributes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "child-friendly-park");
        body.put("name", name);
        body.put("regionCode", TOWNSHIP);
        body.put("status", "open");
        body.put("attributes", attributes);
        return body;
    }

    static String create(Map<String, Object> body) {
        return given().header("Authorization", admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/facilities").then().statusCode(201).extract().path("id");
    }

    @Test
    void anEventLargerThanTheLimitIsRefusedAtWriteTimeAndNothingIsWritten() throws Exception {
        township();
        long audits = count("select count(*) from audit_record where outcome = 'CHANGED'");
        long outbox = count("select count(*) from outbox_event");
        // 40 attributes of 2,000 characters: within the attribute limits, about 80 KB of event > 64 KiB
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(park("停放测试超大公园", bulkyAttributes(40))).post("/api/v1/facilities")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://tongyou.cn/problems/event-too-large"))
                .body("detail", containsString("cfc.facilities"))
                .body("detail", containsString("bytes; an event may have at most 65536 bytes"));
        assertThat(count("select count(*) from facility where name = '停放测试超大公园'")).isZero();
        assertThat(count("select count(*) from outbox_event")).isEqualTo(outbox);
        assertThat(count("select count(*) from audit_record where outcome = 'CHANGED'")).isEqualTo(audits);
    }

    @Test
    void anEventTheBrokerRefusesIsParkedTheStreamGoesOnAndARedrivePublishesItOnce() throws Exception {
        township();
        create(park("停放测试先行公园", Map.of())); // the topic exists from here on
        await("the first park is published", () -> count("select count(*) from outbox_event where topic = 'cfc.facilities' "
                + "and published_at is null") == 0);
        // other classes of this JVM may have left parked rows (the authorization matrix parks one per probe)
        long parkedBefore = count("select count(*) from outbox_parked where redriven_at is null");
        try (Admin admin = admin(PlatformTestResource.kafka().bootstrapServers())) {
            topicLimit(admin, "16384");
            try {
                // about 40 KB of incompressible attributes: below the outbox's limit, above the topic's
                String bulky = create(park("停放测试过大公园", bulkyAttributes(20)));
                await("the bulky event is parked", () -> count("select count(*) from outbox_parked where aggregate_id = '"
                        + bulky + "' and redriven_at is null") == 1);
                Map<String, Object> parked = given().header("Authorization", admin()).get("/api/v1/outbox/parked")
                        .then().statusCode(200).extract().path("items.find { it.aggregateId == '" + bulky + "' }");
                assertThat(parked.get("reasonClass")).isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
                assertThat(parked.get("attempts")).isEqualTo(5);
                assertThat(parked.get("aggregateVersion")).isEqualTo(1);
                assertThat(parked.get("redrivenAt")).isNull();

                // the stream goes on: a later facility arrives; a later event of the parked facility waits for it
                String after = create(park("停放测试后来公园", Map.of()));
                given().header("Authorization", admin()).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                        .body(park("停放测试过大公园", Map.of("note", "瘦身"))).put("/api/v1/facilities/" + bulky)
                        .then().statusCode(200);
                List<ConsumerRecord<String, byte[]>> seen = TopicReader.readUntil(PlatformTestResource.kafka().bootstrapServers(),
                        TOPIC, records -> records.stream().anyMatch(r -> after.equals(r.key())), Duration.ofSeconds(60));
                assertThat(seen).noneMatch(r -> bulky.equals(r.key()));
                long parkedNow = parkedBefore + 1;
                await("the figures are recounted", () -> {
                    Map<String, Object> data = given().get("/q/health/ready").then().extract()
                            .path("checks.find { it.name == 'outbox' }.data");
                    return ((Number) data.get("parkedEvents")).longValue() == parkedNow
                            && ((Number) data.get("pendingEvents")).longValue() >= 1;
                });
                given().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"));
                String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
                assertThat(metrics).contains("cfc_outbox_parked " + (double) parkedNow)
                        .contains("cfc_outbox_oldest_pending_age_seconds");
                assertThat(count("select count(*) from outbox_event where aggregate_id = '" + bulky
                        + "' and published_at is null")).as("version 2 waits behind the parked version 1").isEqualTo(1);

                // fixed: the topic takes it again; the re-drive publishes version 1 once, then version 2
                topicLimit(admin, null);
                long id = ((Number) parked.get("id")).longValue();
                given().header("Authorization", admin()).post("/api/v1/outbox/parked/" + id + "/redrive")
                        .then().statusCode(202).body("redrivenBy", equalTo("outbox-parking-admin"));
                List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(
                        PlatformTestResource.kafka().bootstrapServers(), TOPIC,
                        all -> all.stream().filter(r -> bulky.equals(r.key())).count() >= 2, Duration.ofSeconds(60));
                Thread.sleep(2_000); // a duplicate would come within a few relay polls
                records = TopicReader.readUntil(PlatformTestResource.kafka().bootstrapServers(), TOPIC,
                        all -> all.stream().filter(r -> bulky.equals(r.key())).count() >= 2, Duration.ofSeconds(30));
                assertThat(records.stream().filter(r -> bulky.equals(r.key())).map(OutboxParkingTest::version).toList())
                        .containsExactly(1L, 2L);
                assertThat(count("select count(*) from outbox_event where aggregate_id = '" + bulky
                        + "' and published_at is null")).isZero();
                assertThat(count("select count(*) from audit_record where aggregate_type = 'outbox-parked' "
                        + "and aggregate_id = '" + id + "' and actor_subject = 'outbox-parking-admin'")).isEqualTo(1);

                // once only: a second re-drive is a conflict, an unknown id is not found
                given().header("Authorization", admin()).post("/api/v1/outbox/parked/" + id + "/redrive")
                        .then().statusCode(409).contentType("application/problem+json");
                given().header("Authorization", admin()).post("/api/v1/outbox/parked/999999999/redrive")
                        .then().statusCode(404).contentType("application/problem+json");
                given().header("Authorization", admin()).post("/api/v1/outbox/parked/abc/redrive")
                        .then().statusCode(400).contentType("application/problem+json")
                        .body("violations[0].field", equalTo("id"));
                given().header("Authorization", admin()).queryParam("state", "redriven").get("/api/v1/outbox/parked")
                        .then().statusCode(200).body("items.find { it.id == " + id + " }.redrivenBy",
                                equalTo("outbox-parking-admin"));
                given().header("Authorization", admin()).queryParam("state", "sometimes").get("/api/v1/outbox/parked")
                        .then().statusCode(400).contentType("application/problem+json");
                await("the gauge no longer counts it", () -> given().get("/q/metrics").then().extract().asString()
                        .contains("cfc_outbox_parked " + (double) parkedBefore));
            } finally {
                topicLimit(admin, null);
            }
        }
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Sets the topic's {@code max.message.bytes}, or back to the broker's default with null. */
    static void topicLimit(Admin admin, String bytes) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
        ConfigEntry entry = new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes);
        AlterConfigOp op = new AlterConfigOp(entry, bytes == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(30, TimeUnit.SECONDS);
    }

    static long version(ConsumerRecord<String, byte[]> record) {
        return Long.parseLong(new String(record.headers().lastHeader("ce_aggregateversion").value(), StandardCharsets.UTF_8));
    }

    long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void await(String what, Check check) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!check.holds()) {
            assertThat(Instant.now()).as("waiting until " + what).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }
}
