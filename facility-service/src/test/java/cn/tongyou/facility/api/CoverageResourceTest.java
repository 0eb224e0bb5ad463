package cn.tongyou.facility.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.tongyou.facility.api.FacilityTestSupport.coordinator;
import static cn.tongyou.facility.api.FacilityTestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Coverage over a small hand-built piece of 荥阳市:
 * <ul>
 *   <li>王村镇 (410182104), 4 villages: 201 open and standard (covered); 202 open but missing 有人员; 203 suspended,
 *       and planned; 204 nothing. Coverage 1/4.</li>
 *   <li>汜水镇 (410182105), 3 villages: 201 covered, 202 covered twice (counts once), 203 nothing. Coverage 2/3.</li>
 *   <li>高山镇 (410182106), public places: A (15,000 m², standard room: covered), B (20,000 visitors a day, room below
 *       standard), C (too small: not eligible), D (30,000 m² but closed: not eligible), E (12,000 m², no room).
 *       母婴室 coverage 1/3.</li>
 * </ul>
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class CoverageResourceTest {

    static final String PROBLEM = "application/problem+json";
    static final Map<String, Object> STANDARD = Map.of("venue", true, "equipment", true, "rules", true, "staff", true, "funding", true);
    static final Map<String, Object> NO_STAFF = Map.of("venue", true, "equipment", true, "rules", true, "staff", false, "funding", true);
    static final Map<String, Object> ROOM_OK = Map.of("area-m2", 12.5, "changing-table", true, "nursing-seat", true, "washbasin", true,
            "power-socket", true, "waste-bin", true, "privacy", true, "emergency-call", true, "signage", true);

    static String placeA;
    static String placeB;
    static String placeE;

    /** Once per run (the database outlives the test instances). */
    @BeforeEach
    void facilities() {
        FacilityTestSupport.regions();
        if (placeA != null) {
            return;
        }
        home("410182104201", "open", STANDARD);
        home("410182104202", "open", NO_STAFF);
        home("410182104203", "suspended", STANDARD);
        home("410182104203", "planned", STANDARD);
        home("410182105201", "open", STANDARD);
        home("410182105202", "open", STANDARD);
        home("410182105202", "open", STANDARD);

        placeA = place("高山测试甲商场", Map.of("floorAreaM2", 15000));
        placeB = place("高山测试乙车站", Map.of("dailyVisitors", 20000));
        place("高山测试丙超市", Map.of("floorAreaM2", 500, "dailyVisitors", 300));
        String placeD = place("高山测试丁医院", Map.of("floorAreaM2", 30000));
        placeE = place("高山测试戊景区", Map.of("floorAreaM2", 12000));
        room(placeA, ROOM_OK);
        room(placeB, Map.of("area-m2", 8));
        Map<String, Object> closed = placeBody("高山测试丁医院", Map.of("floorAreaM2", 30000));
        closed.put("status", "closed");
        given().header("Authorization", coordinator()).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(closed)
                .put("/api/v1/facilities/" + placeD).then().statusCode(200);
    }

    @Test
    void aTownshipSeesItsVillages() {
        Response r = coverage("410182104", "children-home", "village", 1, 2);
        r.then().statusCode(200)
                .body("region.code", equalTo("410182104000"))
                .body("region.name", equalTo("王村镇"))
                .body("region.level", equalTo("township"))
                .body("type", equalTo("children-home"))
                .body("level", equalTo("village"))
                .body("unit", equalTo("region"))
                .body("eligible", equalTo(4))
                .body("covered", equalTo(1))
                .body("children.code", contains("410182104201", "410182104202", "410182104203", "410182104204"))
                .body("children.covered", contains(1, 0, 0, 0))
                .body("uncovered.total", equalTo(3))
                .body("uncovered.items", hasSize(2))
                .body("uncovered.items.code", contains("410182104202", "410182104203"))
                .body("uncovered.items[0].name", equalTo("王村测试二村"))
                .body("uncovered.items[0].parentCode", equalTo("410182104000"));
        assertThat(r.jsonPath().getDouble("ratio")).isCloseTo(0.25, within(1e-6));
        coverage("410182104", "children-home", "village", 2, 2).then()
                .body("uncovered.items.code", contains("410182104204")).body("uncovered.page", equalTo(2));
    }

    @Test
    void aCountySeesItsTownshipsAndRatiosAreSumsNotAverages() {
        Response r = coverage("410182", "children-home", null, 1, 500);
        r.then().statusCode(200).body("level", equalTo("village")).body("region.name", equalTo("荥阳市"));
        Map<String, Object> wangcun = child(r, "410182104000");
        Map<String, Object> sishui = child(r, "410182105000");
        Map<String, Object> gaoshan = child(r, "410182106000");
        assertThat(wangcun).containsEntry("name", "王村镇").containsEntry("eligible", 4).containsEntry("covered", 1);
        assertThat(sishui).containsEntry("eligible", 3).containsEntry("covered", 2);
        assertThat(((Number) sishui.get("ratio")).doubleValue()).isCloseTo(2.0 / 3, within(1e-6));
        assertThat(gaoshan).containsEntry("name", "高山镇").containsEntry("eligible", 0).containsEntry("covered", 0)
                .containsEntry("ratio", null);
        // the totals are sums of the children's counts, and the ratio is theirs
        List<Map<String, Object>> children = r.jsonPath().getList("children");
        long eligible = children.stream().mapToLong(c -> ((Number) c.get("eligible")).longValue()).sum();
        long covered = children.stream().mapToLong(c -> ((Number) c.get("covered")).longValue()).sum();
        assertThat(r.jsonPath().getLong("eligible")).isEqualTo(eligible);
        assertThat(r.jsonPath().getLong("covered")).isEqualTo(covered);
        assertThat(r.jsonPath().getDouble("ratio")).isCloseTo((double) covered / eligible, within(1e-6));
        assertThat(r.jsonPath().getLong("uncovered.total")).isEqualTo(eligible - covered);

        // a city sees its counties
        Response city = coverage("4101", "children-home", "village", 1, 1);
        city.then().statusCode(200).body("region.level", equalTo("prefecture"));
        assertThat(child(city, "410182000000")).containsEntry("eligible", (int) eligible).containsEntry("covered", (int) covered);
    }

    @Test
    void coverageAtTownshipLevel() {
        Response r = coverage("410182", "children-home", "township", 1, 50);
        r.then().statusCode(200).body("level", equalTo("township"));
        assertThat(child(r, "410182104000")).containsEntry("eligible", 1).containsEntry("covered", 1);
        assertThat(child(r, "410182105000")).containsEntry("eligible", 1).containsEntry("covered", 1);
        assertThat(child(r, "410182106000")).containsEntry("eligible", 1).containsEntry("covered", 0);
    }

    @Test
    void motherBabyRoomsCoverTheQualifyingHostPlaces() {
        Response r = coverage("410182106", "mother-baby-room", "village", 1, 50);
        r.then().statusCode(200)
                .body("unit", equalTo("host-place"))
                .body("level", nullValue())
                .body("eligible", equalTo(3))
                .body("covered", equalTo(1))
                .body("unassigned", equalTo(3))
                .body("uncovered.total", equalTo(2))
                .body("uncovered.items.id", containsInAnyOrder(placeB, placeE))
                .body("uncovered.items.name", containsInAnyOrder("高山测试乙车站", "高山测试戊景区"))
                .body("uncovered.items.regionCode", contains("410182106000", "410182106000"));
        assertThat(r.jsonPath().getDouble("ratio")).isCloseTo(1.0 / 3, within(1e-6));
        Response county = coverage("410182", "mother-baby-room", null, 1, 50);
        assertThat(child(county, "410182106000")).containsEntry("eligible", 3).containsEntry("covered", 1);
    }

    @Test
    void nothingEligibleHasANullRatio() {
        coverage("410182106", "children-home", "village", 1, 50).then().statusCode(200)
                .body("eligible", equalTo(0)).body("covered", equalTo(0)).body("ratio", nullValue())
                .body("children", empty()).body("uncovered.items", empty()).body("uncovered.total", equalTo(0));
    }

    @Test
    void badQueries() {
        coverage("419999", "children-home", null, 1, 50).then().statusCode(404).contentType(PROBLEM);
        coverage("410182", "swimming-pool", null, 1, 50).then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("type"))
                .body("violations[0].message", containsString("known types: children-home, public-place, mother-baby-room"));
        coverage("410182", "public-place", null, 1, 50).then().statusCode(400).body("violations[0].message", containsString("host"));
        coverage("410182104", "children-home", "county", 1, 50).then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("level"))
                .body("violations[0].message", containsString("must lie below the region 410182104000, which is a township"));
        coverage("410182104", "children-home", "township", 1, 50).then().statusCode(400);
        coverage("410182", "children-home", "hamlet", 1, 50).then().statusCode(400).body("violations[0].field", equalTo("level"));
        coverage("41018", "children-home", null, 1, 50).then().statusCode(400).body("violations[0].field", equalTo("region"));
        given().header("Authorization", viewer()).queryParam("type", "children-home").get("/api/v1/coverage")
                .then().statusCode(400).body("violations[0].field", equalTo("region"));
        coverage("410182", "children-home", null, 0, 50).then().statusCode(400).contentType(PROBLEM);
    }

    static Response coverage(String region, String type, String level, int page, int size) {
        var request = given().header("Authorization", viewer()).queryParam("region", region).queryParam("type", type)
                .queryParam("page", page).queryParam("size", size);
        if (level != null) {
            request = request.queryParam("level", level);
        }
        return request.get("/api/v1/coverage");
    }

    static Map<String, Object> child(Response r, String code) {
        List<Map<String, Object>> children = r.jsonPath().getList("children");
        return children.stream().filter(c -> code.equals(c.get("code"))).findFirst()
                .orElseThrow(() -> new AssertionError("no child " + code + " in " + r.asString()));
    }

    static void home(String village, String status, Map<String, Object> checklist) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "children-home");
        body.put("name", village + " 儿童之家");
        body.put("regionCode", village);
        body.put("status", status);
        body.put("checklist", checklist);
        given().header("Authorization", coordinator()).contentType(ContentType.JSON).body(body).post("/api/v1/facilities")
                .then().statusCode(201);
    }

    static Map<String, Object> placeBody(String name, Map<String, Object> attributes) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "public-place");
        body.put("name", name);
        body.put("regionCode", "410182106");
        body.put("status", "open");
        body.put("attributes", attributes);
        return body;
    }

    static String place(String name, Map<String, Object> attributes) {
        return given().header("Authorization", coordinator()).contentType(ContentType.JSON).body(placeBody(name, attributes))
                .post("/api/v1/facilities").then().statusCode(201).extract().path("id");
    }

    static void room(String host, Map<String, Object> checklist) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "mother-baby-room");
        body.put("name", "母婴室");
        body.put("regionCode", "410182106");
        body.put("status", "open");
        body.put("hostFacilityId", host);
        body.put("checklist", checklist);
        given().header("Authorization", coordinator()).contentType(ContentType.JSON).body(body).post("/api/v1/facilities")
                .then().statusCode(201);
    }
}
