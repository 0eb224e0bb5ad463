package cn.tongyou.task.api;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 12 in task-service: report text, review comments and the units' ranking read only inside the token's subtree;
 * reporters act for their own unit; four eyes on acceptance; every report version kept; a unit merge keeps the
 * absorbed unit; milestone POST idempotent; plan documents counted as they stream in. On 二七区 (410103); the other
 * county is 管城回族区 (410104).
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class TrustRulesTest {

    static final String REGION = "410103";
    static final String OTHER_COUNTY = "410104";
    static final String HEALTH = "区卫健局";
    static final String EDUCATION = "区教育局";

    @Inject
    DataSource dataSource;

    static String planId;
    static String healthTask;
    static String educationTask;
    static String period;

    static String token(String subject, String role, String region) {
        return "Bearer " + DevTokens.mint(subject, Set.of(role), region);
    }

    static String reporter(String unit) {
        return "Bearer " + DevTokens.mint("trust-reporter-" + unit, Set.of("reporter"), REGION, unit, Duration.ofHours(1));
    }

    static String coordinatorA() {
        return token("trust-coordinator-a", "coordinator", REGION);
    }

    static String coordinatorB() {
        return token("trust-coordinator-b", "coordinator", REGION);
    }

    @BeforeEach
    void plan() {
        if (planId != null) {
            return;
        }
        TestSupport.PlanDoc doc = new TestSupport.PlanDoc("trust-plan.txt", "二七区儿童友好城区建设方案", REGION, "二七区");
        doc.task("1", "公共服务友好", "提升儿童医疗服务", List.of(HEALTH), List.of()).milestone(null, "建成儿童友好医院1所", 1);
        doc.task("2", "公共服务友好", "建设儿童友好学校", List.of(EDUCATION), List.of()).milestone(null, "建成儿童友好学校5所", 5);
        planId = given().header("Authorization", coordinatorA()).contentType("application/json").body(doc.json())
                .queryParam("status", "in-force").post("/api/v1/plans").then().statusCode(201).extract().path("id");
        JsonPath tasks = given().header("Authorization", coordinatorA()).queryParam("plan", planId).get("/api/v1/tasks")
                .then().statusCode(200).extract().jsonPath();
        healthTask = tasks.getString("items[0].id");
        educationTask = tasks.getString("items[1].id");
        period = given().header("Authorization", coordinatorA()).get("/api/v1/reporting-periods/current").then().extract().path("period");
    }

    private String newTask(String unit) {
        return given().header("Authorization", coordinatorA()).contentType("application/json")
                .body(Map.of("number", "T" + UUID.randomUUID().toString().substring(0, 8), "domain", "公共服务友好", "title", "专项任务",
                        "leadUnits", List.of(unit)))
                .post("/api/v1/plans/{id}/tasks", planId).then().statusCode(201).extract().path("id");
    }

    private String file(String token, String task, String unit, String text) {
        Map<String, Object> body = unit == null ? Map.of("period", period, "text", text, "percentComplete", 10)
                : Map.of("period", period, "unit", unit, "text", text, "percentComplete", 10);
        return given().header("Authorization", token).contentType("application/json").body(body)
                .post("/api/v1/tasks/{id}/reports", task).then().statusCode(201).extract().path("id");
    }

    private long count(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long refusals(String subject) {
        return count("select count(*) from audit_record where outcome = 'REFUSED' and actor_subject = ?", subject);
    }

    @Test
    void reportTextAndRankingStayInsideTheSubtreeWhilePlansAndTasksArePublic() {
        String task = newTask(HEALTH);
        String report = file(reporter(HEALTH), task, null, "本期完成儿科诊室改造");
        String neighbour = token("trust-viewer-410104", "viewer", OTHER_COUNTY);
        String local = token("trust-viewer-410103", "viewer", REGION);
        String unitId = given().header("Authorization", local).get("/api/v1/tasks/{id}", task).then().extract().path("leadUnits[0].id");

        // public: plans, tasks, milestones (without the report text from outside)
        given().header("Authorization", neighbour).get("/api/v1/plans/{id}", planId).then().statusCode(200);
        given().header("Authorization", neighbour).get("/api/v1/tasks/{id}", task).then().statusCode(200)
                .body("title", equalTo("专项任务")).body("reports.size()", equalTo(0));
        given().header("Authorization", local).get("/api/v1/tasks/{id}", task).then().statusCode(200)
                .body("reports[0].text", equalTo("本期完成儿科诊室改造"));
        given().header("Authorization", neighbour).queryParam("region", REGION).get("/api/v1/milestones").then().statusCode(200);

        // scoped by id: 404, the same as a report that does not exist
        long before = refusals("trust-viewer-410104");
        given().header("Authorization", neighbour).get("/api/v1/reports/{id}", report).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", neighbour).get("/api/v1/reports/{id}/revisions", report).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", neighbour).get("/api/v1/units/{id}", unitId).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", local).get("/api/v1/reports/{id}", report).then().statusCode(200);
        given().header("Authorization", local).get("/api/v1/units/{id}", unitId).then().statusCode(200);

        // scoped lists: default to the token's subtree, an explicit region outside it is 403 (and recorded as refused)
        List<String> seen = given().header("Authorization", neighbour).queryParam("size", 200).get("/api/v1/reports")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(seen).doesNotContain(report);
        given().header("Authorization", neighbour).queryParam("region", REGION).get("/api/v1/reports").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", neighbour).queryParam("region", REGION).get("/api/v1/units").then().statusCode(403)
                .contentType("application/problem+json");
        List<String> regions = given().header("Authorization", neighbour).queryParam("size", 200).get("/api/v1/units")
                .then().statusCode(200).extract().jsonPath().getList("items.regionCode", String.class);
        assertThat(regions).allMatch(r -> r.startsWith(OTHER_COUNTY));
        assertThat(refusals("trust-viewer-410104")).isEqualTo(before + 2);
        given().header("Authorization", local).queryParam("region", REGION).get("/api/v1/reports").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(report));

        // a token without a region claim reads what is public, nothing scoped
        String noRegion = "Bearer " + DevTokens.mint("trust-admin-no-region", Set.of("admin"), null);
        given().header("Authorization", noRegion).get("/api/v1/plans/{id}", planId).then().statusCode(200);
        given().header("Authorization", noRegion).get("/api/v1/tasks/{id}", task).then().statusCode(200).body("reports.size()", equalTo(0));
        given().header("Authorization", noRegion).get("/api/v1/reports").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", noRegion).get("/api/v1/units").then().statusCode(403);
        given().header("Authorization", noRegion).get("/api/v1/reports/{id}", report).then().statusCode(404);
    }

    @Test
    void aReporterCorrectsOnlyItsOwnUnitsReportsAndNothingIsWritten() {
        String report = file(reporter(HEALTH), healthTask, null, "第一次填报");
        long revisions = count("select count(*) from progress_report_revision where report_id = ?", UUID.fromString(report));
        long changes = count("select count(*) from audit_record where outcome = 'CHANGED' and aggregate_id = ?", report);
        given().header("Authorization", reporter(EDUCATION)).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("text", "他人改写", "percentComplete", 50)).put("/api/v1/reports/{id}", report)
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("only its own unit's reports"));
        // a reporter of the same unit but another county
        given().header("Authorization", "Bearer " + DevTokens.mint("trust-reporter-far", Set.of("reporter"), OTHER_COUNTY, HEALTH,
                        Duration.ofHours(1))).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("text", "他人改写", "percentComplete", 50)).put("/api/v1/reports/{id}", report)
                .then().statusCode(403);
        // a reporter cannot accept or return
        given().header("Authorization", reporter(HEALTH)).header("If-Match", "\"1\"").contentType("application/json").body("{}")
                .post("/api/v1/reports/{id}/accept", report).then().statusCode(403);
        given().header("Authorization", coordinatorA()).get("/api/v1/reports/{id}", report).then().statusCode(200)
                .body("text", equalTo("第一次填报")).body("version", equalTo(1)).body("status", equalTo("submitted"));
        assertThat(count("select count(*) from progress_report_revision where report_id = ?", UUID.fromString(report))).isEqualTo(revisions);
        assertThat(count("select count(*) from audit_record where outcome = 'CHANGED' and aggregate_id = ?", report)).isEqualTo(changes);
        // its own unit may
        given().header("Authorization", reporter(HEALTH)).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("text", "更正后的填报", "percentComplete", 20)).put("/api/v1/reports/{id}", report)
                .then().statusCode(200).body("version", equalTo(2));
    }

    @Test
    void aCoordinatorCannotAcceptAReportTheyFiledOrLastCorrected() {
        // filed on the unit's behalf by coordinator A
        String task = newTask(HEALTH);
        String report = file(coordinatorA(), task, HEALTH, "代为填报");
        given().header("Authorization", coordinatorA()).get("/api/v1/reports/{id}", report).then()
                .body("filedBy", equalTo("trust-coordinator-a")).body("submittedBy", equalTo("trust-coordinator-a"));
        given().header("Authorization", coordinatorA()).header("If-Match", "\"1\"").contentType("application/json").body("{}")
                .post("/api/v1/reports/{id}/accept", report).then().statusCode(403).contentType("application/problem+json")
                .body("detail", startsWith("four eyes"));
        given().header("Authorization", coordinatorA()).get("/api/v1/reports/{id}", report).then()
                .body("status", equalTo("submitted")).body("version", equalTo(1));
        given().header("Authorization", coordinatorB()).header("If-Match", "\"1\"").contentType("application/json").body("{}")
                .post("/api/v1/reports/{id}/accept", report).then().statusCode(200).body("status", equalTo("accepted"))
                .body("reviewedBy", equalTo("trust-coordinator-b"));

        // filed by the reporter, last corrected by coordinator B: B may not accept it, A may
        String other = file(reporter(EDUCATION), educationTask, null, "教育局填报");
        given().header("Authorization", coordinatorB()).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("text", "协调员更正", "percentComplete", 15)).put("/api/v1/reports/{id}", other).then().statusCode(200);
        given().header("Authorization", coordinatorB()).header("If-Match", "\"2\"").contentType("application/json").body("{}")
                .post("/api/v1/reports/{id}/accept", other).then().statusCode(403);
        given().header("Authorization", coordinatorA()).header("If-Match", "\"2\"").contentType("application/json").body("{}")
                .post("/api/v1/reports/{id}/accept", other).then().statusCode(200);
    }

    @Test
    void everyVersionOfAReportIsKept() {
        String task = newTask(EDUCATION);
        String report = file(reporter(EDUCATION), task, null, "初稿：完成调研");
        given().header("Authorization", coordinatorA()).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("comment", "请补充学校名单")).post("/api/v1/reports/{id}/return", report).then().statusCode(200);
        given().header("Authorization", reporter(EDUCATION)).header("If-Match", "\"2\"").contentType("application/json")
                .body(Map.of("text", "二稿：附学校名单", "percentComplete", 30)).put("/api/v1/reports/{id}", report).then().statusCode(200);
        given().header("Authorization", coordinatorB()).header("If-Match", "\"3\"").contentType("application/json").body("{}")
                .post("/api/v1/reports/{id}/accept", report).then().statusCode(200).body("reviewComment", org.hamcrest.Matchers.nullValue());
        JsonPath revisions = given().header("Authorization", token("trust-viewer-410103", "viewer", REGION))
                .get("/api/v1/reports/{id}/revisions", report).then().statusCode(200).extract().jsonPath();
        assertThat(revisions.getList("version", Integer.class)).containsExactly(1, 2, 3, 4);
        assertThat(revisions.getList("change", String.class)).containsExactly("filed", "returned", "corrected", "accepted");
        assertThat(revisions.getString("[0].text")).isEqualTo("初稿：完成调研");
        assertThat(revisions.getString("[1].reviewComment")).isEqualTo("请补充学校名单");
        assertThat(revisions.getString("[1].changedBy")).isEqualTo("trust-coordinator-a");
        assertThat(revisions.getString("[2].text")).isEqualTo("二稿：附学校名单");
        assertThat(revisions.getString("[3].status")).isEqualTo("accepted");
        // bad input: not a UUID; an unknown report
        given().header("Authorization", coordinatorA()).get("/api/v1/reports/not-a-uuid/revisions").then().statusCode(400);
        given().header("Authorization", coordinatorA()).get("/api/v1/reports/{id}/revisions", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aUnitMergeKeepsTheAbsorbedUnit() {
        String survivorTask = newTask("区妇联");
        String absorbedTask = newTask("区妇女联合会办事处");
        String survivor = given().header("Authorization", coordinatorA()).get("/api/v1/tasks/{id}", survivorTask).then().extract().path("leadUnits[0].id");
        String absorbed = given().header("Authorization", coordinatorA()).get("/api/v1/tasks/{id}", absorbedTask).then().extract().path("leadUnits[0].id");
        assertThat(absorbed).isNotEqualTo(survivor);
        String report = file(reporter("区妇女联合会办事处"), absorbedTask, null, "妇联填报");
        String etag = given().header("Authorization", coordinatorA()).get("/api/v1/units/{id}", survivor).then().extract().header("ETag");
        given().header("Authorization", coordinatorA()).header("If-Match", etag).contentType("application/json")
                .body(Map.of("name", "区妇女联合会办事处")).post("/api/v1/units/{id}/aliases", survivor).then().statusCode(200);

        given().header("Authorization", coordinatorA()).get("/api/v1/units/{id}", absorbed).then().statusCode(200)
                .body("mergedInto", equalTo(survivor)).body("name", equalTo("区妇女联合会办事处"));
        List<String> listed = given().header("Authorization", coordinatorA()).queryParam("size", 200).get("/api/v1/units")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(listed).contains(survivor).doesNotContain(absorbed);
        List<String> withMerged = given().header("Authorization", coordinatorA()).queryParam("size", 200).queryParam("merged", "true")
                .get("/api/v1/units").then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(withMerged).contains(survivor, absorbed);
        given().header("Authorization", coordinatorA()).queryParam("merged", "maybe").get("/api/v1/units").then().statusCode(400)
                .body("violations[0].field", equalTo("merged"));
        // its report moved, with the move kept as a revision; the absorbed unit takes no more changes
        given().header("Authorization", coordinatorA()).get("/api/v1/reports/{id}", report).then().body("unit.id", equalTo(survivor));
        given().header("Authorization", coordinatorA()).get("/api/v1/reports/{id}/revisions", report).then()
                .body("change", equalTo(List.of("filed", "moved")));
        String absorbedTag = given().header("Authorization", coordinatorA()).get("/api/v1/units/{id}", absorbed).then().extract().header("ETag");
        given().header("Authorization", coordinatorA()).header("If-Match", absorbedTag).contentType("application/json")
                .body(Map.of("name", "区妇联新名", "kind", "department")).put("/api/v1/units/{id}", absorbed).then().statusCode(409);
        // the absorbed name finds the survivor
        given().header("Authorization", coordinatorA()).queryParam("unit", "区妇女联合会办事处").queryParam("plan", planId)
                .get("/api/v1/tasks").then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItems(survivorTask, absorbedTask));
    }

    @Test
    void aRetriedMilestonePostCreatesOneMilestone() {
        String task = newTask(HEALTH);
        Map<String, Object> body = Map.of("statement", "建成母婴室2处", "comparator", "qualitative");
        String first = given().header("Authorization", coordinatorA()).header("Idempotency-Key", "ms-retry-1").contentType("application/json")
                .body(body).post("/api/v1/tasks/{id}/milestones", task).then().statusCode(201).extract().path("id");
        given().header("Authorization", coordinatorA()).header("Idempotency-Key", "ms-retry-1").contentType("application/json")
                .body(body).post("/api/v1/tasks/{id}/milestones", task).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        given().header("Authorization", coordinatorA()).header("Idempotency-Key", "ms-retry-1").contentType("application/json")
                .body(Map.of("statement", "另一个节点", "comparator", "qualitative")).post("/api/v1/tasks/{id}/milestones", task)
                .then().statusCode(422);
        // the key is bound to its caller: another coordinator's request with the same key is its own
        given().header("Authorization", coordinatorB()).header("Idempotency-Key", "ms-retry-1").contentType("application/json")
                .body(body).post("/api/v1/tasks/{id}/milestones", task).then().statusCode(201)
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue()).body("id", org.hamcrest.Matchers.not(equalTo(first)));
        given().header("Authorization", coordinatorA()).get("/api/v1/tasks/{id}", task).then().body("milestones.size()", equalTo(2));
    }

    @Test
    void aPlanDocumentIsCountedAsItStreamsIn() throws Exception {
        // chunked (no Content-Length): only the bytes actually read can tell it is too large
        byte[] head = "{\"source\":\"huge.txt\",\"document\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] filler = new byte[3 * 1024 * 1024];
        Arrays.fill(filler, (byte) 'a');
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        InputStream body = new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(head), new ByteArrayInputStream(filler)),
                new ByteArrayInputStream(tail));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/api/v1/plans/import?region=" + REGION))
                .header("Authorization", coordinatorA()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(count("select count(*) from plan where source_ref = 'huge.txt'")).isZero();
        // an empty body and a malformed one are 400
        given().header("Authorization", coordinatorA()).contentType("application/json").body("").post("/api/v1/plans/import")
                .then().statusCode(400);
        given().header("Authorization", coordinatorA()).contentType("application/json").body("{\"source\": ").post("/api/v1/plans/import")
                .then().statusCode(400);
    }
}
