package cn.tongyou.indicator.api;

import cn.tongyou.common.outbox.ParkedProbes;
import cn.tongyou.common.security.AuthorizationMatrix;
import cn.tongyou.common.security.AuthorizationMatrix.Probe;
import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of indicator-service × role × place (nationwide, the record's region, another region, and for a
 * reporter its own region with another unit), against the committed table
 * {@code src/test/resources/authorization-matrix.md}. Every probe of a write makes a real change (fresh records), so
 * the harness can check that each authorised write left an audit record.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class AuthorizationMatrixTest {

    static final String IN = "410183";
    static final String OUT = "440000";
    static final String OWN_UNIT = "市卫健委";
    static final String OTHER_UNIT = "市教育局";
    static final ObjectMapper JSON = new ObjectMapper();

    static final AtomicInteger SEQ = new AtomicInteger();

    @Inject
    AgroalDataSource dataSource;

    static String seedReporter() {
        return "Bearer " + DevTokens.mint("matrix-seed-reporter", Set.of("reporter"), IN, OWN_UNIT, Duration.ofHours(1));
    }

    static String seedCoordinator() {
        return "Bearer " + DevTokens.mint("matrix-seed-coordinator", Set.of("coordinator"), IN, null, Duration.ofHours(1));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A village of the probe region nobody reported for yet, so a new value is always new. */
    static String freshVillage() {
        int n = SEQ.incrementAndGet();
        return IN + String.format("%03d%03d", 100 + n / 1000, n % 1000);
    }

    /** A value of the seed reporter's unit in the probe region: draft, submitted or approved. */
    static String observation(String status) {
        Map<String, Object> body = new HashMap<>(Map.of("indicator", TestIndicators.COUNT, "region", freshVillage(), "period", "2025",
                "value", 3));
        if (!status.equals("draft")) {
            body.put("status", "submitted");
        }
        String id = given().header("Authorization", seedReporter()).contentType("application/json").body(body)
                .post("/api/v1/observations").then().statusCode(201).extract().path("id");
        if (status.equals("approved")) {
            given().header("Authorization", seedCoordinator()).header("If-Match", "\"1\"").post("/api/v1/observations/" + id + "/approve")
                    .then().statusCode(200);
        }
        return id;
    }

    /** A fresh target in a village of the probe region (set by the nationwide admin); qualitative ones for assessments. */
    static String target(boolean qualitative) {
        String path = "/api/v1/targets/" + freshVillage() + "/" + (qualitative ? TestIndicators.TEXT : TestIndicators.COUNT) + "/2030";
        given().header("Authorization", Tokens.admin()).contentType("application/json")
                .body(qualitative ? Map.of("kind", "qualitative", "text", "建立机制") : Map.of("kind", ">=", "value", 5))
                .put(path).then().statusCode(201);
        return path;
    }

    /** A period nobody used yet for the probe county (approvals are per region and period). */
    static String freshPeriod() {
        int n = APPROVAL_PERIODS.getAndIncrement();
        return (2030 + n / 3) + (n % 3 == 0 ? "" : "H" + (n % 3));
    }

    static final AtomicInteger APPROVAL_PERIODS = new AtomicInteger();

    /** An approval of the probe county in a fresh period: open, submitted (by a seed coordinator of the county) or accepted. */
    static String approval(String status) {
        String url = "/api/v1/approvals/" + IN + "/" + freshPeriod();
        if (!status.equals("open")) {
            given().header("Authorization", seedCoordinator()).header("If-Match", "\"0\"").contentType("application/json").body("{}")
                    .post(url + "/submit").then().statusCode(200);
        }
        if (status.equals("accepted")) {
            given().header("Authorization", Tokens.reviewer()).header("If-Match", "\"1\"").contentType("application/json").body("{}")
                    .post(url + "/accept").then().statusCode(200);
        }
        return url;
    }

    /** A live period lock exception for the probe county, granted nationwide. */
    static String lockException() {
        return given().header("Authorization", Tokens.admin()).contentType("application/json")
                .body(Map.of("region", IN, "period", freshPeriod(), "validUntil", java.time.Instant.now().plus(Duration.ofDays(1)).toString(),
                        "reason", "矩阵测试"))
                .post("/api/v1/period-lock-exceptions").then().statusCode(201).extract().path("id");
    }

    static String plan() {
        int n = SEQ.incrementAndGet();
        return json(TrustTest.plan("矩阵测试规划" + n, IN, "矩阵测试指标" + n + "率"));
    }

    static final String MATRIX_RULE = "t-matrix-count-within-number";

    /** Violating values in a fresh village, uploaded in bulk (no check on entry): the village's check will open a finding. */
    static String violatingVillage() {
        String village = freshVillage();
        given().header("Authorization", seedCoordinator()).contentType("text/csv")
                .body("indicator,region,period,value\n" + TestIndicators.COUNT + "," + village + ",2025,9\n"
                        + TestIndicators.NUMBER + "," + village + ",2025,1\n")
                .post("/api/v1/observations/batch").then().statusCode(200);
        return village;
    }

    /** An open finding in a fresh village of the probe region, of values the seed coordinator entered. */
    static String finding() {
        String village = violatingVillage();
        return given().header("Authorization", seedCoordinator()).contentType("application/json")
                .body(Map.of("region", village, "period", "2025")).post("/api/v1/quality-checks")
                .then().statusCode(200).extract().path("violations[0].id");
    }

    static String rule() {
        String code = "t-matrix-rule-" + SEQ.incrementAndGet();
        given().header("Authorization", Tokens.admin()).contentType("application/json").body(ruleBody())
                .put("/api/v1/validation-rules/" + code).then().statusCode(201);
        return code;
    }

    static Map<String, Object> ruleBody() {
        return Map.of("name", "矩阵规则", "left", "#{" + TestIndicators.COUNT + "}", "operator", "<=", "right",
                "#{" + TestIndicators.NUMBER + "}", "blocking", false);
    }

    Map<String, Supplier<Probe>> probes() {
        String batchSender = "Bearer " + DevTokens.mint("matrix-batch-sender", Set.of("coordinator"), IN, null, Duration.ofHours(1));
        String batchId = given().header("Authorization", batchSender).contentType("text/csv")
                .body("indicator,region,period,value\n" + TestIndicators.COUNT + "," + freshVillage() + ",2025,1\n")
                .post("/api/v1/observations/batch").then().statusCode(200).extract().path("batchId");
        String existingTarget = target(false);
        String draft = observation("draft");
        Map<String, Supplier<Probe>> p = new LinkedHashMap<>();
        p.put("POST /api/v1/catalog/import", () -> Probe.json("POST", "/api/v1/catalog/import", plan()));
        p.put("GET /api/v1/indicators", () -> Probe.get("/api/v1/indicators"));
        p.put("GET /api/v1/indicators/{code}", () -> Probe.get("/api/v1/indicators/" + TestIndicators.COUNT));
        p.put("PUT /api/v1/indicators/{code}", () -> Probe.json("PUT", "/api/v1/indicators/t-matrix-" + SEQ.incrementAndGet(),
                json(Map.of("name", "矩阵指标" + SEQ.incrementAndGet(), "domain", TestIndicators.DOMAIN, "valueType", "count",
                        "obtained", "reported"))));
        p.put("GET /api/v1/domains", () -> Probe.get("/api/v1/domains"));
        p.put("PUT /api/v1/domains/{name}", () -> Probe.json("PUT", "/api/v1/domains/matrix-" + SEQ.incrementAndGet(),
                json(Map.of("framework", "other"))));
        p.put("GET /api/v1/targets", () -> Probe.get("/api/v1/targets?region=" + IN));
        p.put("GET /api/v1/targets/{region}/{indicator}/{year}", () -> Probe.get(existingTarget));
        p.put("PUT /api/v1/targets/{region}/{indicator}/{year}", () -> Probe.json("PUT",
                "/api/v1/targets/" + freshVillage() + "/" + TestIndicators.COUNT + "/2030", json(Map.of("kind", ">=", "value", 8))));
        p.put("DELETE /api/v1/targets/{region}/{indicator}/{year}", () -> Probe.of("DELETE", target(false) + "?reason=matrix")
                .header("If-Match", "\"1\""));
        p.put("POST /api/v1/targets/{region}/{indicator}/{year}/assessment", () -> Probe.json("POST", target(true) + "/assessment",
                json(Map.of("verdict", "ON_TRACK", "reason", "按计划推进"))).header("If-Match", "\"1\""));
        p.put("POST /api/v1/observations", () -> Probe.json("POST", "/api/v1/observations",
                json(Map.of("indicator", TestIndicators.COUNT, "region", freshVillage(), "period", "2025", "value", 1))));
        p.put("GET /api/v1/observations", () -> Probe.get("/api/v1/observations?region=" + IN));
        p.put("GET /api/v1/observations/export", () -> Probe.get("/api/v1/observations/export?region=" + IN));
        p.put("GET /api/v1/observations/{id}", () -> Probe.get("/api/v1/observations/" + draft));
        p.put("POST /api/v1/observations/{id}/corrections", () -> Probe.json("POST", "/api/v1/observations/" + observation("draft")
                + "/corrections", json(Map.of("value", 4, "reason", "复核"))).header("If-Match", "\"1\""));
        p.put("POST /api/v1/observations/{id}/submit", () -> Probe.of("POST", "/api/v1/observations/" + observation("draft") + "/submit")
                .header("If-Match", "\"1\""));
        p.put("POST /api/v1/observations/{id}/approve", () -> Probe.of("POST", "/api/v1/observations/" + observation("submitted")
                + "/approve").header("If-Match", "\"1\""));
        p.put("POST /api/v1/observations/{id}/return", () -> Probe.json("POST", "/api/v1/observations/" + observation("submitted")
                + "/return", json(Map.of("reason", "请补充来源"))).header("If-Match", "\"1\""));
        p.put("POST /api/v1/observations/{id}/reopen", () -> Probe.json("POST", "/api/v1/observations/" + observation("approved")
                + "/reopen", json(Map.of("reason", "复核"))).header("If-Match", "\"2\""));
        p.put("POST /api/v1/observations/approvals", () -> {
            observation("submitted");
            return Probe.json("POST", "/api/v1/observations/approvals", json(Map.of("region", IN)));
        });
        p.put("POST /api/v1/observations/batch", () -> Probe.csv("POST", "/api/v1/observations/batch",
                "indicator,region,period,value\n" + TestIndicators.COUNT + "," + freshVillage() + ",2025,1\n"));
        p.put("GET /api/v1/observations/batches/{id}", () -> Probe.get("/api/v1/observations/batches/" + batchId));
        p.put("GET /api/v1/evaluations", () -> Probe.get("/api/v1/evaluations?region=" + IN + "&year=2030&basis=latest"));
        p.put("GET /api/v1/rollups", () -> Probe.get("/api/v1/rollups?region=" + IN + "&indicator=" + TestIndicators.COUNT
                + "&period=2025&basis=latest"));
        if (given().header("Authorization", Tokens.admin()).get("/api/v1/validation-rules/" + MATRIX_RULE).statusCode() == 404) {
            given().header("Authorization", Tokens.admin()).contentType("application/json").body(ruleBody())
                    .put("/api/v1/validation-rules/" + MATRIX_RULE).then().statusCode(201);
        }
        String existingFinding = finding();
        p.put("GET /api/v1/validation-rules", () -> Probe.get("/api/v1/validation-rules"));
        p.put("GET /api/v1/validation-rules/{code}", () -> Probe.get("/api/v1/validation-rules/" + MATRIX_RULE));
        p.put("PUT /api/v1/validation-rules/{code}", () -> Probe.json("PUT", "/api/v1/validation-rules/t-matrix-rule-" + SEQ.incrementAndGet(),
                json(ruleBody())));
        p.put("DELETE /api/v1/validation-rules/{code}", () -> Probe.of("DELETE", "/api/v1/validation-rules/" + rule()).header("If-Match", "\"1\""));
        p.put("POST /api/v1/quality-checks", () -> Probe.json("POST", "/api/v1/quality-checks",
                json(Map.of("region", violatingVillage(), "period", "2025"))));
        p.put("GET /api/v1/quality-findings", () -> Probe.get("/api/v1/quality-findings?region=" + IN));
        p.put("GET /api/v1/quality-findings/{id}", () -> Probe.get("/api/v1/quality-findings/" + existingFinding));
        p.put("POST /api/v1/quality-findings/{id}/clear", () -> Probe.json("POST", "/api/v1/quality-findings/" + finding() + "/clear",
                json(Map.of("comment", "核实无误"))).header("If-Match", "\"1\""));
        String submittedApproval = approval("submitted");
        String exception = lockException();
        p.put("GET /api/v1/approvals", () -> Probe.get("/api/v1/approvals?region=" + IN));
        p.put("GET /api/v1/approvals/{region}/{period}", () -> Probe.get(submittedApproval));
        p.put("POST /api/v1/approvals/{region}/{period}/submit", () -> Probe.json("POST", approval("open") + "/submit", "{}")
                .header("If-Match", "\"0\""));
        p.put("POST /api/v1/approvals/{region}/{period}/accept", () -> Probe.json("POST", approval("submitted") + "/accept", "{}")
                .header("If-Match", "\"1\""));
        p.put("POST /api/v1/approvals/{region}/{period}/return", () -> Probe.json("POST", approval("submitted") + "/return",
                json(Map.of("comment", "请核实"))).header("If-Match", "\"1\""));
        p.put("POST /api/v1/approvals/{region}/{period}/reopen", () -> Probe.json("POST", approval("accepted") + "/reopen",
                json(Map.of("comment", "复核"))).header("If-Match", "\"2\""));
        p.put("POST /api/v1/period-lock-exceptions", () -> Probe.json("POST", "/api/v1/period-lock-exceptions",
                json(Map.of("region", IN, "period", freshPeriod(), "validUntil", java.time.Instant.now().plus(Duration.ofDays(1)).toString(),
                        "reason", "矩阵测试"))));
        p.put("GET /api/v1/period-lock-exceptions", () -> Probe.get("/api/v1/period-lock-exceptions?region=" + IN));
        p.put("GET /api/v1/period-lock-exceptions/{id}", () -> Probe.get("/api/v1/period-lock-exceptions/" + exception));
        p.put("POST /api/v1/period-lock-exceptions/{id}/revoke", () -> Probe.json("POST", "/api/v1/period-lock-exceptions/"
                + lockException() + "/revoke", json(Map.of("reason", "矩阵测试结束"))));
        p.put("GET /api/v1/audit", () -> Probe.get("/api/v1/audit?region=" + IN));
        p.put("GET /api/v1/audit/verification", () -> Probe.get("/api/v1/audit/verification"));
        p.putAll(ParkedProbes.probes(dataSource));
        return p;
    }

    @Test
    void everyOperationAnswersEveryRoleAtEveryPlaceAsTheTableSays() {
        TestIndicators.ensure();
        String openApi = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        AuthorizationMatrix.Result r = AuthorizationMatrix.table(Path.of("src/test/resources/authorization-matrix.md"))
                .openApi(openApi)
                .baseUrl("http://localhost:" + RestAssured.port)
                .tokens((role, region, unit) -> "Bearer " + DevTokens.mint("matrix-" + role, Set.of(role), region, unit, Duration.ofHours(1)))
                .regions(IN, OUT)
                .units(OWN_UNIT, OTHER_UNIT)
                .probes(probes())
                .auditCount(() -> TestSupport.count(dataSource, "select count(*) from audit_record where outcome = 'CHANGED'"))
                .run();
        System.out.println("authorization matrix: " + r.report().lines().findFirst().orElse(""));
        assertThat(r.failures()).as(r.report()).isEmpty();
        assertThat(r.writesNeverApplied()).as(r.report()).isEmpty();
        assertThat(r.unclassified()).as(r.report()).isEmpty();
        assertThat(r.unknown()).as(r.report()).isEmpty();
        assertThat(r.missingProbes()).as(r.report()).isEmpty();
    }
}
