package cn.tongyou.facility.api;

import cn.tongyou.common.outbox.ParkedProbes;
import cn.tongyou.common.security.AuthorizationMatrix;
import cn.tongyou.common.security.AuthorizationMatrix.Probe;
import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization matrix of facility-service (issue 12): every operation of the OpenAPI document × role × place,
 * as committed in {@code src/test/resources/authorization-matrix.md}, one real request per cell. The probed records
 * lie in 新密市's test township 410183198 ("in" = a token of 410183, "out" = one of 440000); every write cell creates
 * its own record first, so that each authorised write really changes something and must leave an audit record.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class AuthorizationMatrixTest {

    static final String IN = "410183";
    static final String OUT = "440000";
    static final String TOWNSHIP = "410183198";
    static final AtomicInteger SEQUENCE = new AtomicInteger(100);

    @Inject
    AgroalDataSource dataSource;

    static String admin() {
        return "Bearer " + DevTokens.mint("matrix-setup", Set.of("admin"), DevTokens.NATIONWIDE);
    }

    /** A fresh village under the matrix township, for imports and retirements. */
    static String freshVillage() {
        return TOWNSHIP + String.format("%03d", SEQUENCE.incrementAndGet());
    }

    static String park(String name) {
        // no position: the near-search test of FacilityResourceTest counts the parks around 荥阳市
        return "{\"type\":\"child-friendly-park\",\"name\":\"" + name + "\",\"regionCode\":\"" + TOWNSHIP
                + "\",\"status\":\"open\"}";
    }

    /** A park registered by the setup admin; its id. */
    static String freshPark() {
        return given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(park("矩阵测试公园 " + SEQUENCE.incrementAndGet())).post("/api/v1/facilities")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void everyOperationRoleAndPlaceAnswersAsTheTableSays() {
        FacilityTestSupport.regions();
        given().header("Authorization", admin()).contentType(FacilityTestSupport.CSV).queryParam("generated", true)
                .body("code,name,parentCode\n" + TOWNSHIP + ",新密矩阵测试镇,410183\n").post("/api/v1/regions/import")
                .then().statusCode(200);
        String readable = freshPark();

        Map<String, Supplier<Probe>> probes = new LinkedHashMap<>();
        probes.put("GET /api/v1/regions", () -> Probe.get("/api/v1/regions?within=" + IN));
        probes.put("GET /api/v1/regions/{code}", () -> Probe.get("/api/v1/regions/" + TOWNSHIP));
        probes.put("GET /api/v1/regions/{code}/children", () -> Probe.get("/api/v1/regions/" + IN + "/children"));
        probes.put("POST /api/v1/regions/import", () -> Probe.csv("POST", "/api/v1/regions/import?generated=true",
                "code,name,parentCode\n" + freshVillage() + ",矩阵导入村," + TOWNSHIP + "\n"));
        probes.put("POST /api/v1/regions/{code}/retire", () -> {
            String village = freshVillage();
            given().header("Authorization", admin()).contentType(FacilityTestSupport.CSV).queryParam("generated", true)
                    .body("code,name,parentCode\n" + village + ",矩阵撤销村," + TOWNSHIP + "\n").post("/api/v1/regions/import")
                    .then().statusCode(200);
            return Probe.json("POST", "/api/v1/regions/" + village + "/retire",
                    "{\"validTo\":\"2099-12-31\",\"reason\":\"matrix\"}");
        });
        probes.put("GET /api/v1/facility-types", () -> Probe.get("/api/v1/facility-types"));
        probes.put("GET /api/v1/facility-types/{code}", () -> Probe.get("/api/v1/facility-types/child-friendly-park"));
        probes.put("GET /api/v1/facilities", () -> Probe.get("/api/v1/facilities?region=" + TOWNSHIP));
        probes.put("POST /api/v1/facilities", () -> Probe.json("POST", "/api/v1/facilities",
                park("矩阵登记公园 " + SEQUENCE.incrementAndGet())));
        probes.put("GET /api/v1/facilities/{id}", () -> Probe.get("/api/v1/facilities/" + readable));
        probes.put("PUT /api/v1/facilities/{id}", () -> Probe.json("PUT", "/api/v1/facilities/" + freshPark(),
                park("矩阵改名公园 " + SEQUENCE.incrementAndGet())).header("If-Match", "\"1\""));
        probes.put("DELETE /api/v1/facilities/{id}", () -> Probe.of("DELETE", "/api/v1/facilities/" + freshPark()
                + "?reason=matrix").header("If-Match", "\"1\""));
        probes.put("POST /api/v1/facilities/import", () -> {
            int n = SEQUENCE.incrementAndGet();
            return Probe.json("POST", "/api/v1/facilities/import", "[" + park("矩阵导入公园 " + n)
                    .replace("{\"type\"", "{\"externalId\":\"MATRIX-" + n + "\",\"type\"") + "]");
        });
        probes.put("GET /api/v1/coverage", () -> Probe.get("/api/v1/coverage?region=" + IN + "&type=children-home"));
        probes.put("GET /api/v1/audit", () -> Probe.get("/api/v1/audit?region=" + IN));
        probes.put("GET /api/v1/audit/verification", () -> Probe.get("/api/v1/audit/verification"));
        probes.putAll(ParkedProbes.probes(dataSource));

        String openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        AuthorizationMatrix.Result result = run(openApi, probes);
        System.out.println("facility-service authorization matrix: " + result.report());
        assertThat(result.ok()).as(result.report()).isTrue();
        assertThat(result.failures()).as(result.report()).isEmpty();
        assertThat(result.writesNeverApplied()).as(result.report()).isEmpty();
    }

    AuthorizationMatrix.Result run(String openApi, Map<String, Supplier<Probe>> probes) {
        return AuthorizationMatrix.table(Path.of("src/test/resources/authorization-matrix.md"))
                .openApi(openApi)
                .baseUrl("http://localhost:" + RestAssured.port)
                .tokens((role, region, unit) -> "Bearer " + DevTokens.mint("matrix-" + role, Set.of(role), region, unit,
                        Duration.ofHours(1)))
                .regions(IN, OUT)
                .units("县民政局", "县卫健委")
                .probes(probes)
                .auditCount(this::changes)
                .run();
    }

    long changes() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from audit_record where outcome = 'CHANGED'")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
