package cn.tongyou.task.api;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static cn.tongyou.task.api.TestSupport.bearer;
import static cn.tongyou.task.api.TestSupport.coordinator;
import static cn.tongyou.task.api.TestSupport.reporter;
import static cn.tongyou.task.api.TestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Bad input and unauthorised callers get a clean 4xx problem and write nothing. Region 中牟县 (410122). */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ValidationAndSecurityTest {

    static final String REGION = "410122";

    @Inject
    AgroalDataSource dataSource;

    private static String plan() {
        TestSupport.PlanDoc doc = new TestSupport.PlanDoc("zhongmu-plan.txt", "中牟县儿童友好县城建设方案", REGION, "中牟县");
        doc.task("1", "社会政策友好", "健全机制", List.of("县妇儿工委办公室"), List.of()).milestone(null, "建立机制", 1);
        return doc.json();
    }

    @Test
    void withoutAValidTokenTheAnswerIs401() {
        given().get("/api/v1/tasks").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("status", equalTo(401));
        given().header("Authorization", "Bearer " + DevTokens.mintExpired("old", Set.of("viewer"), REGION))
                .get("/api/v1/units").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not.a.jwt").contentType("application/json").body(plan())
                .post("/api/v1/plans/import").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void rolesAndRegionsLimitWrites() throws Exception {
        given().header("Authorization", viewer()).contentType("application/json").body(plan()).post("/api/v1/plans/import")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", reporter(REGION, "县妇儿工委办公室")).contentType("application/json").body(plan())
                .post("/api/v1/plans").then().statusCode(403);
        given().header("Authorization", bearer("integration", REGION)).contentType("application/json").body(plan())
                .post("/api/v1/plans").then().statusCode(403);
        // a coordinator of 新密市 cannot write 中牟县's plan, even in a dry run
        given().header("Authorization", coordinator("410183")).contentType("application/json").body(plan())
                .queryParam("dryRun", true).post("/api/v1/plans/import")
                .then().statusCode(403).body("detail", startsWith("your token allows writes in region 410183"));
        // the province's coordinator can
        given().header("Authorization", coordinator("41")).contentType("application/json").body(plan())
                .queryParam("dryRun", true).post("/api/v1/plans/import").then().statusCode(200);
        assertThat(count("select count(*) from plan where region_code = '410122000000'")).isZero();
    }

    @Test
    void malformedBodiesAreProblemsNamingTheField() throws Exception {
        String token = coordinator(REGION);
        given().header("Authorization", token).contentType("application/json").body("{\"document\": ")
                .post("/api/v1/plans/import").then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("malformed JSON"));
        given().header("Authorization", token).contentType("application/json").body(plan().replace("\"document_kind\"", "\"documentKind\""))
                .post("/api/v1/plans/import").then().statusCode(400).body("violations[0].field", equalTo("documentKind"));
        given().header("Authorization", token).contentType("application/json")
                .body(plan().replace("\"horizon_years\":[2025,2035]", "\"horizon_years\":\"2025\""))
                .post("/api/v1/plans/import").then().statusCode(400).body("violations[0].field", equalTo("horizon_years"));
        given().header("Authorization", token).contentType("application/json")
                .body(plan().replace("\"by\":null", "\"by\":\"2025-13-40\""))
                .post("/api/v1/plans/import").then().statusCode(400).body("violations[0].field", equalTo("tasks[0].milestones[0].by"));
        given().header("Authorization", token).contentType("application/json").body("")
                .post("/api/v1/plans/import").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", token).contentType("application/json").body("[]")
                .post("/api/v1/plans/import").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", token).contentType("text/plain").body(plan())
                .post("/api/v1/plans/import").then().statusCode(415).contentType("application/problem+json");
        given().header("Authorization", token).contentType("application/json").queryParam("status", "active").body(plan())
                .post("/api/v1/plans/import").then().statusCode(400).body("violations[0].field", equalTo("status"));
        given().header("Authorization", token).contentType("application/json").queryParam("region", "4101x").body(plan())
                .post("/api/v1/plans/import").then().statusCode(422).body("violations.field", hasItem("region"));
        assertThat(count("select count(*) from plan where region_code = '410122000000'")).isZero();
        assertThat(count("select count(*) from unit where region_code = '410122000000'")).isZero();
    }

    @Test
    void badParametersAndUnknownIdsAreProblems() {
        given().header("Authorization", viewer()).get("/api/v1/tasks/not-a-uuid").then().statusCode(400)
                .body("violations[0].field", equalTo("id"));
        given().header("Authorization", viewer()).get("/api/v1/tasks/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", viewer()).get("/api/v1/milestones/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", viewer()).get("/api/v1/reports/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", viewer()).get("/api/v1/units/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", viewer()).get("/api/v1/plans/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", viewer()).queryParam("status", "late").queryParam("region", "41018")
                .queryParam("due-before", "2025-13-01").queryParam("period", "2025Q1").get("/api/v1/tasks")
                .then().statusCode(400)
                .body("violations.field", hasItem("status")).body("violations.field", hasItem("region"))
                .body("violations.field", hasItem("due-before")).body("violations.field", hasItem("period"));
        given().header("Authorization", viewer()).queryParam("size", 501).get("/api/v1/tasks").then().statusCode(400)
                .body("violations[0].field", equalTo("size"));
        given().header("Authorization", viewer()).queryParam("sort", "random").queryParam("kind", "agency").get("/api/v1/units")
                .then().statusCode(400).body("violations.field", hasItem("sort")).body("violations.field", hasItem("kind"));
        given().header("Authorization", viewer()).queryParam("state", "late").get("/api/v1/milestones").then().statusCode(400);
        given().header("Authorization", viewer()).get("/api/v1/reporting-periods/2025H3").then().statusCode(400);
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json")
                .body("{\"reason\": [\"a\"]}").post("/api/v1/milestones/" + UUID.randomUUID() + "/cancel").then().statusCode(400);
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
