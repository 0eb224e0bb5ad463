package cn.tongyou.task.api;

import cn.tongyou.common.outbox.ParkedProbes;
import cn.tongyou.common.security.AuthorizationMatrix;
import cn.tongyou.common.security.AuthorizationMatrix.Probe;
import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of task-service × role × place (nationwide, the record's region, another region, another unit) as
 * src/test/resources/authorization-matrix.md says, one real request per cell; each allowed write must leave an audit
 * record. On 中原区 (410102); the other region is 广东省 (440000).
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class AuthorizationMatrixTest {

    static final String IN = "410102";
    static final String OUT = "440000";
    static final String OWN_UNIT = "区卫健局";
    static final String OTHER_UNIT = "区教育局";

    @Inject
    DataSource dataSource;

    private final AtomicInteger counter = new AtomicInteger();
    private String planId;
    private String taskId;
    private String reportId;
    private String milestoneId;
    private String unitId;
    private String exceptionId;

    private static String setupCoordinator() {
        return "Bearer " + DevTokens.mint("matrix-setup-coordinator", Set.of("coordinator"), IN);
    }

    private static String setupReporter() {
        return "Bearer " + DevTokens.mint("matrix-setup-reporter", Set.of("reporter"), IN, OWN_UNIT, Duration.ofHours(1));
    }

    private static String period() {
        java.time.LocalDate today = TestSupport.today();
        return today.getYear() + (today.getMonthValue() <= 6 ? "H1" : "H2");
    }

    private int next() {
        return counter.incrementAndGet();
    }

    private String newPlanJson(String source) {
        TestSupport.PlanDoc doc = new TestSupport.PlanDoc(source, "中原区儿童友好城区建设方案（" + source + "）", IN, "中原区");
        doc.task("1", "公共服务友好", "提升儿童医疗服务", List.of(OWN_UNIT), List.of())
                .milestone(null, "建成儿童友好医院1所", 1);
        doc.task("2", "公共服务友好", "建设儿童友好学校", List.of(OTHER_UNIT), List.of())
                .milestone(null, "建成儿童友好学校5所", 5);
        return doc.json();
    }

    private String newTask() {
        int n = next();
        return given().header("Authorization", setupCoordinator()).contentType("application/json")
                .body(Map.of("number", "M" + n, "domain", "公共服务友好", "title", "矩阵任务" + n, "leadUnits", List.of(OWN_UNIT)))
                .post("/api/v1/plans/{id}/tasks", planId).then().statusCode(201).extract().path("id");
    }

    private String newReport() {
        String task = newTask();
        return given().header("Authorization", setupReporter()).contentType("application/json")
                .body(Map.of("period", period(), "text", "本期完成调研", "percentComplete", 10))
                .post("/api/v1/tasks/{id}/reports", task).then().statusCode(201).extract().path("id");
    }

    private String newMilestone() {
        return given().header("Authorization", setupCoordinator()).contentType("application/json")
                .body(Map.of("statement", "矩阵节点" + next(), "comparator", "qualitative"))
                .post("/api/v1/tasks/{id}/milestones", taskId).then().statusCode(201).extract().path("id");
    }

    /** An exception for a township of the probed county: the county's coordinator is a higher level there. */
    private static String exceptionJson() {
        return "{\"region\":\"" + IN + "001\",\"period\":\"2025H2\",\"dataSet\":\"progress-reports\",\"validUntil\":\""
                + Instant.now().plus(Duration.ofDays(3)) + "\",\"reason\":\"乡镇补报\"}";
    }

    private String newException() {
        return given().header("Authorization", setupCoordinator()).contentType("application/json").body(exceptionJson())
                .post("/api/v1/period-lock-exceptions").then().statusCode(201).extract().path("id");
    }

    private String version(String path, Object id) {
        return given().header("Authorization", setupCoordinator()).get(path, id).then().statusCode(200).extract().header("ETag");
    }

    private long changedAuditRecords() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from audit_record where outcome = 'CHANGED'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void setUp() {
        planId = given().header("Authorization", setupCoordinator()).contentType("application/json")
                .body(newPlanJson("matrix-base.txt")).queryParam("status", "in-force")
                .post("/api/v1/plans").then().statusCode(201).extract().path("id");
        Response plan = given().header("Authorization", setupCoordinator()).queryParam("plan", planId).get("/api/v1/tasks");
        taskId = plan.then().statusCode(200).extract().path("items[0].id");
        reportId = newReport();
        milestoneId = newMilestone();
        exceptionId = newException();
        unitId = given().header("Authorization", setupCoordinator()).get("/api/v1/tasks/{id}", taskId)
                .then().statusCode(200).extract().path("leadUnits[0].id");
    }

    private Map<String, Supplier<Probe>> probes() {
        Map<String, Supplier<Probe>> p = new LinkedHashMap<>();
        p.put("POST /api/v1/plans", () -> Probe.json("POST", "/api/v1/plans", newPlanJson("matrix-create-" + next() + ".txt")));
        p.put("POST /api/v1/plans/import", () -> Probe.json("POST", "/api/v1/plans/import", newPlanJson("matrix-import-" + next() + ".txt")));
        p.put("GET /api/v1/plans", () -> Probe.get("/api/v1/plans?region=" + IN));
        p.put("GET /api/v1/plans/{id}", () -> Probe.get("/api/v1/plans/" + planId));
        p.put("PUT /api/v1/plans/{id}", () -> Probe.json("PUT", "/api/v1/plans/" + planId,
                "{\"title\":\"中原区儿童友好城区建设方案（修订" + next() + "）\",\"kind\":\"construction-plan\",\"status\":\"in-force\","
                        + "\"horizonYears\":[2025],\"domains\":[\"公共服务友好\"]}")
                .header("If-Match", version("/api/v1/plans/{id}", planId)));
        p.put("POST /api/v1/plans/{id}/tasks", () -> Probe.json("POST", "/api/v1/plans/" + planId + "/tasks",
                "{\"number\":\"P" + next() + "\",\"domain\":\"公共服务友好\",\"title\":\"新增任务\",\"leadUnits\":[\"" + OWN_UNIT + "\"]}"));
        p.put("GET /api/v1/tasks", () -> Probe.get("/api/v1/tasks?region=" + IN));
        p.put("GET /api/v1/tasks/{id}", () -> Probe.get("/api/v1/tasks/" + taskId));
        p.put("PUT /api/v1/tasks/{id}", () -> Probe.json("PUT", "/api/v1/tasks/" + taskId,
                "{\"number\":\"1\",\"domain\":\"公共服务友好\",\"title\":\"提升儿童医疗服务" + next() + "\",\"leadUnits\":[\"" + OWN_UNIT + "\"]}")
                .header("If-Match", version("/api/v1/tasks/{id}", taskId)));
        p.put("POST /api/v1/tasks/{id}/milestones", () -> Probe.json("POST", "/api/v1/tasks/" + taskId + "/milestones",
                "{\"statement\":\"新增节点" + next() + "\",\"comparator\":\"qualitative\"}"));
        p.put("POST /api/v1/tasks/{id}/reports", () -> Probe.json("POST", "/api/v1/tasks/" + newTask() + "/reports",
                "{\"period\":\"" + period() + "\",\"unit\":\"" + OWN_UNIT + "\",\"text\":\"本期进展\",\"percentComplete\":20}"));
        p.put("GET /api/v1/milestones", () -> Probe.get("/api/v1/milestones?region=" + IN));
        p.put("GET /api/v1/milestones/{id}", () -> Probe.get("/api/v1/milestones/" + milestoneId));
        p.put("PUT /api/v1/milestones/{id}", () -> {
            String id = newMilestone();
            return Probe.json("PUT", "/api/v1/milestones/" + id, "{\"statement\":\"改写节点" + next() + "\",\"comparator\":\"qualitative\"}")
                    .header("If-Match", "\"1\"");
        });
        p.put("POST /api/v1/milestones/{id}/complete", () -> Probe.json("POST", "/api/v1/milestones/" + newMilestone() + "/complete",
                "{\"doneOn\":\"" + TestSupport.today() + "\",\"evidence\":\"验收文件\"}").header("If-Match", "\"1\""));
        p.put("POST /api/v1/milestones/{id}/cancel", () -> Probe.json("POST", "/api/v1/milestones/" + newMilestone() + "/cancel",
                "{\"reason\":\"项目调整\"}").header("If-Match", "\"1\""));
        p.put("POST /api/v1/milestones/{id}/reopen", () -> {
            String id = newMilestone();
            given().header("Authorization", setupCoordinator()).header("If-Match", "\"1\"").contentType("application/json")
                    .body(Map.of("reason", "项目调整")).post("/api/v1/milestones/{id}/cancel", id).then().statusCode(200);
            return Probe.json("POST", "/api/v1/milestones/" + id + "/reopen", "{\"reason\":\"恢复实施\"}").header("If-Match", "\"2\"");
        });
        p.put("GET /api/v1/reports", () -> Probe.get("/api/v1/reports?region=" + IN));
        p.put("GET /api/v1/reports/review-summary", () -> Probe.get("/api/v1/reports/review-summary?region=" + IN));
        p.put("GET /api/v1/reports/{id}", () -> Probe.get("/api/v1/reports/" + reportId));
        p.put("GET /api/v1/reports/{id}/revisions", () -> Probe.get("/api/v1/reports/" + reportId + "/revisions"));
        p.put("PUT /api/v1/reports/{id}", () -> Probe.json("PUT", "/api/v1/reports/" + newReport(),
                "{\"text\":\"更正后的进展" + next() + "\",\"percentComplete\":15}").header("If-Match", "\"1\""));
        p.put("POST /api/v1/reports/{id}/accept", () -> Probe.json("POST", "/api/v1/reports/" + newReport() + "/accept", "{}")
                .header("If-Match", "\"1\""));
        p.put("POST /api/v1/reports/{id}/return", () -> Probe.json("POST", "/api/v1/reports/" + newReport() + "/return",
                "{\"comment\":\"请补充材料\"}").header("If-Match", "\"1\""));
        p.put("GET /api/v1/units", () -> Probe.get("/api/v1/units?region=" + IN));
        p.put("GET /api/v1/units/{id}", () -> Probe.get("/api/v1/units/" + unitId));
        p.put("PUT /api/v1/units/{id}", () -> {
            // a unit of its own per cell, so that renaming it never touches the units the other probes use
            int n = next();
            String unit = given().header("Authorization", setupCoordinator()).contentType("application/json")
                    .body(Map.of("number", "U" + n, "domain", "公共服务友好", "title", "矩阵任务" + n, "leadUnits", List.of("区矩阵" + n + "号办")))
                    .post("/api/v1/plans/{id}/tasks", planId).then().statusCode(201).extract().path("leadUnits[0].id");
            return Probe.json("PUT", "/api/v1/units/" + unit, "{\"name\":\"区矩阵" + n + "号中心\",\"kind\":\"department\"}")
                    .header("If-Match", version("/api/v1/units/{id}", unit));
        });
        p.put("POST /api/v1/units/{id}/aliases", () -> Probe.json("POST", "/api/v1/units/" + unitId + "/aliases",
                "{\"name\":\"区卫生健康委员会别称" + next() + "\"}").header("If-Match", version("/api/v1/units/{id}", unitId)));
        p.put("POST /api/v1/period-lock-exceptions", () -> Probe.json("POST", "/api/v1/period-lock-exceptions", exceptionJson()));
        p.put("GET /api/v1/period-lock-exceptions", () -> Probe.get("/api/v1/period-lock-exceptions?region=" + IN));
        p.put("GET /api/v1/period-lock-exceptions/{id}", () -> Probe.get("/api/v1/period-lock-exceptions/" + exceptionId));
        p.put("POST /api/v1/period-lock-exceptions/{id}/revoke", () -> Probe.json("POST",
                "/api/v1/period-lock-exceptions/" + newException() + "/revoke", "{\"reason\":\"补报完成\"}"));
        p.put("GET /api/v1/reporting-periods/{period}", () -> Probe.get("/api/v1/reporting-periods/current"));
        p.put("GET /api/v1/audit", () -> Probe.get("/api/v1/audit?region=" + IN));
        p.put("GET /api/v1/audit/verification", () -> Probe.get("/api/v1/audit/verification"));
        p.putAll(ParkedProbes.probes(dataSource));
        return p;
    }

    @Test
    void everyOperationAnswersAsTheTableSays() {
        setUp();
        String openApi = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        AuthorizationMatrix.Result result = AuthorizationMatrix.table(Path.of("src/test/resources/authorization-matrix.md"))
                .openApi(openApi)
                .baseUrl("http://localhost:" + RestAssured.port)
                .tokens((role, region, unit) -> "Bearer " + DevTokens.mint("matrix-" + role + "-" + region + (unit == null ? "" : "-" + unit),
                        Set.of(role), region, unit, Duration.ofHours(1)))
                .regions(IN, OUT)
                .units(OWN_UNIT, OTHER_UNIT)
                .probes(probes())
                .auditCount(this::changedAuditRecords)
                .run();
        assertThat(result.failures()).as(result.report()).isEmpty();
        assertThat(result.writesNeverApplied()).as(result.report()).isEmpty();
        assertThat(result.unclassified()).as(result.report()).isEmpty();
        assertThat(result.unknown()).as(result.report()).isEmpty();
        assertThat(result.missingProbes()).as(result.report()).isEmpty();
        assertThat(result.cells()).isEqualTo(37 * 16);
    }
}
