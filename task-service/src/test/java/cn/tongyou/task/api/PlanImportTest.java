package cn.tongyou.task.api;

import cn.tongyou.local.testing.PlatformTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.tongyou.task.api.TestSupport.admin;
import static cn.tongyou.task.api.TestSupport.coordinator;
import static cn.tongyou.task.api.TestSupport.viewer;
import static cn.tongyou.task.api.TestSupport.nationalViewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The five shared plans through the product's own import, and what a re-import does (nothing). */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanImportTest {

    /** file prefix → region, tasks, milestones, distinct units (after normalising spellings), status. */
    record Expected(String region, int tasks, int milestones, int units, String status) {
    }

    static final Map<String, Expected> EXPECTED = Map.of(
            "000", new Expected("410182000000", 56, 91, 52, "in-force"),
            "001", new Expected("410106000000", 45, 23, 0, "in-force"),
            "002", new Expected("441400000000", 24, 2, 26, "in-force"),
            "003", new Expected("410402000000", 86, 20, 6, "draft"),
            "004", new Expected("371502000000", 37, 33, 40, "in-force"));

    @Inject
    AgroalDataSource dataSource;

    @Test
    @Order(1)
    void allFivePlansImportWithTheirTasksMilestonesAndUnits() {
        List<Path> files = TestSupport.catalogue();
        assertThat(files).hasSize(5);
        for (Path file : files) {
            Expected expected = EXPECTED.get(file.getFileName().toString().substring(0, 3));
            Response response = importFile(file, admin());
            response.then().statusCode(200)
                    .body("plan", equalTo("created"))
                    .body("regionCode", equalTo(expected.region()))
                    .body("status", equalTo(expected.status()))
                    .body("committed", equalTo(true))
                    .body("tasks.inFile", equalTo(expected.tasks())).body("tasks.inserted", equalTo(expected.tasks()))
                    .body("milestones.inserted", equalTo(expected.milestones()))
                    .body("units.named", equalTo(expected.units())).body("units.inserted", equalTo(expected.units()));
            String planId = response.jsonPath().getString("planId");
            given().header("Authorization", viewer()).get("/api/v1/plans/" + planId).then().statusCode(200)
                    .header("ETag", "\"1\"")
                    .body("taskCount", equalTo(expected.tasks())).body("milestoneCount", equalTo(expected.milestones()));
            given().header("Authorization", viewer()).queryParam("region", expected.region()).queryParam("size", 1)
                    .get("/api/v1/tasks").then().statusCode(200).body("total", equalTo(expected.tasks()));
            given().header("Authorization", nationalViewer()).queryParam("region", expected.region()).queryParam("size", 1)
                    .get("/api/v1/units").then().statusCode(200).body("total", equalTo(expected.units()));
        }
        // a prefecture's plans include its counties' (平顶山市 4104 → 新华区)
        given().header("Authorization", viewer()).queryParam("region", "4104").get("/api/v1/plans")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].regionName", equalTo("新华区"));
    }

    @Test
    @Order(2)
    void aReImportChangesNothingAndPublishesNothing() throws Exception {
        long outbox = count("select count(*) from outbox_event");
        long units = count("select count(*) from unit");
        for (Path file : TestSupport.catalogue()) {
            Expected expected = EXPECTED.get(file.getFileName().toString().substring(0, 3));
            importFile(file, coordinator(expected.region().substring(0, 6))).then().statusCode(200)
                    .body("plan", equalTo("unchanged"))
                    .body("tasks.unchanged", equalTo(expected.tasks())).body("tasks.inserted", equalTo(0))
                    .body("tasks.updated", equalTo(0))
                    .body("milestones.unchanged", equalTo(expected.milestones())).body("milestones.updated", equalTo(0))
                    .body("units.inserted", equalTo(0)).body("units.aliasesAdded", equalTo(0))
                    .body("events", equalTo(0));
        }
        assertThat(count("select count(*) from outbox_event")).isEqualTo(outbox);
        assertThat(count("select count(*) from unit")).isEqualTo(units);
    }

    @Test
    @Order(3)
    void spellingsOfOneDepartmentComeTogether() {
        // 东昌府区 writes 区文旅局 (leading 2 tasks) and 区文化和旅游局 (joining 8, 区文旅局 one more)
        JsonNode unit = units("371502", "文旅").get(0);
        List<String> spellings = new ArrayList<>();
        spellings.add(unit.get("name").asText());
        unit.get("aliases").forEach(a -> spellings.add(a.asText()));
        assertThat(spellings).containsExactlyInAnyOrder("区文旅局", "区文化和旅游局");
        assertThat(unit.at("/accountability/tasksLed").asInt()).isEqualTo(2);
        assertThat(unit.at("/accountability/tasksParticipating").asInt()).isEqualTo(9);
        // either spelling finds the same tasks
        int byShort = given().header("Authorization", viewer()).queryParam("region", "371502").queryParam("unit", "区文旅局")
                .get("/api/v1/tasks").then().statusCode(200).extract().path("total");
        int byLong = given().header("Authorization", viewer()).queryParam("region", "371502").queryParam("unit", "区文化和旅游局")
                .get("/api/v1/tasks").then().statusCode(200).extract().path("total");
        assertThat(byShort).isEqualTo(byLong).isEqualTo(11);
        // 荥阳市: a misprint, two names of the culture bureau, a bare 教育局
        assertThat(spellingsOf("410182", "自然资源")).containsExactlyInAnyOrder("市自然资源规划局", "市资源自然规划局");
        assertThat(spellingsOf("410182", "文广旅体")).containsExactlyInAnyOrder("市文广旅体局", "市文化广电和旅游局");
        assertThat(spellingsOf("410182", "教育局")).containsExactlyInAnyOrder("市教育局", "教育局");
        // a group is marked as such
        given().header("Authorization", viewer()).queryParam("region", "410182").queryParam("q", "各乡镇")
                .get("/api/v1/units").then().statusCode(200).body("items[0].kind", equalTo("group"));
    }

    @Test
    @Order(4)
    void aChangedFileUpdatesOnlyWhatChanged() throws Exception {
        Path file = TestSupport.catalogue().get(4);
        JsonNode doc = TestSupport.JSON.readTree(TestSupport.read(file));
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("tasks").get(0)).put("title", "健全工作协调机制（修订）");
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("tasks").get(5).get("milestones").get(0)).put("value", 0.9);
        long outbox = count("select count(*) from outbox_event");
        given().header("Authorization", coordinator("371502")).contentType("application/json")
                .body(TestSupport.JSON.writeValueAsString(doc)).post("/api/v1/plans/import")
                .then().statusCode(200)
                .body("plan", equalTo("unchanged"))
                .body("tasks.updated", equalTo(1)).body("tasks.unchanged", equalTo(36))
                .body("milestones.updated", equalTo(1)).body("milestones.unchanged", equalTo(32))
                .body("events", equalTo(2));
        assertThat(count("select count(*) from outbox_event")).isEqualTo(outbox + 2);
        // and back: the original file restores both, publishing their new versions
        importFile(file, coordinator("371502")).then().statusCode(200)
                .body("tasks.updated", equalTo(1)).body("milestones.updated", equalTo(1));
        given().header("Authorization", viewer()).queryParam("region", "371502").queryParam("q", "健全工作协调机制")
                .get("/api/v1/tasks").then().statusCode(200)
                .body("items[0].title", equalTo("健全工作协调机制")).body("items[0].version", equalTo(3));
    }

    @Test
    @Order(5)
    void aDryRunReportsAndWritesNothing() throws Exception {
        long outbox = count("select count(*) from outbox_event");
        long plans = count("select count(*) from plan");
        TestSupport.PlanDoc doc = new TestSupport.PlanDoc("dry-run-plan.txt", "试运行方案", "410181", "巩义市");
        doc.task("1", "社会政策友好", "试运行任务", List.of("市卫健委"), List.of()).milestone(null, "试运行", 1);
        given().header("Authorization", admin()).contentType("application/json").queryParam("dryRun", true)
                .body(doc.json()).post("/api/v1/plans/import")
                .then().statusCode(200).body("dryRun", equalTo(true)).body("committed", equalTo(false))
                .body("plan", equalTo("created")).body("tasks.inserted", equalTo(1)).body("units.inserted", equalTo(1));
        assertThat(count("select count(*) from outbox_event")).isEqualTo(outbox);
        assertThat(count("select count(*) from plan")).isEqualTo(plans);
        assertThat(count("select count(*) from unit where region_code = '410181000000'")).isZero();
    }

    @Test
    @Order(6)
    void aBrokenDocumentIsRefusedWholeListingEveryProblem() throws Exception {
        long outbox = count("select count(*) from outbox_event");
        TestSupport.PlanDoc doc = new TestSupport.PlanDoc("broken-plan.txt", "有问题的方案", "410181", "巩义市");
        doc.task("1", "社会政策友好", "第一项", List.of("市卫健委"), List.of()).milestone(null, "建成1所", 1);
        doc.task("1", "社会政策友好", "重复编号", List.of(), List.of());
        var third = ((com.fasterxml.jackson.databind.node.ArrayNode) doc.root().get("tasks")).addObject();
        third.put("number", "3");
        third.put("domain", "公共服务友好");
        third.put("title", " ");
        var milestone = third.putArray("milestones").addObject();
        milestone.put("statement", "建成儿童友好公园2-3个");
        milestone.put("comparator", "range");
        milestone.put("value", 3);
        milestone.put("value_max", 2);
        Response response = given().header("Authorization", admin()).contentType("application/json").body(doc.json())
                .post("/api/v1/plans/import");
        response.then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://tongyou.cn/problems/plan-import-rejected"))
                .body("violations.field", hasItem("tasks[1].number"))
                .body("violations.field", hasItem("tasks[2].title"))
                .body("violations.field", hasItem("tasks[2].milestones[0].value_max"));
        assertThat(count("select count(*) from outbox_event")).isEqualTo(outbox);
        assertThat(count("select count(*) from plan where source_ref = 'broken-plan.txt'")).isZero();
        // the same body to POST /plans: a plain 400 with the same violations
        given().header("Authorization", admin()).contentType("application/json").body(doc.json()).post("/api/v1/plans")
                .then().statusCode(400).body("violations.field", hasItem("tasks[1].number"));
        // no region at all
        doc.root().with("region").putNull("division_code");
        given().header("Authorization", admin()).contentType("application/json").body(doc.json()).post("/api/v1/plans/import")
                .then().statusCode(422).body("violations.field", hasItem("region.division_code"));
    }

    @Test
    @Order(7)
    void createAnswers201OnceThen409AndAnIdempotencyKeyReplays() throws Exception {
        TestSupport.PlanDoc doc = new TestSupport.PlanDoc("created-plan.txt", "新建方案", "410181", "巩义市");
        doc.task("1", "社会政策友好", "新建任务", List.of("市妇联"), List.of("市教育局")).milestone(null, "新建", 1);
        Response created = given().header("Authorization", coordinator("410181")).header("Idempotency-Key", "create-1")
                .contentType("application/json").body(doc.json()).post("/api/v1/plans");
        created.then().statusCode(201).header("ETag", "\"1\"").header("Location", org.hamcrest.Matchers.containsString("/api/v1/plans/"))
                .body("taskCount", equalTo(1)).body("status", equalTo("in-force"));
        long outbox = count("select count(*) from outbox_event");
        given().header("Authorization", coordinator("410181")).header("Idempotency-Key", "create-1")
                .contentType("application/json").body(doc.json()).post("/api/v1/plans")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(created.jsonPath().getString("id")))
                .header("ETag", "\"1\"").header("Location", equalTo(created.header("Location")));
        assertThat(count("select count(*) from outbox_event")).isEqualTo(outbox);
        given().header("Authorization", coordinator("410181")).header("Idempotency-Key", "create-1")
                .contentType("application/json").body(doc.json().replace("新建任务", "别的任务")).post("/api/v1/plans")
                .then().statusCode(422).body("type", equalTo("https://tongyou.cn/problems/idempotency-key-reused"));
        given().header("Authorization", coordinator("410181")).contentType("application/json").body(doc.json())
                .post("/api/v1/plans").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    @Order(8)
    void aPlansStatusMovesForwardUnderIfMatch() {
        String id = given().header("Authorization", viewer()).queryParam("region", "410402").get("/api/v1/plans")
                .then().statusCode(200).extract().path("items[0].id");
        Map<String, Object> update = Map.of("title", "平顶山市新华区儿童发展规划(2021-2030年)", "kind", "development-plan",
                "status", "in-force", "horizonYears", List.of(2025, 2030), "domains", List.of("儿童与健康", "儿童与安全"));
        given().header("Authorization", coordinator("410402")).contentType("application/json").body(update)
                .put("/api/v1/plans/" + id).then().statusCode(428);
        given().header("Authorization", coordinator("410402")).header("If-Match", "\"7\"").contentType("application/json").body(update)
                .put("/api/v1/plans/" + id).then().statusCode(412);
        given().header("Authorization", coordinator("410402")).header("If-Match", "\"1\"").contentType("application/json").body(update)
                .put("/api/v1/plans/" + id).then().statusCode(200).header("ETag", "\"2\"").body("status", equalTo("in-force"));
        given().header("Authorization", coordinator("410402")).header("If-Match", "\"2\"").contentType("application/json")
                .body(Map.of("title", "x", "kind", "development-plan", "status", "draft", "horizonYears", List.of(), "domains", List.of()))
                .put("/api/v1/plans/" + id).then().statusCode(409).contentType("application/problem+json");
        // a re-import without a status parameter keeps the status the coordinator set
        importFile(TestSupport.catalogue().get(3), admin()).then().statusCode(200).body("status", equalTo("in-force"));
        given().header("Authorization", coordinator("410182")).header("If-Match", "\"3\"").contentType("application/json").body(update)
                .put("/api/v1/plans/" + id).then().statusCode(403);
    }

    private static Response importFile(Path file, String token) {
        return given().header("Authorization", token).contentType("application/json").body(TestSupport.read(file))
                .post("/api/v1/plans/import");
    }

    private static List<JsonNode> units(String region, String q) {
        String body = given().header("Authorization", nationalViewer()).queryParam("region", region).queryParam("q", q)
                .get("/api/v1/units").then().statusCode(200).extract().asString();
        try {
            List<JsonNode> items = new ArrayList<>();
            TestSupport.JSON.readTree(body).get("items").forEach(items::add);
            return items;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> spellingsOf(String region, String q) {
        List<JsonNode> found = units(region, q);
        assertThat(found).as(q).hasSize(1);
        List<String> spellings = new ArrayList<>();
        spellings.add(found.get(0).get("name").asText());
        found.get(0).get("aliases").forEach(a -> spellings.add(a.asText()));
        return spellings;
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
