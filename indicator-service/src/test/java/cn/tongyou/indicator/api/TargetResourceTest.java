package cn.tongyou.indicator.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** PUT is idempotent; every kind's parameters are checked; references and the "weaker" flag; delete; assessment. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class TargetResourceTest {

    static final String REGION = "130102";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void indicators() {
        TestIndicators.ensure();
    }

    static String url(String indicator, int year) {
        return "/api/v1/targets/" + REGION + "/" + indicator + "/" + year;
    }

    @Test
    void putIsIdempotentAndAChangeNeedsTheVersionItWasReadAt() {
        String url = url(TestIndicators.PERCENT, 2025);
        given().header("Authorization", Tokens.coordinator("1301")).contentType("application/json")
                .body(Map.of("kind", ">=", "value", 90, "text", "90%以上")).put(url)
                .then().statusCode(201).header("ETag", "\"1\"").body("regionCode", equalTo("130102000000")).body("level", equalTo("local"))
                .body("kind", equalTo(">=")).body("value", equalTo(90)).body("source.kind", equalTo("api"));
        long events = TestSupport.count(dataSource, "select count(*) from outbox_event where topic = 'cfc.targets'");
        given().header("Authorization", Tokens.coordinator("1301")).contentType("application/json")
                .body(Map.of("kind", ">=", "value", 90.0, "text", "90%以上")).put(url)
                .then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1));
        assertThat(TestSupport.count(dataSource, "select count(*) from outbox_event where topic = 'cfc.targets'")).isEqualTo(events);

        given().header("Authorization", Tokens.coordinator("1301")).contentType("application/json")
                .body(Map.of("kind", ">", "value", 90)).put(url).then().statusCode(428).contentType("application/problem+json");
        given().header("Authorization", Tokens.coordinator("1301")).header("If-Match", "\"7\"").contentType("application/json")
                .body(Map.of("kind", ">", "value", 90)).put(url).then().statusCode(412).contentType("application/problem+json");
        given().header("Authorization", Tokens.coordinator("1301")).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("kind", ">", "value", 90)).put(url).then().statusCode(200).header("ETag", "\"2\"").body("kind", equalTo(">"));
        assertThat(TestSupport.count(dataSource, "select count(*) from outbox_event where topic = 'cfc.targets'")).isEqualTo(events + 1);
        given().header("Authorization", Tokens.viewer()).get(url).then().statusCode(200).header("ETag", "\"2\"").body("value", equalTo(90));
    }

    @Test
    void everyKindIsCheckedAgainstItsParametersAndTheIndicator() {
        String coordinator = Tokens.coordinator(REGION);
        record Case(String indicator, Map<String, Object> body, String field) {
        }
        for (Case c : new Case[]{
                new Case(TestIndicators.PERCENT, Map.of("kind", "about"), "kind"),
                new Case(TestIndicators.PERCENT, Map.of("kind", ">="), "value"),
                new Case(TestIndicators.PERCENT, Map.of("kind", ">=", "value", 101), "value"),
                new Case(TestIndicators.PERCENT, Map.of("kind", "range", "value", 3, "valueMax", 2), "valueMax"),
                new Case(TestIndicators.PERCENT, Map.of("kind", "bool", "boolValue", true), "kind"),
                new Case(TestIndicators.BOOL, Map.of("kind", ">=", "value", 1), "kind"),
                new Case(TestIndicators.PERCENT, Map.of("kind", "reduce-pct-from-baseline", "value", 20), "baselineYear"),
                new Case(TestIndicators.PERCENT, Map.of("kind", "reduce-pct-from-baseline", "value", 20, "baselineYear", 2026), "baselineYear"),
                new Case(TestIndicators.COUNT, Map.of("kind", "reduce-pp-per-year", "value", 0.5), "kind"),
                new Case(TestIndicators.COUNT, Map.of("kind", "increase", "reference", "baseline"), "baselineYear"),
                new Case(TestIndicators.TEXT, Map.of("kind", "increase"), "kind"),
                new Case(TestIndicators.PERCENT, Map.of("kind", ">=", "value", "ninety"), "value"),
                new Case(TestIndicators.PERCENT, Map.of("kind", ">=", "value", 90, "colour", "red"), "colour")}) {
            given().header("Authorization", coordinator).contentType("application/json").body(c.body()).put(url(c.indicator(), 2026))
                    .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem(c.field()));
        }
        given().header("Authorization", coordinator).contentType("application/json").body(Map.of("kind", ">=", "value", 1))
                .put("/api/v1/targets/41018/" + TestIndicators.PERCENT + "/2026").then().statusCode(400).body("violations[0].field", equalTo("region"));
        given().header("Authorization", coordinator).contentType("application/json").body(Map.of("kind", ">=", "value", 1))
                .put(url(TestIndicators.PERCENT, 1999)).then().statusCode(400).body("violations[0].field", equalTo("year"));
        given().header("Authorization", coordinator).contentType("application/json").body(Map.of("kind", ">=", "value", 1))
                .put(url("no-such-indicator", 2026)).then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", coordinator).contentType("application/json").body(Map.of("kind", ">=", "value", 1))
                .queryParam("level", "city").put(url(TestIndicators.PERCENT, 2026)).then().statusCode(400).body("violations[0].field", equalTo("level"));
        given().header("Authorization", Tokens.reporter(REGION)).contentType("application/json").body(Map.of("kind", ">=", "value", 1))
                .put(url(TestIndicators.PERCENT, 2026)).then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", Tokens.coordinator("4101")).contentType("application/json").body(Map.of("kind", ">=", "value", 1))
                .put(url(TestIndicators.PERCENT, 2026)).then().statusCode(403).body("detail", containsString("130102000000"));
        assertThat(TestSupport.count(dataSource, "select count(*) from target where region_code = '130102000000' and year = 2026")).isZero();
    }

    @Test
    void referenceTargetsStandBesideTheLocalOneAndSayWhereItIsWeaker() {
        String coordinator = Tokens.coordinator(REGION);
        given().header("Authorization", coordinator).contentType("application/json").body(Map.of("kind", ">=", "value", 80))
                .put(url(TestIndicators.RATE, 2027)).then().statusCode(201);
        given().header("Authorization", coordinator).contentType("application/json").queryParam("level", "national")
                .body(Map.of("kind", ">=", "value", 85, "text", "国纲目标85%")).put(url(TestIndicators.RATE, 2027)).then().statusCode(201);
        given().header("Authorization", coordinator).contentType("application/json").queryParam("level", "provincial")
                .body(Map.of("kind", ">=", "value", 80)).put(url(TestIndicators.RATE, 2027)).then().statusCode(201);
        given().header("Authorization", Tokens.viewer()).get(url(TestIndicators.RATE, 2027)).then().statusCode(200)
                .body("weakerThan", contains("national"))
                .body("references.level", contains("provincial", "national"))
                .body("references.comparison", contains("same", "weaker"));
        given().header("Authorization", Tokens.viewer()).queryParam("region", "1301").queryParam("year", 2027).get("/api/v1/targets")
                .then().statusCode(200).body("total", equalTo(3)).body("items.level", containsInAnyOrder("local", "national", "provincial"));
        given().header("Authorization", Tokens.viewer()).queryParam("region", "1301").queryParam("weaker", true).get("/api/v1/targets")
                .then().statusCode(200).body("items.indicatorCode", hasItem(TestIndicators.RATE));
        given().header("Authorization", Tokens.viewer()).queryParam("region", "13x").get("/api/v1/targets")
                .then().statusCode(400).body("violations[0].field", equalTo("region"));
    }

    @Test
    void aDeletionNeedsTheVersionAndPublishesADeletedEvent() {
        String url = url(TestIndicators.COUNT, 2028);
        given().header("Authorization", Tokens.coordinator(REGION)).contentType("application/json").body(Map.of("kind", "increase"))
                .put(url).then().statusCode(201).body("reference", equalTo("previous"));
        given().header("Authorization", Tokens.coordinator(REGION)).queryParam("reason", "规划调整").delete(url).then().statusCode(428);
        given().header("Authorization", Tokens.coordinator(REGION)).header("If-Match", "\"1\"").queryParam("reason", "规划调整").delete(url)
                .then().statusCode(204);
        given().header("Authorization", Tokens.viewer()).get(url).then().statusCode(404).contentType("application/problem+json");
        assertThat(TestSupport.count(dataSource, "select count(*) from outbox_event where event_type = 'cfc.target.deleted.v1' "
                + "and tombstone and payload->>'regionCode' = '130102000000'")).isEqualTo(1);
    }

    @Test
    void aQualitativeTargetTakesAPersonsVerdict() {
        String url = url(TestIndicators.TEXT, 2030);
        given().header("Authorization", Tokens.coordinator(REGION)).contentType("application/json")
                .body(Map.of("kind", "qualitative", "text", "工作机制有效运行")).put(url).then().statusCode(201).body("assessment", nullValue());
        given().header("Authorization", Tokens.coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("verdict", "MAYBE", "reason", "x")).post(url + "/assessment").then().statusCode(400);
        given().header("Authorization", Tokens.coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("verdict", "ON_TRACK")).post(url + "/assessment").then().statusCode(400).body("violations[0].field", equalTo("reason"));
        given().header("Authorization", Tokens.coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("verdict", "ON_TRACK", "reason", "联席会议每季度召开")).post(url + "/assessment")
                .then().statusCode(200).header("ETag", "\"2\"").body("assessment.verdict", equalTo("ON_TRACK"))
                .body("assessment.reason", equalTo("联席会议每季度召开"));
        given().header("Authorization", Tokens.viewer()).queryParam("region", REGION).queryParam("year", 2030)
                .queryParam("indicator", TestIndicators.TEXT).get("/api/v1/evaluations")
                .then().statusCode(200).body("items[0].status", equalTo("ON_TRACK"))
                .body("items[0].explanation.zh", containsString("联席会议每季度召开"));
        // a quantitative target is evaluated from its values, not assessed
        given().header("Authorization", Tokens.coordinator(REGION)).contentType("application/json").body(Map.of("kind", ">=", "value", 5))
                .put(url(TestIndicators.NUMBER, 2030)).then().statusCode(201);
        given().header("Authorization", Tokens.coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("verdict", "MET", "reason", "x")).post(url(TestIndicators.NUMBER, 2030) + "/assessment").then().statusCode(409);
    }
}
