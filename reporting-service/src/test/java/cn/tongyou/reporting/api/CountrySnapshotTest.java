package cn.tongyou.reporting.api;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.reporting.events.Db;
import cn.tongyou.reporting.events.Events;
import cn.tongyou.reporting.events.TopicsTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static cn.tongyou.reporting.api.ComplianceApiTest.bearer;
import static cn.tongyou.reporting.api.ComplianceApiTest.problem;
import static cn.tongyou.reporting.api.ComplianceApiTest.region;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole country as a snapshot (issue 16) over two provinces of its own (青海 63: 3 villages, 1 with a 儿童之家, a
 * target met; 宁夏 64: 2 villages, 1 covered, a target without data) beside whatever provinces other tests projected:
 * the parent sums its provinces, lists them as children, and its long lists are paged across them.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CountrySnapshotTest {

    static final String QH = "630000000000";
    static final String NX = "640000000000";
    static final String NATIONWIDE = bearer("coordinator", DevTokens.NATIONWIDE);

    @Inject
    AgroalDataSource ds;

    @BeforeAll
    void publish() {
        try (Events e = new Events()) {
            province(e, "63", "青海省", 3, "11111111-2222-4333-8444-630000000001");
            province(e, "64", "宁夏回族自治区", 2, "11111111-2222-4333-8444-640000000001");
            e.send("cfc.indicator.changed.v1", Events.example("cfc.indicator.changed.v1", n -> {}));
            e.send("cfc.observation.changed.v1", Events.example("cfc.observation.changed.v1", n -> {
                n.put("id", "11111111-2222-4333-8444-630000000003");
                n.put("regionCode", QH);
            }));
        }
        Db.await(ds, Objects::nonNull, "select version from region_projection where id = ?", "640101001002");
        Db.await(ds, Objects::nonNull, "select version from facility_projection where id = ?", "11111111-2222-4333-8444-640000000001");
        Db.await(ds, Objects::nonNull, "select version from target_projection where id = ?", "11111111-2222-4333-8444-640000000002");
        Db.await(ds, Objects::nonNull, "select version from observation_projection where id = ?", "11111111-2222-4333-8444-630000000003");
    }

    /** A province with one county, one township and {@code villages} villages, the first covered; a target of its own. */
    static void province(Events e, String p, String name, int villages, String facility) {
        String county = p + "0101000000";
        String township = p + "0101001000";
        region(e, p + "0000000000", name, "province", null);
        region(e, county, name + "一县", "county", p + "0000000000");
        region(e, township, name + "一镇", "township", county);
        for (int v = 1; v <= villages; v++) {
            region(e, p + "0101001%03d".formatted(v), name + v + "村", "village", township);
        }
        e.send("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
            n.put("id", facility);
            n.put("regionCode", p + "0101001001");
        }));
        e.send("cfc.target.changed.v1", Events.example("cfc.target.changed.v1", n -> {
            n.put("id", facility.substring(0, facility.length() - 1) + "2");
            n.put("indicatorCode", "neonatal-mortality-rate");
            n.put("regionCode", p + "0000000000");
            n.put("kind", "<");
            n.put("value", 2);
            n.putNull("baselineYear");
            n.put("text", "新生儿死亡率<2‰");
        }));
    }

    static io.restassured.response.Response post(String token, Object region, String period) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body(region == null ? Map.of("period", period) : Map.of("region", region, "period", period, "asOf", "2026-02-01"))
                .when().post("/api/v1/snapshots");
    }

    static List<String> all(String token, String path, int size) {
        List<String> codes = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonPath p = given().header("Authorization", token).queryParam("page", page).queryParam("size", size)
                    .when().get(path).then().statusCode(200).extract().jsonPath();
            List<Object> items = p.getList("items");
            items.forEach(i -> codes.add(String.valueOf(i)));
            if (items.size() < size) {
                assertThat(codes).hasSize(p.getInt("total"));
                return codes;
            }
        }
    }

    @Test
    void theCountryIsItsProvincesSummedAndItsListsArePagedAcrossThem() {
        JsonPath country = post(NATIONWIDE, "CN", "2025").then().statusCode(201).extract().jsonPath();
        String id = country.getString("snapshotId");
        assertThat(country.getString("region")).isEqualTo("CN");
        assertThat(country.getString("level")).isEqualTo("country");
        assertThat(country.getString("regionName")).isEqualTo("全国");

        // the provinces as children, in code order, each with the numbers of its own snapshot
        List<String> codes = country.getList("children.code");
        assertThat(codes).contains(QH, NX).isSorted();
        Map<String, Object> qh = child(country, QH);
        Map<String, Object> nx = child(country, NX);
        assertThat((Map<String, Integer>) qh.get("totals")).containsEntry("MET", 1);
        assertThat(qh.get("score")).isEqualTo(100);
        assertThat((Map<String, Integer>) nx.get("totals")).containsEntry("NO_DATA", 1).containsEntry("MET", 0);
        assertThat(nx.get("score")).isNull();
        assertThat(((Number) qh.get("childrenHomeCoverage")).doubleValue()).isEqualTo(1.0 / 3, org.assertj.core.data.Offset.offset(0.001));
        assertThat(((Number) nx.get("childrenHomeCoverage")).doubleValue()).isEqualTo(0.5);
        JsonPath own = post(NATIONWIDE, "63", "2025").then().statusCode(201).extract().jsonPath();
        assertThat(own.getMap("summary.totals")).isEqualTo(qh.get("totals"));
        assertThat(own.getLong("facilities[0].eligible")).isEqualTo(3);

        // the parent's counts are the sums of the children's; the score is the sums' score
        Map<String, Integer> summed = new java.util.LinkedHashMap<>();
        for (Map<String, Object> c : country.<Map<String, Object>>getList("children")) {
            ((Map<String, Integer>) c.get("totals")).forEach((s, n) -> summed.merge(s, n, Integer::sum));
        }
        assertThat(country.getMap("summary.totals")).isEqualTo(summed);
        int met = summed.get("MET") + summed.get("ON_TRACK");
        int judged = met + summed.get("AT_RISK") + summed.get("NOT_MET");
        assertThat(country.getInt("summary.score")).isEqualTo(Math.round((100f * met + 50f * summed.get("AT_RISK")) / judged));
        String home = "facilities.find { it.facilityType == 'children-home' }";
        List<Map<String, Object>> byProvince = country.getList(home + ".children");
        assertThat(byProvince).extracting(c -> c.get("code")).containsExactlyElementsOf(codes);
        assertThat(byProvince).filteredOn(c -> c.get("code").equals(QH)).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("eligible", 3).containsEntry("covered", 1));
        long eligible = byProvince.stream().mapToLong(c -> ((Number) c.get("eligible")).longValue()).sum();
        long covered = byProvince.stream().mapToLong(c -> ((Number) c.get("covered")).longValue()).sum();
        assertThat(country.getLong(home + ".eligible")).isEqualTo(eligible);
        assertThat(country.getLong(home + ".covered")).isEqualTo(covered);
        assertThat(country.getLong(home + ".uncoveredCount")).isEqualTo(eligible - covered);
        assertThat(Db.value(ds, "select count(*) from snapshot_part where snapshot_id = ?::uuid", id)).isEqualTo(String.valueOf(codes.size()));
        assertThat(Db.value(ds, "select count(*) from audit_record where aggregate_type = 'snapshot' and aggregate_id = ? and region_code = 'CN'", id))
                .isEqualTo("1");

        // the GET answers what the POST did; the uncovered villages page across the provinces, page size 1 or 500 alike
        JsonPath read = given().header("Authorization", NATIONWIDE).when().get("/api/v1/snapshots/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(read.getMap("summary")).isEqualTo(country.getMap("summary"));
        String uncovered = "/api/v1/snapshots/" + id + "/uncovered";
        List<String> villages = all(NATIONWIDE, uncovered, 500);
        assertThat(villages).hasSize((int) (eligible - covered)).anyMatch(v -> v.contains("630101001002")).anyMatch(v -> v.contains("640101001002"));
        assertThat(all(NATIONWIDE, uncovered, 1)).isEqualTo(villages);
        assertThat(all(NATIONWIDE, uncovered, 2)).isEqualTo(villages);
        int firstNx = villages.indexOf(villages.stream().filter(v -> v.contains("640101001002")).findFirst().orElseThrow());
        assertThat(villages.get(firstNx - 1)).contains("630101001003");
        int warnings = country.<String, Integer>getMap("warningCounts").values().stream().mapToInt(Integer::intValue).sum();
        assertThat(all(NATIONWIDE, "/api/v1/snapshots/" + id + "/warnings", 3)).hasSize(warnings);
        given().header("Authorization", NATIONWIDE).queryParam("kind", "coverage-gap").when().get("/api/v1/snapshots/" + id + "/warnings")
                .then().statusCode(200).extract().jsonPath().getInt("total");
        assertThat(all(NATIONWIDE, "/api/v1/snapshots/" + id + "/units", 2)).hasSize(country.getInt("completeness.unitCount"));

        // listed for nationwide tokens under region CN
        assertThat(given().header("Authorization", NATIONWIDE).queryParam("region", "CN").when().get("/api/v1/snapshots")
                .then().statusCode(200).extract().jsonPath().getList("items.id")).contains(id);

        // a province's token does not see it, nor list it, nor the parts' pages
        String qinghai = bearer("coordinator", "63");
        problem(given().header("Authorization", qinghai).when().get("/api/v1/snapshots/" + id), 404);
        problem(given().header("Authorization", qinghai).when().get(uncovered), 404);
        problem(given().header("Authorization", qinghai).queryParam("region", "CN").when().get("/api/v1/snapshots"), 403);
        assertThat(given().header("Authorization", qinghai).when().get("/api/v1/snapshots").then().statusCode(200).extract()
                .jsonPath().getList("items.id")).doesNotContain(id);
        // files of the country are not offered: 400, not a partial export
        problem(given().header("Authorization", NATIONWIDE).queryParam("format", "csv").when().get("/api/v1/snapshots/" + id), 400);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> child(JsonPath country, String code) {
        return country.<Map<String, Object>>getList("children").stream().filter(c -> code.equals(c.get("code"))).findFirst().orElseThrow();
    }

    @Test
    void onlyANationwideTokenMayAskForTheCountryAndBadInputStaysA400() {
        // a province's coordinator, an admin of a county, a token without a region claim: 403 problem+json
        for (String region : new String[] {"63", "640101", null}) {
            problem(post(bearer("coordinator", region), "CN", "2025"), 403);
        }
        problem(post(bearer("admin", "63"), "CN", "2025"), 403);
        // a nationwide viewer may not create snapshots at all
        problem(post(bearer("viewer", DevTokens.NATIONWIDE), "CN", "2025"), 403);
        // bad input: the country is spelled CN, nothing else widens to it; a bad period or day is 400 also for CN
        for (String bad : new String[] {"cn", "00", "000000000000", "CHN", " "}) {
            problem(post(NATIONWIDE, bad, "2025"), 400);
        }
        problem(post(NATIONWIDE, null, "2025"), 400);
        problem(post(NATIONWIDE, "CN", "2025H3"), 400);
        problem(given().header("Authorization", NATIONWIDE).contentType(ContentType.JSON)
                .body(Map.of("region", "CN", "period", "2025", "asOf", "2026-13-01")).when().post("/api/v1/snapshots"), 400);
        // no live view of the country: a 400 that says to take a snapshot
        given().header("Authorization", bearer("viewer", DevTokens.NATIONWIDE)).queryParam("region", "CN").queryParam("period", "2025")
                .when().get("/api/v1/compliance").then().statusCode(400).contentType("application/problem+json");
    }
}
