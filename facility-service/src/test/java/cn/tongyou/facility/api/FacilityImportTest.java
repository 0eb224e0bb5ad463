package cn.tongyou.facility.api;

import cn.tongyou.common.events.EventSchemas;
import cn.tongyou.local.testing.PlatformTestResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import static cn.tongyou.facility.api.FacilityTestSupport.CSV;
import static cn.tongyou.facility.api.FacilityTestSupport.bearer;
import static cn.tongyou.facility.api.FacilityTestSupport.coordinator;
import static cn.tongyou.facility.api.FacilityTestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** Bulk import of facilities (豫龙镇 410182102). Every test uses its own externalId prefix. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class FacilityImportTest {

    static final String HEADER = "externalId,type,name,regionCode,address,lat,lng,status,openedOn,certificationLevel,hostExternalId,"
            + "checklist.venue,checklist.equipment,checklist.rules,checklist.staff,checklist.funding,attr.areaM2\n";
    static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void regions() {
        FacilityTestSupport.regions();
    }

    static String prefix() {
        return "T" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    static String homes(String p) {
        return HEADER
                + p + "1,children-home,豫龙测试一村儿童之家,410182102201,豫龙测试一村党群服务中心,34.77,113.40,open,2024-05-01,county,,是,是,是,是,是,80\n"
                + p + "2,children-home,豫龙测试二村儿童之家,410182102202,,,,open,2024-06-01,,,是,是,是,否,是,\n"
                + p + "3,children-home,豫龙测试三村儿童之家,410182102203,,,,planned,,,,,,,,,\n";
    }

    static Response importCsv(String csv, String onError, boolean dryRun, String key) {
        var request = given().header("Authorization", coordinator()).contentType(CSV)
                .queryParam("onError", onError).queryParam("dryRun", dryRun).body(csv);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/facilities/import");
    }

    @Test
    void aCsvImportsAndAReimportChangesNothing() throws Exception {
        String p = prefix();
        importCsv(homes(p), "reject", false, null).then().statusCode(200)
                .body("dryRun", equalTo(false)).body("rowsRead", equalTo(3)).body("inserted", equalTo(3))
                .body("updated", equalTo(0)).body("unchanged", equalTo(0)).body("rejected", equalTo(0)).body("errors", empty());
        assertThat(count(p)).isEqualTo(3);
        long events = events(p);
        assertThat(events).isEqualTo(3);

        given().header("Authorization", viewer()).queryParam("externalId", p + "2").get("/api/v1/facilities")
                .then().body("items[0].meetsStandard", equalTo(false)).body("items[0].standardGaps", contains("staff"))
                .body("items[0].checklist.staff", equalTo(false));
        given().header("Authorization", viewer()).queryParam("externalId", p + "1").get("/api/v1/facilities")
                .then().body("items[0].location.lat", equalTo(34.77f)).body("items[0].attributes.areaM2", equalTo(60 + 20))
                .body("items[0].certificationLevel", equalTo("county")).body("items[0].version", equalTo(1));

        importCsv(homes(p), "reject", false, null).then().statusCode(200)
                .body("inserted", equalTo(0)).body("updated", equalTo(0)).body("unchanged", equalTo(3));
        assertThat(events(p)).isEqualTo(events);

        // one row changes: staff found (meets the standard now), one planned home starts construction
        String changed = homes(p).replace("是,是,是,否,是,", "是,是,是,是,是,")
                .replace(",planned,,,,,,,,,", ",under-construction,,,,,,,,,");
        importCsv(changed, "reject", false, null).then().statusCode(200)
                .body("inserted", equalTo(0)).body("updated", equalTo(2)).body("unchanged", equalTo(1));
        given().header("Authorization", viewer()).queryParam("externalId", p + "2").get("/api/v1/facilities")
                .then().body("items[0].meetsStandard", equalTo(true)).body("items[0].version", equalTo(2));
        String id3 = given().header("Authorization", viewer()).queryParam("externalId", p + "3").get("/api/v1/facilities").path("items[0].id");
        given().header("Authorization", viewer()).get("/api/v1/facilities/" + id3)
                .then().body("statusHistory.to", contains("planned", "under-construction"));
        assertThat(events(p)).isEqualTo(events + 2);
        assertThat(payloadsValid(p)).isTrue();
    }

    @Test
    void aBrokenRowRejectsTheWholeFileWithItsLineNumber() throws Exception {
        String p = prefix();
        String csv = homes(p)
                + p + "4,children-home,坏坐标,410182102201,,134.7,113.4,open,,,,是,是,是,是,是,\n"
                + p + "5,swimming-pool,泳池,410182102201,,,,open,,,,,,,,,\n"
                + p + "6,children-home,镇上,410182102,,,,open,,,,,,,,,\n"
                + p + "7,children-home,坏日期,410182102201,,,,open,2024-13-01,,,,,,,,\n";
        importCsv(csv, "reject", false, null).then().statusCode(422).contentType(PROBLEM)
                .body("detail", startsWith("4 of 7 rows have errors, so nothing was written"))
                .body("violations.line", contains(5, 6, 7, 8))
                .body("violations.field", contains("location.lat", "type", "regionCode", "openedOn"))
                .body("violations[0].message", startsWith("must be between -90 and 90"))
                .body("violations[1].message", containsString("known types: children-home"))
                .body("violations[2].message", containsString("village-level"))
                .body("violations[3].message", containsString("not a date"));
        assertThat(count(p)).isZero();
        assertThat(events(p)).isZero();
    }

    @Test
    void skipModeWritesTheValidRowsAndReportsTheRest() throws Exception {
        String p = prefix();
        String csv = homes(p) + p + "4,children-home,无此村,410182102299,,,,open,,,,,,,,,\n"
                + p + "1,children-home,重复,410182102201,,,,open,,,,,,,,,\n";
        importCsv(csv, "skip", false, null).then().statusCode(200)
                .body("rowsRead", equalTo(5)).body("inserted", equalTo(3)).body("rejected", equalTo(2))
                .body("errors.line", contains(5, 6))
                .body("errors[0].field", equalTo("regionCode"))
                .body("errors[1].message", containsString("appears more than once in this import (first on line 2)"));
        assertThat(count(p)).isEqualTo(3);
        assertThat(events(p)).isEqualTo(3);
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        String p = prefix();
        importCsv(homes(p), "reject", true, "dry-" + p).then().statusCode(200)
                .body("dryRun", equalTo(true)).body("inserted", equalTo(3));
        assertThat(count(p)).isZero();
        assertThat(events(p)).isZero();
        // a dry run with errors reports them rather than failing
        importCsv(homes(p) + p + "9,pool,x,410182102201,,,,open,,,,,,,,,\n", "reject", true, null).then().statusCode(200)
                .body("rejected", equalTo(1)).body("errors[0].line", equalTo(5));
        assertThat(count(p)).isZero();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyWritesOnce() throws Exception {
        String p = prefix();
        String key = "import-" + p;
        Response first = importCsv(homes(p), "reject", false, key);
        first.then().statusCode(200).body("inserted", equalTo(3));
        Response retry = importCsv(homes(p), "reject", false, key);
        retry.then().statusCode(200).header("Idempotent-Replayed", "true").body("inserted", equalTo(3));
        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(count(p)).isEqualTo(3);
        assertThat(events(p)).isEqualTo(3);
        // the same key with another body is refused
        importCsv(homes(p).replace("豫龙测试一村儿童之家", "改名"), "reject", false, key).then().statusCode(422)
                .contentType(PROBLEM).body("detail", containsString("different request"));
        assertThat(events(p)).isEqualTo(3);
    }

    @Test
    void jsonArraysImportToo() throws Exception {
        String p = prefix();
        String json = "[{\"externalId\":\"" + p + "mall\",\"type\":\"public-place\",\"name\":\"豫龙测试商场\",\"regionCode\":\"410182102\","
                + "\"status\":\"open\",\"attributes\":{\"floorAreaM2\":20000,\"dailyVisitors\":8000}},"
                + "{\"externalId\":\"" + p + "room\",\"type\":\"mother-baby-room\",\"name\":\"豫龙测试商场母婴室\",\"regionCode\":\"410182102\","
                + "\"status\":\"open\",\"hostExternalId\":\"" + p + "mall\",\"checklist\":{\"area-m2\":12}},"
                + "{\"externalId\":\"" + p + "bad\",\"type\":\"children-home\",\"colour\":\"red\"}]";
        given().header("Authorization", coordinator()).contentType(ContentType.JSON).queryParam("onError", "skip").body(json)
                .post("/api/v1/facilities/import").then().log().ifValidationFails().statusCode(200)
                .body("inserted", equalTo(2)).body("rejected", equalTo(1))
                .body("errors[0].line", equalTo(3)).body("errors[0].field", equalTo("colour"));
        String mall = given().header("Authorization", viewer()).queryParam("externalId", p + "mall").get("/api/v1/facilities")
                .then().body("items[0].hostRequired", equalTo(true)).extract().path("items[0].id");
        given().header("Authorization", viewer()).queryParam("externalId", p + "room").get("/api/v1/facilities")
                .then().body("items[0].hostFacilityId", equalTo(mall)).body("items[0].meetsStandard", equalTo(false));
        given().header("Authorization", coordinator()).contentType(ContentType.JSON).body("[{\"type\": ").post("/api/v1/facilities/import")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("malformed JSON"));
    }

    @Test
    void badRequestsAsAWhole() {
        importCsv("type,name,regionCode,colour\n", "reject", false, null).then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("unknown column 'colour'"));
        importCsv(homes(prefix()), "sometimes", false, null).then().statusCode(400).body("violations[0].field", equalTo("onError"));
        given().header("Authorization", coordinator()).contentType(ContentType.XML).body("<x/>").post("/api/v1/facilities/import")
                .then().statusCode(415).contentType(PROBLEM);
        given().header("Authorization", viewer()).contentType(CSV).body(homes(prefix())).post("/api/v1/facilities/import")
                .then().statusCode(403).contentType(PROBLEM);
        given().contentType(CSV).body(homes(prefix())).post("/api/v1/facilities/import").then().statusCode(401);
        // rows outside the token's region are row errors
        given().header("Authorization", bearer("integration", "410183")).contentType(CSV).queryParam("onError", "skip")
                .body(homes(prefix())).post("/api/v1/facilities/import").then().statusCode(200)
                .body("rejected", equalTo(3)).body("errors[0].message", containsString("outside the region"));
    }

    @Test
    void moreThan200000RowsIsA413AndNothingIsWritten() throws Exception {
        String p = prefix();
        StringBuilder csv = new StringBuilder(HEADER).append(homes(p).substring(HEADER.length()));
        String filler = "x\n";
        csv.append(filler.repeat(200_000));
        importCsv(csv.toString(), "skip", false, null).then().statusCode(413).contentType(PROBLEM)
                .body("detail", containsString("at most 200000 rows"));
        assertThat(count(p)).isZero();
    }

    @Test
    void errorsAreCappedAt1000() {
        StringBuilder csv = new StringBuilder("type,name,regionCode,status\n");
        csv.append("pool,x,410182102201,open\n".repeat(1_200));
        importCsv(csv.toString(), "reject", false, null).then().statusCode(422)
                .body("violations", hasSize(1000))
                .body("detail", containsString("1200 of 1200 rows have errors"))
                .body("detail", containsString("200 more are not"));
    }

    private long count(String prefix) throws Exception {
        return query("select count(*) from facility where external_id like ?", prefix + "%");
    }

    private long events(String prefix) throws Exception {
        return query("select count(*) from outbox_event o join facility f on o.aggregate_id = f.id::text "
                + "where f.external_id like ?", prefix + "%");
    }

    private boolean payloadsValid(String prefix) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select o.event_type, o.payload::text from outbox_event o "
                     + "join facility f on o.aggregate_id = f.id::text where f.external_id like ?")) {
            s.setString(1, prefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> problems = EventSchemas.validate(rs.getString(1), mapper.readTree(rs.getString(2)));
                    assertThat(problems).as(rs.getString(2)).isEmpty();
                }
            }
        }
        return true;
    }

    private long query(String sql, String param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
