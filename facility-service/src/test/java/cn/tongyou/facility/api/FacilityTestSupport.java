package cn.tongyou.facility.api;

import cn.tongyou.local.DevTokens;

import java.util.Set;

import static io.restassured.RestAssured.given;

/**
 * Test data shared by the facility tests: the real upper levels of 荥阳市 (names as in the 2023 NBS tables, so that a
 * later import of the official files finds them unchanged) and generated villages, loaded through the region import.
 * Each test class works in its own townships so that the classes do not see each other's facilities:
 * FacilityResourceTest 乔楼镇 (410182101), FacilityImportTest 豫龙镇 (410182102), CoverageResourceTest 王村镇 (410182104),
 * 汜水镇 (410182105) and 高山镇 (410182106). 广武镇 (410182103) and 金寨回族乡 (410182204) belong to the region tests.
 */
final class FacilityTestSupport {

    /** RestAssured would encode a text body without charset as ISO-8859-1. */
    static final String CSV = "text/csv; charset=UTF-8";

    private static final String UPPER = """
            code,name,parentCode
            41,河南省,
            4101,郑州市,41
            410182,荥阳市,4101
            410183,新密市,4101
            410182001,索河街道,410182
            410182101,乔楼镇,410182
            410182102,豫龙镇,410182
            410182104,王村镇,410182
            410182105,汜水镇,410182
            410182106,高山镇,410182
            """;

    private static final String VILLAGES = """
            code,name,parentCode
            410182101201,乔楼测试一村,410182101
            410182101202,乔楼测试二村,410182101
            410182101203,乔楼测试三村,410182101
            410182101204,乔楼测试四村,410182101
            410182102201,豫龙测试一村,410182102
            410182102202,豫龙测试二村,410182102
            410182102203,豫龙测试三村,410182102
            410182104201,王村测试一村,410182104
            410182104202,王村测试二村,410182104
            410182104203,王村测试三村,410182104
            410182104204,王村测试四村,410182104
            410182105201,汜水测试一村,410182105
            410182105202,汜水测试二村,410182105
            410182105203,汜水测试三村,410182105
            """;

    private static volatile boolean loaded;

    private FacilityTestSupport() {
    }

    static synchronized void regions() {
        if (loaded) {
            return;
        }
        given().header("Authorization", admin()).contentType(CSV).queryParam("validFrom", "2023-06-30").body(UPPER)
                .post("/api/v1/regions/import").then().statusCode(200);
        given().header("Authorization", admin()).contentType(CSV).queryParam("generated", true).body(VILLAGES)
                .post("/api/v1/regions/import").then().statusCode(200);
        loaded = true;
    }

    static String bearer(String role, String region) {
        return "Bearer " + DevTokens.mint("test-" + role + "-" + (region == null ? "cn" : region), Set.of(role),
                region == null ? DevTokens.NATIONWIDE : region);
    }

    static String admin() {
        return bearer("admin", null);
    }

    static String coordinator() {
        return bearer("coordinator", "410182");
    }

    static String viewer() {
        return bearer("viewer", "410182");
    }
}
