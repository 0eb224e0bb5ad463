package cn.tongyou.task.events;

import cn.tongyou.common.events.EventSchemas;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.local.testing.TopicReader;
import cn.tongyou.task.api.TestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static cn.tongyou.task.api.TestSupport.coordinator;
import static cn.tongyou.task.api.TestSupport.reporter;
import static cn.tongyou.task.api.TestSupport.today;
import static cn.tongyou.task.api.TestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Every change publishes its aggregate's whole state through the outbox; what is written conforms to the schemas in
 * common/, and it reaches Kafka as CloudEvents. Also the unit merge, which moves tasks and reports. Region 惠济区 (410108).
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class OutboxEventsTest {

    static final String REGION = "410108";
    static final ObjectMapperHolder JSON = new ObjectMapperHolder();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyChangeIsAnEventThatConformsToItsSchemaAndReachesKafka() throws Exception {
        TestSupport.PlanDoc doc = new TestSupport.PlanDoc("events-plan.txt", "惠济区儿童友好城区建设方案", REGION, "惠济区");
        doc.task("1", "成长空间友好", "建设儿童友好公园", List.of("区体育中心"), List.of("区财政局"))
                .milestone(today().plusDays(20), "建成儿童友好公园2个", 2);
        doc.task("2", "成长空间友好", "建设儿童友好体育场所", List.of("区文体局"), List.of())
                .milestone(null, "建成儿童足球场3块", 3);
        String planId = given().header("Authorization", coordinator(REGION)).contentType("application/json").body(doc.json())
                .post("/api/v1/plans").then().statusCode(201).extract().path("id");
        JsonPath tasks = given().header("Authorization", viewer()).queryParam("plan", planId).get("/api/v1/tasks").then().extract().jsonPath();
        String park = tasks.getString("items[0].id");
        String milestone = given().header("Authorization", viewer()).get("/api/v1/tasks/" + park).then().extract().path("milestones[0].id");
        // a report, accepted: report and milestone events
        String report = given().header("Authorization", reporter(REGION, "区体育中心")).contentType("application/json")
                .body(Map.of("period", given().header("Authorization", viewer()).get("/api/v1/reporting-periods/current").then().extract().path("period"),
                        "text", "公园已建成", "percentComplete", 100, "milestoneUpdates",
                        List.of(Map.of("milestoneId", milestone, "status", "done", "doneOn", today().toString(), "evidence", "验收单"))))
                .post("/api/v1/tasks/" + park + "/reports").then().statusCode(201).extract().path("id");
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json").body(Map.of())
                .post("/api/v1/reports/" + report + "/accept").then().statusCode(200);
        // 区体育中心 and 区文体局 turn out to be one body: merging moves the task and the report
        JsonPath units = given().header("Authorization", viewer()).queryParam("region", REGION).queryParam("sort", "name")
                .get("/api/v1/units").then().extract().jsonPath();
        String culture = unitId(units, "区文体局");
        String sportsCentre = unitId(units, "区体育中心");
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("name", "区体育中心")).post("/api/v1/units/" + culture + "/aliases")
                .then().statusCode(200).header("ETag", "\"2\"").body("aliases", hasItem("区体育中心"))
                .body("accountability.tasksLed", equalTo(2));
        // the absorbed unit is kept (no hard delete), marked merged into the survivor and left out of the lists
        given().header("Authorization", viewer()).get("/api/v1/units/" + sportsCentre).then().statusCode(200)
                .body("mergedInto", equalTo(culture));
        given().header("Authorization", viewer()).get("/api/v1/tasks/" + park).then().statusCode(200)
                .body("version", equalTo(2)).body("leadUnits[0].name", equalTo("区文体局"))
                .body("leadUnits[0].writtenAs", equalTo("区体育中心")).body("reports[0].unit.name", equalTo("区文体局"));
        // the reporter's old spelling still names its unit
        given().header("Authorization", viewer()).queryParam("unit", "区体育中心").queryParam("region", REGION).get("/api/v1/tasks")
                .then().statusCode(200).body("total", equalTo(2));

        // every event of the region's aggregates conforms to its schema
        Map<String, Integer> types = new HashMap<>();
        List<String> problems = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select event_type, payload::text, aggregate_version from outbox_event where payload->>'regionCode' = ? order by seq")) {
            s.setString(1, REGION + "000000");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(1);
                    JsonNode payload = JSON.mapper.readTree(rs.getString(2));
                    types.merge(type, 1, Integer::sum);
                    assertThat(payload.get("version").asLong()).isEqualTo(rs.getLong(3));
                    EventSchemas.validate(type, payload).forEach(p -> problems.add(type + ": " + p));
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(types).containsKeys("cfc.plan.changed.v1", "cfc.task.changed.v1", "cfc.milestone.changed.v1",
                "cfc.progress-report.changed.v1", "cfc.unit.changed.v1", "cfc.unit.deleted.v1");
        assertThat(types.get("cfc.milestone.changed.v1")).isEqualTo(3); // two created, one completed by the accepted report
        assertThat(types.get("cfc.progress-report.changed.v1")).isEqualTo(3); // submitted, accepted, moved by the merge

        // and the plan's event reaches Kafka as a CloudEvent keyed by the plan id
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(PlatformTestResource.kafka().bootstrapServers(),
                TaskEvents.PLANS, seen -> seen.stream().anyMatch(r -> planId.equals(r.key())), Duration.ofSeconds(60));
        ConsumerRecord<String, byte[]> record = records.stream().filter(r -> planId.equals(r.key())).findFirst().orElseThrow();
        assertThat(header(record, "ce_type")).isEqualTo("cfc.plan.changed.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/tongyou/task-service");
        assertThat(header(record, "ce_subject")).isEqualTo(planId);
        assertThat(header(record, "ce_aggregateversion")).isEqualTo("1");
        JsonNode data = JSON.mapper.readTree(record.value());
        assertThat(EventSchemas.validate("cfc.plan.changed.v1", data)).isEmpty();
        assertThat(data.get("title").asText()).isEqualTo("惠济区儿童友好城区建设方案");
        // the merged unit's deletion is followed by a tombstone
        List<ConsumerRecord<String, byte[]>> unitRecords = TopicReader.readUntil(PlatformTestResource.kafka().bootstrapServers(),
                TaskEvents.UNITS, seen -> seen.stream().anyMatch(r -> sportsCentre.equals(r.key()) && r.value() == null),
                Duration.ofSeconds(60));
        Set<String> seenTypes = new TreeSet<>();
        unitRecords.stream().filter(r -> sportsCentre.equals(r.key())).forEach(r -> seenTypes.add(r.value() == null ? "tombstone" : header(r, "ce_type")));
        assertThat(seenTypes).contains("cfc.unit.changed.v1", "cfc.unit.deleted.v1", "tombstone");
    }

    @Test
    void theExamplesOfThisServicesTypesConform() {
        for (String type : List.of("cfc.plan.changed.v1", "cfc.task.changed.v1", "cfc.milestone.changed.v1",
                "cfc.progress-report.changed.v1", "cfc.unit.changed.v1", "cfc.unit.deleted.v1")) {
            assertThat(EventSchemas.validate(type, EventSchemas.example(type))).as(type).isEmpty();
        }
        JsonNode milestone = EventSchemas.example("cfc.milestone.changed.v1").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) milestone).put("overdue", true);
        assertThat(EventSchemas.validate("cfc.milestone.changed.v1", milestone)).isNotEmpty();
    }

    private static String unitId(JsonPath units, String name) {
        List<Map<String, Object>> items = units.getList("items");
        return (String) items.stream().filter(u -> name.equals(u.get("name"))).findFirst().orElseThrow().get("id");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** One mapper for the test. */
    static final class ObjectMapperHolder {
        final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    }
}
