package cn.tongyou.indicator.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** One value at a time: bad input refused cleanly, then the whole workflow with its history. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ObservationResourceTest {

    static final String REGION = "130104";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void indicators() {
        TestIndicators.ensure();
    }

    static Map<String, Object> body(String indicator, String period, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put("indicator", indicator);
        m.put("region", REGION);
        m.put("period", period);
        if (value != null) {
            m.put("value", value);
        }
        return m;
    }

    static Response post(String token, Object body) {
        return given().header("Authorization", token).contentType("application/json").body(body).post("/api/v1/observations");
    }

    @Test
    void badInputIsA4xxProblemAndNothingIsWritten() {
        long observations = TestSupport.count(dataSource, "select count(*) from observation");
        long events = TestSupport.count(dataSource, "select count(*) from outbox_event");
        String reporter = Tokens.reporter(REGION);
        Map<String, Object> over = body(TestIndicators.RATE, "2025", null);
        over.put("numerator", 11);
        over.put("denominator", 10);
        Map<String, Object> badRegion = body(TestIndicators.PERCENT, "2025", 50);
        badRegion.put("region", "13010X");
        record Case(Object body, String field, String words) {
        }
        for (Case c : new Case[]{
                new Case(body(TestIndicators.PERCENT, "2025", 101), "value", "between 0 and 100"),
                new Case(body(TestIndicators.PER_MILLE, "2025", 1001), "value", "between 0 and 1000"),
                new Case(body(TestIndicators.COUNT, "2025", -3), "value", "negative"),
                new Case(body(TestIndicators.COUNT, "2025", 2.5), "value", "whole number"),
                new Case(body(TestIndicators.BOOL, "2025", "maybe"), "value", "是, 否, true or false"),
                new Case(over, "numerator", "must not exceed the denominator"),
                new Case(body(TestIndicators.RATE, "2025", 50), "numerator", "computed"),
                new Case(body("no-such-indicator", "2025", 1), "indicator", "unknown indicator"),
                new Case(body(TestIndicators.PERCENT, "2025H3", 50), "period", "2025H3"),
                new Case(body(TestIndicators.PER_MILLE, "2025H1", 5), "period", "per year"),
                new Case(badRegion, "region", "digits only"),
                new Case(body(TestIndicators.PERCENT, "2025", Map.of("v", 1)), "value", "number, true/false or text")}) {
            post(reporter, c.body()).then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem(c.field())).body("detail", containsString(c.words()));
        }
        given().header("Authorization", reporter).contentType("application/json").body("{\"indicator\": \"t-percent\", \"region\": \"130104\", "
                + "\"period\": \"2025\", \"value\": 50, \"colour\": 1}").post("/api/v1/observations").then().statusCode(400)
                .body("violations[0].field", equalTo("colour"));
        given().header("Authorization", reporter).contentType("application/json").body("{\"indicator\": ").post("/api/v1/observations")
                .then().statusCode(400).contentType("application/problem+json");
        Map<String, Object> elsewhere = body(TestIndicators.PERCENT, "2025", 50);
        elsewhere.put("region", "410402");
        post(reporter, elsewhere).then().statusCode(403).contentType("application/problem+json");
        post(Tokens.viewer(), body(TestIndicators.PERCENT, "2025", 50)).then().statusCode(403);
        given().contentType("application/json").body(body(TestIndicators.PERCENT, "2025", 50)).post("/api/v1/observations").then().statusCode(401);
        assertThat(TestSupport.count(dataSource, "select count(*) from observation")).isEqualTo(observations);
        assertThat(TestSupport.count(dataSource, "select count(*) from outbox_event")).isEqualTo(events);
    }

    @Test
    void correctSubmitApproveReopenKeepsEveryVersionAndTheApprovedValueCounts() {
        String reporter = Tokens.reporter(REGION);
        String coordinator = Tokens.coordinator("13");
        Map<String, Object> first = body(TestIndicators.RATE, "2025H1", null);
        first.put("numerator", 45);
        first.put("denominator", 50);
        first.put("source", "民政局台账");
        Response created = post(reporter, first);
        created.then().statusCode(201).header("ETag", "\"1\"").header("Location", containsString("/api/v1/observations/"))
                .body("value", equalTo(90)).body("status", equalTo("draft")).body("reportedBy", equalTo("test-reporter"))
                .body("reportedUnit", equalTo("区卫健局")).body("regionCode", equalTo("130104000000"));
        String id = created.jsonPath().getString("id");
        String url = "/api/v1/observations/" + id;
        post(reporter, first).then().statusCode(409).body("detail", containsString("corrections"));

        Map<String, Object> correction = Map.of("numerator", 46, "denominator", 50, "reason", "台账复核");
        given().header("Authorization", reporter).contentType("application/json").body(correction).post(url + "/corrections").then().statusCode(428);
        given().header("Authorization", reporter).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("numerator", 46, "denominator", 50)).post(url + "/corrections")
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));
        given().header("Authorization", reporter).header("If-Match", "\"1\"").contentType("application/json").body(correction)
                .post(url + "/corrections").then().statusCode(200).header("ETag", "\"2\"").body("value", equalTo(92));
        given().header("Authorization", reporter).header("If-Match", "\"2\"").post(url + "/submit")
                .then().statusCode(200).body("status", equalTo("submitted"));
        given().header("Authorization", reporter).header("If-Match", "\"3\"").post(url + "/approve").then().statusCode(403);
        given().header("Authorization", coordinator).header("If-Match", "\"3\"").post(url + "/approve")
                .then().statusCode(200).body("status", equalTo("approved")).body("approved.value", equalTo(92));
        // approved is locked
        given().header("Authorization", reporter).header("If-Match", "\"4\"").contentType("application/json")
                .body(Map.of("numerator", 47, "denominator", 50, "reason", "再次更正")).post(url + "/corrections")
                .then().statusCode(409).body("detail", containsString("reopen"));
        given().header("Authorization", coordinator).header("If-Match", "\"4\"").contentType("application/json")
                .body(Map.of()).post(url + "/reopen").then().statusCode(400).body("violations[0].field", equalTo("reason"));
        given().header("Authorization", coordinator).header("If-Match", "\"4\"").contentType("application/json")
                .body(Map.of("reason", "分母口径调整")).post(url + "/reopen").then().statusCode(200).body("status", equalTo("draft"));
        given().header("Authorization", reporter).header("If-Match", "\"5\"").contentType("application/json")
                .body(Map.of("numerator", 47, "denominator", 50, "reason", "按新口径")).post(url + "/corrections")
                .then().statusCode(200).body("value", equalTo(94))
                // the approved 92% still counts until 94% is approved
                .body("approved.value", equalTo(92)).body("approved.version", equalTo(4));
        given().header("Authorization", Tokens.viewer()).get(url).then().statusCode(200).header("ETag", "\"6\"")
                .body("history.action", contains("created", "corrected", "submitted", "approved", "reopened", "corrected"))
                .body("history.reason", contains(null, "台账复核", null, null, "分母口径调整", "按新口径"))
                .body("history[0].value", equalTo(90));
        given().header("Authorization", coordinator).header("If-Match", "\"6\"").post(url + "/approve").then().statusCode(409);
        given().header("Authorization", coordinator).header("If-Match", "\"5\"").post(url + "/submit").then().statusCode(412);
        assertThat(TestSupport.count(dataSource, "select count(*) from observation_revision where observation_id = '" + id + "'")).isEqualTo(6);
        assertThat(TestSupport.count(dataSource, "select count(*) from outbox_event where aggregate_id = '" + id + "'")).isEqualTo(6);
    }

    @Test
    void listsFilterByRegionSubtreeIndicatorPeriodAndStatusAndExportAsCsv() {
        String reporter = Tokens.reporter("1301");
        Map<String, Object> village = body(TestIndicators.COUNT, "2024", 7);
        village.put("region", "130104001001");
        post(reporter, village).then().statusCode(201);
        post(reporter, body(TestIndicators.BOOL, "2024", "是")).then().statusCode(201).body("value", equalTo(true));
        post(reporter, body(TestIndicators.TEXT, "2024", "已建立联席会议制度")).then().statusCode(201).body("value", equalTo("已建立联席会议制度"));
        given().header("Authorization", Tokens.viewer()).queryParam("region", REGION).queryParam("period", "2024").get("/api/v1/observations")
                .then().statusCode(200).body("total", equalTo(3));
        given().header("Authorization", Tokens.viewer()).queryParam("region", REGION).queryParam("descendants", false).queryParam("period", "2024")
                .get("/api/v1/observations").then().statusCode(200).body("total", equalTo(2));
        given().header("Authorization", Tokens.viewer()).queryParam("region", REGION).queryParam("indicator", TestIndicators.COUNT)
                .queryParam("status", "draft").get("/api/v1/observations").then().statusCode(200).body("items[0].regionCode", equalTo("130104001001"));
        given().header("Authorization", Tokens.viewer()).queryParam("period", "2024Q3").get("/api/v1/observations")
                .then().statusCode(400).body("violations[0].field", equalTo("period"));
        given().header("Authorization", Tokens.viewer()).queryParam("status", "final").get("/api/v1/observations")
                .then().statusCode(400).body("violations[0].field", equalTo("status"));
        String csv = given().header("Authorization", Tokens.viewer()).queryParam("region", REGION).queryParam("period", "2024")
                .get("/api/v1/observations/export").then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("indicator,region,period,value,numerator,denominator,source,note,status,version,reportedBy,updatedAt,approvedValue");
        assertThat(csv).contains("t-bool,130104000000,2024,true,").contains("t-text,130104000000,2024,已建立联席会议制度,")
                .contains("t-count,130104001001,2024,7,");
        String viaAccept = given().header("Authorization", Tokens.viewer()).accept("text/csv").queryParam("region", REGION)
                .queryParam("period", "2024").get("/api/v1/observations").then().statusCode(200).extract().asString();
        assertThat(viaAccept).isEqualTo(csv);
    }
}
