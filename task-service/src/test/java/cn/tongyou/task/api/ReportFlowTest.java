package cn.tongyou.task.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.tongyou.task.api.TestSupport.bearer;
import static cn.tongyou.task.api.TestSupport.coordinator;
import static cn.tongyou.task.api.TestSupport.reporter;
import static cn.tongyou.task.api.TestSupport.today;
import static cn.tongyou.task.api.TestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** Progress reports (半年调度): submit, return, correct, accept; who may file for whom; consistency. On 登封市 (410185). */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportFlowTest {

    static final String REGION = "410185";
    String health;
    String education;
    String soon;
    String undated;
    String otherTasksMilestone;
    String current;
    String ongoing;
    String reportId;

    @BeforeEach
    void plan() {
        if (health != null) {
            return;
        }
        TestSupport.PlanDoc doc = new TestSupport.PlanDoc("report-flow-plan.txt", "登封市儿童友好城市建设方案", REGION, "登封市");
        doc.task("1", "公共服务友好", "提升儿童医疗服务", List.of("市卫健委"), List.of("市财政局"))
                .milestone(today().plusDays(30), "建成儿童友好医院1所", 1)
                .milestone(null, "儿科床位增加", 10);
        doc.task("2", "公共服务友好", "建设儿童友好学校", List.of("市教育局"), List.of())
                .milestone(null, "建成儿童友好学校5所", 5);
        String planId = given().header("Authorization", coordinator(REGION)).contentType("application/json").body(doc.json())
                .post("/api/v1/plans").then().statusCode(201).extract().path("id");
        JsonPath tasks = given().header("Authorization", viewer()).queryParam("plan", planId).get("/api/v1/tasks")
                .then().statusCode(200).extract().jsonPath();
        health = tasks.getString("items[0].id");
        education = tasks.getString("items[1].id");
        JsonPath detail = given().header("Authorization", viewer()).get("/api/v1/tasks/" + health).then().extract().jsonPath();
        soon = detail.getString("milestones[0].id");
        undated = detail.getString("milestones[1].id");
        otherTasksMilestone = given().header("Authorization", viewer()).get("/api/v1/tasks/" + education).then().extract()
                .path("milestones[0].id");
        current = given().header("Authorization", viewer()).get("/api/v1/reporting-periods/current").then().extract().path("period");
        ongoing = given().header("Authorization", viewer()).get("/api/v1/reporting-periods/current").then().extract().path("period");
        LocalDate end = LocalDate.parse(given().header("Authorization", viewer()).get("/api/v1/reporting-periods/current")
                .then().extract().path("end"));
        ongoing = (end.getMonthValue() == 6 ? end.getYear() + "H2" : (end.getYear() + 1) + "H1");
    }

    private Map<String, Object> report(String period, int percent, List<Map<String, Object>> updates) {
        Map<String, Object> body = new HashMap<>();
        body.put("period", period);
        body.put("text", "本期完成儿科诊室改造，儿童友好医院创建材料已报送。");
        body.put("percentComplete", percent);
        body.put("milestoneUpdates", updates);
        body.put("attachments", List.of(Map.of("name", "创建材料.pdf", "url", "https://oa.example.gov.cn/files/2025/cj.pdf")));
        return body;
    }

    private Map<String, Object> done(String milestone) {
        return Map.of("milestoneId", milestone, "status", "done", "doneOn", today().toString(), "evidence", "市卫健委认定文件");
    }

    @Test
    @Order(1)
    void aReporterFilesForItsOwnUnitOnly() {
        // another unit of the region that has no part in the task
        given().header("Authorization", reporter(REGION, "市教育局")).contentType("application/json").body(report(current, 30, List.of()))
                .post("/api/v1/tasks/" + health + "/reports").then().statusCode(403).contentType("application/problem+json");
        // naming another unit in the body
        given().header("Authorization", reporter(REGION, "市教育局")).contentType("application/json")
                .body(withUnit(report(current, 30, List.of()), "市卫健委"))
                .post("/api/v1/tasks/" + education + "/reports").then().statusCode(403)
                .body("detail", startsWith("a reporter files only for its own unit"));
        // the right unit, but the token's region is another county
        given().header("Authorization", reporter("410184", "市卫健委")).contentType("application/json").body(report(current, 30, List.of()))
                .post("/api/v1/tasks/" + health + "/reports").then().statusCode(403);
        // no unit claim at all
        given().header("Authorization", bearer("reporter", REGION)).contentType("application/json").body(report(current, 30, List.of()))
                .post("/api/v1/tasks/" + health + "/reports").then().statusCode(403).body("detail", startsWith("your token has no unit claim"));
        // a unit the region does not know
        given().header("Authorization", reporter(REGION, "市外事办")).contentType("application/json").body(report(current, 30, List.of()))
                .post("/api/v1/tasks/" + health + "/reports").then().statusCode(403);
        given().header("Authorization", viewer()).contentType("application/json").body(report(current, 30, List.of()))
                .post("/api/v1/tasks/" + health + "/reports").then().statusCode(403);
        assertThat(reports()).isZero();
    }

    @Test
    @Order(2)
    void inconsistentOrMalformedReportsAreRefusedAndNothingIsWritten() {
        String url = "/api/v1/tasks/" + health + "/reports";
        String token = reporter(REGION, "市卫健委");
        given().header("Authorization", token).contentType("application/json").body(report(current, 100, List.of()))
                .post(url).then().statusCode(400).body("violations[0].field", equalTo("percentComplete"))
                .body("violations[0].message", org.hamcrest.Matchers.containsString("2 of 2 milestones are still open"));
        given().header("Authorization", token).contentType("application/json").body(report(current, 0, List.of(done(soon))))
                .post(url).then().statusCode(400).body("violations[0].field", equalTo("percentComplete"));
        given().header("Authorization", token).contentType("application/json").body(report(current, 101, List.of()))
                .post(url).then().statusCode(400).body("violations[0].field", equalTo("percentComplete"));
        given().header("Authorization", token).contentType("application/json").body(report("2099H1", 10, List.of()))
                .post(url).then().statusCode(400).body("violations[0].field", equalTo("period"));
        given().header("Authorization", token).contentType("application/json").body(report("2025H3", 10, List.of()))
                .post(url).then().statusCode(400).body("violations[0].field", equalTo("period"));
        given().header("Authorization", token).contentType("application/json")
                .body(report(current, 10, List.of(Map.of("milestoneId", otherTasksMilestone, "status", "done"))))
                .post(url).then().statusCode(400).body("violations.field", hasItem("milestoneUpdates[0].milestoneId"));
        given().header("Authorization", token).contentType("application/json")
                .body(report(current, 10, List.of(Map.of("milestoneId", soon, "status", "done"))))
                .post(url).then().statusCode(400).body("violations.field", hasItem("milestoneUpdates[0].doneOn"))
                .body("violations.field", hasItem("milestoneUpdates[0].evidence"));
        Map<String, Object> badAttachment = report(current, 10, List.of());
        badAttachment.put("attachments", List.of(Map.of("url", "ftp://files/x.pdf"), Map.of()));
        given().header("Authorization", token).contentType("application/json").body(badAttachment)
                .post(url).then().statusCode(400).body("violations.field", hasItem("attachments[0].url"))
                .body("violations.field", hasItem("attachments[1]"));
        given().header("Authorization", token).contentType("application/json").body(Map.of("period", current))
                .post(url).then().statusCode(400).body("violations.field", hasItem("text")).body("violations.field", hasItem("percentComplete"));
        assertThat(reports()).isZero();
    }

    @Test
    @Order(3)
    void submitReturnCorrectAccept() {
        String token = reporter(REGION, "市卫健委");
        JsonPath filed = given().header("Authorization", token).header("Idempotency-Key", "report-1").contentType("application/json")
                .body(report(current, 40, List.of(done(soon)))).post("/api/v1/tasks/" + health + "/reports")
                .then().statusCode(201).header("ETag", "\"1\"")
                .body("status", equalTo("submitted")).body("unit.name", equalTo("市卫健委")).body("period", equalTo(current))
                .body("attachments", hasSize(1)).body("milestoneUpdates[0].status", equalTo("done"))
                .extract().jsonPath();
        reportId = filed.getString("id");
        // a retry with the same key replays; a second report for the same task, period and unit is refused
        given().header("Authorization", token).header("Idempotency-Key", "report-1").contentType("application/json")
                .body(report(current, 40, List.of(done(soon)))).post("/api/v1/tasks/" + health + "/reports")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(reportId))
                .header("ETag", "\"1\"").header("Location", org.hamcrest.Matchers.endsWith("/api/v1/reports/" + reportId));
        given().header("Authorization", token).contentType("application/json").body(report(current, 45, List.of()))
                .post("/api/v1/tasks/" + health + "/reports").then().statusCode(409);
        // the coordinator returns it: a comment is required
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of()).post("/api/v1/reports/" + reportId + "/return").then().statusCode(400)
                .body("violations[0].field", equalTo("comment"));
        given().header("Authorization", token).header("If-Match", "\"1\"").contentType("application/json").body(Map.of("comment", "x"))
                .post("/api/v1/reports/" + reportId + "/return").then().statusCode(403);
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("comment", "请补充认定文件")).post("/api/v1/reports/" + reportId + "/return")
                .then().statusCode(200).body("status", equalTo("returned")).body("reviewComment", equalTo("请补充认定文件"));
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"2\"").contentType("application/json")
                .body(Map.of()).post("/api/v1/reports/" + reportId + "/accept").then().statusCode(409);
        // another unit's reporter cannot correct it; its own can
        Map<String, Object> correction = report(current, 60, List.of(done(soon)));
        correction.remove("period");
        given().header("Authorization", reporter(REGION, "市财政局")).header("If-Match", "\"2\"").contentType("application/json")
                .body(correction).put("/api/v1/reports/" + reportId).then().statusCode(403);
        given().header("Authorization", token).header("If-Match", "\"1\"").contentType("application/json")
                .body(correction).put("/api/v1/reports/" + reportId).then().statusCode(412);
        given().header("Authorization", token).header("If-Match", "\"2\"").contentType("application/json")
                .body(correction).put("/api/v1/reports/" + reportId).then().statusCode(200).header("ETag", "\"3\"")
                .body("status", equalTo("submitted")).body("percentComplete", equalTo(60));
        // accepted: the milestone reported done is done, with the report's date and evidence
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"3\"").contentType("application/json")
                .body(Map.of("comment", "材料齐全")).post("/api/v1/reports/" + reportId + "/accept")
                .then().statusCode(200).header("ETag", "\"4\"").body("status", equalTo("accepted"));
        given().header("Authorization", viewer()).get("/api/v1/milestones/" + soon).then().statusCode(200)
                .body("status", equalTo("done")).body("evidence", equalTo("市卫健委认定文件"))
                .body("completedByReport", equalTo(reportId));
        given().header("Authorization", token).header("If-Match", "\"4\"").contentType("application/json")
                .body(correction).put("/api/v1/reports/" + reportId).then().statusCode(409);
        given().header("Authorization", viewer()).get("/api/v1/tasks/" + health).then().statusCode(200)
                .body("reports", hasSize(1)).body("milestoneCounts.done", equalTo(1));
    }

    @Test
    @Order(4)
    void lateIsJudgedByTheDeadlineAndWarningsTravelWithTheReport() {
        String token = reporter(REGION, "市卫健委");
        String deadline = given().header("Authorization", viewer()).get("/api/v1/reporting-periods/" + current).then().extract().path("deadline");
        given().header("Authorization", viewer()).get("/api/v1/reports/" + reportId).then().statusCode(200)
                .body("late", equalTo(today().isAfter(LocalDate.parse(deadline))))
                .body("deadline", equalTo(deadline));
        // the ongoing half-year has started but not ended: on time; lower than the last accepted figure: a warning
        given().header("Authorization", token).contentType("application/json").body(report(ongoing, 50, List.of()))
                .post("/api/v1/tasks/" + health + "/reports").then().statusCode(201)
                .body("late", equalTo(false))
                .body("warnings", hasItem(org.hamcrest.Matchers.containsString("last accepted report of this unit (60 %)")));
    }

    @Test
    @Order(5)
    void aCoordinatorFilesOnAUnitsBehalf() {
        given().header("Authorization", coordinator(REGION)).contentType("application/json").body(report(current, 20, List.of()))
                .post("/api/v1/tasks/" + health + "/reports").then().statusCode(400).body("violations[0].field", equalTo("unit"));
        given().header("Authorization", coordinator(REGION)).contentType("application/json").body(withUnit(report(current, 20, List.of()), "市教育局"))
                .post("/api/v1/tasks/" + health + "/reports").then().statusCode(400).body("violations[0].field", equalTo("unit"));
        given().header("Authorization", coordinator(REGION)).contentType("application/json").body(withUnit(report(current, 20, List.of()), "市财政局"))
                .post("/api/v1/tasks/" + health + "/reports").then().statusCode(201).body("unit.name", equalTo("市财政局"));
        given().header("Authorization", viewer()).queryParam("region", REGION).queryParam("period", current).get("/api/v1/reports")
                .then().statusCode(200).body("total", equalTo(2));
        given().header("Authorization", viewer()).queryParam("unit", "市卫健委").queryParam("region", REGION).get("/api/v1/reports")
                .then().statusCode(200).body("total", equalTo(2));
    }

    private static Map<String, Object> withUnit(Map<String, Object> body, String unit) {
        body.put("unit", unit);
        return body;
    }

    private long reports() {
        return given().header("Authorization", viewer()).queryParam("region", REGION).get("/api/v1/reports").then().statusCode(200)
                .extract().jsonPath().getLong("total");
    }
}
