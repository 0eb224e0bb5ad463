package cn.tongyou.indicator.api;

import cn.tongyou.common.events.EventSchemas;
import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Approval up the hierarchy over HTTP, as 荥阳市 (410182, a county of 郑州市) and 郑州市 (410100) live it: submit, return
 * with a value named, correct, resubmit, accept, the lock, a province reopen, a period lock exception that lets one
 * correction in and reopens the accepted approval; then bad input, four eyes, and the event contract.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ApprovalResourceTest {

    static final String XINGYANG = "410182";
    static final String ZHENGZHOU = "410100";
    static final String PERIOD = "2026H2";
    static final ObjectMapper JSON = new ObjectMapper();

    static final String COUNTY = token("xy-coordinator", "coordinator", XINGYANG, null);
    static final String COUNTY_REVIEWER = token("xy-reviewer", "coordinator", XINGYANG, null);
    static final String REPORTER = token("xy-reporter", "reporter", XINGYANG, "市卫健委");
    static final String CITY = token("zz-coordinator", "coordinator", ZHENGZHOU, null);
    static final String CITY_2 = token("zz-coordinator-2", "coordinator", ZHENGZHOU, null);
    static final String PROVINCE = token("ha-coordinator", "coordinator", "410000", null);

    @Inject
    AgroalDataSource dataSource;

    static String token(String subject, String role, String region, String unit) {
        return "Bearer " + DevTokens.mint(subject, Set.of(role), region, unit, Duration.ofHours(2));
    }

    @BeforeEach
    void indicators() {
        TestIndicators.ensure();
    }

    static String url(String region, String period) {
        return "/api/v1/approvals/" + region + "/" + period;
    }

    static Response step(String token, String region, String period, String step, String etag, Map<String, Object> body) {
        var request = given().header("Authorization", token);
        if (etag != null) {
            request = request.header("If-Match", "\"" + etag + "\"");
        }
        return request.contentType("application/json").body(body == null ? Map.of() : body).post(url(region, period) + "/" + step);
    }

    static String value(String token, String indicator, String region, String period, Object value, String status) {
        Map<String, Object> body = new HashMap<>(Map.of("indicator", indicator, "region", region, "period", period, "value", value));
        if (status != null) {
            body.put("status", status);
        }
        return given().header("Authorization", token).contentType("application/json").body(body).post("/api/v1/observations")
                .then().statusCode(201).extract().path("id");
    }

    static JsonNode observation(String id) {
        try {
            return JSON.readTree(given().header("Authorization", Tokens.admin()).get("/api/v1/observations/" + id)
                    .then().statusCode(200).extract().asString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void approveValues(String region, String period) {
        given().header("Authorization", COUNTY_REVIEWER).contentType("application/json").body(Map.of("region", region, "period", period))
                .post("/api/v1/observations/approvals").then().statusCode(200);
    }

    static void problem(Response r, int status, String type, String words) {
        r.then().statusCode(status).contentType("application/problem+json").body("type", containsString(type))
                .body("detail", containsString(words));
    }

    @Test
    void aHalfYearOfXingyangGoesUpToZhengzhouAndBack() throws Exception {
        String own = value(REPORTER, TestIndicators.COUNT, XINGYANG, PERIOD, 12, "submitted");
        String village = value(REPORTER, TestIndicators.PERCENT, "410182101001", PERIOD, 87.5, "submitted");
        String town = value(REPORTER, TestIndicators.NUMBER, "410182101000", PERIOD, 3.2, null);

        given().header("Authorization", COUNTY).get(url(XINGYANG, PERIOD)).then().statusCode(200).header("ETag", "\"0\"")
                .body("status", equalTo("open")).body("version", equalTo(0)).body("regionLevel", equalTo("county"))
                .body("acceptorLevel", equalTo("prefecture")).body("history", hasSize(0)).body("region", equalTo("410182000000"));

        // the values the approval covers (its own, a township's, a village's) must be approved first
        problem(step(COUNTY, XINGYANG, PERIOD, "submit", "0", null), 409, "conflict", "not approved yet");
        given().header("Authorization", REPORTER).header("If-Match", "\"1\"").post("/api/v1/observations/" + town + "/submit")
                .then().statusCode(200);
        approveValues(XINGYANG, PERIOD);
        assertThat(observation(own).get("firstSubmittedAt").asText()).isNotBlank();
        String villageHandedIn = observation(village).get("firstSubmittedAt").asText();
        assertThat(observation(town).get("firstSubmittedAt").asText()).isNotBlank();

        step(COUNTY, XINGYANG, PERIOD, "submit", "0", Map.of("comment", "2026年下半年数据已审核")).then().statusCode(200)
                .header("ETag", "\"1\"").body("status", equalTo("submitted")).body("history[0].action", equalTo("submitted"))
                .body("history[0].level", equalTo("county")).body("history[0].actor", equalTo("xy-coordinator"))
                .body("history[0].comment", equalTo("2026年下半年数据已审核"));

        // submitted: nothing below changes, one at a time or in bulk
        problem(given().header("Authorization", REPORTER).contentType("application/json")
                .body(Map.of("indicator", TestIndicators.COUNT, "region", "410182102001", "period", PERIOD, "value", 1))
                .post("/api/v1/observations"), 409, "approval-locked", "410182000000");
        given().header("Authorization", REPORTER).contentType("text/csv")
                .body("indicator,region,period,value\n" + TestIndicators.COUNT + ",410182102002," + PERIOD + ",4\n")
                .post("/api/v1/observations/batch").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].message", containsString("locked"));

        // the county cannot accept its own round; the city sends the village's value back
        problem(step(COUNTY_REVIEWER, XINGYANG, PERIOD, "accept", "1", null), 403, "forbidden", "prefecture");
        problem(step(CITY, XINGYANG, PERIOD, "return", "1", Map.of("comment", "x", "observations",
                List.of(UUID.randomUUID().toString()))), 400, "", "not among the values");
        String comment = "村级覆盖率与上年相比变化过大，请核实";
        step(CITY, XINGYANG, PERIOD, "return", "1", Map.of("comment", comment, "observations", List.of(village)))
                .then().statusCode(200).body("status", equalTo("returned")).body("version", equalTo(2))
                .body("history[1].action", equalTo("returned")).body("history[1].level", equalTo("prefecture"))
                .body("history[1].observations", equalTo(List.of(village))).body("history[1].comment", equalTo(comment));
        JsonNode back = observation(village);
        assertThat(back.get("status").asText()).isEqualTo("draft");
        JsonNode last = back.get("history").get(back.get("history").size() - 1);
        assertThat(last.get("action").asText()).isEqualTo("reopened");
        assertThat(last.get("reason").asText()).isEqualTo(comment);
        assertThat(observation(own).get("status").asText()).isEqualTo("approved");

        // the county corrects, re-approves the value and submits again
        long v = back.get("version").asLong();
        given().header("Authorization", REPORTER).header("If-Match", "\"" + v + "\"").contentType("application/json")
                .body(Map.of("value", 78.5, "reason", "按乡镇卫生院报表更正")).post("/api/v1/observations/" + village + "/corrections")
                .then().statusCode(200);
        given().header("Authorization", REPORTER).header("If-Match", "\"" + (v + 1) + "\"")
                .post("/api/v1/observations/" + village + "/submit").then().statusCode(200);
        problem(step(COUNTY, XINGYANG, PERIOD, "submit", "2", null), 409, "conflict", village);
        approveValues(XINGYANG, PERIOD);
        step(COUNTY, XINGYANG, PERIOD, "submit", "2", null).then().statusCode(200).body("version", equalTo(3));
        // returned, corrected and handed in again: the first hand-in stays (timeliness is not undone by a correction)
        assertThat(observation(village).get("firstSubmittedAt").asText()).isEqualTo(villageHandedIn);
        step(CITY, XINGYANG, PERIOD, "accept", "3", null).then().statusCode(200).body("status", equalTo("accepted"))
                .body("version", equalTo(4)).body("updatedBy", equalTo("zz-coordinator"))
                .body("history.action", equalTo(List.of("submitted", "returned", "submitted", "accepted")));

        // accepted: a value write is refused, the value workflow too
        problem(given().header("Authorization", COUNTY_REVIEWER).header("If-Match", "\"" + observation(own).get("version").asLong() + "\"")
                .contentType("application/json").body(Map.of("reason", "复核")).post("/api/v1/observations/" + own + "/reopen"),
                409, "approval-locked", "accepted");

        // the province reopens what the city accepted; the county may not
        problem(step(COUNTY, XINGYANG, PERIOD, "reopen", "4", Map.of("comment", "x")), 403, "forbidden", "prefecture");
        problem(step(PROVINCE, XINGYANG, PERIOD, "reopen", "4", null), 400, "", "say why");
        step(PROVINCE, XINGYANG, PERIOD, "reopen", "4", Map.of("comment", "省级抽查：儿童之家数量待复核")).then().statusCode(200)
                .body("status", equalTo("open")).body("version", equalTo(5)).body("history[4].level", equalTo("province"));
        step(COUNTY, XINGYANG, PERIOD, "submit", "5", null).then().statusCode(200);
        step(CITY_2, XINGYANG, PERIOD, "accept", "6", null).then().statusCode(200).body("status", equalTo("accepted"));

        // a period lock exception granted by the city lets one correction in, and the correction reopens the approval
        String exception = given().header("Authorization", CITY).contentType("application/json")
                .body(Map.of("region", XINGYANG, "period", PERIOD, "validUntil", Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                        "reason", "省级抽查后更正儿童之家数量"))
                .post("/api/v1/period-lock-exceptions").then().statusCode(201).extract().path("id");
        long ownVersion = observation(own).get("version").asLong();
        given().header("Authorization", COUNTY_REVIEWER).header("If-Match", "\"" + ownVersion + "\"").contentType("application/json")
                .body(Map.of("reason", "省级抽查")).post("/api/v1/observations/" + own + "/reopen").then().statusCode(200);
        // a workflow step under the exception passes without reopening: only a new value does
        given().header("Authorization", COUNTY).get(url(XINGYANG, PERIOD)).then().body("status", equalTo("accepted"));
        String reason = "儿童之家实有13个";
        given().header("Authorization", REPORTER).header("If-Match", "\"" + (ownVersion + 1) + "\"").contentType("application/json")
                .body(Map.of("value", 13, "reason", reason)).post("/api/v1/observations/" + own + "/corrections")
                .then().statusCode(200).body("history[-1].reason", containsString(exception));
        given().header("Authorization", COUNTY).get(url(XINGYANG, PERIOD)).then().statusCode(200).body("status", equalTo("open"))
                .body("version", equalTo(8)).body("history[7].action", equalTo("reopened"))
                .body("history[7].actor", equalTo("xy-reporter")).body("history[7].level", equalTo("county"))
                .body("history[7].comment", startsWith(reason)).body("history[7].comment", containsString(exception));

        // every version went out as an event that matches the contract, and left an audit record
        List<JsonNode> events = events("410182000000:" + PERIOD);
        assertThat(events).extracting(e -> e.get("version").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        for (JsonNode e : events) {
            assertThat(EventSchemas.validate("cfc.approval.changed.v1", e)).as(e.toString()).isEmpty();
        }
        assertThat(events.get(7).get("history")).hasSize(8);
        assertThat(TestSupport.count(dataSource, "select count(*) from audit_record where outcome = 'CHANGED' "
                + "and event_type = 'cfc.approval.changed.v1' and aggregate_id = '410182000000:" + PERIOD + "'")).isEqualTo(8);
        assertThat(TestSupport.count(dataSource, "select count(*) from audit_record where outcome = 'CHANGED' "
                + "and aggregate_id = '" + exception + "'")).isEqualTo(1);

        // the list shows it to the city, not to another county
        given().header("Authorization", CITY).queryParam("period", PERIOD).queryParam("status", "open").get("/api/v1/approvals")
                .then().statusCode(200).body("items.region", hasItem("410182000000"));
        given().header("Authorization", token("gy", "coordinator", "410181", null)).queryParam("region", XINGYANG)
                .get("/api/v1/approvals").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void whoeverSubmittedCannotAcceptAndTheTopOfTheChainIsAcceptedNationwide() {
        // a period no other test enters values for: accepting 河南省 locks every value of the province for it
        String period = "2029H1";
        // a city coordinator may submit for a county of the city, but then another one accepts
        step(CITY, "410183", period, "submit", "0", null).then().statusCode(200);
        problem(step(CITY, "410183", period, "accept", "1", null), 403, "forbidden", "four eyes");
        step(CITY_2, "410183", period, "accept", "1", null).then().statusCode(200);

        step(CITY, ZHENGZHOU, period, "submit", "0", null).then().statusCode(200).body("acceptorLevel", equalTo("province"));
        problem(step(CITY_2, ZHENGZHOU, period, "accept", "1", null), 403, "forbidden", "province");
        step(PROVINCE, ZHENGZHOU, period, "accept", "1", null).then().statusCode(200);

        step(PROVINCE, "410000", period, "submit", "0", null).then().statusCode(200).body("acceptorLevel", nullValue());
        problem(step(token("ha-2", "coordinator", "410000", null), "410000", period, "accept", "1", null), 403, "forbidden",
                "nationwide");
        step(Tokens.reviewer(), "410000", period, "accept", "1", null).then().statusCode(200).body("history[1].level", nullValue());
    }

    @Test
    void badInputIsAProblem() {
        String period = "2027H2";
        ValidatableResponse township = given().header("Authorization", COUNTY).get(url("410182101", period)).then();
        township.statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("region"))
                .body("detail", containsString("county, prefecture, province"));
        given().header("Authorization", COUNTY).get(url(XINGYANG, "2027H3")).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("period"));
        given().header("Authorization", COUNTY).get(url("41018X", period)).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("region"));
        given().header("Authorization", COUNTY).queryParam("status", "approved").get("/api/v1/approvals").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("status"));
        problem(step(COUNTY, XINGYANG, period, "submit", null, null), 428, "precondition-required", "If-Match");
        problem(step(COUNTY, XINGYANG, period, "submit", "3", null), 412, "precondition-failed", "");
        step(COUNTY, XINGYANG, period, "submit", "0", Map.of("comment", "审".repeat(2001))).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("comment"));
        step(COUNTY, XINGYANG, period, "submit", "0", Map.of("observations", List.of(UUID.randomUUID().toString()))).then()
                .statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("observations"));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(UUID.randomUUID().toString());
        }
        step(CITY, XINGYANG, period, "return", "0", Map.of("comment", "x", "observations", tooMany)).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("observations"));
        step(COUNTY, XINGYANG, period, "submit", "0", Map.of("observations", List.of("not-a-uuid"))).then().statusCode(400)
                .contentType("application/problem+json");
        step(COUNTY, XINGYANG, period, "submit", "0", Map.of("colour", "red")).then().statusCode(400)
                .contentType("application/problem+json");
        step(CITY, XINGYANG, period, "return", "0", null).then().statusCode(400).contentType("application/problem+json");
        problem(step(CITY, XINGYANG, period, "accept", "0", null), 409, "conflict", "open");
        // nothing above was written
        given().header("Authorization", COUNTY).get(url(XINGYANG, period)).then().statusCode(200).body("version", equalTo(0));
    }

    List<JsonNode> events(String key) throws Exception {
        List<JsonNode> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select payload::text from outbox_event where event_type = 'cfc.approval.changed.v1' and aggregate_id = ? "
                        + "order by aggregate_version")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(JSON.readTree(rs.getString(1)));
                }
            }
        }
        return result;
    }
}
