package cn.tongyou.reporting.api;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.reporting.events.Db;
import cn.tongyou.reporting.events.Events;
import cn.tongyou.reporting.events.TopicsTestResource;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Derived indicators from real facility and region events (county 410187, judged for 2025 on 2026-02-01), computed by
 * hand:
 * <ul>
 *   <li>villages (城乡分类代码; 儿童之家 open and up to standard?): T1 v1 111 yes, v2 220 yes, v3 220 no; T2 v4 121 yes,
 *   v5 210 yes, v6 none yes, v7 220 retired in 2024 yes, v8 220 no → all 5/7, rural 2/4 (v2, v5 of v2, v3, v5, v8),
 *   urban 2/2;</li>
 *   <li>public places, hostRequired as the facility service derives it (floor area or daily visitors ≥ 10,000): p1
 *   12,000 m² with an open standard 母婴室 → covered; p2 15,000 visitors a day, its 母婴室 below standard → uncovered;
 *   p3 800 m² and 2,000 visitors (not obliged) with a 母婴室 → not counted; p4 obliged but closed → not counted → 1/2;</li>
 *   <li>the count of open standard 儿童之家: 6 (the one in the retired village included).</li>
 * </ul>
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DerivedCoverageApiTest {

    static final String C = "410187000000";
    static final String T1 = "410187101000";
    static final String T2 = "410187102000";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource ds;

    static String id(int n) {
        return String.format("33333333-0000-4000-8000-%012d", n);
    }

    @BeforeAll
    void publish() {
        try (Events e = new Events()) {
            region(e, C, "测试市", "county", "410100000000", null, null);
            region(e, T1, "一镇", "township", C, null, null);
            region(e, T2, "二镇", "township", C, null, null);
            region(e, "410187101001", "一村", "village", T1, "111", null);
            region(e, "410187101002", "二村", "village", T1, "220", null);
            region(e, "410187101003", "三村", "village", T1, "220", null);
            region(e, "410187102004", "四村", "village", T2, "121", null);
            region(e, "410187102005", "五村", "village", T2, "210", null);
            region(e, "410187102006", "六村", "village", T2, null, null);
            region(e, "410187102007", "七村", "village", T2, "220", "2024-06-30");
            region(e, "410187102008", "八村", "village", T2, "220", null);
            int n = 1;
            for (String v : List.of("410187101001", "410187101002", "410187102004", "410187102005", "410187102006", "410187102007")) {
                facility(e, id(n++), "children-home", v, "open", true, null, null, null);
            }
            facility(e, id(11), "public-place", "410187101001", "open", true, null, true, Map.of("floorAreaM2", 12000, "dailyVisitors", 3000));
            facility(e, id(12), "public-place", "410187102004", "open", true, null, true, Map.of("dailyVisitors", 15000));
            facility(e, id(13), "public-place", "410187102005", "open", true, null, false, Map.of("floorAreaM2", 800, "dailyVisitors", 2000));
            facility(e, id(14), "public-place", "410187102006", "closed", true, null, true, Map.of("floorAreaM2", 30000));
            facility(e, id(21), "mother-baby-room", "410187101001", "open", true, id(11), null, null);
            facility(e, id(22), "mother-baby-room", "410187102004", "open", false, id(12), null, null);
            facility(e, id(23), "mother-baby-room", "410187102005", "open", true, id(13), null, null);
            facility(e, id(24), "mother-baby-room", "410187102006", "open", true, id(14), null, null);
            indicator(e, "test-home-coverage", "儿童之家覆盖率", "percentage", Map.of("facilityType", "children-home", "measure", "coverage", "level", "village"));
            indicator(e, "test-rural-home-coverage", "农村社区儿童之家覆盖率", "percentage",
                    Map.of("facilityType", "children-home", "measure", "coverage", "level", "village", "area", "rural"));
            indicator(e, "test-urban-home-coverage", "城市社区儿童之家覆盖率", "percentage",
                    Map.of("facilityType", "children-home", "measure", "coverage", "level", "village", "area", "urban"));
            indicator(e, "test-mother-baby-rate", "母婴室配置率", "percentage",
                    Map.of("facilityType", "mother-baby-room", "measure", "coverage", "hostBased", true));
            indicator(e, "test-home-count", "儿童之家数量", "count", Map.of("facilityType", "children-home", "measure", "count"));
            target(e, id(31), "test-home-coverage", 70);
            target(e, id(32), "test-rural-home-coverage", 60);
            target(e, id(33), "test-urban-home-coverage", 90);
            target(e, id(34), "test-mother-baby-rate", 80);
            target(e, id(35), "test-home-count", 5);
        }
        Db.await(ds, "11"::equals, "select count(*) from region_projection where id like '410187%'");
        Db.await(ds, "14"::equals, "select count(*) from facility_projection where region_code like '410187%'");
        Db.await(ds, "5"::equals, "select count(*) from indicator_projection where id like 'test-%'");
        Db.await(ds, "5"::equals, "select count(*) from target_projection where region_code = ?", C);
    }

    @Test
    void derivedValuesByAreaAndHostPlaces() {
        JsonPath j = given().header("Authorization", "Bearer " + DevTokens.mint("test-viewer", Set.of("viewer"), "410187"))
                .queryParam("region", "410187").queryParam("period", "2025").queryParam("asOf", "2026-02-01")
                .when().get("/api/v1/compliance").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> statuses = new LinkedHashMap<>();
        List<Map<String, Object>> targets = j.getList("targets");
        for (Map<String, Object> t : targets) {
            values.put((String) t.get("indicatorCode"), new BigDecimal(String.valueOf(t.get("value"))).toPlainString());
            statuses.put((String) t.get("indicatorCode"), (String) t.get("status"));
            assertThat(t.get("derived")).isEqualTo(true);
        }
        assertThat(values).containsExactly(Map.entry("test-home-count", "6"), Map.entry("test-home-coverage", "71.43"),
                Map.entry("test-mother-baby-rate", "50.00"), Map.entry("test-rural-home-coverage", "50.00"),
                Map.entry("test-urban-home-coverage", "100.00"));
        assertThat(statuses).containsExactly(Map.entry("test-home-count", "MET"), Map.entry("test-home-coverage", "MET"),
                Map.entry("test-mother-baby-rate", "NOT_MET"), Map.entry("test-rural-home-coverage", "NOT_MET"),
                Map.entry("test-urban-home-coverage", "MET"));
        assertThat(j.getInt("facilities[0].eligible")).isEqualTo(7);
        assertThat(j.getInt("facilities[0].covered")).isEqualTo(5);
        assertThat(j.getList("facilities[0].uncovered.code")).containsExactly("410187101003", "410187102008");
        assertThat(j.getList("warnings.kind")).contains("target-not-met", "coverage-gap");
    }

    static void region(Events e, String code, String name, String level, String parent, String urbanRural, String validTo) {
        e.send("cfc.region.changed.v1", Events.example("cfc.region.changed.v1", n -> {
            n.put("code", code);
            n.put("name", name);
            n.put("level", level);
            n.put("parentCode", parent);
            n.put("urbanRuralCode", urbanRural);
            n.put("validTo", validTo);
        }));
    }

    static void facility(Events e, String id, String type, String region, String status, boolean meets, String host, Boolean hostRequired,
                         Map<String, Object> attributes) {
        e.send("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
            n.put("id", id);
            n.put("type", type);
            n.put("regionCode", region);
            n.put("status", status);
            n.put("meetsStandard", meets);
            n.put("hostFacilityId", host);
            if (hostRequired == null) {
                n.putNull("hostRequired");
            } else {
                n.put("hostRequired", hostRequired);
            }
            n.set("attributes", JSON.valueToTree(attributes == null ? Map.of() : attributes));
            if (!status.equals("open")) {
                n.put("closedOn", "2025-01-01");
            }
        }));
    }

    static void indicator(Events e, String code, String name, String valueType, Map<String, Object> derivation) {
        e.send("cfc.indicator.changed.v1", Events.example("cfc.indicator.changed.v1", n -> {
            n.put("code", code);
            n.put("name", name);
            n.put("domain", "公共服务友好");
            n.put("unit", valueType.equals("count") ? "个" : "%");
            n.put("valueType", valueType);
            n.put("direction", "increase");
            n.put("precision", valueType.equals("count") ? 0 : 2);
            n.put("obtained", "derived");
            n.putNull("computation");
            n.set("derivation", JSON.valueToTree(derivation));
            n.putArray("departments").add("市妇儿工委办");
        }));
    }

    static void target(Events e, String id, String indicator, int value) {
        e.send("cfc.target.changed.v1", Events.example("cfc.target.changed.v1", n -> {
            n.put("id", id);
            n.put("indicatorCode", indicator);
            n.put("regionCode", C);
            n.put("year", 2025);
            n.put("kind", ">=");
            n.put("value", value);
            n.putNull("baselineYear");
            n.put("text", "≥" + value);
        }));
    }
}
