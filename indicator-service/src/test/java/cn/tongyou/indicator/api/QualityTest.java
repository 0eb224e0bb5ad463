package cn.tongyou.indicator.api;

import cn.tongyou.indicator.events.QualityFindingEvents;
import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.local.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Data quality over HTTP: rules as data (steward only, If-Match, soft delete, bad input), the rules and the outlier score
 * applied on entry, the submission gate (a blocking rule refuses with the values, a warning does not), clearing with a
 * comment under four eyes, the whole-region check and the events. Each test uses its own region (the tests share one
 * database) and the test indicators below, never the seeded mortality rules' indicators.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class QualityTest {

    static final String BOYS = "t-q-boys";
    static final String GIRLS = "t-q-girls";
    static final String TOTAL = "t-q-total";
    static final String BEDS = "t-q-beds";
    static final String WARN_A = "t-q-warn-a";
    static final String WARN_B = "t-q-warn-b";
    static final String SEX_RULE = "t-q-boys-plus-girls";
    static final String WARN_RULE = "t-q-warn";

    @Inject
    AgroalDataSource dataSource;

    static String steward() {
        return Tokens.admin();
    }

    static String reporter(String region, String who) {
        return "Bearer " + DevTokens.mint(who, Set.of("reporter"), region, "区统计局", Duration.ofHours(1));
    }

    static String coordinator(String region, String who) {
        return "Bearer " + DevTokens.mint(who, Set.of("coordinator"), region, null, Duration.ofHours(1));
    }

    @BeforeEach
    void indicatorsAndRules() {
        TestSupport.ensureDomain(TestIndicators.DOMAIN);
        for (String[] i : new String[][] {{BOYS, "测试男童人数"}, {GIRLS, "测试女童人数"}, {TOTAL, "测试儿童人数"}, {BEDS, "测试床位数"},
                {WARN_A, "测试警告甲"}, {WARN_B, "测试警告乙"}}) {
            TestSupport.ensureIndicator(i[0], Map.of("name", i[1], "domain", TestIndicators.DOMAIN, "unit", "人", "valueType", "count",
                    "direction", "increase", "obtained", "reported"));
        }
        ensureRule(SEX_RULE, Map.of("name", "男童 + 女童 = 儿童合计", "left", "#{" + BOYS + "} + #{" + GIRLS + "}", "operator", "==",
                "right", "#{" + TOTAL + "}", "importance", "high", "blocking", true));
        ensureRule(WARN_RULE, Map.of("name", "甲不超过乙", "left", "#{" + WARN_A + "}", "operator", "<=", "right", "#{" + WARN_B + "}",
                "importance", "low", "blocking", false));
    }

    static void ensureRule(String code, Map<String, Object> body) {
        if (given().header("Authorization", steward()).get("/api/v1/validation-rules/" + code).statusCode() == 404) {
            given().header("Authorization", steward()).contentType("application/json").body(body)
                    .put("/api/v1/validation-rules/" + code).then().statusCode(201);
        }
    }

    static String enter(String token, String indicator, String region, String period, Object value, String status) {
        Map<String, Object> body = new HashMap<>(Map.of("indicator", indicator, "region", region, "period", period, "value", value));
        if (status != null) {
            body.put("status", status);
        }
        return given().header("Authorization", token).contentType("application/json").body(body)
                .post("/api/v1/observations").then().statusCode(201).extract().path("id");
    }

    static JsonPath findings(String token, String region, String period, String status) {
        return given().header("Authorization", token).queryParam("region", region).queryParam("period", period).queryParam("status", status)
                .get("/api/v1/quality-findings").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aStewardWritesRulesWithIfMatchAndDeletesThemSoftly() {
        String url = "/api/v1/validation-rules/t-q-crud";
        Map<String, Object> body = new HashMap<>(Map.of("name", "床位不超过儿童数", "left", "#{" + BEDS + "}", "operator", "<=",
                "right", "#{" + TOTAL + "} * 2", "blocking", false));
        // a county coordinator is no steward
        given().header("Authorization", Tokens.coordinator("410182")).contentType("application/json").body(body).put(url)
                .then().statusCode(403).contentType("application/problem+json");
        long auditBefore = TestSupport.count(dataSource, "select count(*) from audit_record where aggregate_type = 'validation-rule'");
        given().header("Authorization", steward()).contentType("application/json").body(body).put(url)
                .then().statusCode(201).header("ETag", "\"1\"").body("kind", equalTo("rule")).body("importance", equalTo("medium"))
                .body("missingValues", equalTo("skip-if-any-missing")).body("indicatorCodes", equalTo(List.of(BEDS, TOTAL)));
        // the same body again is a no-op; a change needs If-Match
        given().header("Authorization", steward()).contentType("application/json").body(body).put(url).then().statusCode(200).header("ETag", "\"1\"");
        body.put("operator", "<");
        given().header("Authorization", steward()).contentType("application/json").body(body).put(url).then().statusCode(428);
        given().header("Authorization", steward()).header("If-Match", "\"7\"").contentType("application/json").body(body).put(url).then().statusCode(412);
        given().header("Authorization", steward()).header("If-Match", "\"1\"").contentType("application/json").body(body).put(url)
                .then().statusCode(200).header("ETag", "\"2\"").body("operator", equalTo("<"));
        given().header("Authorization", Tokens.viewer()).get(url).then().statusCode(200).body("version", equalTo(2));
        given().header("Authorization", Tokens.viewer()).queryParam("indicator", BEDS).get("/api/v1/validation-rules")
                .then().statusCode(200).body("items.code", hasItem("t-q-crud"));
        // soft delete: gone from reads, the code is not reused
        given().header("Authorization", steward()).delete(url).then().statusCode(428);
        given().header("Authorization", steward()).header("If-Match", "\"2\"").delete(url).then().statusCode(204);
        given().header("Authorization", Tokens.viewer()).get(url).then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", steward()).contentType("application/json").body(body).put(url).then().statusCode(409);
        assertThat(TestSupport.count(dataSource, "select count(*) from validation_rule where code = 't-q-crud' and deleted_at is not null")).isEqualTo(1);
        assertThat(TestSupport.count(dataSource, "select count(*) from audit_record where aggregate_type = 'validation-rule'"))
                .isEqualTo(auditBefore + 3);
    }

    @Test
    void aBadRuleIsRefusedNamingTheFieldAndThePosition() {
        String url = "/api/v1/validation-rules/t-q-bad";
        given().header("Authorization", steward()).contentType("application/json")
                .body(Map.of("name", "坏规则", "left", "#{" + BOYS + "} + ", "operator", "<=", "right", "#{" + TOTAL + "}", "blocking", true))
                .put(url).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("left")).body("violations[0].message", containsString("at position 15"));
        given().header("Authorization", steward()).header("Accept-Language", "zh-CN").contentType("application/json")
                .body(Map.of("name", "坏规则", "left", "#{" + BOYS + "} * #{" + GIRLS + "}", "operator", "<=", "right", "1", "blocking", true))
                .put(url).then().statusCode(400).body("violations[0].message", containsString("第 15 个字符处"));
        given().header("Authorization", steward()).contentType("application/json")
                .body(Map.of("name", "坏规则", "left", "#{no-such-indicator}", "operator", "<=", "right", "#{" + TOTAL + "}.numerator",
                        "blocking", true))
                .put(url).then().statusCode(400).body("violations.field", hasItem("left"))
                .body("violations.message", hasItem(containsString("unknown indicator no-such-indicator")));
        given().header("Authorization", steward()).contentType("application/json")
                .body(Map.of("name", "坏规则", "left", "#{" + TOTAL + ".numerator}", "operator", "=<", "right", "1", "importance", "urgent",
                        "missingValues", "sometimes", "blocking", true))
                .put(url).then().statusCode(400).body("violations.field", equalTo(List.of("left", "operator", "importance", "missingValues")));
        given().header("Authorization", steward()).contentType("application/json").body(Map.of("name", "坏规则", "left", "1", "operator", "<",
                "right", "2", "blocking", true)).put(url).then().statusCode(400).body("violations[0].message", containsString("at least one"));
        given().header("Authorization", steward()).contentType("application/json").body(Map.of("name", "x".repeat(201), "left", "1",
                "operator", "<", "right", "#{" + TOTAL + "}")).put(url).then().statusCode(400)
                .body("violations.field", hasItem("name")).body("violations.field", hasItem("blocking"));
        given().header("Authorization", steward()).contentType("application/json").body(Map.of("name", "坏规则", "left", "1",
                "operator", "<", "right", "#{" + TOTAL + "}", "blocking", true)).put("/api/v1/validation-rules/Bad_Code").then().statusCode(400);
        assertThat(TestSupport.count(dataSource, "select count(*) from validation_rule where code = 't-q-bad'")).isZero();
    }

    @Test
    void aBlockingViolationRefusesTheSubmissionListingTheValuesAndACorrectionResolvesIt() {
        String region = "420102";
        String period = "2025";
        String reporter = reporter(region, "q-reporter-1");
        enter(reporter, BOYS, region, period, 51, null);
        enter(reporter, GIRLS, region, period, 48, null);
        // the third value completes the rule: 51 + 48 = 99 ≠ 100, found on entry and listed with the value
        JsonPath created = given().header("Authorization", reporter).contentType("application/json")
                .body(Map.of("indicator", TOTAL, "region", region, "period", period, "value", 100))
                .post("/api/v1/observations").then().statusCode(201).extract().jsonPath();
        String total = created.getString("id");
        assertThat(created.getList("qualityFindings.ruleCode")).containsExactly(SEX_RULE);
        assertThat(created.getString("qualityFindings[0].status")).isEqualTo("open");
        assertThat(created.getList("qualityFindings[0].values.value", Float.class)).containsExactly(51f, 48f, 100f);

        // submitting is refused with the rule and its values; nothing changes
        given().header("Authorization", reporter).header("If-Match", "\"1\"").post("/api/v1/observations/" + total + "/submit")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://tongyou.cn/problems/quality-rule-violated"))
                .body("violations[0].field", equalTo(SEX_RULE))
                .body("violations[0].message", containsString("left 99 == right 100"))
                .body("violations[0].message", containsString("#{" + BOYS + "} = 51"));
        // entering a value already submitted passes the same gate
        given().header("Authorization", reporter).contentType("application/json")
                .body(Map.of("indicator", BOYS, "region", region + "001", "period", period, "value", 1, "status", "submitted"))
                .post("/api/v1/observations").then().statusCode(201);
        given().header("Authorization", reporter).get("/api/v1/observations/" + total).then().statusCode(200)
                .body("status", equalTo("draft")).body("qualityFindings[0].ruleCode", equalTo(SEX_RULE));

        // the correction makes the rule pass: the finding is resolved, the value goes up
        given().header("Authorization", reporter).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("value", 99, "reason", "合计按分性别数据复核")).post("/api/v1/observations/" + total + "/corrections")
                .then().statusCode(200).body("qualityFindings", equalTo(List.of()));
        assertThat(findings(Tokens.viewer(), region, period, "resolved").getList("items.ruleCode")).containsExactly(SEX_RULE);
        given().header("Authorization", reporter).header("If-Match", "\"2\"").post("/api/v1/observations/" + total + "/submit")
                .then().statusCode(200).body("status", equalTo("submitted"));
    }

    @Test
    void aWarningDoesNotBlockAndACoordinatorClearsItWithAComment() {
        String region = "420103";
        String period = "2025H1";
        String reporter = reporter(region, "q-reporter-2");
        String coordinator = coordinator(region, "q-coordinator-2");
        enter(reporter, WARN_B, region, period, 3, null);
        String a = enter(reporter, WARN_A, region, period, 5, null);
        given().header("Authorization", reporter).header("If-Match", "\"1\"").post("/api/v1/observations/" + a + "/submit")
                .then().statusCode(200);
        JsonPath open = findings(coordinator, region, period, "open");
        assertThat(open.getList("items.ruleCode")).containsExactly(WARN_RULE);
        assertThat(open.getBoolean("items[0].blocking")).isFalse();
        assertThat(open.getString("items[0].importance")).isEqualTo("low");
        String id = open.getString("items[0].id");
        String url = "/api/v1/quality-findings/" + id + "/clear";

        // four eyes: the person who entered a value involved does not clear its finding
        String selfCoordinator = coordinator(region, "q-reporter-2");
        given().header("Authorization", selfCoordinator).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("comment", "属实")).post(url).then().statusCode(403);
        given().header("Authorization", reporter).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("comment", "属实")).post(url).then().statusCode(403);
        given().header("Authorization", coordinator).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of()).post(url).then().statusCode(400).body("violations[0].field", equalTo("comment"));
        given().header("Authorization", coordinator).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("comment", "长".repeat(2001))).post(url).then().statusCode(400);
        given().header("Authorization", coordinator).contentType("application/json").body(Map.of("comment", "属实")).post(url).then().statusCode(428);
        given().header("Authorization", coordinator(("440000"), "q-outsider")).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("comment", "属实")).post(url).then().statusCode(404);
        given().header("Authorization", coordinator).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("comment", "已核实：甲项含跨区就读人数，数值属实")).post(url)
                .then().statusCode(200).header("ETag", "\"2\"").body("status", equalTo("cleared"))
                .body("clearedBy", equalTo("q-coordinator-2")).body("comment", equalTo("已核实：甲项含跨区就读人数，数值属实"));
        given().header("Authorization", coordinator).header("If-Match", "\"2\"").contentType("application/json")
                .body(Map.of("comment", "再次")).post(url).then().statusCode(409);
        // a whole-region check leaves a cleared finding cleared while the values are the same
        given().header("Authorization", coordinator).contentType("application/json").body(Map.of("region", region, "period", period))
                .post("/api/v1/quality-checks").then().statusCode(200).body("violations[0].status", equalTo("cleared"));
        assertThat(TestSupport.count(dataSource, "select count(*) from audit_record where aggregate_id = '" + id
                + "' and actor_subject = 'q-coordinator-2'")).isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(PlatformTestResource.kafka().bootstrapServers(),
                QualityFindingEvents.TOPIC, seen -> seen.stream().filter(r -> id.equals(r.key())).count() >= 2, Duration.ofSeconds(60));
        assertThat(records.stream().filter(r -> id.equals(r.key())).map(r -> JsonPath.from(new String(r.value(), StandardCharsets.UTF_8))))
                .anySatisfy(v -> {
                    assertThat(v.getString("status")).isEqualTo("cleared");
                    assertThat(v.getString("clearedBy")).isEqualTo("q-coordinator-2");
                    assertThat(v.getInt("version")).isEqualTo(2);
                });
    }

    @Test
    void aWholeRegionCheckListsEveryViolationWithItsValuesAndScoresOutliers() {
        String region = "420104";
        String coordinator = coordinator("4201", "q-coordinator-3");
        String reporter = reporter(region, "q-reporter-3");
        // history 10, 12, 11, 13, 12 (2020 … 2024), entered before any check; 2025: 30 → M = 0.6745 · 18 / 1 = 12.141
        String csv = "indicator,region,period,value\n" + BEDS + "," + region + ",2020,10\n" + BEDS + "," + region + ",2021,12\n"
                + BEDS + "," + region + ",2022,11\n" + BEDS + "," + region + ",2023,13\n" + BEDS + "," + region + ",2024,12\n";
        given().header("Authorization", reporter).contentType("text/csv").body(csv).post("/api/v1/observations/batch").then().statusCode(200);
        JsonPath beds = given().header("Authorization", reporter).contentType("application/json")
                .body(Map.of("indicator", BEDS, "region", region, "period", "2025", "value", 30))
                .post("/api/v1/observations").then().statusCode(201).extract().jsonPath();
        assertThat(beds.getList("qualityFindings.kind")).containsExactly("outlier");
        assertThat(beds.getDouble("qualityFindings[0].score")).isEqualTo(12.141);
        assertThat(beds.getString("qualityFindings[0].message")).contains("median 12", "5 earlier periods", "12.141");
        // a village of the region, with a violation of the sex rule
        String village = region + "001";
        enter(reporter, BOYS, village, "2025", 7, null);
        enter(reporter, GIRLS, village, "2025", 7, null);
        enter(reporter, TOTAL, village, "2025", 15, null);

        JsonPath check = given().header("Authorization", coordinator).contentType("application/json")
                .body(Map.of("region", region, "period", "2025", "descendants", true))
                .post("/api/v1/quality-checks").then().statusCode(200).extract().jsonPath();
        assertThat(check.getInt("regionsChecked")).isEqualTo(2);
        assertThat(check.getList("violations.kind")).containsExactlyInAnyOrder("outlier", "rule");
        assertThat(check.getList("violations.region")).containsExactlyInAnyOrder(region + "000000", village + "000");
        assertThat(check.getList("violations.find { it.kind == 'rule' }.values.indicator")).containsExactly(BOYS, GIRLS, TOTAL);
        assertThat(check.getList("violations.find { it.kind == 'rule' }.values.value", Float.class)).containsExactly(7f, 7f, 15f);
        assertThat(check.getInt("opened")).isZero();

        JsonPath outliers = given().header("Authorization", coordinator).queryParam("region", region).queryParam("kind", "outlier")
                .get("/api/v1/quality-findings").then().statusCode(200).extract().jsonPath();
        assertThat(outliers.getInt("total")).isEqualTo(1);

        // bad input
        given().header("Authorization", coordinator).contentType("application/json").body(Map.of("region", "42x", "period", "2025"))
                .post("/api/v1/quality-checks").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("region"));
        given().header("Authorization", coordinator).contentType("application/json").body(Map.of("region", region))
                .post("/api/v1/quality-checks").then().statusCode(400).body("violations[0].field", equalTo("period"));
        given().header("Authorization", coordinator).contentType("application/json").body(Map.of("region", "440000", "period", "2025"))
                .post("/api/v1/quality-checks").then().statusCode(403);
        given().header("Authorization", coordinator).queryParam("status", "closed").get("/api/v1/quality-findings").then().statusCode(400)
                .body("violations[0].field", equalTo("status"));
        given().header("Authorization", coordinator).get("/api/v1/quality-findings/not-a-uuid").then().statusCode(400);
    }
}
