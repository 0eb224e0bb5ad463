package cn.tongyou.system;

import cn.tongyou.common.events.Topics;
import cn.tongyou.local.testing.TopicReader;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static cn.tongyou.system.Platform.FACILITY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No stalled stream, on the secure platform (issue 13): facility-service loses its WRITE permission on
 * {@code cfc.facilities}; a facility registered meanwhile is refused by the broker, parked after
 * {@code cfc.outbox.park-after-attempts} refusals, and the service's later events (a new village on
 * {@code cfc.regions}) still reach reporting-service. With the permission back, a re-drive delivers the facility to
 * reporting-service's projection exactly once. The same for an event too large for its topic (the topic's
 * {@code max.message.bytes} lowered below it, then raised again).
 */
@ExtendWith(ServiceLogsOnFailure.class)
class ParkedEventTest {

    /** 新郑市: regions of its own. */
    static final String REGION = "410184";

    @Test
    void anEventTheBrokerRefusesIsParkedTheRestArrivesAndARedriveDeliversItOnce() throws Exception {
        Platform platform = Platform.get();
        String township = Regions.importCounty(REGION).get(0);
        Regions.importGeneric("code,name,parentCode,urbanRuralCode\n" + township + "201,停放一村," + township + ",220\n"
                + township + "202,停放二村," + township + ",220\n");
        String coordinator = Http.coordinator(REGION);
        register(coordinator, township + "201"); // cfc.facilities exists from here on, as the relay creates it
        platform.awaitCaughtUp();

        AclBinding write = new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.FACILITIES, PatternType.LITERAL),
                new AccessControlEntry("User:" + FACILITY, "*", AclOperation.WRITE, AclPermissionType.ALLOW));
        String facility;
        long parkedId;
        platform.admin().deleteAcls(List.of(write.toFilter())).all().get(10, TimeUnit.SECONDS);
        try {
            facility = register(coordinator, township + "202");
            await("facility-service parks the refused event", Duration.ofSeconds(120), () -> parked(facility) != null);
            Map<String, Object> entry = parked(facility);
            assertThat(entry.get("reasonClass")).isEqualTo("org.apache.kafka.common.errors.TopicAuthorizationException");
            parkedId = ((Number) entry.get("id")).longValue();

            // the stream goes on: a village imported after it reaches reporting-service
            String later = township + "203";
            Regions.importGeneric("code,name,parentCode,urbanRuralCode\n" + later + ",停放三村," + township + ",220\n");
            await("the later region event reaches reporting-service", Duration.ofSeconds(60),
                    () -> uncovered(township).contains(later));
            JsonPath health = io.restassured.RestAssured.given().baseUri(platform.url(FACILITY)).get("/q/health/ready")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(health.getString("checks.find { it.name == 'outbox' }.status")).isEqualTo("UP");
            await("readiness shows the parked event", Duration.ofSeconds(30), () -> io.restassured.RestAssured.given()
                    .baseUri(platform.url(FACILITY)).get("/q/health/ready").jsonPath()
                    .getLong("checks.find { it.name == 'outbox' }.data.parkedEvents") >= 1);
            assertThat(uncovered(township)).as("the parked facility's village").contains(township + "202");
        } finally {
            platform.admin().createAcls(List.of(write)).all().get(10, TimeUnit.SECONDS);
        }

        Http.as(Http.admin(), FACILITY).post("/api/v1/outbox/parked/" + parkedId + "/redrive").then().statusCode(202);
        await("the re-driven facility reaches reporting-service", Duration.ofSeconds(60),
                () -> !uncovered(township).contains(township + "202"));
        platform.awaitCaughtUp();
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(platform.adminClientSettings(),
                Topics.FACILITIES, seen -> seen.stream().anyMatch(r -> facility.equals(r.key())), Duration.ofSeconds(30));
        assertThat(records.stream().filter(r -> facility.equals(r.key()))).as("records of %s", facility).hasSize(1);
        JsonPath compliance = compliance(township);
        assertThat(compliance.getLong("facilities.find { it.facilityType == 'children-home' }.eligible")).isEqualTo(3);
        assertThat(compliance.getLong("facilities.find { it.facilityType == 'children-home' }.covered")).isEqualTo(2);
        Http.as(Http.admin(), FACILITY).post("/api/v1/outbox/parked/" + parkedId + "/redrive").then().statusCode(409);
    }

    @Test
    void anEventTooLargeForItsTopicIsParkedAndDeliveredOnceTheTopicTakesIt() throws Exception {
        Platform platform = Platform.get();
        String township = Regions.importCounty(REGION).get(1);
        Regions.importGeneric("code,name,parentCode,urbanRuralCode\n" + township + "201,超大一村," + township + ",220\n");
        String coordinator = Http.coordinator(REGION);
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.FACILITIES);
        String facility;
        long parkedId;
        limit(platform, topic, "16384");
        try {
            // 20 attributes of 2,000 random base64 characters: within the attribute limits, about 40 KB on the wire
            StringBuilder attributes = new StringBuilder();
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < 20; i++) {
                byte[] bytes = new byte[1_500];
                random.nextBytes(bytes);
                attributes.append(i == 0 ? "" : ",").append("\"note").append(i).append("\":\"")
                        .append(Base64.getEncoder().encodeToString(bytes)).append('"');
            }
            facility = Http.as(coordinator, FACILITY).body("""
                            {"type":"children-home","name":"超大儿童之家","regionCode":"%s","status":"open","openedOn":"2025-05-01",
                             "checklist":{"venue":true,"equipment":true,"rules":true,"staff":true,"funding":true},
                             "attributes":{%s}}
                            """.formatted(township + "201", attributes))
                    .post("/api/v1/facilities").then().statusCode(201).extract().path("id");
            await("facility-service parks the oversized event", Duration.ofSeconds(120), () -> parked(facility) != null);
            Map<String, Object> entry = parked(facility);
            assertThat(entry.get("reasonClass")).isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
            parkedId = ((Number) entry.get("id")).longValue();
        } finally {
            limit(platform, topic, null);
        }
        Http.as(Http.admin(), FACILITY).post("/api/v1/outbox/parked/" + parkedId + "/redrive").then().statusCode(202);
        await("the re-driven facility reaches reporting-service", Duration.ofSeconds(60),
                () -> !uncovered(township).contains(township + "201"));
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(platform.adminClientSettings(),
                Topics.FACILITIES, seen -> seen.stream().anyMatch(r -> facility.equals(r.key())), Duration.ofSeconds(30));
        assertThat(records.stream().filter(r -> facility.equals(r.key()))).as("records of %s", facility).hasSize(1);
    }

    /** Sets the topic's {@code max.message.bytes}, or back to the broker's default with null. */
    static void limit(Platform platform, ConfigResource topic, String bytes) throws Exception {
        AlterConfigOp op = new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes),
                bytes == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
        platform.admin().incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(10, TimeUnit.SECONDS);
    }

    static String register(String coordinator, String village) {
        return Http.as(coordinator, FACILITY).body("""
                        {"type":"children-home","name":"%s儿童之家","regionCode":"%s","status":"open","openedOn":"2025-05-01",
                         "checklist":{"venue":true,"equipment":true,"rules":true,"staff":true,"funding":true}}
                        """.formatted(village, village))
                .post("/api/v1/facilities").then().statusCode(201).extract().path("id");
    }

    static JsonPath compliance(String township) {
        return Http.as(Http.admin(), Platform.REPORTING).queryParam("region", township).queryParam("period", "2025")
                .get("/api/v1/compliance").then().statusCode(200).extract().jsonPath();
    }

    /** The villages of the township without a 儿童之家 in reporting-service's projection. */
    static List<String> uncovered(String township) {
        List<String> codes = compliance(township).getList("facilities.find { it.facilityType == 'children-home' }.uncovered.code");
        return codes == null ? List.of() : codes;
    }

    static Map<String, Object> parked(String facility) {
        List<Map<String, Object>> items = Http.as(Http.admin(), FACILITY).get("/api/v1/outbox/parked")
                .then().statusCode(200).extract().path("items");
        return items.stream().filter(i -> facility.equals(i.get("aggregateId"))).findFirst().orElse(null);
    }

    static void await(String what, Duration timeout, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting until " + what).isBefore(deadline);
            Platform.sleep(500);
        }
    }
}
