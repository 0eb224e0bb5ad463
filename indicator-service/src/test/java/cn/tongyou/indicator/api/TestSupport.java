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
}
