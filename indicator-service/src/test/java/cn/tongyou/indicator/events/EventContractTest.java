package cn.tongyou.indicator.events;

import cn.tongyou.indicator.api.TestSupport;
import cn.tongyou.indicator.api.Tokens;
import cn.tongyou.common.events.EventSchemas;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.local.testing.TopicReader;
import cn.tongyou.indicator.SharedCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** What the service emits matches the event contract (common/…/events/schemas), in the outbox and on Kafka. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class EventContractTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<String> TYPES = List.of(IndicatorEvents.CHANGED, TargetEvents.CHANGED, TargetEvents.DELETED, ObservationEvents.CHANGED,
            QualityFindingEvents.CHANGED, ApprovalEvents.CHANGED);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyExampleConformsToItsSchema() {
        for (String type : TYPES) {
            assertThat(EventSchemas.exists(type)).as(type).isTrue();
            assertThat(EventSchemas.validate(type, EventSchemas.example(type))).as(type).isEmpty();
        }
    }

    @Test
    void everyEventInTheOutboxConformsAndOneArrivesOnKafkaAsACloudEvent() throws Exception {
        TestSupport.importCatalogue(SharedCatalog.MEIZHOU).then().statusCode(200);
        String region = "130110";
        String coordinator = Tokens.coordinator(region);
        String url = "/api/v1/targets/" + region + "/neonatal-mortality-rate/2025";
        given().header("Authorization", coordinator).contentType("application/json").body(Map.of("kind", "<", "value", 2, "text", "<2‰"))
                .put(url).then().statusCode(201);
        given().header("Authorization", coordinator).header("If-Match", "\"1\"").queryParam("reason", "规划调整").delete(url).then().statusCode(204);
        String id = given().header("Authorization", coordinator).contentType("application/json")
                .body(Map.of("indicator", "neonatal-mortality-rate", "region", region, "period", "2025", "numerator", 18, "denominator", 10000,
                        "status", "submitted"))
                .post("/api/v1/observations").then().statusCode(201).extract().path("id");
        // four eyes: another coordinator approves
        given().header("Authorization", "Bearer " + cn.tongyou.local.DevTokens.mint("test-coordinator-2", java.util.Set.of("coordinator"), region))
                .header("If-Match", "\"1\"").post("/api/v1/observations/" + id + "/approve").then().statusCode(200);
        // the county hands a half-year without values up to its city
        given().header("Authorization", coordinator).header("If-Match", "\"0\"").contentType("application/json").body("{}")
                .post("/api/v1/approvals/" + region + "/2031H1/submit").then().statusCode(200);

        // a lower infant than neonatal mortality breaks the seeded rule neonatal-within-infant-mortality: a finding on entry
        given().header("Authorization", coordinator).contentType("application/json")
                .body(Map.of("indicator", "infant-mortality-rate", "region", region, "period", "2025", "numerator", 10, "denominator", 10000))
                .post("/api/v1/observations").then().statusCode(201)
                .body("qualityFindings.ruleCode", org.hamcrest.Matchers.hasItem("neonatal-within-infant-mortality"));

        int checked = 0;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select event_type, payload::text, aggregate_version from outbox_event")) {
            while (rs.next()) {
                String type = rs.getString(1);
                JsonNode data = MAPPER.readTree(rs.getString(2));
                assertThat(EventSchemas.validate(type, data)).as(type + " " + data).isEmpty();
                assertThat(data.get("version").asLong()).isEqualTo(rs.getLong(3));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(60);
        for (String type : TYPES) {
            assertThat(TestSupport.count(dataSource, "select count(*) from outbox_event where event_type = '" + type + "'")).as(type).isPositive();
        }

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(PlatformTestResource.kafka().bootstrapServers(),
                ObservationEvents.TOPIC, seen -> seen.stream().anyMatch(r -> id.equals(r.key()) && "2".equals(header(r, "ce_aggregateversion"))),
                Duration.ofSeconds(60));
        ConsumerRecord<String, byte[]> approved = records.stream()
                .filter(r -> id.equals(r.key()) && "2".equals(header(r, "ce_aggregateversion"))).findFirst().orElseThrow();
        assertThat(header(approved, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(approved, "ce_type")).isEqualTo(ObservationEvents.CHANGED);
        assertThat(header(approved, "ce_source")).isEqualTo("/tongyou/indicator-service");
        assertThat(header(approved, "ce_subject")).isEqualTo(id);
        JsonNode data = MAPPER.readTree(approved.value());
        assertThat(EventSchemas.validate(ObservationEvents.CHANGED, data)).isEmpty();
        assertThat(data.get("status").asText()).isEqualTo("approved");
        assertThat(data.get("approved").get("value").decimalValue()).isEqualByComparingTo("1.8");
        assertThat(data.get("lastAction").asText()).isEqualTo("approved");
        assertThat(data.get("firstSubmittedAt").asText()).isNotBlank();

        String approvalKey = "130110000000:2031H1";
        ConsumerRecord<String, byte[]> approval = TopicReader.readUntil(PlatformTestResource.kafka().bootstrapServers(),
                ApprovalEvents.TOPIC, seen -> seen.stream().anyMatch(r -> approvalKey.equals(r.key())), Duration.ofSeconds(60))
                .stream().filter(r -> approvalKey.equals(r.key())).findFirst().orElseThrow();
        assertThat(header(approval, "ce_type")).isEqualTo(ApprovalEvents.CHANGED);
        JsonNode submitted = MAPPER.readTree(approval.value());
        assertThat(EventSchemas.validate(ApprovalEvents.CHANGED, submitted)).isEmpty();
        assertThat(submitted.get("status").asText()).isEqualTo("submitted");
        assertThat(submitted.get("acceptorLevel").asText()).isEqualTo("prefecture");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
