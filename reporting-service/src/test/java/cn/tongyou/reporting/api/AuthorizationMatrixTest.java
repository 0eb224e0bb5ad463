package cn.tongyou.reporting.api;

import cn.tongyou.common.outbox.ParkedProbes;
import cn.tongyou.common.security.AuthorizationMatrix;
import cn.tongyou.common.security.AuthorizationMatrix.Probe;
import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.reporting.events.ConsumerMonitor;
import cn.tongyou.reporting.events.Db;
import cn.tongyou.reporting.events.Events;
import cn.tongyou.reporting.events.PlantedDeadLetters;
import cn.tongyou.reporting.events.TopicsTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of reporting-service × role × place (CN, in, out, other unit) against the committed table
 * {@code src/test/resources/authorization-matrix.md}; an operation missing from the table fails, and an allowed write
 * must leave an audit record.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
class AuthorizationMatrixTest {

    static final String COUNTY = "410183";
    static final String OUT = "440000";

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource ds;

    @Inject
    ConsumerMonitor monitor;

    @Test
    void everyOperationRoleAndPlace() throws Exception {
        try (Events e = new Events()) {
            e.send("cfc.region.changed.v1", Events.example("cfc.region.changed.v1", n -> {
                n.put("code", COUNTY + "000000");
                n.put("name", "矩阵县");
                n.put("level", "county");
                n.put("parentCode", "410100000000");
            }));
        }
        Db.await(ds, "1"::equals, "select count(*) from region_projection where id = ? and not deleted", COUNTY + "000000");
        String coordinator = "Bearer " + DevTokens.mint("matrix-setup", Set.of("coordinator"), COUNTY);
        String a = snapshot(coordinator);
        String b = snapshot(coordinator);
        String snapshotBody = "{\"region\":\"" + COUNTY + "\",\"period\":\"2025\",\"asOf\":\"2026-02-01\"}";

        Map<String, Supplier<Probe>> probes = new LinkedHashMap<>();
        probes.put("GET /api/v1/compliance", () -> Probe.get("/api/v1/compliance?region=" + COUNTY + "&period=2025&format=csv"));
        probes.put("GET /api/v1/compliance/uncovered", () -> Probe.get("/api/v1/compliance/uncovered?region=" + COUNTY + "&period=2025"));
        probes.put("GET /api/v1/compliance/warnings", () -> Probe.get("/api/v1/compliance/warnings?region=" + COUNTY + "&period=2025"));
        probes.put("GET /api/v1/completeness", () -> Probe.get("/api/v1/completeness?region=" + COUNTY + "&period=2025&format=csv"));
        probes.put("GET /api/v1/snapshots", () -> Probe.get("/api/v1/snapshots?region=" + COUNTY));
        probes.put("POST /api/v1/snapshots", () -> Probe.json("POST", "/api/v1/snapshots", snapshotBody));
        probes.put("GET /api/v1/snapshots/{id}", () -> Probe.get("/api/v1/snapshots/" + a + "?format=xlsx"));
        probes.put("GET /api/v1/snapshots/{id}/uncovered", () -> Probe.get("/api/v1/snapshots/" + a + "/uncovered"));
        probes.put("GET /api/v1/snapshots/{id}/warnings", () -> Probe.get("/api/v1/snapshots/" + a + "/warnings"));
        probes.put("GET /api/v1/snapshots/{id}/units", () -> Probe.get("/api/v1/snapshots/" + a + "/units"));
        probes.put("GET /api/v1/snapshots/{a}/diff/{b}", () -> Probe.get("/api/v1/snapshots/" + a + "/diff/" + b));
        probes.put("GET /api/v1/projections/status", () -> Probe.get("/api/v1/projections/status"));
        probes.put("GET /api/v1/audit", () -> Probe.get("/api/v1/audit?region=" + COUNTY));
        probes.put("GET /api/v1/audit/verification", () -> Probe.get("/api/v1/audit/verification"));
        probes.putAll(ParkedProbes.probes(ds));
        probes.put("GET /api/v1/dead-letters", () -> Probe.get("/api/v1/dead-letters"));
        probes.put("POST /api/v1/dead-letters/{id}/redrive",
                () -> Probe.of("POST", "/api/v1/dead-letters/" + PlantedDeadLetters.plant() + "/redrive"));
        String subscription = "{\"region\":\"" + COUNTY + "\",\"name\":\"矩阵\",\"url\":\"https://oa.example.cn/hook\","
                + "\"format\":\"generic\",\"kinds\":[],\"secret\":\"s3cret\"}";
        probes.put("POST /api/v1/reminders/scans", () -> Probe.of("POST", "/api/v1/reminders/scans"));
        probes.put("GET /api/v1/reminders", () -> Probe.get("/api/v1/reminders?region=" + COUNTY));
        probes.put("POST /api/v1/webhook-subscriptions", () -> Probe.json("POST", "/api/v1/webhook-subscriptions", subscription));
        probes.put("GET /api/v1/webhook-subscriptions", () -> Probe.get("/api/v1/webhook-subscriptions?region=" + COUNTY));
        probes.put("GET /api/v1/webhook-subscriptions/{id}",
                () -> Probe.get("/api/v1/webhook-subscriptions/" + PlantedWebhooks.subscription(ds, COUNTY)));
        probes.put("PUT /api/v1/webhook-subscriptions/{id}", () -> Probe.json("PUT", "/api/v1/webhook-subscriptions/"
                + PlantedWebhooks.subscription(ds, COUNTY), subscription).header("If-Match", "\"1\""));
        probes.put("DELETE /api/v1/webhook-subscriptions/{id}", () -> Probe.of("DELETE", "/api/v1/webhook-subscriptions/"
                + PlantedWebhooks.subscription(ds, COUNTY)).header("If-Match", "\"1\""));
        probes.put("GET /api/v1/webhook-deliveries", () -> Probe.get("/api/v1/webhook-deliveries?status=dead"));
        probes.put("POST /api/v1/webhook-deliveries/{id}/redrive",
                () -> Probe.of("POST", "/api/v1/webhook-deliveries/" + PlantedWebhooks.deadDelivery(ds, COUNTY) + "/redrive"));
        probes.put("POST /api/v1/projections/rebuild", () -> Probe.of("POST", "/api/v1/projections/rebuild"));

        Db.until(() -> monitor.membership().conflict() == null, Duration.ofSeconds(120));
        Map<String, Long> positions = positions();
        String openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        AuthorizationMatrix.Result r = AuthorizationMatrix.table(Path.of("src/test/resources/authorization-matrix.md"))
                .openApi(openApi)
                .baseUrl(base.toString())
                .tokens((role, region, unit) -> "Bearer " + DevTokens.mint("matrix-" + role, Set.of(role), region, unit,
                        Duration.ofMinutes(30)))
                .regions(COUNTY, OUT)
                .units("unit-own", "unit-other")
                .probes(probes)
                .auditCount(() -> Long.parseLong(Db.value(ds, "select count(*) from audit_record where outcome = 'CHANGED'")))
                .run();
        // the allowed rebuild (the last cell) replays the topics: let it catch up before other tests read projections
        Db.until(() -> caughtUp(positions), Duration.ofSeconds(120));
        System.out.println("authorization matrix: " + r.report());
        assertThat(r.unclassified()).as(r.report()).isEmpty();
        assertThat(r.unknown()).as(r.report()).isEmpty();
        assertThat(r.missingProbes()).as(r.report()).isEmpty();
        assertThat(r.failures()).as(r.report()).isEmpty();
        assertThat(r.writesNeverApplied()).as(r.report()).isEmpty();
    }

    private String snapshot(String token) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("region", COUNTY, "period", "2025", "asOf", "2026-02-01"))
                .when().post("/api/v1/snapshots").then().statusCode(201).extract().jsonPath().getString("snapshotId");
    }

    private boolean caughtUp(Map<String, Long> before) {
        return ConsumerPositions.reached(ds, before);
    }

    private Map<String, Long> positions() {
        return ConsumerPositions.of(ds);
    }
}
