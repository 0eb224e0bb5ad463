package cn.tongyou.reporting.api;

import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.reporting.events.Db;
import cn.tongyou.reporting.events.Events;
import cn.tongyou.reporting.events.TopicsTestResource;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static cn.tongyou.reporting.api.ComplianceApiTest.bearer;
import static cn.tongyou.reporting.api.ComplianceApiTest.region;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Completeness of a city (许昌市 411000) with two counties for 2026H2 (deadline 2027-01-15), from real events on the
 * broker, computed by hand:
 *
 * <pre>
 *                    values exp/rec/on time/acc   reports exp/rec/on time   all exp/rec/on time   received rate
 * county 411002      2 / 2 / 1 / 1                1 / 1 / 0 (late)          3 / 3 / 1             1.0
 *   ct-a: 2025 and 2030 targets, the 2030 one in force (unit 市卫健委); approved, on time. ct-b: submitted late
 * county 411003      4 / 1 / 1 / 0                0                         4 / 1 / 1             0.25
 *   ct-a submitted on time; ct-b draft; ct-c, ct-d nothing; ct-x derived from facilities, not expected
 * city               6 / 3 / 2 / 1 (0.5)          1 / 1 / 0                 7 / 4 / 2             4/7 = 0.5714, not (1.0 + 0.25) / 2
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestProfile(CompletenessApiTest.BusinessDate.class)
class CompletenessApiTest {

