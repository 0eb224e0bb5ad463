package cn.tongyou.facility.api;

import cn.tongyou.common.events.EventSchemas;
import cn.tongyou.local.EmbeddedPostgresServer;
import cn.tongyou.local.testing.PlatformTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.tongyou.facility.api.FacilityTestSupport.admin;
import static cn.tongyou.facility.api.FacilityTestSupport.bearer;
import static cn.tongyou.facility.api.FacilityTestSupport.coordinator;
import static cn.tongyou.facility.api.FacilityTestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The facility register over HTTP (乔楼镇 410182101 and its generated villages). */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class FacilityResourceTest {

    static final String VILLAGE = "410182101201";
    static final String VILLAGE_2 = "410182101202";
    static final String PROBLEM = "application/problem+json";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void regions() {
        FacilityTestSupport.regions();
    }

    static Map<String, Object> childrenHome(String name, String region) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "children-home");
        body.put("name", name);
        body.put("regionCode", region);
        body.put("address", "河南省郑州市荥阳市乔楼镇党群服务中心");
        body.put("status", "open");
        body.put("openedOn", "2024-06-01");
        body.put("certificationLevel", "county");
        body.put("attributes", Map.of("areaM2", 60));
        body.put("checklist", Map.of("venue", true, "equipment", true, "rules", true, "staff", true, "funding", true));
        return body;
    }

    static Response create(Map<String, Object> body) {
        return given().header("Authorization", coordinator()).contentType(ContentType.JSON).body(body).post("/api/v1/facilities");
    }

    static String createOk(Map<String, Object> body) {
        return create(body).then().statusCode(201).extract().path("id");
    }

    @Test
    void createReadUpdateDelete() throws Exception {
        Response created = create(childrenHome("乔楼测试一村儿童之家", VILLAGE));
        created.then().statusCode(201)
                .header("Location", endsWith("/api/v1/facilities/" + created.path("id")))
                .header("ETag", equalTo("\"1\""))
                .body("type", equalTo("children-home"))
                .body("regionCode", equalTo(VILLAGE))
                .body("status", equalTo("open"))
                .body("statusSince", equalTo("2024-06-01"))
                .body("meetsStandard", equalTo(true))
                .body("standardGaps", empty())
                .body("hostRequired", nullValue())
                .body("version", equalTo(1))
                .body("updatedBy", equalTo("test-coordinator-410182"));
        String id = created.path("id");

        given().header("Authorization", viewer()).get("/api/v1/facilities/" + id)
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("name", equalTo("乔楼测试一村儿童之家"))
                .body("attributes.areaM2", equalTo(60))
                .body("checklist.venue", equalTo(true))
                .body("statusHistory.to", contains("open"))
                .body("statusHistory[0].from", nullValue());

        // the staff left: the checklist no longer meets the standard; then it is suspended
        Map<String, Object> change = childrenHome("乔楼测试一村儿童之家", VILLAGE);
        change.put("checklist", Map.of("venue", true, "equipment", true, "rules", true, "staff", false, "funding", true));
        change.put("status", "suspended");
        change.put("statusDate", "2025-01-15");
        change.put("statusReason", "儿童主任调离");
        given().header("Authorization", coordinator()).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(change)
                .put("/api/v1/facilities/" + id)
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("version", equalTo(2))
                .body("status", equalTo("suspended"))
                .body("statusSince", equalTo("2025-01-15"))
                .body("openedOn", equalTo("2024-06-01"))
                .body("meetsStandard", equalTo(false))
                .body("standardGaps", contains("staff"))
                .body("statusHistory.to", contains("open", "suspended"))
                .body("statusHistory[1].reason", equalTo("儿童主任调离"));

        // the same body again changes nothing: same version, no event
        long events = outboxCount(id);
        given().header("Authorization", coordinator()).header("If-Match", "\"2\"").contentType(ContentType.JSON).body(change)
                .put("/api/v1/facilities/" + id).then().statusCode(200).header("ETag", "\"2\"");
        assertThat(outboxCount(id)).isEqualTo(events);

        given().header("Authorization", coordinator()).header("If-Match", "\"2\"").queryParam("reason", "登记错误").delete("/api/v1/facilities/" + id)
                .then().statusCode(204);
        given().header("Authorization", viewer()).get("/api/v1/facilities/" + id).then().statusCode(404)
                .contentType(PROBLEM);

        List<JsonNode> payloads = outbox(id);
        assertThat(payloads).hasSize(3);
        assertThat(eventTypes(id)).containsExactly("cfc.facility.changed.v1", "cfc.facility.changed.v1", "cfc.facility.deleted.v1");
        assertThat(payloads).extracting(p -> p.get("version").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(EventSchemas.validate("cfc.facility.changed.v1", payloads.get(0))).isEmpty();
        assertThat(EventSchemas.validate("cfc.facility.changed.v1", payloads.get(1))).isEmpty();
        assertThat(EventSchemas.validate("cfc.facility.deleted.v1", payloads.get(2))).isEmpty();
        assertThat(payloads.get(1).get("standardGaps").get(0).asText()).isEqualTo("staff");
        assertThat(tombstones(id)).containsExactly(false, false, true);
    }

    @Test
    void writesNeedIfMatchAndTheCurrentVersion() {
        String id = createOk(childrenHome("乔楼测试二村儿童之家", VILLAGE_2));
        Map<String, Object> change = childrenHome("乔楼测试二村儿童之家（改名）", VILLAGE_2);
        given().header("Authorization", coordinator()).contentType(ContentType.JSON).body(change)
                .put("/api/v1/facilities/" + id)
                .then().statusCode(428).contentType(PROBLEM).body("detail", containsString("If-Match"));
        given().header("Authorization", coordinator()).header("If-Match", "\"7\"").contentType(ContentType.JSON).body(change)
                .put("/api/v1/facilities/" + id)
                .then().statusCode(412).contentType(PROBLEM).body("detail", containsString("at version 1"));
        given().header("Authorization", coordinator()).queryParam("reason", "登记错误").delete("/api/v1/facilities/" + id).then().statusCode(428);
        given().header("Authorization", coordinator()).header("If-Match", "\"3\"").queryParam("reason", "登记错误").delete("/api/v1/facilities/" + id)
                .then().statusCode(412);
        given().header("Authorization", viewer()).get("/api/v1/facilities/" + id)
                .then().statusCode(200).body("version", equalTo(1)).body("name", equalTo("乔楼测试二村儿童之家"));
        given().header("Authorization", admin()).header("If-Match", "\"1\"").queryParam("reason", "登记错误").delete("/api/v1/facilities/" + id).then().statusCode(204);
    }

    @Test
    void ofTwoConcurrentUpdatesFromTheSameVersionOneWins() throws Exception {
        String id = createOk(childrenHome("乔楼测试三村儿童之家", "410182101203"));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> change = childrenHome("乔楼测试三村儿童之家 v" + i, "410182101203");
            Callable<Integer> put = () -> {
                start.await();
                return given().header("Authorization", coordinator()).header("If-Match", "\"1\"")
                        .contentType(ContentType.JSON).body(change).put("/api/v1/facilities/" + id).statusCode();
            };
            results.add(pool.submit(put));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        given().header("Authorization", viewer()).get("/api/v1/facilities/" + id)
                .then().body("version", equalTo(2)).body("name", startsWith("乔楼测试三村儿童之家 v"));
        assertThat(outboxCount(id)).isEqualTo(2);
    }

    @Test
    void aClosedFacilityCannotBeReopenedAndNothingIsWritten() throws Exception {
        Map<String, Object> park = new HashMap<>();
        park.put("type", "child-friendly-park");
        park.put("name", "乔楼镇口袋公园");
        park.put("regionCode", "410182101");
        park.put("status", "open");
        String id = createOk(park);
        park.put("status", "closed");
        park.put("statusReason", "道路拓宽");
        given().header("Authorization", coordinator()).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(park)
                .put("/api/v1/facilities/" + id).then().statusCode(200).body("status", equalTo("closed"))
                .body("closedOn", notNullValue());
        long events = outboxCount(id);

        park.put("status", "open");
        given().header("Authorization", coordinator()).header("If-Match", "\"2\"").contentType(ContentType.JSON).body(park)
                .put("/api/v1/facilities/" + id)
                .then().statusCode(409).contentType(PROBLEM)
                .body("detail", startsWith("a closed facility cannot be reopened"));
        given().header("Authorization", viewer()).get("/api/v1/facilities/" + id)
                .then().body("version", equalTo(2)).body("status", equalTo("closed"))
                .body("statusHistory.to", contains("open", "closed"));
        assertThat(outboxCount(id)).isEqualTo(events);

        // closed facilities are hidden from lists unless asked for
        given().header("Authorization", viewer()).queryParam("region", "410182101").queryParam("type", "child-friendly-park")
                .get("/api/v1/facilities").then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
        given().header("Authorization", viewer()).queryParam("region", "410182101").queryParam("type", "child-friendly-park")
                .queryParam("includeClosed", true)
                .get("/api/v1/facilities").then().statusCode(200).body("items.id", hasItem(id));
        given().header("Authorization", viewer()).queryParam("region", "410182101").queryParam("status", "closed")
                .get("/api/v1/facilities").then().statusCode(200).body("items.id", hasItem(id));

        // a facility cannot be registered as closed either
        park.put("status", "closed");
        create(park).then().statusCode(409).body("detail", containsString("cannot be registered as closed"));
    }

    /**
     * Malformed JSON, an unknown field and a value of the wrong type: each a 400 problem naming the field. These go
     * through common's exception mappers (Jackson fails before the resource is called).
     */
    @Test
    void malformedJsonUnknownFieldsAndWrongTypesAreProblems() throws Exception {
        long before = facilityCount();
        Map<String, Object> unknown = childrenHome("x", VILLAGE);
        unknown.put("colour", "red");
        Map<String, Object> wrongType = childrenHome("x", VILLAGE);
        wrongType.put("location", Map.of("lat", "north", "lng", 113.3));
        Map<String, Object> wrongDate = childrenHome("x", VILLAGE);
        wrongDate.put("openedOn", "last spring");
        Map<String, Object> wrongObject = childrenHome("x", VILLAGE);
        wrongObject.put("checklist", List.of("venue"));
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("malformed", "{\"type\": \"children-home\",");
        cases.put("colour", JSON.writeValueAsString(unknown));
        cases.put("location.lat", JSON.writeValueAsString(wrongType));
        cases.put("openedOn", JSON.writeValueAsString(wrongDate));
        cases.put("checklist", JSON.writeValueAsString(wrongObject));
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        cases.forEach((field, body) -> {
            Response r = given().header("Authorization", coordinator()).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/facilities");
            soft.assertThat(r.statusCode()).as(field + " status").isEqualTo(400);
            soft.assertThat(r.contentType()).as(field + " content type (body: " + r.asString() + ")").startsWith(PROBLEM);
            if (!field.equals("malformed") && r.contentType().startsWith(PROBLEM)) {
                soft.assertThat(r.jsonPath().getList("violations.field", String.class)).as(field + " violations").contains(field);
            }
        });
        soft.assertThat(facilityCount()).isEqualTo(before);
        soft.assertAll();
    }

    @Test
    void anOversizedBodyIsA413ProblemAndNothingIsWritten() throws Exception {
        long before = facilityCount();
        Map<String, Object> huge = childrenHome("x", VILLAGE);
        huge.put("address", "荥阳".repeat(400_000)); // ~2.4 MB of UTF-8, over the 1 MB limit of ordinary JSON bodies
        given().header("Authorization", coordinator()).contentType(ContentType.JSON).body(JSON.writeValueAsString(huge))
                .post("/api/v1/facilities")
                .then().statusCode(413).contentType(PROBLEM)
                .body("title", org.hamcrest.Matchers.equalTo("Request body too large"))
                .body("detail", org.hamcrest.Matchers.containsString("at most 1048576"));
        assertThat(facilityCount()).isEqualTo(before);
    }

    @Test
    void badInputIsA400ProblemAndNothingIsWritten() throws Exception {
        long before = facilityCount();
        // out-of-range coordinates, one of a pair missing
        Map<String, Object> outOfRange = childrenHome("x", VILLAGE);
        outOfRange.put("location", Map.of("lat", 134.8, "lng", 213.3));
        create(outOfRange).then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("location.lat", "location.lng"))
                .body("violations[0].message", startsWith("must be between -90 and 90"));
        Map<String, Object> half = childrenHome("x", VILLAGE);
        half.put("location", Map.of("lat", 34.8));
        create(half).then().statusCode(400).body("violations.field", contains("location.lng"));
        // unknown type, unknown region, malformed region
        Map<String, Object> unknownType = childrenHome("x", VILLAGE);
        unknownType.put("type", "swimming-pool");
        create(unknownType).then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("type"))
                .body("violations[0].message", containsString("known types: children-home"));
        create(childrenHome("x", "410182101299")).then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("regionCode"))
                .body("violations[0].message", equalTo("no region 410182101299 in the region register"));
        create(childrenHome("x", "4101821012")).then().statusCode(400).body("violations[0].field", equalTo("regionCode"));
        // a children-home is one per village: a township will not do
        create(childrenHome("x", "410182101")).then().statusCode(400)
                .body("violations[0].message", containsString("must be placed at a village-level region"));
        // checklist items the type does not know, of the wrong type
        Map<String, Object> checklist = childrenHome("x", VILLAGE);
        checklist.put("checklist", Map.of("venue", "yes", "pool", true));
        create(checklist).then().statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("checklist.venue", "checklist.pool"));
        // unknown status, unknown certification level
        Map<String, Object> status = childrenHome("x", VILLAGE);
        status.put("status", "reopened");
        status.put("certificationLevel", "national");
        create(status).then().statusCode(400).body("violations.field", contains("status", "certificationLevel"));
        // no body
        given().header("Authorization", coordinator()).contentType(ContentType.JSON).post("/api/v1/facilities")
                .then().statusCode(400).contentType(PROBLEM);
        // not JSON
        given().header("Authorization", coordinator()).contentType(ContentType.XML).body("<facility/>").post("/api/v1/facilities")
                .then().statusCode(415).contentType(PROBLEM);
        // id that is not a UUID
        given().header("Authorization", viewer()).get("/api/v1/facilities/not-a-uuid").then().statusCode(400).contentType(PROBLEM);
        assertThat(facilityCount()).isEqualTo(before);
    }

    @Test
    void everyEndpointNeedsATokenAndWritesStayInTheTokensRegion() {
        given().get("/api/v1/facilities").then().statusCode(401).contentType(PROBLEM);
        given().get("/api/v1/facility-types").then().statusCode(401).contentType(PROBLEM);
        given().get("/api/v1/coverage?region=410182&type=children-home").then().statusCode(401).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(childrenHome("x", VILLAGE)).post("/api/v1/facilities").then().statusCode(401);

        // a coordinator of 新密市 may not register in 荥阳市; a viewer may not write at all
        given().header("Authorization", bearer("coordinator", "410183")).contentType(ContentType.JSON)
                .body(childrenHome("x", VILLAGE)).post("/api/v1/facilities")
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("410183"));
        given().header("Authorization", viewer()).contentType(ContentType.JSON)
                .body(childrenHome("x", VILLAGE)).post("/api/v1/facilities").then().statusCode(403).contentType(PROBLEM);

        // a reporter of 乔楼镇 may register there, but not move it out of the township or touch it from 新密市
        String reporter = bearer("reporter", "410182101");
        String id = given().header("Authorization", reporter).contentType(ContentType.JSON)
                .body(childrenHome("乔楼测试一村儿童之家（报送）", VILLAGE)).post("/api/v1/facilities")
                .then().statusCode(201).extract().path("id");
        Map<String, Object> moved = childrenHome("x", "410182104201");
        given().header("Authorization", reporter).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(moved)
                .put("/api/v1/facilities/" + id).then().statusCode(403);
        given().header("Authorization", bearer("coordinator", "410183")).header("If-Match", "\"1\"").queryParam("reason", "登记错误").delete("/api/v1/facilities/" + id)
                .then().statusCode(403);
        given().header("Authorization", bearer("integration", "41")).get("/api/v1/facilities/" + id).then().statusCode(200);
        // deleting a registration is for the 妇儿工委办公室: a reporter is refused, a coordinator of the region may
        given().header("Authorization", reporter).header("If-Match", "\"1\"").queryParam("reason", "登记错误").delete("/api/v1/facilities/" + id)
                .then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", coordinator()).header("If-Match", "\"1\"").queryParam("reason", "登记错误").delete("/api/v1/facilities/" + id)
                .then().statusCode(204);
    }

    @Test
    void theFacilityTableCanBeAnalyzedAsAutovacuumDoes() throws Exception {
        createPark("乔楼镇统计公园", 36.1000, 115.1000);   // far from the near search's parks
        EmbeddedPostgresServer server = PlatformTestResource.postgres();
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, server.username(), server.password());
             Statement s = c.createStatement()) {
            // autovacuum's search_path: the near index's expression must evaluate without public on it
            s.execute("set search_path = pg_catalog");
            s.execute("analyze facility.facility");
            try (ResultSet rs = s.executeQuery("select count(*) from pg_catalog.pg_stats where schemaname = 'facility' "
                    + "and tablename = 'facility_geo_point'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("statistics of the near index's expression").isPositive();
            }
        }
    }

    @Test
    void nearSearchIsSortedByDistanceAndCoordinatesCanBeGcj02OrBd09() {
        // three parks a few hundred metres apart around (34.7000, 113.2000), one 30 km away
        String near = createPark("乔楼镇测试公园甲", 34.7010, 113.2000);
        String nearer = createPark("乔楼镇测试公园乙", 34.7001, 113.2001);
        String farther = createPark("乔楼镇测试公园丙", 34.7100, 113.2100);
        String far = createPark("乔楼镇测试公园远", 34.9700, 113.2000);

        Response found = given().header("Authorization", viewer()).queryParam("near", "34.7,113.2,3000")
                .queryParam("type", "child-friendly-park").get("/api/v1/facilities");
        found.then().statusCode(200).body("items.id", contains(nearer, near, farther)).body("total", equalTo(3));
        List<Float> distances = found.path("items.distanceMeters");
        assertThat(distances.get(0)).isBetween(10f, 20f);        // ≈ 14 m
        assertThat(distances.get(1)).isBetween(100f, 125f);      // ≈ 111 m
        assertThat(distances.get(2)).isBetween(1300f, 1600f);    // ≈ 1.46 km
        assertThat(distances).isSorted();
        given().header("Authorization", viewer()).queryParam("near", "34.7,113.2,50000").queryParam("type", "child-friendly-park")
                .get("/api/v1/facilities").then().body("items.id", hasItem(far));

        float wgsLat = given().header("Authorization", viewer()).get("/api/v1/facilities/" + near).path("location.lat");
        float wgsLng = given().header("Authorization", viewer()).get("/api/v1/facilities/" + near).path("location.lng");
        Response gcj = given().header("Authorization", viewer()).queryParam("crs", "gcj02").get("/api/v1/facilities/" + near);
        gcj.then().statusCode(200).body("crs", equalTo("gcj02"));
        float gcjLat = gcj.path("location.lat");
        float gcjLng = gcj.path("location.lng");
        assertThat(wgsLat).isEqualTo(34.7010f);
        assertThat(Math.abs(gcjLat - wgsLat) + Math.abs(gcjLng - wgsLng)).isBetween(0.001f, 0.02f);
        given().header("Authorization", viewer()).queryParam("near", "34.7,113.2,3000").queryParam("crs", "bd09")
                .queryParam("type", "child-friendly-park").get("/api/v1/facilities")
                .then().body("items[0].crs", equalTo("bd09")).body("items[0].location.lat", org.hamcrest.Matchers.not(equalTo(34.7001f)));

        // bad near parameters
        given().header("Authorization", viewer()).queryParam("near", "34.7,113.2,60000").get("/api/v1/facilities")
                .then().statusCode(400).contentType(PROBLEM).body("violations[0].message", containsString("50 km"));
        given().header("Authorization", viewer()).queryParam("near", "34.7,113.2").get("/api/v1/facilities")
                .then().statusCode(400).body("violations[0].field", equalTo("near"));
        given().header("Authorization", viewer()).queryParam("crs", "epsg3857").get("/api/v1/facilities").then().statusCode(400);
    }

    @Test
    void listFiltersByRegionSubtreeTypeAndStatusAndPages() {
        Map<String, Object> planned = childrenHome("乔楼测试一村儿童之家（规划）", VILLAGE);
        planned.put("status", "planned");
        planned.put("statusDate", "2024-12-01");
        planned.remove("openedOn");
        String plannedId = createOk(planned);
        given().header("Authorization", viewer()).queryParam("region", "410182101").queryParam("status", "planned")
                .get("/api/v1/facilities").then().statusCode(200).body("items.id", hasItem(plannedId))
                .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("planned")));
        given().header("Authorization", viewer()).queryParam("region", "410182104").queryParam("status", "planned")
                .get("/api/v1/facilities").then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(plannedId)));
        given().header("Authorization", viewer()).queryParam("region", "4101").queryParam("size", 1)
                .get("/api/v1/facilities").then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(1))
                .body("size", equalTo(1)).body("page", equalTo(1));
        given().header("Authorization", viewer()).queryParam("type", "pool").get("/api/v1/facilities")
                .then().statusCode(400).body("violations[0].field", equalTo("type"));
        given().header("Authorization", viewer()).queryParam("status", "reopened").get("/api/v1/facilities")
                .then().statusCode(400).body("violations[0].field", equalTo("status"));
        given().header("Authorization", viewer()).queryParam("region", "419999").get("/api/v1/facilities")
                .then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", viewer()).queryParam("size", 501).get("/api/v1/facilities")
                .then().statusCode(400).contentType(PROBLEM);

        // under-construction → open records the transition and sets openedOn
        planned.put("status", "under-construction");
        planned.put("statusDate", "2025-01-10");
        given().header("Authorization", coordinator()).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(planned)
                .put("/api/v1/facilities/" + plannedId).then().statusCode(200).body("openedOn", nullValue());
        planned.put("status", "open");
        planned.put("statusDate", "2025-03-01");
        given().header("Authorization", coordinator()).header("If-Match", "\"2\"").contentType(ContentType.JSON).body(planned)
                .put("/api/v1/facilities/" + plannedId).then().statusCode(200)
                .body("openedOn", equalTo("2025-03-01"))
                .body("statusHistory.to", contains("planned", "under-construction", "open"));
        planned.put("status", "planned");
        given().header("Authorization", coordinator()).header("If-Match", "\"3\"").contentType(ContentType.JSON).body(planned)
                .put("/api/v1/facilities/" + plannedId).then().statusCode(409)
                .body("detail", equalTo("a facility cannot go from open to planned; from open it may go to suspended, closed"));
    }

    @Test
    void aMotherBabyRoomIsHostedByAPublicPlaceWhoseSizeDecidesWhetherItMustHaveOne() throws Exception {
        Map<String, Object> mall = new HashMap<>();
        mall.put("type", "public-place");
        mall.put("name", "乔楼镇测试商业中心");
        mall.put("regionCode", "410182101");
        mall.put("status", "open");
        mall.put("attributes", Map.of("floorAreaM2", 12000, "dailyVisitors", 3000, "category", "commercial-center"));
        Response place = create(mall);
        place.then().statusCode(201).body("hostRequired", equalTo(true)).body("meetsStandard", equalTo(true));
        String placeId = place.path("id");

        Map<String, Object> room = new HashMap<>();
        room.put("type", "mother-baby-room");
        room.put("name", "乔楼镇测试商业中心母婴室");
        room.put("regionCode", "410182101");
        room.put("status", "open");
        room.put("hostFacilityId", placeId);
        room.put("checklist", Map.of("area-m2", 8, "changing-table", true, "nursing-seat", true, "washbasin", true,
                "power-socket", true, "waste-bin", true, "privacy", true, "emergency-call", true, "signage", true));
        create(room).then().statusCode(201).body("meetsStandard", equalTo(false)).body("standardGaps", contains("area-m2"));

        // the host must be a public place; a children-home has no host
        String park = createPark("乔楼镇测试公园丁", 34.6, 113.1);
        room.put("hostFacilityId", park);
        create(room).then().statusCode(400).body("violations[0].field", equalTo("hostFacilityId"))
                .body("violations[0].message", containsString("must be a public-place"));
        Map<String, Object> home = childrenHome("x", VILLAGE);
        home.put("hostFacilityId", placeId);
        create(home).then().statusCode(400).body("violations[0].field", equalTo("hostFacilityId"));

        // a public place hosting a room cannot be deleted
        given().header("Authorization", coordinator()).header("If-Match", "\"1\"").queryParam("reason", "登记错误").delete("/api/v1/facilities/" + placeId)
                .then().statusCode(409).body("detail", containsString("names this facility as host"));

        // a declared attribute of the wrong type
        mall.put("attributes", Map.of("floorAreaM2", "big"));
        create(mall).then().statusCode(400).body("violations[0].field", equalTo("attributes.floorAreaM2"));
    }

    @Test
    void aRetiredRegionTakesNoNewFacilityButTheOnesThereMayStay() {
        String village = "410182101204";
        String id = createOk(childrenHome("乔楼测试四村儿童之家", village));
        given().header("Authorization", admin()).contentType(ContentType.JSON).body("{\"validTo\":\"2025-06-30\"}")
                .post("/api/v1/regions/" + village + "/retire").then().statusCode(200);
        create(childrenHome("乔楼测试四村第二儿童之家", village)).then().statusCode(400)
                .body("violations[0].field", equalTo("regionCode"))
                .body("violations[0].message", containsString("was retired on 2025-06-30"));
        Map<String, Object> closing = childrenHome("乔楼测试四村儿童之家", village);
        closing.put("status", "closed");
        closing.put("statusReason", "村庄合并");
        given().header("Authorization", coordinator()).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(closing)
                .put("/api/v1/facilities/" + id).then().statusCode(200).body("status", equalTo("closed"));
    }

    @Test
    void externalIdsAreUnique() {
        Map<String, Object> body = childrenHome("乔楼测试二村儿童之家（外部）", VILLAGE_2);
        body.put("externalId", "HN-RES-" + System.nanoTime());
        createOk(body);
        body.put("name", "another");
        create(body).then().statusCode(409).contentType(PROBLEM).body("detail", containsString("already used"));
        given().header("Authorization", viewer()).queryParam("externalId", body.get("externalId")).get("/api/v1/facilities")
                .then().statusCode(200).body("total", equalTo(1));
    }

    static String createPark(String name, double lat, double lng) {
        Map<String, Object> park = new HashMap<>();
        park.put("type", "child-friendly-park");
        park.put("name", name);
        park.put("regionCode", "410182101");
        park.put("status", "open");
        park.put("location", Map.of("lat", lat, "lng", lng));
        return createOk(park);
    }

    private long facilityCount() throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from facility");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long outboxCount(String id) throws Exception {
        return outbox(id).size();
    }

    private List<JsonNode> outbox(String id) throws Exception {
        List<JsonNode> payloads = new ArrayList<>();
        for (String[] row : outboxRows(id)) {
            payloads.add(JSON.readTree(row[1]));
        }
        return payloads;
    }

    private List<String> eventTypes(String id) throws Exception {
        return outboxRows(id).stream().map(r -> r[0]).toList();
    }

    private List<Boolean> tombstones(String id) throws Exception {
        return outboxRows(id).stream().map(r -> Boolean.valueOf(r[2])).toList();
    }

    private List<String[]> outboxRows(String id) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select event_type, payload::text, tombstone, topic from outbox_event "
                     + "where aggregate_id = ? order by seq")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getString(4)).isEqualTo("cfc.facilities");
                    rows.add(new String[]{rs.getString(1), rs.getString(2), String.valueOf(rs.getBoolean(3))});
                }
            }
        }
        return rows;
    }
}
