package cn.tongyou.facility.api;

import cn.tongyou.local.testing.SharedData;
import cn.tongyou.common.events.EventSchemas;
import cn.tongyou.local.testing.PlatformTestResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The region registry over HTTP, fed with the real 2023 NBS division tables. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegionResourceTest {

    private static final String CSV = "text/csv; charset=UTF-8";
    private static final Map<String, Integer> SKIPPED = Map.of("provinces.csv", 0, "cities.csv", 0, "areas.csv", 3, "streets.csv", 1);

    @Inject
    AgroalDataSource dataSource;

    @Test
    @Order(1)
    void theFourOfficialTablesImportAndAReimportChangesNothing() throws Exception {
        Map<String, Integer> rows = Map.of("provinces.csv", 31, "cities.csv", 342, "areas.csv", 2978, "streets.csv", 41352);
        for (String file : List.of("provinces.csv", "cities.csv", "areas.csv", "streets.csv")) {
            Response first = importFile(file);
            first.then().statusCode(200);
            long inserted = first.jsonPath().getLong("inserted");
            long unchanged = first.jsonPath().getLong("unchanged");
            long skipped = first.jsonPath().getLong("skipped");
            assertThat(inserted + unchanged + skipped).as(file).isEqualTo(rows.get(file).longValue());
            // 东莞市, 中山市 and 儋州市 have no counties (areas.csv repeats them; their towns hang under the city) and
            // 金门县 has no townships (streets.csv repeats it)
            assertThat(skipped).as(file).isEqualTo(SKIPPED.get(file).longValue());
            assertThat(first.jsonPath().getLong("rejected")).isZero();
        }
        long outboxBefore = count("select count(*) from outbox_event where topic = 'cfc.regions'");
        assertThat(outboxBefore).isGreaterThanOrEqualTo(44_699);
        for (String file : List.of("provinces.csv", "cities.csv", "areas.csv", "streets.csv")) {
            importFile(file).then().statusCode(200)
                    .body("inserted", equalTo(0)).body("updated", equalTo(0))
                    .body("unchanged", equalTo(rows.get(file) - SKIPPED.get(file)));
        }
        assertThat(count("select count(*) from outbox_event where topic = 'cfc.regions'")).isEqualTo(outboxBefore);
        assertThat(count("select count(*) from region where level <= 4 and not generated")).isEqualTo(44_699);
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/441900003")
                .then().statusCode(200).body("parentCode", equalTo("441900000000")).body("ancestors.name", contains("广东省", "东莞市"));
    }

    @Test
    @Order(2)
    void aRegionComesWithItsAncestorsAndChildren() {
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182")
                .then().statusCode(200)
                .body("code", equalTo("410182000000"))
                .body("name", equalTo("荥阳市"))
                .body("level", equalTo("county"))
                .body("parentCode", equalTo("410100000000"))
                .body("ancestors.name", contains("河南省", "郑州市"))
                .body("childCount", equalTo(14));
        // the whole answer, byte for byte: the read by code is served by one store call on one connection (issue 16),
        // and must answer exactly what the three separate reads answered
        Response exact = given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182");
        assertThat(exact.statusCode()).isEqualTo(200);
        assertThat(exact.contentType()).isEqualTo("application/json;charset=UTF-8");
        assertThat(exact.asString()).isEqualTo("{\"code\":\"410182000000\",\"name\":\"荥阳市\",\"level\":\"county\","
                + "\"parentCode\":\"410100000000\",\"urbanRuralCode\":null,\"urbanRural\":null,\"urbanRuralSource\":null,"
                + "\"validFrom\":\"2023-06-30\",\"validTo\":null,\"generated\":false,\"version\":1,"
                + "\"ancestors\":[{\"code\":\"410000000000\",\"name\":\"河南省\",\"level\":\"province\"},"
                + "{\"code\":\"410100000000\",\"name\":\"郑州市\",\"level\":\"prefecture\"}],\"childCount\":14}");
        // a province has no ancestors to read: an empty list, not a missing one
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/41")
                .then().statusCode(200).body("ancestors", hasSize(0)).body("childCount", equalTo(18));
        given().header("Authorization", Tokens.viewer()).queryParam("size", 5)
                .get("/api/v1/regions/410182000000/children")
                .then().statusCode(200)
                .body("total", equalTo(14)).body("items", hasSize(5)).body("totalPages", equalTo(3))
                .body("items[0].name", equalTo("索河街道")).body("items[0].level", equalTo("township"));
        given().header("Authorization", Tokens.viewer()).queryParam("q", "荥阳").get("/api/v1/regions")
                .then().statusCode(200).body("items.code", hasItem("410182000000"));
        given().header("Authorization", Tokens.viewer()).queryParam("within", "410182").queryParam("level", "township")
                .get("/api/v1/regions").then().statusCode(200).body("total", equalTo(14));
    }

    @Test
    @Order(3)
    void badCodesAndUnknownRegionsAreProblems() {
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/41018")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("code"))
                .body("detail", startsWith("code: region code '41018' must have"));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/419999")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().header("Authorization", Tokens.viewer()).queryParam("level", "hamlet").get("/api/v1/regions")
                .then().statusCode(400).body("violations[0].field", equalTo("level"));
        given().header("Authorization", Tokens.viewer()).queryParam("size", 501).get("/api/v1/regions")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("size"));
    }

    @Test
    @Order(4)
    void aVillageFileWithBrokenRowsIsRefusedWholeAndNamesEveryLine() {
        String csv = """
                code,name,parentCode,urbanRuralCode
                410182103201,陈沟村,410182103,220
                41018210320X,坏代码村,410182103,220
                410182999201,无上级村,410182999,220
                410182103201,陈沟村,410182103,220
                410182103202,王沟村,410182103,220
                """;
        given().header("Authorization", Tokens.admin()).contentType(CSV).queryParam("generated", true).body(csv)
                .post("/api/v1/regions/import")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations", hasSize(3))
                .body("violations[0].line", equalTo(3)).body("violations[0].field", equalTo("code"))
                .body("violations[1].line", equalTo(4)).body("violations[1].message", startsWith("unknown parent region 410182999000"))
                .body("violations[2].line", equalTo(5)).body("violations[2].message", startsWith("duplicate of line 2"));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182103201").then().statusCode(404);

        given().header("Authorization", Tokens.admin()).contentType(CSV).queryParam("dryRun", true).body(csv)
                .post("/api/v1/regions/import")
                .then().statusCode(200).body("dryRun", equalTo(true)).body("committed", equalTo(false))
                .body("rejected", equalTo(3)).body("inserted", equalTo(2));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182103201").then().statusCode(404);

        given().header("Authorization", Tokens.admin()).contentType(CSV).queryParam("onError", "skip")
                .queryParam("generated", true).body(csv)
                .post("/api/v1/regions/import")
                .then().statusCode(200).body("committed", equalTo(true))
                .body("inserted", equalTo(2)).body("rejected", equalTo(3)).body("errors", hasSize(3));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182103201")
                .then().statusCode(200).body("level", equalTo("village")).body("generated", equalTo(true))
                .body("urbanRuralCode", equalTo("220")).body("ancestors", hasSize(4));
    }

    @Test
    @Order(5)
    void aRetiredCodeKeepsItsEndDateAndIsNeverReused() {
        given().header("Authorization", Tokens.admin()).contentType("application/json")
                .body("{\"validTo\":\"2024-12-31\",\"reason\":\"merged into 王沟村\"}")
                .post("/api/v1/regions/410182103202/retire")
                .then().statusCode(200).body("validTo", equalTo("2024-12-31")).body("version", equalTo(2));
        given().header("Authorization", Tokens.viewer()).queryParam("within", "410182103").queryParam("level", "village")
                .get("/api/v1/regions").then().body("items.code", contains("410182103201"));
        given().header("Authorization", Tokens.viewer()).queryParam("within", "410182103").queryParam("level", "village")
                .queryParam("includeRetired", true)
                .get("/api/v1/regions").then().body("total", equalTo(2));
        given().header("Authorization", Tokens.admin()).contentType(CSV)
                .body("code,name,parentCode\n410182103202,王沟村,410182103\n")
                .post("/api/v1/regions/import")
                .then().statusCode(422).body("violations[0].message", startsWith("code 410182103202 was retired on 2024-12-31"));
        // a retired township takes no new villages
        given().header("Authorization", Tokens.admin()).contentType("application/json")
                .body("{\"validTo\":\"2024-12-31\"}")
                .post("/api/v1/regions/410182204/retire").then().statusCode(200);
        given().header("Authorization", Tokens.admin()).contentType(CSV)
                .body("code,name,parentCode\n410182204201,新村,410182204\n")
                .post("/api/v1/regions/import")
                .then().statusCode(422).body("violations[0].message", startsWith("unknown parent region 410182204000"));
        given().header("Authorization", Tokens.admin()).contentType("application/json")
                .body("{\"validTo\":\"2024-12-31\"}")
                .post("/api/v1/regions/410182103/retire")
                .then().statusCode(409).body("detail", startsWith("region 410182103000 still has 1 active child"));
    }

    @Test
    @Order(6)
    void malformedImportsAreRefusedBeforeAnythingIsWritten() {
        given().header("Authorization", Tokens.admin()).contentType(CSV).body("id,title\n1,x\n")
                .post("/api/v1/regions/import").then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("the CSV header must contain the columns code and name"));
        given().header("Authorization", Tokens.admin()).contentType(CSV)
                .body("code,name,parentCode\n410182103204,\"未闭合,410182103\n")
                .post("/api/v1/regions/import").then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("the CSV is malformed"));
        given().header("Authorization", Tokens.admin()).contentType(CSV).body("")
                .post("/api/v1/regions/import").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", Tokens.admin()).contentType("application/json").body("[]")
                .post("/api/v1/regions/import").then().statusCode(415).contentType("application/problem+json");
        given().header("Authorization", Tokens.admin()).contentType(CSV).queryParam("onError", "ignore")
                .body("code,name\n").post("/api/v1/regions/import")
                .then().statusCode(400).body("violations[0].field", equalTo("onError"));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182103204").then().statusCode(404);
    }

    @Test
    @Order(7)
    void tokensDecideWhoMayReadAndWhere() {
        given().get("/api/v1/regions/410182").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer not-a-jwt").get("/api/v1/regions/410182").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.viewer()).contentType(CSV).body("code,name\n41,河南省\n")
                .post("/api/v1/regions/import").then().statusCode(403).contentType("application/problem+json");
        // an integration token for 广东省 may not touch 河南省's villages
        given().header("Authorization", Tokens.bearer("integration", "44")).contentType(CSV)
                .body("code,name,parentCode\n410182103205,新村,410182103\n")
                .post("/api/v1/regions/import")
                .then().statusCode(422).body("violations[0].message", startsWith("region 410182103205 is outside the region"));
        given().header("Authorization", Tokens.bearer("admin", "44")).contentType("application/json")
                .body("{\"validTo\":\"2024-12-31\"}")
                .post("/api/v1/regions/410182103201/retire").then().statusCode(403);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    @Order(8)
    void everyChangeIsInTheOutboxAndConformsToTheContract() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select event_type, aggregate_id, aggregate_version, payload::text from outbox_event "
                     + "where topic = 'cfc.regions' and aggregate_id = '410182103202' order by seq")) {
            int found = 0;
            while (rs.next()) {
                found++;
                assertThat(rs.getString(1)).isEqualTo("cfc.region.changed.v1");
                var payload = mapper.readTree(rs.getString(4));
                assertThat(EventSchemas.validate(rs.getString(1), payload)).isEmpty();
                assertThat(payload.get("version").asLong()).isEqualTo(rs.getLong(3));
                assertThat(payload.get("code").asText()).isEqualTo(rs.getString(2));
            }
            assertThat(found).isEqualTo(2); // 王沟村 created, then retired
        }
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182103202")
                .then().body("validTo", equalTo("2024-12-31")).body("urbanRuralCode", equalTo("220"))
                .body("validFrom", nullValue());
    }

    @Test
    @Order(9)
    void aGbkFileFromAProvincialSystemKeepsItsChineseNames() {
        byte[] gbk = "code,name,parentCode\n410182110201,贾峪村,410182110\n".getBytes(java.nio.charset.Charset.forName("GBK"));
        given().header("Authorization", Tokens.admin()).contentType("text/csv; charset=GBK").body(gbk)
                .post("/api/v1/regions/import").then().statusCode(200).body("inserted", equalTo(1));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182110201")
                .then().statusCode(200).body("name", equalTo("贾峪村"));
        given().header("Authorization", Tokens.admin()).contentType("text/csv; charset=KLINGON").body("code,name\n".getBytes())
                .post("/api/v1/regions/import").then().statusCode(415).contentType("application/problem+json");
    }

    /** 15 rows of villages.csv as it is (quoted names): 索河街道's 9 communities and 4 villages, a 生活区 and a 嘎查. */
    private static final String VILLAGES_EXCERPT = "/regions/villages-excerpt.csv";

    @Test
    @Order(10)
    void theVillageFileImportsAsItIsAndItsNamesGiveTheUrbanRuralClass() throws Exception {
        byte[] excerpt = RegionResourceTest.class.getResourceAsStream(VILLAGES_EXCERPT).readAllBytes();
        given().header("Authorization", Tokens.admin()).contentType(CSV).queryParam("validFrom", "2023-06-30")
                .body(excerpt).post("/api/v1/regions/import")
                .then().statusCode(200).body("format", equalTo("NBS_VILLAGES"))
                .body("inserted", equalTo(15)).body("rejected", equalTo(0));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182001001").then().statusCode(200)
                .body("name", equalTo("老城社区居委会")).body("level", equalTo("village")).body("generated", equalTo(false))
                .body("urbanRuralCode", nullValue()).body("urbanRural", equalTo("urban"))
                .body("urbanRuralSource", equalTo("derived")).body("validFrom", equalTo("2023-06-30"));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182001009").then()
                .body("name", equalTo("索河湾社区")).body("urbanRural", equalTo("urban"));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182001201").then()
                .body("name", equalTo("城关村委会")).body("urbanRural", equalTo("rural")).body("urbanRuralSource", equalTo("derived"));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/150203102211").then()
                .body("name", equalTo("卜尔汉图嘎查")).body("urbanRural", equalTo("rural"));
        // a name that says neither: unknown, counted in neither the urban nor the rural coverage
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/110108023500").then()
                .body("name", equalTo("万柳（集团）股份经济合作社六郎庄生活区"))
                .body("urbanRural", nullValue()).body("urbanRuralSource", nullValue());
        ObjectMapper mapper = new ObjectMapper();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select payload::text from outbox_event where topic = 'cfc.regions'"
                     + " and aggregate_id = '410182001201' order by seq")) {
            assertThat(rs.next()).isTrue();
            var payload = mapper.readTree(rs.getString(1));
            assertThat(EventSchemas.validate("cfc.region.changed.v1", payload)).isEmpty();
            assertThat(payload.get("urbanRural").asText()).isEqualTo("rural");
            assertThat(payload.get("urbanRuralSource").asText()).isEqualTo("derived");
        }
        // the same file again: nothing changes
        given().header("Authorization", Tokens.admin()).contentType(CSV).queryParam("validFrom", "2023-06-30")
                .body(excerpt).post("/api/v1/regions/import")
                .then().statusCode(200).body("unchanged", equalTo(15)).body("updated", equalTo(0));
    }

    @Test
    @Order(11)
    void aProvincialSystemCorrectsADerivedClassWithTheOfficialCode() throws Exception {
        // 城关村委会 reads rural, but the town has grown over it: the province sends 111 (主城区)
        given().header("Authorization", Tokens.bearer("integration", "41")).contentType(CSV)
                .body("code,name,parentCode,urbanRuralCode\n410182001201,城关村委会,410182001,111\n")
                .post("/api/v1/regions/import").then().statusCode(200).body("updated", equalTo(1));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182001201").then()
                .body("urbanRuralCode", equalTo("111")).body("urbanRural", equalTo("urban"))
                .body("urbanRuralSource", equalTo("imported")).body("version", equalTo(2));
        // the village file, which has no code, does not undo it
        byte[] excerpt = RegionResourceTest.class.getResourceAsStream(VILLAGES_EXCERPT).readAllBytes();
        given().header("Authorization", Tokens.admin()).contentType(CSV).body(excerpt).post("/api/v1/regions/import")
                .then().statusCode(200).body("unchanged", equalTo(15)).body("updated", equalTo(0));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182001201").then()
                .body("urbanRural", equalTo("urban")).body("urbanRuralSource", equalTo("imported"));
        // a code that is no 城乡分类代码 is refused
        given().header("Authorization", Tokens.admin()).contentType(CSV)
                .body("code,name,parentCode,urbanRuralCode\n410182001202,惠场村委会,410182001,310\n")
                .post("/api/v1/regions/import").then().statusCode(422)
                .body("violations[0].field", equalTo("urbanRuralCode"));
    }

    @Test
    @Order(12)
    void aRealImportNeverRenamesAGeneratedVillage() {
        // 410182103201 holds the generated 陈沟村 (order 4); the real 410182103201 is 广武村委会
        String real = "code,name,streetCode,provinceCode,cityCode,areaCode\n"
                + "410182103001,\"忆江南社区\",410182103,41,4101,410182\n"
                + "410182103201,\"广武村委会\",410182103,41,4101,410182\n";
        given().header("Authorization", Tokens.admin()).contentType(CSV).body(real).post("/api/v1/regions/import")
                .then().statusCode(422).body("violations", hasSize(1))
                .body("violations[0].line", equalTo(3)).body("violations[0].field", equalTo("name"))
                .body("violations[0].message", startsWith("code 410182103201 holds the generated region '陈沟村'"));
        given().header("Authorization", Tokens.admin()).contentType(CSV).queryParam("onError", "skip").body(real)
                .post("/api/v1/regions/import")
                .then().statusCode(200).body("inserted", equalTo(1)).body("rejected", equalTo(1))
                .body("errors[0].line", equalTo(3));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182103201").then()
                .body("name", equalTo("陈沟村")).body("generated", equalTo(true));
        // explicitly: the real row replaces the generated one, and the report says so
        given().header("Authorization", Tokens.admin()).contentType(CSV).queryParam("replaceGenerated", true).body(real)
                .post("/api/v1/regions/import")
                .then().statusCode(200).body("updated", equalTo(1)).body("unchanged", equalTo(1))
                .body("replacedGenerated", equalTo(1))
                .body("notes[0].message", equalTo("replaced the generated region '陈沟村' 410182103201 by '广武村委会'"));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/regions/410182103201").then()
                .body("name", equalTo("广武村委会")).body("generated", equalTo(false))
                .body("urbanRural", equalTo("rural")).body("urbanRuralSource", equalTo("derived"));
        // nor does a generated import rename a real one
        given().header("Authorization", Tokens.admin()).contentType(CSV).queryParam("generated", true)
                .body("code,name,parentCode\n410182001001,索河演示社区01,410182001\n").post("/api/v1/regions/import")
                .then().statusCode(422).body("violations[0].message", startsWith("code 410182001001 holds the real region '老城社区居委会'"));
    }

    private Response importFile(String file) throws Exception {
        return given().header("Authorization", Tokens.admin()).contentType(CSV)
                .queryParam("validFrom", "2023-06-30")
                .body(Files.readAllBytes(SharedData.divisions(file)))
                .post("/api/v1/regions/import");
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