    /** The business date moved by cfc.schedule.today (as for a rehearsal): the default day of every answer. */
    public static class BusinessDate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cfc.schedule.today", "2027-02-01");
        }
    }

    static final String CITY = "411000000000";
    static final String C1 = "411002000000";
    static final String C2 = "411003000000";
    static final String T1 = "411002001000";
    static final String PLAN = "22222222-2222-4333-8444-000000000001";
    static final String TASK = "22222222-2222-4333-8444-000000000002";
    static final String UNIT = "22222222-2222-4333-8444-000000000003";
    static final String REPORT = "22222222-2222-4333-8444-000000000004";

    @Inject
    AgroalDataSource ds;

    @BeforeAll
    void publish() {
        try (Events e = new Events()) {
            region(e, CITY, "许昌市", "prefecture", "410000000000");
            region(e, C1, "魏都区", "county", CITY);
            region(e, C2, "建安区", "county", CITY);
            region(e, T1, "西大街道", "township", C1);
            for (String code : List.of("ct-a", "ct-b", "ct-c", "ct-d")) {
                e.send("cfc.indicator.changed.v1", Events.example("cfc.indicator.changed.v1", n -> {
                    n.put("code", code);
                    n.put("name", "完整性指标 " + code);
                    n.put("obtained", "reported");
                    n.putNull("computation");
                    n.putArray("periodTypes").add("year").add("half-year");
                    n.putArray("departments").add("市教育局");
                }));
            }
            e.send("cfc.indicator.changed.v1", Events.example("cfc.indicator.changed.v1", n -> {
                n.put("code", "ct-x");
                n.put("obtained", "derived");
                n.putNull("computation");
                n.putObject("derivation").put("facilityType", "children-home").put("measure", "coverage").put("level", "village");
                n.putArray("periodTypes").add("year").add("half-year");
            }));
            target(e, "22222222-2222-4333-8444-100000000001", "ct-a", C1, 2025, "旧单位");
            target(e, "22222222-2222-4333-8444-100000000002", "ct-a", C1, 2030, "市卫健委");
            target(e, "22222222-2222-4333-8444-100000000003", "ct-b", C1, 2030, null);
            target(e, "22222222-2222-4333-8444-100000000004", "ct-a", C2, 2030, null);
            target(e, "22222222-2222-4333-8444-100000000005", "ct-b", C2, 2030, null);
            target(e, "22222222-2222-4333-8444-100000000006", "ct-c", C2, 2030, null);
            target(e, "22222222-2222-4333-8444-100000000007", "ct-d", C2, 2030, null);
            target(e, "22222222-2222-4333-8444-100000000008", "ct-x", C2, 2030, null);
            observation(e, "22222222-2222-4333-8444-200000000001", "ct-a", C1, "approved", "2027-01-10T02:00:00Z");
            // first submitted at 08:00 on 16 January in Beijing: the day after the deadline
            observation(e, "22222222-2222-4333-8444-200000000002", "ct-b", C1, "submitted", "2027-01-16T00:00:00Z");
            // 23:59:59 on the deadline in Beijing: on time
            observation(e, "22222222-2222-4333-8444-200000000003", "ct-a", C2, "submitted", "2027-01-15T15:59:59Z");
            observation(e, "22222222-2222-4333-8444-200000000004", "ct-b", C2, "draft", null);
            e.send("cfc.plan.changed.v1", Events.example("cfc.plan.changed.v1", n -> {
                n.put("id", PLAN);
                n.put("regionCode", C1);
            }));
            e.send("cfc.task.changed.v1", Events.example("cfc.task.changed.v1", n -> {
                n.put("id", TASK);
                n.put("planId", PLAN);
                n.put("regionCode", C1);
                ObjectNode lead = (ObjectNode) n.withArray("leadUnits").get(0);
                lead.put("id", UNIT);
                lead.put("name", "区民政局");
            }));
            e.send("cfc.unit.changed.v1", Events.example("cfc.unit.changed.v1", n -> {
                n.put("id", "22222222-2222-4333-8444-000000000005");
                n.put("regionCode", CITY);
                n.put("name", "市卫生健康委员会");
                n.putArray("aliases").add("市卫健委");
            }));
            e.send("cfc.progress-report.changed.v1", Events.example("cfc.progress-report.changed.v1", n -> {
                n.put("id", REPORT);
                n.put("taskId", TASK);
                n.put("planId", PLAN);
                n.put("regionCode", C1);
                n.put("period", "2026H2");
                n.put("unitId", UNIT);
                n.put("unitName", "区民政局");
                n.put("status", "submitted");
                n.put("late", true);
                n.putNull("reviewedAt");
                n.putNull("reviewedBy");
                n.putNull("reviewComment");
            }));
        }
        Db.await(ds, Objects::nonNull, "select version from progress_report_projection where id = ?", REPORT);
        Db.await(ds, Objects::nonNull, "select version from unit_projection where id = ?", "22222222-2222-4333-8444-000000000005");
        Db.await(ds, Objects::nonNull, "select version from task_projection where id = ?", TASK);
        Db.await(ds, Objects::nonNull, "select version from plan_projection where id = ?", PLAN);
        Db.await(ds, Objects::nonNull, "select version from observation_projection where id = ?", "22222222-2222-4333-8444-200000000004");
        Db.await(ds, Objects::nonNull, "select version from target_projection where id = ?", "22222222-2222-4333-8444-100000000008");
        Db.await(ds, Objects::nonNull, "select version from indicator_projection where id = ?", "ct-x");
        Db.await(ds, Objects::nonNull, "select version from region_projection where id = ?", T1);
    }

    static void target(Events e, String id, String indicator, String region, int year, String unit) {
        e.send("cfc.target.changed.v1", Events.example("cfc.target.changed.v1", n -> {
            n.put("id", id);
            n.put("indicatorCode", indicator);
            n.put("regionCode", region);
            n.put("year", year);
            n.put("kind", ">=");
            n.put("value", 90);
            n.putNull("baselineYear");
            if (unit != null) {
                n.putArray("responsibleUnits").add(unit);
            }
        }));
    }

    static void observation(Events e, String id, String indicator, String region, String status, String firstSubmittedAt) {
        e.send("cfc.observation.changed.v1", Events.example("cfc.observation.changed.v1", n -> {
            n.put("id", id);
            n.put("indicatorCode", indicator);
            n.put("regionCode", region);
            n.put("period", "2026H2");
            n.put("status", status);
            if (!"approved".equals(status)) {
                n.putNull("approved");
            }
            n.put("firstSubmittedAt", firstSubmittedAt);
        }));
    }

    JsonPath get(String token, String query) {
        return given().header("Authorization", token).when().get("/api/v1/completeness?" + query)
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    @Test
    void theCitysRatesComeFromSummedCountsAndItsCountiesAreListedWorstFirst() {
        JsonPath j = get(bearer("viewer", "411000"), "region=411000&period=2026H2");
        assertThat(j.getString("asOf")).isEqualTo("2027-02-01");
        assertThat(j.getString("rowLevel")).isEqualTo("county");
        assertThat(j.getString("valuesDeadline")).isEqualTo("2027-01-15");
        assertThat(j.getInt("total.values.expected")).isEqualTo(6);
        assertThat(j.getInt("total.values.received")).isEqualTo(3);
        assertThat(j.getInt("total.values.accepted")).isEqualTo(1);
        // firstSubmittedAt kept by the projection: one on time in each county, ct-b of 魏都区 late
        assertThat(j.getInt("total.values.onTime")).isEqualTo(2);
        assertThat(j.getFloat("total.values.onTimeRate")).isEqualTo(0.3333f);
        assertThat(j.getString("total.values.receivedRate")).isEqualTo("0.5");
        assertThat(j.getInt("total.reports.expected")).isEqualTo(1);
        assertThat(j.getInt("total.reports.received")).isEqualTo(1);
        assertThat(j.getInt("total.reports.onTime")).isZero();       // submitted late
        assertThat(j.getInt("total.all.expected")).isEqualTo(7);
        assertThat(j.getInt("total.all.received")).isEqualTo(4);
        assertThat(j.getFloat("total.all.receivedRate")).isEqualTo(0.5714f);
        assertThat(j.getList("rows.items.region")).containsExactly(C2, C1);
        assertThat(j.getFloat("rows.items[0].all.receivedRate")).isEqualTo(0.25f);
        assertThat(j.getFloat("rows.items[1].all.receivedRate")).isEqualTo(1.0f);
        // the average of the counties' rates is not the city's
        assertThat((0.25f + 1.0f) / 2).isNotEqualTo(j.getFloat("total.all.receivedRate"));
        assertThat(j.getInt("rows.total")).isEqualTo(2);

        JsonPath paged = get(bearer("viewer", "411000"), "region=411000&period=2026H2&size=1&page=2");
        assertThat(paged.getList("rows.items.region")).containsExactly(C1);
        assertThat(paged.getInt("rows.totalPages")).isEqualTo(2);

        JsonPath townships = get(bearer("viewer", "411000"), "region=411000&period=2026H2&level=township");
        assertThat(townships.getList("rows.items.region")).containsExactly(T1);
        assertThat(townships.getInt("rows.items[0].all.expected")).isZero();
        assertThat((Object) townships.get("rows.items[0].all.receivedRate")).isNull();
    }

    @Test
    void byUnitNamesWhoOwesWhat() {
        JsonPath j = get(bearer("coordinator", "411000"), "region=411000&period=2026H2&by=unit");
        assertThat(j.getString("by")).isEqualTo("unit");
        assertThat(j.getString("rowLevel")).isNull();
        // 市教育局 (the indicators' department): 1 of 4 in 建安区 and ct-b of 魏都区 → 2 of 5; 区民政局 its (late) report
        // (received, not on time) before 市卫健委 (an alias of 市卫生健康委员会) with its value on time
        assertThat(j.getList("rows.items.name")).containsExactly("市教育局", "区民政局", "市卫生健康委员会");
        assertThat(j.getInt("rows.items[0].values.expected")).isEqualTo(5);
        assertThat(j.getInt("rows.items[0].values.received")).isEqualTo(2);
        assertThat(j.getString("rows.items[1].unitId")).isEqualTo(UNIT);
        assertThat(j.getInt("rows.items[1].reports.received")).isEqualTo(1);
        assertThat(j.getString("rows.items[2].unitId")).isEqualTo("22222222-2222-4333-8444-000000000005");
        assertThat(j.getInt("rows.items[2].values.accepted")).isEqualTo(1);
    }

    @Test
    void csvByAcceptHeaderAndXlsxExport() {
        String csv = new String(given().header("Authorization", bearer("viewer", "411000")).accept("text/csv")
                .when().get("/api/v1/completeness?region=411000&period=2026H2")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asByteArray(), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("\ufeff地区代码,单位编号,名称,层级,应报数值,已报数值,按时数值,已审核数值,数值报送率,数值及时率,数值审核率,"
                + "应报调度报告,已报调度报告,按时调度报告,已验收调度报告,报告报送率,报告及时率,报告验收率,"
                + "合计应报,合计已报,合计按时,合计已审核,合计缺报,合计报送率,合计及时率,合计审核率");
        assertThat(lines.get(1)).startsWith(CITY + ",,许昌市,prefecture,6,3,");
        assertThat(lines.get(1)).isEqualTo(CITY + ",,许昌市,prefecture,6,3,2,1,0.5000,0.3333,0.1667,1,1,0,0,1.0000,0.0000,0.0000,"
                + "7,4,2,1,3,0.5714,0.2857,0.1429");
        assertThat(lines.get(2)).startsWith(C2 + ",,建安区,county,4,1,1,0,0.2500,0.2500,");
        assertThat(lines).hasSize(4);

        byte[] xlsx = given().header("Authorization", bearer("viewer", "411000")).queryParam("format", "xlsx")
                .when().get("/api/v1/completeness?region=411000&period=2026H2&by=unit")
                .then().statusCode(200).header("Content-Disposition", org.hamcrest.Matchers.containsString("completeness-411000000000-2026H2-unit.xlsx"))
                .extract().asByteArray();
        assertThat(xlsx[0]).isEqualTo((byte) 'P');
        assertThat(xlsx[1]).isEqualTo((byte) 'K');
    }

    @Test
    void badInputIsAProblem() {
        for (String q : List.of("region=411000&period=2026H2&by=indicator", "region=411000&period=2026H3", "region=411000",
                "period=2026H2", "region=41x0&period=2026H2", "region=411000&period=2026H2&level=province",
                "region=411000&period=2026H2&level=prefecture", "region=411000&period=2026H2&level=hamlet",
                "region=411000&period=2026H2&format=pdf")) {
            given().header("Authorization", bearer("viewer", "411000")).when().get("/api/v1/completeness?" + q)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        // outside the token's subtree, and without a region claim
        given().header("Authorization", bearer("viewer", "411002")).when().get("/api/v1/completeness?region=411000&period=2026H2")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", bearer("viewer", null)).when().get("/api/v1/completeness?region=411000&period=2026H2")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aSnapshotHoldsTheCompletenessAndAnOldSnapshotWithoutItStillReads() {
        JsonPath s = given().header("Authorization", bearer("coordinator", "411000")).contentType(ContentType.JSON)
                .body("{\"region\": \"411000\", \"period\": \"2026H2\", \"asOf\": \"2027-02-01\"}")
                .when().post("/api/v1/snapshots").then().statusCode(201).extract().jsonPath();
        String id = s.getString("snapshotId");
        assertThat(s.getInt("completeness.total.all.expected")).isEqualTo(7);
        assertThat(s.getList("completeness.children.region")).containsExactly(C2, C1);
        assertThat(s.getList("completeness.units.name")).contains("市教育局");
        // nothing recorded: the city and its counties (approval levels) are open
        assertThat(s.getList("approvals.region")).containsExactly(CITY, C1, C2);
        assertThat(s.getList("approvals.status")).containsOnly("open");
        assertThat(s.getList("approvals.acceptorLevel")).containsExactly("province", "prefecture", "prefecture");
        // without asOf, the live view is judged on the business date
        assertThat(given().header("Authorization", bearer("viewer", "411000")).when().get("/api/v1/compliance?region=411000&period=2026H2")
                .then().statusCode(200).extract().jsonPath().getString("asOf")).isEqualTo("2027-02-01");
        JsonPath stored = given().header("Authorization", bearer("viewer", "411000")).when().get("/api/v1/snapshots/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(stored.getFloat("completeness.total.all.receivedRate")).isEqualTo(0.5714f);
        String csv = given().header("Authorization", bearer("viewer", "411000")).when().get("/api/v1/snapshots/" + id + "?format=csv")
                .then().statusCode(200).extract().asString();
        assertThat(csv).contains("完整及时（合计）").contains("完整及时（下级地区）,," + C2 + ",建安区");

        // a snapshot stored before issue 15: no approvals, no completeness
        String old = java.util.UUID.randomUUID().toString();
        Db.value(ds, "insert into snapshot (id, region_code, period, as_of, created_at, created_by, content)"
                + " select ?::uuid, region_code, period, as_of, created_at, created_by,"
                + " (content - 'approvals' - 'completeness') || jsonb_build_object('snapshotId', ?::text) from snapshot where id = ?::uuid"
                + " returning id", old, old, id);
        JsonPath before = given().header("Authorization", bearer("viewer", "411000")).when().get("/api/v1/snapshots/" + old)
                .then().statusCode(200).extract().jsonPath();
        assertThat(before.getString("region")).isEqualTo(CITY);
        assertThat((Object) before.get("completeness")).isNull();
        assertThat((Object) before.get("approvals")).isNull();
        given().header("Authorization", bearer("viewer", "411000")).when().get("/api/v1/snapshots/" + old + "?format=xlsx").then().statusCode(200);
        given().header("Authorization", bearer("viewer", "411000")).when().get("/api/v1/snapshots/" + old + "?format=csv").then().statusCode(200);
        given().header("Authorization", bearer("viewer", "411000")).when().get("/api/v1/snapshots/" + old + "/diff/" + id).then().statusCode(200);
    }

    private static org.hamcrest.Matcher<String> startsWith(String prefix) {
        return org.hamcrest.Matchers.startsWith(prefix);
    }
}
