package cn.tongyou.reporting.api;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.reporting.events.Db;
import cn.tongyou.reporting.events.Events;
import cn.tongyou.reporting.events.TopicsTestResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measured facility targets (issue 14) from real events, computed by hand. County 410188, plan started 2023-01-01,
 * judged on 2026-02-01.
 *
 * <p>Schools (child-friendly-school), all in village 410188101001:
 * <ul>
 *   <li>s1 一中, open since 2022-05-01, certified prefecture (市级示范);</li>
 *   <li>s2 二小, open since 2024-03-01, not certified;</li>
 *   <li>s3 三小, planned (not open).</li>
 * </ul>
 * 儿童之家: h1 open, all five items (meets the 五有 standard); h2 open, its checklist lacks "staff" (below standard).
 *
 * <p>Targets, by hand:
 * <ol>
 *   <li><b>count</b> ≥ 3 schools by 2025 (indicator {@code test-school-count}, task 24): open schools = s1, s2 = 2 (s3
 *   is planned). Period 2025 is the target year: 2 &lt; 3 → NOT_MET, value 2, target 3. Period 2024: the count at the
 *   end of 2024 is 2 (s1 and s2 opened before); baseline = the count at the end of 2020 = 0; the line runs 0 → 3 over
 *   2020-end … 2025-end (10 half-years), at 2024-end 8 half-years done → expected 3 × 8/10 = 2.4; 2 &lt; 2.4 →
 *   AT_RISK, "2 of 3, expected 2.4 by now".</li>
 *   <li><b>certified</b> ≥ 1 school certified at prefecture level or above by 2025 ({@code …-certified-prefecture}):
 *   s1 only → 1 ≥ 1 → MET.</li>
 *   <li><b>新建</b> ≥ 2 schools opened since the plan's start 2023-01-01 by 2025 ({@code …-new-since-2023}): s2 only
 *   (s1 opened 2022) → 1 &lt; 2 → NOT_MET. Period 2024: end-2022 count of new schools 0 (baseline, the year before the
 *   start), end-2024 1; expected 0 + 2 × 4/6 = 1.33 → 1 &lt; 1.33 → AT_RISK.</li>
 *   <li><b>standard</b> 儿童之家达标率 ≥ 100 % by 2025 ({@code test-home-standard-rate}, standard 五有): open h1, h2;
 *   meeting h1 → 1/2 = 50.00 % → NOT_MET; the explanation lists h2 with its missing item "staff".</li>
 *   <li><b>standard undefined</b> 儿童友好公园达标率 ≥ 100 % ({@code test-park-standard-rate}, no standard in the
 *   seeds) → NEEDS_ASSESSMENT, reason standard-undefined — never a guess.</li>
 *   <li><b>milestone</b> of task 24 "到2025年建成儿童友好学校3所" (facility type child-friendly-school, value 3, due
 *   2025-12-31): shows the measured count 2 of 3, measuredTargetReached false; its own state is untouched.</li>
 * </ol>
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeasuredFacilityTargetsApiTest {

    static final String C = "410188000000";
    static final String T1 = "410188101000";
    static final String V1 = "410188101001";
    static final String PLAN = "44444444-0000-4000-8000-000000000001";
    static final String TASK = "44444444-0000-4000-8000-000000000002";
    static final String MILESTONE = "44444444-0000-4000-8000-000000000003";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource ds;

    static String id(int n) {
        return String.format("44444444-1111-4000-8000-%012d", n);
    }

    @BeforeAll
    void publish() {
        try (Events e = new Events()) {
            DerivedCoverageApiTest.region(e, C, "手算县", "county", "410100000000", null, null);
            DerivedCoverageApiTest.region(e, T1, "手算镇", "township", C, null, null);
            DerivedCoverageApiTest.region(e, V1, "手算村", "village", T1, "220", null);
            facility(e, id(1), "child-friendly-school", "手算县第一中学", "open", "2022-05-01", "prefecture", true, List.of());
            facility(e, id(2), "child-friendly-school", "手算县第二小学", "open", "2024-03-01", null, true, List.of());
            facility(e, id(3), "child-friendly-school", "手算县第三小学", "planned", null, null, true, List.of());
            facility(e, id(4), "children-home", "手算村儿童之家", "open", "2023-06-01", null, true, List.of());
            facility(e, id(5), "children-home", "手算镇社区儿童之家", "open", "2023-06-01", null, false, List.of("staff"));
            indicator(e, "test-school-count", "儿童友好学校数量", "count", Map.of("facilityType", "child-friendly-school", "measure", "count"));
            indicator(e, "test-school-count-certified-prefecture", "儿童友好学校数量（市级及以上示范）", "count",
                    Map.of("facilityType", "child-friendly-school", "measure", "count", "certifiedAtLeast", "prefecture"));
            indicator(e, "test-school-count-new-since-2023", "儿童友好学校数量（2023-01-01起新建）", "count",
                    Map.of("facilityType", "child-friendly-school", "measure", "count", "openedSince", "2023-01-01"));
            indicator(e, "test-home-standard-rate", "儿童之家达标率", "percentage",
                    Map.of("facilityType", "children-home", "measure", "standard", "standard", "五有"));
            indicator(e, "test-park-standard-rate", "儿童友好公园达标率（标准未定义）", "percentage",
                    Map.of("facilityType", "child-friendly-park", "measure", "standard"));
            target(e, id(11), "test-school-count", 3, "24");
            target(e, id(12), "test-school-count-certified-prefecture", 1, "24");
            target(e, id(13), "test-school-count-new-since-2023", 2, "24");
            target(e, id(14), "test-home-standard-rate", 100, "29");
            target(e, id(15), "test-park-standard-rate", 100, "33");
            e.send("cfc.plan.changed.v1", Events.example("cfc.plan.changed.v1", n -> {
                n.put("id", PLAN);
                n.put("regionCode", C);
            }));
            e.send("cfc.task.changed.v1", Events.example("cfc.task.changed.v1", n -> {
                n.put("id", TASK);
                n.put("planId", PLAN);
                n.put("regionCode", C);
                n.put("number", "24");
            }));
            e.send("cfc.milestone.changed.v1", Events.example("cfc.milestone.changed.v1", n -> {
                n.put("id", MILESTONE);
                n.put("taskId", TASK);
                n.put("planId", PLAN);
                n.put("regionCode", C);
                n.put("dueDate", "2025-12-31");
                n.put("statement", "到2025年建成儿童友好学校3所");
                n.put("value", 3);
                n.put("facilityType", "child-friendly-school");
                n.put("status", "open");
                n.put("version", 1);
                n.putNull("doneOn");
                n.putNull("evidence");
                n.putNull("completedByReport");
            }));
        }
        Db.await(ds, "3"::equals, "select count(*) from region_projection where id like '410188%'");
        Db.await(ds, "5"::equals, "select count(*) from facility_projection where region_code like '410188%'");
        Db.await(ds, "5"::equals, "select count(*) from target_projection where region_code = ?", C);
        Db.await(ds, "5"::equals, "select count(*) from indicator_projection where id in ('test-school-count', "
                + "'test-school-count-certified-prefecture', 'test-school-count-new-since-2023', 'test-home-standard-rate', 'test-park-standard-rate')");
        Db.await(ds, "1"::equals, "select count(*) from milestone_projection where id = ?", MILESTONE);
        Db.await(ds, "1"::equals, "select count(*) from task_projection where id = ?", TASK);
    }

    JsonPath compliance(String period) {
        return given().header("Authorization", "Bearer " + DevTokens.mint("test-coordinator", Set.of("coordinator"), C))
                .queryParam("region", C).queryParam("period", period).queryParam("asOf", "2026-02-01")
                .when().get("/api/v1/compliance").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    static Map<String, Map<String, Object>> byIndicator(JsonPath j) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        List<Map<String, Object>> targets = j.getList("targets");
        targets.forEach(t -> m.put((String) t.get("indicatorCode"), t));
        return m;
    }

    static String plain(Object o) {
        return o == null ? null : new BigDecimal(String.valueOf(o)).stripTrailingZeros().toPlainString();
    }

    @Test
    void theTargetYearJudgesEachMeasuredTargetAsComputedByHand() {
        JsonPath j = compliance("2025");
        Map<String, Map<String, Object>> t = byIndicator(j);
        assertThat(t.values()).allMatch(x -> Boolean.TRUE.equals(x.get("derived")));
        assertThat(t.get("test-school-count")).containsEntry("status", "NOT_MET");
        assertThat(plain(t.get("test-school-count").get("value"))).isEqualTo("2");
        assertThat(plain(t.get("test-school-count").get("targetValue"))).isEqualTo("3");
        assertThat(t.get("test-school-count-certified-prefecture")).containsEntry("status", "MET");
        assertThat(plain(t.get("test-school-count-certified-prefecture").get("value"))).isEqualTo("1");
        assertThat(t.get("test-school-count-new-since-2023")).containsEntry("status", "NOT_MET");
        assertThat(plain(t.get("test-school-count-new-since-2023").get("value"))).isEqualTo("1");
        Map<String, Object> standard = t.get("test-home-standard-rate");
        assertThat(standard).containsEntry("status", "NOT_MET");
        assertThat(plain(standard.get("value"))).isEqualTo("50");
        assertThat((String) standard.get("explanation")).contains("手算镇社区儿童之家").contains("staff");
        Map<String, Object> undefined = t.get("test-park-standard-rate");
        assertThat(undefined).containsEntry("status", "NEEDS_ASSESSMENT").containsEntry("reason", "standard-undefined");
        // the milestone of task 24 shows the measured count, not yet reached; its own state is unchanged
        assertThat(j.getString("milestones[0].id")).isEqualTo(MILESTONE);
        assertThat(j.getString("milestones[0].measuredTargetId")).isEqualTo(id(11));
        assertThat(plain(j.get("milestones[0].measuredValue"))).isEqualTo("2");
        assertThat(plain(j.get("milestones[0].measuredTargetValue"))).isEqualTo("3");
        assertThat(j.getBoolean("milestones[0].measuredTargetReached")).isFalse();
        assertThat(j.getString("milestones[0].milestoneStatus")).isEqualTo("open");
    }

    @Test
    void beforeTheTargetYearTheTrajectoryGivesTheExpectedCount() {
        Map<String, Map<String, Object>> t = byIndicator(compliance("2024"));
        Map<String, Object> count = t.get("test-school-count");
        assertThat(count).containsEntry("status", "AT_RISK");
        assertThat(plain(count.get("value"))).isEqualTo("2");
        assertThat(plain(count.get("baseline"))).isEqualTo("0");
        assertThat(count.get("baselinePeriod")).isEqualTo("2020");
        assertThat(plain(count.get("expected"))).isEqualTo("2.4");
        Map<String, Object> fresh = t.get("test-school-count-new-since-2023");
        assertThat(fresh).containsEntry("status", "AT_RISK");
        assertThat(plain(fresh.get("value"))).isEqualTo("1");
        assertThat(fresh.get("baselinePeriod")).isEqualTo("2022");
        assertThat(new BigDecimal(String.valueOf(fresh.get("expected")))).isBetween(new BigDecimal("1.33"), new BigDecimal("1.34"));
    }

    static void facility(Events e, String id, String type, String name, String status, String openedOn, String certified, boolean meets,
                         List<String> gaps) {
        e.send("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
            n.put("id", id);
            n.put("type", type);
            n.put("name", name);
            n.put("regionCode", V1);
            n.put("status", status);
            n.put("statusSince", openedOn == null ? "2025-01-01" : openedOn);
            if (openedOn == null) {
                n.putNull("openedOn");
            } else {
                n.put("openedOn", openedOn);
            }
            if (certified == null) {
                n.putNull("certificationLevel");
            } else {
                n.put("certificationLevel", certified);
            }
            n.put("meetsStandard", meets);
            n.set("standardGaps", JSON.valueToTree(gaps));
            n.putNull("hostFacilityId");
            n.putNull("hostRequired");
            n.set("attributes", JSON.createObjectNode());
            if (!type.equals("children-home")) {
                n.set("checklist", JSON.createObjectNode());
            }
        }));
    }

    static void indicator(Events e, String code, String name, String valueType, Map<String, Object> derivation) {
        DerivedCoverageApiTest.indicator(e, code, name, valueType, derivation);
    }

    static void target(Events e, String id, String indicator, int value, String task) {
        e.send("cfc.target.changed.v1", Events.example("cfc.target.changed.v1", n -> {
            n.put("id", id);
            n.put("indicatorCode", indicator);
            n.put("regionCode", C);
            n.put("year", 2025);
            n.put("kind", ">=");
            n.put("value", value);
            n.putNull("baselineYear");
            n.put("text", "≥" + value);
            ObjectNode source = (ObjectNode) n.get("source");
            source.put("kind", "facility-target");
            source.put("number", task);
        }));
    }
}
