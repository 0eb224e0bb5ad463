package cn.tongyou.facility.api;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The audit trail (留痕) of facility-service, the representative service: every change leaves a CHANGED record with
 * its actor and request, every refusal a REFUSED one; the query API is scoped like other scoped data; the hash chain
 * verifies and detects a tampered row; the database refuses UPDATE and DELETE of audit rows.
 * Works on parks in 索河街道 (410182001), which no coverage or list test of 荥阳市 counts.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class AuditTrailTest {

    static final String TOWNSHIP = "410182001";
    static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void regions() {
        FacilityTestSupport.regions();
    }

    static String token(String subject, String role, String region) {
        return "Bearer " + DevTokens.mint(subject, Set.of(role), region);
    }

    static Map<String, Object> park(String name) {
        // no position: the near-search test of FacilityResourceTest counts the parks around 荥阳市
        return Map.of("type", "child-friendly-park", "name", name, "regionCode", TOWNSHIP, "status", "open");
    }

    record Row(String outcome, String operation, String eventType, String aggregateType, long version, String region,
               String subject, String roles, String actorRegion, String requestId, String detail) {
    }

    List<Row> rows(String sql, String parameter) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString("outcome"), r.getString("operation"), r.getString("event_type"),
                            r.getString("aggregate_type"), r.getLong("aggregate_version"), r.getString("region_code"),
                            r.getString("actor_subject"), r.getString("actor_roles"), r.getString("actor_region"),
                            r.getString("request_id"), r.getString("detail")));
                }
            }
        }
        return rows;
    }

    @Test
    void createUpdateDeleteLeaveChangedRecordsWithTheActorAndTheQueryIsScoped() throws SQLException {
        String coordinator = token("audit-coordinator", "coordinator", "410182");
        Response created = given().header("Authorization", coordinator).header("X-Request-Id", "audit-create-1")
                .contentType(ContentType.JSON).body(park("索河街道审计测试公园")).post("/api/v1/facilities");
        created.then().statusCode(201).header("X-Request-Id", "audit-create-1");
        String id = created.path("id");
        given().header("Authorization", coordinator).header("X-Request-Id", "audit-update-1").header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body(park("索河街道审计测试公园（改名）")).put("/api/v1/facilities/" + id)
                .then().statusCode(200).header("X-Request-Id", "audit-update-1");
        given().header("Authorization", coordinator).header("X-Request-Id", "audit-delete-1").header("If-Match", "\"2\"")
                .queryParam("reason", "登记错误").delete("/api/v1/facilities/" + id)
                .then().statusCode(204).header("X-Request-Id", "audit-delete-1");
        // a request without an id gets one
        given().header("Authorization", coordinator).get("/api/v1/facility-types").then().statusCode(200)
                .header("X-Request-Id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));

        List<Row> rows = rows("select * from audit_record where aggregate_id = ? order by id", id);
        assertThat(rows).extracting(Row::outcome).containsOnly("CHANGED");
        assertThat(rows).extracting(Row::eventType).containsExactly("cfc.facility.changed.v1", "cfc.facility.changed.v1",
                "cfc.facility.deleted.v1", null);
        assertThat(rows).extracting(Row::aggregateType).containsExactly("cfc.facilities", "cfc.facilities",
                "cfc.facilities", "facility-deletion");
        assertThat(rows).extracting(Row::version).containsExactly(1L, 2L, 3L, 3L);
        assertThat(rows).extracting(Row::requestId).containsExactly("audit-create-1", "audit-update-1", "audit-delete-1",
                "audit-delete-1");
        assertThat(rows).extracting(Row::subject).containsOnly("audit-coordinator");
        assertThat(rows).extracting(Row::roles).containsOnly("coordinator");
        assertThat(rows).extracting(Row::actorRegion).containsOnly("410182");
        assertThat(rows).extracting(Row::region).containsOnly(TOWNSHIP + "000");
        assertThat(rows.get(0).operation()).startsWith("POST /api/v1/facilities (FacilityResource.create)");
        assertThat(rows.get(2).operation()).contains("FacilityResource.delete");
        assertThat(rows.get(3).detail()).isEqualTo("deleted: 登记错误");

        // the query API: a coordinator of 荥阳市 sees the rows, newest first, each with the state before it
        JsonPath page = given().header("Authorization", coordinator).queryParam("aggregateId", id).get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(4)).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        Map<String, Object> update = items.stream().filter(i -> "audit-update-1".equals(i.get("requestId"))
                && "cfc.facilities".equals(i.get("aggregateType"))).findFirst().orElseThrow();
        Map<String, Object> create = items.stream().filter(i -> "audit-create-1".equals(i.get("requestId"))).findFirst().orElseThrow();
        assertThat(update.get("before")).isNotNull().isEqualTo(create.get("after"));
        assertThat(create.get("before")).isNull();
        assertThat(((Map<?, ?>) update.get("after")).get("name")).isEqualTo("索河街道审计测试公园（改名）");
        assertThat(update).containsEntry("actorSubject", "audit-coordinator").containsEntry("actorRegion", "410182")
                .containsEntry("regionCode", TOWNSHIP + "000").containsEntry("outcome", "CHANGED");
        given().header("Authorization", token("audit-admin", "admin", "CN")).queryParam("aggregateId", id)
                .queryParam("region", "41").get("/api/v1/audit").then().statusCode(200).body("total", equalTo(4));

        // outside the subtree: nothing; an explicit region outside: 403; viewers and reporters: 403
        String guangdong = token("audit-gd", "coordinator", "440000");
        given().header("Authorization", guangdong).queryParam("aggregateId", id).get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", guangdong).queryParam("region", "410182").get("/api/v1/audit")
                .then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", token("audit-viewer", "viewer", "410182")).get("/api/v1/audit")
                .then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", token("audit-reporter", "reporter", "410182")).get("/api/v1/audit")
                .then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", coordinator).queryParam("outcome", "DELETED").get("/api/v1/audit")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aRefusalLeavesARefusedRecordAndNothingElse() throws SQLException {
        given().header("Authorization", token("audit-refused-viewer", "viewer", "410182")).header("X-Request-Id", "audit-refused-1")
                .contentType(ContentType.JSON).body(park("索河街道拒绝测试公园")).post("/api/v1/facilities")
                .then().statusCode(403).contentType(PROBLEM).header("X-Request-Id", "audit-refused-1");
        given().header("Authorization", token("audit-refused-gd", "coordinator", "440000")).header("X-Request-Id", "audit-refused-2")
                .contentType(ContentType.JSON).body(park("索河街道拒绝测试公园")).post("/api/v1/facilities")
                .then().statusCode(403).contentType(PROBLEM);
        List<Row> refused = rows("select * from audit_record where request_id in (?, 'audit-refused-2') order by id", "audit-refused-1");
        assertThat(refused).extracting(Row::outcome).containsExactly("REFUSED", "REFUSED");
        assertThat(refused).extracting(Row::subject).containsExactly("audit-refused-viewer", "audit-refused-gd");
        assertThat(refused.get(1).detail()).contains("440000");
        assertThat(refused.get(1).operation()).startsWith("POST /api/v1/facilities");
        assertThat(rows("select * from audit_record where operation like ? and outcome = 'CHANGED' "
                + "and after_state ->> 'name' = '索河街道拒绝测试公园'", "POST%")).isEmpty();
    }

    @Test
    void theChainVerifiesDetectsATamperedRowAndTheDatabaseRefusesChanges() throws Exception {
        String admin = token("audit-verifier", "admin", "CN");
        String coordinator = token("audit-chain", "coordinator", "410182");
        // something to seal, sealed by the scheduled sealer
        given().header("Authorization", coordinator).contentType(ContentType.JSON)
                .body(park("索河街道链测试公园")).post("/api/v1/facilities").then().statusCode(201);
        long id = awaitSealed();
        long position;
        String detail;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select chain_position, detail from audit_record join audit_seal "
                     + "on record_id = id where id = " + id)) {
            assertThat(r.next()).isTrue();
            position = r.getLong("chain_position");
            detail = r.getString("detail");
        }

        // only a nationwide admin verifies
        given().header("Authorization", token("audit-admin-41", "admin", "41")).get("/api/v1/audit/verification")
                .then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", token("audit-coord-cn", "coordinator", "CN")).get("/api/v1/audit/verification")
                .then().statusCode(403).contentType(PROBLEM);

        // with the trigger on, no role may change or delete a row, not even the owner
        assertThatThrownBy(() -> execute("update audit_record set detail = 'x' where id = " + id))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        assertThatThrownBy(() -> execute("delete from audit_record where id = " + id))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("truncate audit_record"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        // the seal is given once: not replaced, not removed, not given twice
        assertThatThrownBy(() -> execute("update audit_seal set hash = repeat('0', 64) where record_id = " + id))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("delete from audit_seal where record_id = " + id))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("truncate audit_seal"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("insert into audit_seal (record_id, chain_position, previous_hash, hash) "
                + "select record_id, (select max(chain_position) + 1 from audit_seal), hash, repeat('0', 64) "
                + "from audit_seal where record_id = " + id))
                .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getSQLState())
                        .as("unique violation").isEqualTo("23505"));

        given().header("Authorization", admin).get("/api/v1/audit/verification").then().statusCode(200)
                .body("intact", equalTo(true)).body("firstBrokenPosition", nullValue());

        // the owner disables the trigger and edits a sealed row: the verification names the first broken position
        tamper(id, "'tampered'");
        try {
            given().header("Authorization", admin).get("/api/v1/audit/verification").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenPosition", equalTo((int) position))
                    .body("firstBrokenRecordId", equalTo((int) id));
        } finally {
            tamper(id, detail == null ? "null" : "'" + detail.replace("'", "''") + "'");
        }
        given().header("Authorization", admin).get("/api/v1/audit/verification").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    /** With every row sealed (the verification seals what is pending first) nothing is left unsealed. */
    @Test
    void theVerificationAnswersWhenEverythingIsSealed() {
        given().header("Authorization", token("audit-verifier", "admin", "CN")).get("/api/v1/audit/verification")
                .then().statusCode(200).body("unsealedRows", equalTo(0));
    }

    /**
     * The verification counts unsealed rows from the records, not from the sealer's queue: a record whose queue entry
     * was removed in its own transaction (so the sealer never saw it) is reported, and sealed once queued again.
     */
    @Test
    void aRecordTakenOffTheSealersQueueIsStillReportedUnsealed() throws Exception {
        String admin = token("audit-verifier", "admin", "CN");
        long id;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("insert into audit_record (outcome, "
                    + "operation, actor_subject, actor_roles) values ('REFUSED', 'system: queue test', 'audit-queue', "
                    + "'admin') returning id")) {
                r.next();
                id = r.getLong(1);
            }
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("delete from audit_unsealed where id = " + id)).isEqualTo(1);
            }
            c.commit();
        }
        try {
            given().header("Authorization", admin).get("/api/v1/audit/verification").then().statusCode(200)
                    .body("intact", equalTo(true)).body("unsealedRows", equalTo(1));
        } finally {
            execute("insert into audit_unsealed (id) values (" + id + ")");
        }
        given().header("Authorization", admin).get("/api/v1/audit/verification").then().statusCode(200)
                .body("intact", equalTo(true)).body("unsealedRows", equalTo(0));
    }

    /** The id of the newest CHANGED row once the scheduled sealer (every 2 s) has sealed it. */
    private long awaitSealed() throws Exception {
        long id;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select max(id) from audit_record where outcome = 'CHANGED'")) {
            r.next();
            id = r.getLong(1);
        }
        for (int i = 0; i < 100; i++) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select exists (select 1 from audit_seal where record_id = " + id + ")")) {
                r.next();
                if (r.getBoolean(1)) {
                    return id;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("audit record " + id + " was not sealed within 20 s");
    }

    private void tamper(long id, String detailSql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("alter table audit_record disable trigger audit_record_append_only");
            try {
                s.executeUpdate("update audit_record set detail = " + detailSql + " where id = " + id);
            } finally {
                s.execute("alter table audit_record enable trigger audit_record_append_only");
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
