package cn.tongyou.indicator.api;

import cn.tongyou.indicator.SharedCatalog;
import io.restassured.response.Response;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/** Shared steps of the service tests (they share one PostgreSQL and one application). */
public final class TestSupport {

    private TestSupport() {
    }

    /** Imports a catalogue file (002_, 003_ …) through the product's endpoint. */
    public static Response importCatalogue(String prefix) {
        return given().header("Authorization", Tokens.admin()).contentType("application/json; charset=UTF-8")
                .body(SharedCatalog.read(prefix)).post("/api/v1/catalog/import");
    }

    /** An indicator created through the API for a test, if not there yet. */
    public static void ensureIndicator(String code, Map<String, Object> body) {
        int status = given().header("Authorization", Tokens.admin()).get("/api/v1/indicators/" + code).statusCode();
        if (status == 404) {
            given().header("Authorization", Tokens.admin()).contentType("application/json").body(body)
                    .put("/api/v1/indicators/" + code).then().statusCode(201);
        }
    }

    public static void ensureDomain(String name) {
        given().header("Authorization", Tokens.admin()).contentType("application/json")
                .body(Map.of("framework", "other")).put("/api/v1/domains/" + name).then().statusCode(anyOf(is(200), is(201)));
    }

    public static long count(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Enters CSV values as submitted with {@code token}, then has a second coordinator of the office approve each
     * region and period they touch: four eyes (docs/design.md §9.3) keep anyone from entering values already approved.
     */
    public static void enterApproved(String token, String csv) {
        given().header("Authorization", token).contentType("text/csv").body(csv)
                .post("/api/v1/observations/batch").then().statusCode(200);
        java.util.Set<java.util.List<String>> regionPeriods = new java.util.LinkedHashSet<>();
        String[] lines = csv.strip().split("\n");
        java.util.List<String> header = java.util.List.of(lines[0].strip().split(","));
        int region = header.indexOf("region");
        int period = header.indexOf("period");
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].strip().split(",", -1);
            regionPeriods.add(java.util.List.of(cells[region], cells[period]));
        }
        for (java.util.List<String> rp : regionPeriods) {
            given().header("Authorization", Tokens.reviewer()).contentType("application/json")
                    .body(Map.of("region", rp.get(0), "period", rp.get(1)))
                    .post("/api/v1/observations/approvals").then().statusCode(200);
        }
    }
}
