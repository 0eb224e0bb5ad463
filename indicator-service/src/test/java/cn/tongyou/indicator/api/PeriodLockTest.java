package cn.tongyou.indicator.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The period lock on values, on a business date after 2026H2 closed: 2026H2 ends 2026-12-31, its deadline is 15 days
 * later (2027-01-15), entry stays open 30 days more, so from 2027-02-15 a write is refused, unless a coordinator of a
 * higher level granted an exception for the region (and data set).
 */
@QuarkusTest
@TestProfile(PeriodLockTest.AfterTheLock.class)
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class PeriodLockTest {

    /** The business date 2027-03-01, with the default 30 days (the test profile of the other tests keeps periods open). */
    public static class AfterTheLock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cfc.schedule.today", "2027-03-01", "cfc.discipline.lock-after-days", "30");
        }
    }

    static final String DENGFENG = "410185";
    static final String OTHER_DOMAIN = "测试领域二";
    static final String OTHER_COUNT = "t-count-2";
    static final String REPORTER = ApprovalResourceTest.token("df-reporter", "reporter", DENGFENG, "市卫健委");

    @BeforeEach
    void indicators() {
        TestIndicators.ensure();
        TestSupport.ensureDomain(OTHER_DOMAIN);
        TestSupport.ensureIndicator(OTHER_COUNT, Map.of("name", "测试人数二", "domain", OTHER_DOMAIN, "unit", "人", "valueType", "count",
                "direction", "increase", "obtained", "reported"));
    }

    static Response create(String indicator, String region, String period) {
        Map<String, Object> body = new HashMap<>(Map.of("indicator", indicator, "region", region, "period", period, "value", 5));
        return given().header("Authorization", REPORTER).contentType("application/json").body(body).post("/api/v1/observations");
    }

    static Response grant(String token, String region, String dataSet, long days) {
        Map<String, Object> body = new HashMap<>(Map.of("region", region, "period", "2026H2",
                "validUntil", Instant.now().plus(days, ChronoUnit.DAYS).toString(), "reason", "县里补报迟交的数据"));
        if (dataSet != null) {
            body.put("dataSet", dataSet);
        }
        return given().header("Authorization", token).contentType("application/json").body(body).post("/api/v1/period-lock-exceptions");
    }

    @Test
    void aClosedPeriodRefusesWritesUntilAHigherLevelGrantsAnException() {
        create(TestIndicators.COUNT, "410185101001", "2026H2").then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("period-locked")).body("detail", containsString("2026H2"));
        create(TestIndicators.COUNT, "410185101001", "2027H1").then().statusCode(201);
        given().header("Authorization", REPORTER).contentType("text/csv")
                .body("indicator,region,period,value\n" + TestIndicators.COUNT + ",410185101002,2026H2,4\n")
                .post("/api/v1/observations/batch").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].message", containsString("2026H2"));

        // the county itself may not open its own period; bad input is a problem
        grant(ApprovalResourceTest.token("df-coordinator", "coordinator", DENGFENG, null), DENGFENG, null, 1).then().statusCode(403)
                .contentType("application/problem+json");
        grant(ApprovalResourceTest.CITY, DENGFENG, null, 31).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("validUntil"));

        // the city grants one for the test data set: that data set passes, another does not
        String id = grant(ApprovalResourceTest.CITY, DENGFENG, TestIndicators.DOMAIN, 1).then().statusCode(201)
                .body("state", equalTo("live")).extract().path("id");
        create(TestIndicators.COUNT, "410185101003", "2026H2").then().statusCode(201)
                .body("history[0].reason", containsString(id));
        create(OTHER_COUNT, "410185101003", "2026H2").then().statusCode(409).body("type", containsString("period-locked"));
        given().header("Authorization", ApprovalResourceTest.CITY).queryParam("region", DENGFENG).get("/api/v1/period-lock-exceptions")
                .then().statusCode(200).body("items.id", hasItem(id));

        // revoked, it lets nothing through any more
        given().header("Authorization", ApprovalResourceTest.CITY).contentType("application/json").body(Map.of("reason", "已补报完毕"))
                .post("/api/v1/period-lock-exceptions/" + id + "/revoke").then().statusCode(200).body("state", equalTo("revoked"));
        create(TestIndicators.COUNT, "410185101004", "2026H2").then().statusCode(409);

        // the province's exception for the whole city, every data set, covers the county
        grant(ApprovalResourceTest.PROVINCE, "410100", null, 2).then().statusCode(201);
        create(OTHER_COUNT, "410185101004", "2026H2").then().statusCode(201);
    }
}
