package cn.tongyou.task.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.tongyou.task.api.TestSupport.coordinator;
import static cn.tongyou.task.api.TestSupport.reporter;
import static cn.tongyou.task.api.TestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Reporting discipline of progress reports (issue 15), on a business date moved by {@code cfc.schedule.today} to
 * 2027-01-20: 2026H2's deadline (2027-01-15) has passed, so reports filed now are late, but it closes for entry only on
 * 2027-02-15 (30 days later); 2026H1 closed on 2026-08-15. The review summary is hand-computed on two counties of
 * 开封市 (杞县 410221, 通许县 410222; the other classes share the database and use 郑州市's counties); the locks on 新安县
 * (410323) under 洛阳市.
 */
@QuarkusTest
@TestProfile(ReportDisciplineTest.MovedBusinessDate.class)
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportDisciplineTest {

    /** The business date 2027-01-20 and the default lock (30 days after the deadline) for progress reports. */
    public static class MovedBusinessDate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cfc.schedule.today", "2027-01-20",
                    "%test.cfc.discipline.lock-after-days-by-data-set.\"progress-reports\"", "30");
        }
    }

    static final String CITY = "410200";
    static final String QIXIAN = "410221";
    static final String TONGXU = "410222";
    static final String LOCK_CITY = "410300";
    static final String XINAN = "410323";
    static final String OPEN_PERIOD = "2026H2";
    static final String CLOSED_PERIOD = "2026H1";

    private static List<String> tasks(String planId) {
        return given().header("Authorization", viewer()).queryParam("plan", planId).get("/api/v1/tasks")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    private static String plan(String region, String name, String status, String... leads) {
        TestSupport.PlanDoc doc = new TestSupport.PlanDoc("discipline-" + region + "-" + status + ".txt", name + "儿童友好建设方案（" + status + "）",
                region, name);
        doc.root().with("region").put("level", "county").put("parent", region.startsWith("4102") ? "开封市" : "洛阳市");
        for (int i = 0; i < leads.length; i++) {
            doc.task(String.valueOf(i + 1), "公共服务友好", name + "任务" + (i + 1), List.of(leads[i]), List.of())
                    .milestone(null, "建成儿童友好设施" + (i + 1) + "处", 1);
        }
        return given().header("Authorization", coordinator(region)).contentType("application/json").queryParam("status", status)
                .body(doc.json()).post("/api/v1/plans").then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> report(String period) {
        Map<String, Object> body = new HashMap<>();
        body.put("period", period);
        body.put("text", "本期完成儿童友好设施选址。");
        body.put("percentComplete", 20);
        return body;
    }

    private static io.restassured.response.Response file(String region, String unit, String task, String period) {
        return given().header("Authorization", reporter(region, unit)).contentType("application/json").body(report(period))
                .post("/api/v1/tasks/{id}/reports", task);
    }

    private static JsonPath review(String token, String report, String action, String comment) {
        String etag = given().header("Authorization", token).get("/api/v1/reports/{id}", report).then().statusCode(200)
                .extract().header("ETag");
        return given().header("Authorization", token).header("If-Match", etag).contentType("application/json")
                .body(comment == null ? Map.of() : Map.of("comment", comment))
                .post("/api/v1/reports/{id}/" + action, report).then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void everyTodayIsTheMovedBusinessDate() {
        // on 2027-01-20 the latest half-year that reached its last day is 2026H2, due until 2027-01-15: overdue
        given().header("Authorization", viewer()).get("/api/v1/reporting-periods/current").then().statusCode(200)
                .body("period", equalTo(OPEN_PERIOD)).body("deadline", equalTo("2027-01-15")).body("state", equalTo("overdue"));
        // 栾川县's milestone due 2027-01-10 is overdue by 10 days on the business date, whatever the real one
        TestSupport.PlanDoc doc = new TestSupport.PlanDoc("discipline-luanchuan.txt", "栾川县儿童友好建设方案", "410324", "栾川县");
        doc.task("1", "公共服务友好", "建设儿童友好公园", List.of("县住建局"), List.of())
                .milestone(LocalDate.parse("2027-01-10"), "建成儿童友好公园1个", 1);
        String planId = given().header("Authorization", coordinator("410324")).contentType("application/json").body(doc.json())
                .post("/api/v1/plans").then().statusCode(201).extract().path("id");
        String task = tasks(planId).get(0);
        given().header("Authorization", viewer()).get("/api/v1/tasks/{id}", task).then().statusCode(200)
                .body("milestones[0].state", equalTo("overdue")).body("milestones[0].daysOverdue", equalTo(10));
        // a report for 2027H1, which has started on the business date (not on the real one, 2026), is accepted
        file("410324", "县住建局", task, "2027H1").then().statusCode(201).body("late", equalTo(false))
                .body("deadline", equalTo("2027-07-15"));
    }

    @Test
    @Order(2)
    void reviewsRecordTheLevelTheyWereMadeFromAndTheSummaryAddsUpTheCounties() {
        // 杞县: three tasks of a plan in force
        List<String> qixian = tasks(plan(QIXIAN, "杞县", "in-force", "县卫健委", "县教育局", "县民政局"));
        // 通许县: two tasks of a plan in force, one of a draft (expects nothing)
        tasks(plan(TONGXU, "通许县", "in-force", "县卫健委", "县教育局"));
        tasks(plan(TONGXU, "通许县", "draft", "县文广旅体局"));

        // 杞县 task 1: filed after the deadline, waiting
        file(QIXIAN, "县卫健委", qixian.get(0), OPEN_PERIOD).then().statusCode(201).body("late", equalTo(true))
                .body("regionLevel", equalTo("county")).body("reviewedLevel", nullValue());
        // task 2: returned by the city
        String returned = file(QIXIAN, "县教育局", qixian.get(1), OPEN_PERIOD).then().statusCode(201).extract().path("id");
        JsonPath byCity = review(coordinator(CITY), returned, "return", "请补充选址材料");
        assertThat(byCity.getString("status")).isEqualTo("returned");
        assertThat(byCity.getString("reviewedLevel")).isEqualTo("prefecture");
        // task 3: accepted by the county's own office
        String accepted = file(QIXIAN, "县民政局", qixian.get(2), OPEN_PERIOD).then().statusCode(201).extract().path("id");
        JsonPath byCounty = review(coordinator(QIXIAN), accepted, "accept", null);
        assertThat(byCounty.getString("status")).isEqualTo("accepted");
        assertThat(byCounty.getString("reviewedLevel")).isEqualTo("county");
        assertThat(byCounty.getString("regionLevel")).isEqualTo("county");
        // the level of each review stays in the report's history
        given().header("Authorization", viewer()).get("/api/v1/reports/{id}/revisions", returned).then().statusCode(200)
                .body("[1].change", equalTo("returned")).body("[1].reviewedLevel", equalTo("prefecture"))
                .body("[0].reviewedLevel", nullValue()).body("[0].lockException", nullValue());

        JsonPath summary = given().header("Authorization", coordinator(CITY)).queryParam("period", OPEN_PERIOD)
                .get("/api/v1/reports/review-summary").then().statusCode(200).extract().jsonPath();
        assertThat(summary.getString("region")).isEqualTo("410200000000");
        assertThat(summary.getString("regionLevel")).isEqualTo("prefecture");
        assertThat(summary.getString("deadline")).isEqualTo("2027-01-15");
        assertThat(summary.getList("approvalLevels")).containsExactly("county", "prefecture", "province");
        assertThat(summary.getList("levels.level")).containsExactly("county");
        // 杞县: expected 3, waiting 1, accepted 1, returned 1, missing 1 (the returned one), late 2 (received, filed late)
        assertThat(summary.getMap("levels[0].regions[0]")).containsExactlyInAnyOrderEntriesOf(Map.of("region", "410221000000",
                "expected", 3, "submitted", 1, "accepted", 1, "returned", 1, "missing", 1, "late", 2));
        // 通许县: the draft plan expects nothing; both reports of the plan in force are missing
        assertThat(summary.getMap("levels[0].regions[1]")).containsExactlyInAnyOrderEntriesOf(Map.of("region", "410222000000",
                "expected", 2, "submitted", 0, "accepted", 0, "returned", 0, "missing", 2, "late", 0));
        // 开封市: the sums
        assertThat(summary.getMap("totals")).containsExactlyInAnyOrderEntriesOf(Map.of("region", "410200000000",
                "expected", 5, "submitted", 1, "accepted", 1, "returned", 1, "missing", 3, "late", 2));

        // a county's own summary has no approval level below it; the same counts as the city's row
        given().header("Authorization", coordinator(QIXIAN)).queryParam("period", OPEN_PERIOD).get("/api/v1/reports/review-summary")
                .then().statusCode(200).body("region", equalTo("410221000000")).body("levels.size()", equalTo(0))
                .body("totals.expected", equalTo(3)).body("totals.missing", equalTo(1)).body("totals.late", equalTo(2));
        // the same rule as the accountability view: per unit expected and missing add up to the county's
        JsonPath units = given().header("Authorization", coordinator(QIXIAN)).queryParam("region", QIXIAN).queryParam("period", OPEN_PERIOD)
                .get("/api/v1/units").then().statusCode(200).extract().jsonPath();
        assertThat(units.getList("items.accountability.reportsExpected", Integer.class).stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
        assertThat(units.getList("items.accountability.reportsMissing", Integer.class).stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        // the province sees 开封市 among its prefectures with the same figures
        JsonPath province = given().header("Authorization", coordinator("41")).queryParam("period", OPEN_PERIOD)
                .get("/api/v1/reports/review-summary").then().statusCode(200).extract().jsonPath();
        assertThat(province.getList("levels.level")).containsExactly("prefecture", "county");
        assertThat(province.getInt("levels[0].regions.find { it.region == '410200000000' }.expected")).isEqualTo(5);
        assertThat(province.getInt("levels[0].regions.find { it.region == '410200000000' }.late")).isEqualTo(2);
    }

    @Test
    @Order(3)
    void theSummaryIsScopedAndRefusesBadInput() {
        // outside the token's subtree
        given().header("Authorization", coordinator(QIXIAN)).queryParam("region", CITY).get("/api/v1/reports/review-summary")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", coordinator(CITY)).queryParam("region", "41x").queryParam("period", "2026H3")
                .get("/api/v1/reports/review-summary").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("region")).body("violations.field", hasItem("period"));
        // the current reporting period by default
        given().header("Authorization", coordinator(CITY)).get("/api/v1/reports/review-summary").then().statusCode(200)
                .body("period", equalTo(OPEN_PERIOD));
    }

    @Test
    @Order(4)
    void aClosedPeriodRefusesReportsUntilAHigherLevelGrantsAnException() {
        List<String> xinan = tasks(plan(XINAN, "新安县", "in-force", "县卫健委", "县教育局"));
        // 2026H1 closed on 2026-08-15 (deadline 2026-07-15 + 30 days)
        file(XINAN, "县卫健委", xinan.get(0), CLOSED_PERIOD).then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/period-locked")).body("detail", containsString("2026H1"))
                .body("detail", containsString("progress-reports")).body("detail", containsString("2026-08-15"));
        // in the reporter's language
        given().header("Authorization", reporter(XINAN, "县卫健委")).header("Accept-Language", "zh-CN").contentType("application/json")
                .body(report(CLOSED_PERIOD)).post("/api/v1/tasks/{id}/reports", xinan.get(0)).then().statusCode(409)
                .body("title", equalTo("报告期已锁定")).body("detail", containsString("2026-08-15 截止填报"));
        // 2026H2 is late but still open
        file(XINAN, "县教育局", xinan.get(1), OPEN_PERIOD).then().statusCode(201);

        Map<String, Object> grant = new HashMap<>(Map.of("region", XINAN, "period", CLOSED_PERIOD, "dataSet", "progress-reports",
                "validUntil", Instant.now().plus(Duration.ofDays(7)).toString(), "reason", "新安县补报2026H1卫健任务进展"));
        // the county itself may not open its own lock; nor a coordinator elsewhere, nor a reporter
        given().header("Authorization", coordinator(XINAN)).contentType("application/json").body(grant)
                .post("/api/v1/period-lock-exceptions").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", coordinator("440000")).contentType("application/json").body(grant)
                .post("/api/v1/period-lock-exceptions").then().statusCode(403);
        given().header("Authorization", reporter(LOCK_CITY, "市卫健委")).contentType("application/json").body(grant)
                .post("/api/v1/period-lock-exceptions").then().statusCode(403);
        // bad input, every field named
        Map<String, Object> bad = Map.of("region", "41x", "period", "2026H3",
                "validUntil", Instant.now().minus(Duration.ofDays(1)).toString(), "reason", " ");
        given().header("Authorization", coordinator(LOCK_CITY)).contentType("application/json").body(bad)
                .post("/api/v1/period-lock-exceptions").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("region")).body("violations.field", hasItem("period"))
                .body("violations.field", hasItem("validUntil")).body("violations.field", hasItem("reason"));
        Map<String, Object> tooLong = new HashMap<>(grant);
        tooLong.put("validUntil", Instant.now().plus(Duration.ofDays(31)).toString());
        given().header("Authorization", coordinator(LOCK_CITY)).contentType("application/json").body(tooLong)
                .post("/api/v1/period-lock-exceptions").then().statusCode(400).body("violations[0].field", equalTo("validUntil"));
        given().header("Authorization", coordinator(LOCK_CITY)).contentType("application/json").body("{\"region\":")
                .post("/api/v1/period-lock-exceptions").then().statusCode(400).contentType("application/problem+json");
        // nothing got through
        file(XINAN, "县卫健委", xinan.get(0), CLOSED_PERIOD).then().statusCode(409);

        // the city grants one
        String exception = given().header("Authorization", coordinator(LOCK_CITY)).contentType("application/json").body(grant)
                .post("/api/v1/period-lock-exceptions").then().statusCode(201).body("state", equalTo("live"))
                .body("region", equalTo("410323000000")).extract().path("id");
        String late = file(XINAN, "县卫健委", xinan.get(0), CLOSED_PERIOD).then().statusCode(201).body("late", equalTo(true))
                .extract().path("id");
        given().header("Authorization", viewer()).get("/api/v1/reports/{id}/revisions", late).then().statusCode(200)
                .body("[0].change", equalTo("filed")).body("[0].lockException", equalTo(exception));
        // reviews stay possible after the lock: the level above still acts
        JsonPath returned = review(coordinator(LOCK_CITY), late, "return", "请附上卫健委认定文件");
        assertThat(returned.getString("reviewedLevel")).isEqualTo("prefecture");

        // revoked (the county may not; the city may, with a reason), the period is closed again
        given().header("Authorization", coordinator(XINAN)).contentType("application/json").body(Map.of("reason", "已补报"))
                .post("/api/v1/period-lock-exceptions/{id}/revoke", exception).then().statusCode(403);
        given().header("Authorization", coordinator(LOCK_CITY)).contentType("application/json").body(Map.of("reason", ""))
                .post("/api/v1/period-lock-exceptions/{id}/revoke", exception).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("reason"));
        given().header("Authorization", coordinator(LOCK_CITY)).contentType("application/json").body(Map.of("reason", "已补报"))
                .post("/api/v1/period-lock-exceptions/{id}/revoke", exception).then().statusCode(200)
                .body("state", equalTo("revoked")).body("revokeReason", equalTo("已补报"));
        String etag = given().header("Authorization", reporter(XINAN, "县卫健委")).get("/api/v1/reports/{id}", late).then().statusCode(200)
                .extract().header("ETag");
        given().header("Authorization", reporter(XINAN, "县卫健委")).header("If-Match", etag).contentType("application/json")
                .body(Map.of("text", "补充认定文件后的进展。", "percentComplete", 30)).put("/api/v1/reports/{id}", late)
                .then().statusCode(409).body("type", endsWith("/period-locked"));

        // readable by the region's coordinators, with its history in the audit trail (granted, revoked)
        given().header("Authorization", coordinator(XINAN)).get("/api/v1/period-lock-exceptions/{id}", exception).then().statusCode(200)
                .body("state", equalTo("revoked"));
        given().header("Authorization", coordinator(LOCK_CITY)).queryParam("region", LOCK_CITY).queryParam("period", CLOSED_PERIOD)
                .get("/api/v1/period-lock-exceptions").then().statusCode(200).body("items.id", hasItem(exception));
        given().header("Authorization", coordinator("440000")).get("/api/v1/period-lock-exceptions/{id}", exception).then().statusCode(404);
        given().header("Authorization", coordinator(LOCK_CITY)).queryParam("aggregateId", exception).get("/api/v1/audit")
                .then().statusCode(200).body("items.size()", equalTo(2)).body("items.outcome", hasItem("CHANGED"));
    }
}
