package cn.tongyou.facility.api;

import cn.tongyou.common.events.EventSchemas;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.facility.events.RegionEvents;
import cn.tongyou.facility.store.RegionStore;
import cn.tongyou.local.testing.PlatformTestResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The import's set-based writes (COPY into staging, then INSERT … SELECT) leave the same outbox rows and audit records
 * as the Java path: each payload is the stored text of {@link RegionEvents#changed} for the region as stored, the
 * headers are the event's, and each audit record has the columns of one the Java path writes (a retirement through
 * the API) for the same actor. Invented villages under 哈巴河县's 萨尔布拉克镇, which no official file has (codes 9xx).
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegionImportSqlTest {

    private static final String CSV = "text/csv; charset=UTF-8";
    private static final String TOWN = "654324101";
    private static final String ANCESTORS = "code,name,parentCode\n65,新疆维吾尔自治区,\n6543,阿勒泰地区,65\n"
            + "654324,哈巴河县,6543\n" + TOWN + ",萨尔布拉克镇,654324\n";
    private static final List<String> VILLAGES = List.of(TOWN + "991", TOWN + "992", TOWN + "993", TOWN + "994");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RegionStore regions;

    @Inject
    ObjectMapper mapper;

    @Test
    @Order(1)
    void newAndChangedRegionsLeaveTheEventsAndAuditRecordsTheJavaPathWould() throws Exception {
        given().header("Authorization", Tokens.admin()).contentType(CSV).body(ANCESTORS)
                .post("/api/v1/regions/import").then().statusCode(200).body("rejected", equalTo(0));
        // urban and rural by name, a name saying neither with an official code, and COPY's and JSON's special characters
        String villages = "code,name,parentCode,urbanRuralCode\n"
                + VILLAGES.get(0) + ",测试社区居委会," + TOWN + ",\n"
                + VILLAGES.get(1) + ",测试村委会," + TOWN + ",\n"
                + VILLAGES.get(2) + ",测试生活区," + TOWN + ",220\n"
                + VILLAGES.get(3) + ",\"测试\\N\"\"村\"\"\\t\"," + TOWN + ",\n";
        given().header("Authorization", Tokens.admin()).header("X-Request-Id", "sql-import-1").contentType(CSV)
                .queryParam("validFrom", "2023-06-30").body(villages).post("/api/v1/regions/import")
                .then().statusCode(200).body("inserted", equalTo(4)).body("rejected", equalTo(0));
        assertThat(regions.find(RegionCode.parse(VILLAGES.get(3))).orElseThrow().name()).isEqualTo("测试\\N\"村\"\\t");
        assertEventsAsJava(VILLAGES, 1, "sql-import-1");

        // a rename and a retirement: updates, version 2
        String changes = "code,name,parentCode,validTo\n" + VILLAGES.get(1) + ",测试村民委员会," + TOWN + ",\n"
                + VILLAGES.get(2) + ",测试生活区," + TOWN + ",2024-12-31\n";
        given().header("Authorization", Tokens.admin()).header("X-Request-Id", "sql-import-2").contentType(CSV)
                .body(changes).post("/api/v1/regions/import")
                .then().statusCode(200).body("updated", equalTo(2)).body("inserted", equalTo(0));
        assertEventsAsJava(List.of(VILLAGES.get(1), VILLAGES.get(2)), 2, "sql-import-2");
        // the same again: nothing changes, nothing is published or recorded
        long events = count("select count(*) from outbox_event where aggregate_id like ?", TOWN + "%");
        long records = count("select count(*) from audit_record where aggregate_id like ?", TOWN + "%");
        given().header("Authorization", Tokens.admin()).contentType(CSV).body(changes).post("/api/v1/regions/import")
                .then().statusCode(200).body("unchanged", equalTo(2)).body("updated", equalTo(0));
        assertThat(count("select count(*) from outbox_event where aggregate_id like ?", TOWN + "%")).isEqualTo(events);
        assertThat(count("select count(*) from audit_record where aggregate_id like ?", TOWN + "%")).isEqualTo(records);

        // the Java path (a retirement through the API) writes an audit record with the same columns
        given().header("Authorization", Tokens.admin()).header("X-Request-Id", "java-retire-1")
                .contentType("application/json").body("{\"validTo\":\"2024-12-31\"}")
                .post("/api/v1/regions/" + VILLAGES.get(3) + "/retire").then().statusCode(200);
        Map<String, String> java = audit(VILLAGES.get(3), 2);
        Map<String, String> sql = audit(VILLAGES.get(2), 2);
        for (String same : List.of("outcome", "event_type", "aggregate_type", "region_code", "detail", "actor_subject",
                "actor_roles", "actor_region", "actor_unit", "client_address")) {
            assertThat(sql.get(same)).as(same).isEqualTo(java.get(same));
        }
        assertThat(java.get("operation")).contains("RegionResource.retire");
        assertThat(sql.get("operation")).startsWith("POST /api/v1/regions/import (RegionResource.importCsv)");
        assertEventsAsJava(List.of(VILLAGES.get(3)), 2, "java-retire-1");
    }

    @Test
    @Order(2)
    void aRejectedImportLeavesNoRegionEventOrAuditRecordOfItsGoodRows() throws Exception {
        long events = count("select count(*) from outbox_event where aggregate_id like ?", TOWN + "%");
        long records = count("select count(*) from audit_record where aggregate_id like ?", TOWN + "%");
        given().header("Authorization", Tokens.admin()).contentType(CSV)
                .body("code,name,parentCode\n" + TOWN + "995,测试新村," + TOWN + "\n" + TOWN + "996,,\n")
                .post("/api/v1/regions/import").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].line", equalTo(3));
        given().header("Authorization", Tokens.admin()).contentType(CSV).queryParam("dryRun", true)
                .body("code,name,parentCode\n" + TOWN + "995,测试新村," + TOWN + "\n")
                .post("/api/v1/regions/import").then().statusCode(200).body("inserted", equalTo(1));
        assertThat(regions.find(RegionCode.parse(TOWN + "995"))).isEmpty();
        assertThat(count("select count(*) from outbox_event where aggregate_id like ?", TOWN + "%")).isEqualTo(events);
        assertThat(count("select count(*) from audit_record where aggregate_id like ?", TOWN + "%")).isEqualTo(records);
    }

    @Test
    @Order(3)
    void aParentRetiredEarlierInTheSameFileTakesNoNewChildren() {
        // the writes land at the end of the import, yet the village below sees its township retired by the line above
        String town = "654324190";
        // generated (a demo township): the official tables' counts stay those of the files
        given().header("Authorization", Tokens.admin()).contentType(CSV).queryParam("generated", true)
                .body("code,name,parentCode\n" + town + ",测试镇,654324\n")
                .post("/api/v1/regions/import").then().statusCode(200).body("inserted", equalTo(1));
        given().header("Authorization", Tokens.admin()).contentType(CSV).queryParam("onError", "skip")
                .queryParam("generated", true)
                .body("code,name,parentCode,validTo\n" + town + ",测试镇,654324,2024-12-31\n" + town + "201,测试村," + town + ",\n")
                .post("/api/v1/regions/import").then().statusCode(200).body("updated", equalTo(1))
                .body("rejected", equalTo(1)).body("errors[0].line", equalTo(3))
                .body("errors[0].message", startsWith("unknown parent region " + town));
    }

    @Test
    @Order(4)
    void aFileOfSeveralBatchesWritesThemInFileOrderAndARefusedLastRowUndoesThemAll() throws Exception {
        // six generated townships, each followed by its 900 villages: 5,406 rows, so the sixth township's villages
        // cross the first batch's end (5,000 rows) and take their parent from the batch written before them
        StringBuilder csv = new StringBuilder("code,name,parentCode\n");
        List<String> towns = new ArrayList<>();
        for (int t = 1; t <= 6; t++) {
            String town = "65432418" + t;
            towns.add(town);
            csv.append(town).append(",测试镇").append(t).append(",654324\n");
            for (int v = 1; v <= 900; v++) {
                csv.append(town).append(String.format("%03d", v)).append(",测试村").append(v).append(',').append(town)
                        .append('\n');
            }
        }
        String like = "65432418%";
        long events = count("select count(*) from outbox_event where aggregate_id like ?", like);
        long records = count("select count(*) from audit_record where aggregate_id like ?", like);

        // one bad row at the very end: the batch already written goes too
        given().header("Authorization", Tokens.admin()).contentType(CSV).queryParam("generated", true)
                .body(csv + "654324189001,测试村,654324189\n").post("/api/v1/regions/import")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].line", equalTo(5_408));
        assertThat(count("select count(*) from region where code like ?", like)).isZero();
        assertThat(count("select count(*) from outbox_event where aggregate_id like ?", like)).isEqualTo(events);
        assertThat(count("select count(*) from audit_record where aggregate_id like ?", like)).isEqualTo(records);

        given().header("Authorization", Tokens.admin()).contentType(CSV).queryParam("generated", true)
                .body(csv.toString()).post("/api/v1/regions/import")
                .then().statusCode(200).body("inserted", equalTo(5_406)).body("rejected", equalTo(0));
        String lastTown = towns.get(5) + "000";
        assertThat(count("select count(*) from region where code like ? and parent_code = ?", like, lastTown))
                .isEqualTo(900);
        assertThat(count("select count(*) from audit_record where aggregate_id like ?", like)).isEqualTo(records + 5_406);
        // the outbox holds the file's order: each township's event before its villages'
        assertThat(count("select count(*) from outbox_event where aggregate_id like ?", like)).isEqualTo(events + 5_406);
        assertThat(count("select count(*) from outbox_event v join outbox_event t"
                + " on t.aggregate_id = left(v.aggregate_id, 9) || '000'"
                + " where v.aggregate_id like ? and v.aggregate_id not like '%000' and v.seq < t.seq", like)).isZero();
        assertThat(count("select count(*) from (select aggregate_id, seq, lag(aggregate_id) over (order by seq) as before"
                + " from outbox_event where aggregate_id like ?) o where o.aggregate_id < o.before", like)).isZero();
    }

    /** Each code's event of {@code version}: the stored payload and headers are those of the Java path for the region now stored. */
    private void assertEventsAsJava(List<String> codes, long version, String requestId) throws Exception {
        for (String code : codes) {
            var region = regions.find(RegionCode.parse(code)).orElseThrow();
            assertThat(region.version()).isEqualTo(version);
            var event = RegionEvents.changed(region);
            String javaPayload = mapper.valueToTree(event.data()).toString();
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "select o.topic, o.event_type, o.aggregate_id, o.aggregate_version, o.tombstone, o.actor,"
                            + " o.payload::text, ?::jsonb::text, a.after_state::text, a.request_id, a.aggregate_type,"
                            + " a.event_type, a.actor_subject"
                            + " from outbox_event o join audit_record a on a.aggregate_id = o.aggregate_id"
                            + "  and a.aggregate_version = o.aggregate_version and a.outcome = 'CHANGED'"
                            + " where o.aggregate_id = ? and o.aggregate_version = ?")) {
                s.setString(1, javaPayload);
                s.setString(2, code);
                s.setLong(3, version);
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).as(code).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(event.topic());
                    assertThat(rs.getString(2)).isEqualTo(event.type());
                    assertThat(rs.getString(3)).isEqualTo(event.aggregateId());
                    assertThat(rs.getLong(4)).isEqualTo(event.version());
                    assertThat(rs.getBoolean(5)).isEqualTo(event.tombstone());
                    assertThat(rs.getString(6)).isEqualTo("test-admin");
                    assertThat(rs.getString(7)).as(code).isEqualTo(rs.getString(8));
                    assertThat(EventSchemas.validate(event.type(), mapper.readTree(rs.getString(7)))).isEmpty();
                    assertThat(rs.getString(9)).isEqualTo(rs.getString(7));
                    assertThat(rs.getString(10)).isEqualTo(requestId);
                    assertThat(rs.getString(11)).isEqualTo(event.topic());
                    assertThat(rs.getString(12)).isEqualTo(event.type());
                    assertThat(rs.getString(13)).isEqualTo("test-admin");
                    assertThat(rs.next()).as("one event and one record of " + code + " v" + version).isFalse();
                }
            }
        }
    }

    private Map<String, String> audit(String code, long version) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select * from audit_record where aggregate_id = ? and aggregate_version = ?")) {
            s.setString(1, code);
            s.setLong(2, version);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getString(i));
                }
                return row;
            }
        }
    }

    private long count(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            List<Object> values = new ArrayList<>(List.of(params));
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
