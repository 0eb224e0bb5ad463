package cn.tongyou.facility.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import static cn.tongyou.facility.api.FacilityTestSupport.admin;
import static cn.tongyou.facility.api.FacilityTestSupport.bearer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

/**
 * Deleting a registration (issue 12): coordinators and admins only, within their region, with a reason; the row,
 * its status history and the audit trail stay, everything else forgets it. Works in 新密市's test township
 * 410183199 (its own villages, so that the 荥阳市 tests' counts do not move).
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class FacilityDeletionTest {

    static final String TOWNSHIP = "410183199";
    static final String VILLAGE_1 = "410183199201";
    static final String VILLAGE_2 = "410183199202";
    static final String PROBLEM = "application/problem+json";
    private static volatile boolean loaded;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void regions() {
        FacilityTestSupport.regions();
        synchronized (FacilityDeletionTest.class) {
            if (!loaded) {
                given().header("Authorization", admin()).contentType(FacilityTestSupport.CSV).queryParam("generated", true)
                        .body("code,name,parentCode\n" + TOWNSHIP + ",新密测试镇," + "410183\n"
                                + VILLAGE_1 + ",新密测试一村," + TOWNSHIP + "\n" + VILLAGE_2 + ",新密测试二村," + TOWNSHIP + "\n")
                        .post("/api/v1/regions/import").then().statusCode(200);
                loaded = true;
            }
        }
    }

    static String coordinator() {
        return bearer("coordinator", "410183");
    }

    static Map<String, Object> home(String name, String village, String externalId) {
        Map<String, Object> body = FacilityResourceTest.childrenHome(name, village);
        body.put("externalId", externalId);
        return body;
    }

    static String create(Map<String, Object> body) {
        return given().header("Authorization", coordinator()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/facilities").then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.Response delete(String token, String id, String ifMatch, String reason) {
        var request = given().header("Authorization", token);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (reason != null) {
            request.queryParam("reason", reason);
        }
        return request.delete("/api/v1/facilities/" + id);
    }

    @Test
    void onlyCoordinatorsAndAdminsOfTheRegionDeleteAndEachRefusalWritesNothing() throws SQLException {
        String id = create(home("新密测试一村儿童之家（拒绝）", VILLAGE_1, "XM-DEL-REFUSED"));
        long outbox = count("select count(*) from outbox_event where aggregate_id = ?", id);
        long changes = count("select count(*) from audit_record where aggregate_id = ? and outcome = 'CHANGED'", id);

        // reporters (even of the region), integration systems and viewers: role refused
        for (String role : new String[] {"reporter", "integration", "viewer"}) {
            delete(bearer(role, "410183"), id, "\"1\"", "登记错误").then().statusCode(403).contentType(PROBLEM);
        }
        // a coordinator outside the region, and an admin token without a region claim
        delete(bearer("coordinator", "440000"), id, "\"1\"", "登记错误").then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("440000"));
        delete("Bearer " + cn.tongyou.local.DevTokens.mint("no-region-admin", java.util.Set.of("admin"), null), id,
                "\"1\"", "登记错误").then().statusCode(403).contentType(PROBLEM);

        // bad input: no reason, blank, too long, control characters; no If-Match; stale If-Match; not a UUID
        delete(coordinator(), id, "\"1\"", null).then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("reason"));
        delete(coordinator(), id, "\"1\"", "   ").then().statusCode(400).contentType(PROBLEM);
        delete(coordinator(), id, "\"1\"", "x".repeat(501)).then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].message", containsString("500"));
        delete(coordinator(), id, "\"1\"", "登记\u0000错误").then().statusCode(400).contentType(PROBLEM);
        delete(coordinator(), id, "\"1\"", "登记\n错误").then().statusCode(400).contentType(PROBLEM);
        delete(coordinator(), id, null, "登记错误").then().statusCode(428).contentType(PROBLEM);
        delete(coordinator(), id, "\"2\"", "登记错误").then().statusCode(412).contentType(PROBLEM);
        delete(coordinator(), "not-a-uuid", "\"1\"", "登记错误").then().statusCode(400).contentType(PROBLEM);
        delete(coordinator(), java.util.UUID.randomUUID().toString(), "\"1\"", "登记错误").then().statusCode(404)
                .contentType(PROBLEM);

        // nothing was written: same version, no event, no change record, not deleted
        given().header("Authorization", FacilityTestSupport.viewer()).get("/api/v1/facilities/" + id).then()
                .statusCode(200).body("version", equalTo(1));
        assertThat(count("select count(*) from outbox_event where aggregate_id = ?", id)).isEqualTo(outbox);
        assertThat(count("select count(*) from audit_record where aggregate_id = ? and outcome = 'CHANGED'", id))
                .isEqualTo(changes);
        assertThat(count("select count(*) from facility where id = ?::uuid and deleted_at is null", id)).isEqualTo(1);

        // the exact limit is accepted, by a coordinator of the region
        delete(coordinator(), id, "\"1\"", "y".repeat(500)).then().statusCode(204);
    }

    @Test
    void aDeletedFacilityKeepsItsRowAndHistoryButDisappearsFromReadsListsCoverageAndImports() throws SQLException {
        String id = create(home("新密测试二村儿童之家", VILLAGE_2, "XM-DEL-1"));
        // a status change, so that there is history beyond the registration
        Map<String, Object> suspended = home("新密测试二村儿童之家", VILLAGE_2, "XM-DEL-1");
        suspended.put("status", "suspended");
        suspended.put("statusReason", "装修");
        suspended.put("statusDate", "2025-01-15");
        given().header("Authorization", coordinator()).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(suspended).put("/api/v1/facilities/" + id).then().statusCode(200);
        Map<String, Object> reopened = home("新密测试二村儿童之家", VILLAGE_2, "XM-DEL-1");
        reopened.put("statusDate", "2025-03-01");
        given().header("Authorization", coordinator()).header("If-Match", "\"2\"").contentType(ContentType.JSON)
                .body(reopened).put("/api/v1/facilities/" + id).then().statusCode(200);
        coverage().then().statusCode(200).body("covered", equalTo(1));
        given().header("Authorization", coordinator()).queryParam("region", TOWNSHIP).get("/api/v1/facilities")
                .then().statusCode(200).body("items.id", hasItem(id));

        delete(coordinator(), id, "\"3\"", " 重复登记（与 XM-DEL-0 为同一处） ").then().statusCode(204);

        // reads: 404 by id, absent from lists (also with includeClosed and by externalId), coverage no longer counts it
        given().header("Authorization", FacilityTestSupport.viewer()).get("/api/v1/facilities/" + id).then()
                .statusCode(404).contentType(PROBLEM);
        given().header("Authorization", coordinator()).queryParam("region", TOWNSHIP).queryParam("includeClosed", true)
                .get("/api/v1/facilities").then().statusCode(200).body("items.id", not(hasItem(id)));
        given().header("Authorization", coordinator()).queryParam("externalId", "XM-DEL-1")
                .get("/api/v1/facilities").then().statusCode(200).body("total", equalTo(0));
        coverage().then().statusCode(200).body("covered", equalTo(0));
        // writes: 404, and a second delete too
        given().header("Authorization", coordinator()).header("If-Match", "\"4\"").contentType(ContentType.JSON)
                .body(reopened).put("/api/v1/facilities/" + id).then().statusCode(404).contentType(PROBLEM);
        delete(coordinator(), id, "\"4\"", "again").then().statusCode(404).contentType(PROBLEM);

        // the row and the status history stay, with who deleted it and why
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select version, deleted_at, deleted_by, deletion_reason, (select count(*) from facility_status_change h "
                        + "where h.facility_id = f.id) as history from facility f where id = ?::uuid")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong("version")).isEqualTo(4);
                assertThat(r.getTimestamp("deleted_at")).isNotNull();
                assertThat(r.getString("deleted_by")).isEqualTo("test-coordinator-410183");
                assertThat(r.getString("deletion_reason")).isEqualTo("重复登记（与 XM-DEL-0 为同一处）");
                assertThat(r.getLong("history")).isEqualTo(3);
            }
        }
        // the deletion event is as before (version 4, tombstone), and the audit trail has the reason
        assertThat(count("select count(*) from outbox_event where aggregate_id = ? and event_type = 'cfc.facility.deleted.v1'"
                + " and aggregate_version = 4 and tombstone", id)).isEqualTo(1);
        assertThat(count("select count(*) from audit_record where aggregate_id = ? and outcome = 'CHANGED' and "
                + "aggregate_type = 'facility-deletion' and detail = 'deleted: 重复登记（与 XM-DEL-0 为同一处）' "
                + "and after_state ->> 'reason' = '重复登记（与 XM-DEL-0 为同一处）' and region_code = '" + VILLAGE_2 + "'", id))
                .isEqualTo(1);

        // the provincial id is free again: the place can be registered anew, by POST or by import
        String again = create(home("新密测试二村儿童之家", VILLAGE_2, "XM-DEL-1"));
        assertThat(again).isNotEqualTo(id);
        given().header("Authorization", coordinator()).contentType(ContentType.JSON)
                .body(java.util.List.of(home("新密测试二村儿童之家（导入）", VILLAGE_2, "XM-DEL-1")))
                .post("/api/v1/facilities/import").then().log().ifValidationFails().statusCode(200);
        given().header("Authorization", coordinator()).get("/api/v1/facilities/" + again).then().statusCode(200)
                .body("name", equalTo("新密测试二村儿童之家（导入）"));
        coverage().then().statusCode(200).body("covered", equalTo(1));
    }

    @Test
    void aDeletedHostNoLongerBlocksNorServesAsHost() {
        Map<String, Object> mall = new java.util.HashMap<>();
        mall.put("type", "public-place");
        mall.put("name", "新密测试商场");
        mall.put("regionCode", TOWNSHIP);
        mall.put("status", "open");
        mall.put("attributes", Map.of("floorAreaM2", 20000));
        String mallId = create(mall);
        Map<String, Object> room = new java.util.HashMap<>();
        room.put("type", "mother-baby-room");
        room.put("name", "新密测试商场母婴室");
        room.put("regionCode", TOWNSHIP);
        room.put("status", "open");
        room.put("hostFacilityId", mallId);
        String roomId = create(room);
        delete(coordinator(), mallId, "\"1\"", "登记错误").then().statusCode(409);
        delete(coordinator(), roomId, "\"1\"", "登记错误").then().statusCode(204);
        // the deleted room no longer blocks its host; once deleted, the host cannot be named by a new room
        delete(coordinator(), mallId, "\"1\"", "登记错误").then().statusCode(204);
        given().header("Authorization", coordinator()).contentType(ContentType.JSON).body(room)
                .post("/api/v1/facilities").then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("hostFacilityId"));
    }

    static io.restassured.response.Response coverage() {
        return given().header("Authorization", coordinator()).queryParam("region", TOWNSHIP)
                .queryParam("type", "children-home").queryParam("level", "village").get("/api/v1/coverage");
    }

    long count(String sql, String parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
