package cn.tongyou.indicator.api;

import cn.tongyou.indicator.SharedCatalog;
import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * End to end on 平顶山市新华区 (410402) with its real 2025/2030 goals: values in, verdicts out — met, trajectory,
 * missing baseline, roll-up of townships, approved values versus the latest ones, derived and qualitative targets.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class EvaluationTest {

    static final String COORDINATOR = Tokens.coordinator("4104");

    static boolean loaded;

    @BeforeEach
    void goalsAndValues() {
        if (loaded) {
            return;
        }
        loaded = true;
        TestIndicators.ensure();
        TestSupport.importCatalogue(SharedCatalog.PINGDINGSHAN).then().statusCode(200);
        String values = """
                indicator,region,period,value,numerator,denominator,source
                neonatal-mortality-rate,410402,2020,,30,10000,妇幼年报
                neonatal-mortality-rate,410402,2025,,18,10000,妇幼年报
                infant-mortality-rate,410402001,2025,,20,5000,乡镇卫生院
                infant-mortality-rate,410402002,2025,,10,5000,乡镇卫生院
                child-injury-mortality-rate,410402,2025,,17,100000,疾控
                preschool-gross-enrolment-rate,410402,2020,,850,1000,教育局
                preschool-gross-enrolment-rate,410402,2023H1,,890,1000,教育局
                """;
        TestSupport.enterApproved(COORDINATOR, values);
    }

    @Test
    void aDescendantsEvaluationCoversTheSubtreeAndTheSummaryAddsUp() {
        JsonPath report = evaluate(Map.of("year", 2025, "descendants", true));
        assertThat(report.getBoolean("descendants")).isTrue();
        assertThat(report.getList("items.regionCode", String.class)).allMatch(code -> code.startsWith("410402"));
        assertThat(report.getLong("durationMs")).isLessThan(5_000);
    }

    static JsonPath evaluate(Map<String, ?> params) {
        // a viewer of the city: basis=latest reads values not yet approved, which are scoped to the token's region
        Response r = given().header("Authorization", Tokens.bearer("viewer", "4104")).queryParam("region", "410402").queryParams(params).get("/api/v1/evaluations");
        r.then().statusCode(200);
        return r.jsonPath();
    }

    static Map<String, Object> item(JsonPath report, String indicator) {
        return report.getMap("items.find { it.indicator.code == '" + indicator + "' }");
    }

    @Test
    void theTargetYearsOwnValueDecidesAndTheInputsAndProgressComeWithIt() {
        JsonPath report = evaluate(Map.of("year", 2025));
        assertThat(report.getString("asOf")).isEqualTo("2025");
        assertThat(report.getString("basis")).isEqualTo("approved");
        assertThat(report.getList("items")).hasSize(report.getMap("totals").values().stream().mapToInt(v -> (Integer) v).sum());
        assertThat(report.getString("items.find { it.indicator.code == 'neonatal-mortality-rate' }.status")).isEqualTo("MET");
        assertThat(report.getFloat("items.find { it.indicator.code == 'neonatal-mortality-rate' }.inputs.value.value")).isEqualTo(1.8f);
        assertThat(report.getString("items.find { it.indicator.code == 'neonatal-mortality-rate' }.explanation.zh")).contains("1.8‰", "≤2‰", "已达标");
        assertThat(report.getString("items.find { it.indicator.code == 'neonatal-mortality-rate' }.progress.status")).isEqualTo("target_achieved");
        // a target without values, a derived one, and a reduction whose 2020 baseline is missing
        assertThat(report.getString("items.find { it.indicator.code == 'anaemia-rate-under-5' }.status")).isEqualTo("NO_DATA");
        assertThat(report.getString("items.find { it.indicator.code == 'parent-school-coverage-urban' }.reason")).isEqualTo("derived-not-reported");
        assertThat(report.getList("items.find { it.indicator.code == 'parent-school-coverage-urban' }.weakerThan")).containsExactly("national");
    }

    @Test
    void aCountyWithoutItsOwnValueGetsItsTownshipsSummedNotAveraged() {
        JsonPath report = evaluate(Map.of("year", 2025, "indicator", "infant-mortality-rate"));
        assertThat(report.getString("items[0].status")).isEqualTo("MET");
        assertThat(report.getString("items[0].inputs.value.source")).isEqualTo("rollup");
        assertThat(report.getInt("items[0].inputs.value.contributors")).isEqualTo(2);
        assertThat(report.getFloat("items[0].inputs.value.value")).isEqualTo(3f);
        given().header("Authorization", Tokens.viewer()).queryParam("region", "410402").queryParam("indicator", "infant-mortality-rate")
                .queryParam("period", "2025").get("/api/v1/rollups").then().statusCode(200)
                .body("rollup.value", equalTo(3)).body("rollup.numerator", equalTo(30)).body("rollup.denominator", equalTo(10000))
                .body("children.size()", equalTo(2)).body("children[0].level", equalTo("township"));
        given().header("Authorization", Tokens.viewer()).queryParam("region", "410402").queryParam("indicator", TestIndicators.NUMBER)
                .queryParam("period", "2025").get("/api/v1/rollups").then().statusCode(409);
    }

    @Test
    void halfWayThroughTheTrajectoryAndTheApprovedValueCountsUntilItsCorrectionIs() {
        JsonPath asOf = evaluate(Map.of("year", 2025, "asOf", "2023H1", "indicator", "preschool-gross-enrolment-rate"));
        assertThat(asOf.getString("items[0].status")).isEqualTo("ON_TRACK");
        assertThat(asOf.getFloat("items[0].inputs.expected")).isEqualTo(89f);
        assertThat(asOf.getString("items[0].inputs.baselineBasis")).isEqualTo("earliest-value");
        assertThat(asOf.getString("items[0].inputs.cutoff")).isEqualTo("2023H1");

        // reopen the 2023H1 value and correct it to 88.9%: the approved 89% still counts, the latest is behind
        String id = given().header("Authorization", Tokens.bearer("viewer", "4104")).queryParam("region", "410402").queryParam("descendants", false)
                .queryParam("indicator", "preschool-gross-enrolment-rate").queryParam("period", "2023H1").get("/api/v1/observations")
                .then().statusCode(200).extract().path("items[0].id");
        // version 1 entered as submitted, 2 approved by the reviewer (four eyes), 3 reopened
        given().header("Authorization", COORDINATOR).header("If-Match", "\"2\"").contentType("application/json")
                .body(Map.of("reason", "复核")).post("/api/v1/observations/" + id + "/reopen").then().statusCode(200);
        given().header("Authorization", COORDINATOR).header("If-Match", "\"3\"").contentType("application/json")
                .body(Map.of("numerator", 889, "denominator", 1000, "reason", "复核后更正")).post("/api/v1/observations/" + id + "/corrections")
                .then().statusCode(200);
        assertThat(evaluate(Map.of("year", 2025, "asOf", "2023H1", "indicator", "preschool-gross-enrolment-rate")).getString("items[0].status"))
                .isEqualTo("ON_TRACK");
        JsonPath latest = evaluate(Map.of("year", 2025, "asOf", "2023H1", "indicator", "preschool-gross-enrolment-rate", "basis", "latest"));
        assertThat(latest.getString("items[0].status")).isEqualTo("AT_RISK");
        assertThat(latest.getString("items[0].explanation.en")).contains("88.9%", "89%", "at risk");
    }

    @Test
    void aReductionIsJudgedOnceItsBaselineIsThere() {
        JsonPath before = evaluate(Map.of("year", 2025, "indicator", "child-injury-mortality-rate"));
        assertThat(before.getString("items[0].status")).isEqualTo("NO_DATA");
        assertThat(before.getString("items[0].reason")).isEqualTo("baseline-missing");
        assertThat(before.getFloat("items[0].inputs.value.value")).isEqualTo(17f);
        TestSupport.enterApproved(COORDINATOR,
                "indicator,region,period,numerator,denominator\nchild-injury-mortality-rate,410402,2020,20,100000\n");
        JsonPath report = evaluate(Map.of("year", 2025, "indicator", "child-injury-mortality-rate"));
        // 20 per 10万 in 2020, 14% less is 17.2: 17 meets it
        assertThat(report.getString("items[0].status")).isEqualTo("MET");
        assertThat(report.getFloat("items[0].inputs.targetValue")).isEqualTo(17.2f);
        assertThat(report.getString("items[0].inputs.baseline.period")).isEqualTo("2020");
    }

    @Test
    void qualitativeGoalsWaitForAnAssessmentAndParametersAreChecked() {
        JsonPath report = evaluate(Map.of("year", 2030));
        assertThat(report.getInt("totals.NEEDS_ASSESSMENT")).isGreaterThan(40);
        given().header("Authorization", Tokens.viewer()).queryParam("region", "410402").get("/api/v1/evaluations")
                .then().statusCode(400).body("violations[0].field", equalTo("year"));
        given().header("Authorization", Tokens.viewer()).queryParam("year", 2025).get("/api/v1/evaluations")
                .then().statusCode(400).body("violations[0].field", equalTo("region"));
        given().header("Authorization", Tokens.viewer()).queryParam("region", "410402").queryParam("year", 2025).queryParam("asOf", "2025Q1")
                .get("/api/v1/evaluations").then().statusCode(400).body("violations[0].field", equalTo("asOf"));
        given().header("Authorization", Tokens.viewer()).queryParam("region", "410402").queryParam("year", 2025).queryParam("basis", "draft")
                .get("/api/v1/evaluations").then().statusCode(400).body("detail", containsString("basis"));
    }
}
