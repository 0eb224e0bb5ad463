package cn.tongyou.facility.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * The attributes a type does not declare are kept as given, within bounds (issue 13): at most 50 of them, names of
 * at most 100 characters and values of at most 2,000 characters (as JSON text when not a text), so that no facility
 * can make an event the broker would refuse. Beyond a bound: 400 naming the attribute, nothing written.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class AttributeLimitsTest {

    /** A generated township of 新密市 of its own, so that no other test class sees the one park written here. */
    static final String TOWNSHIP = "410183195";

    @BeforeEach
    void regions() {
        FacilityTestSupport.regions();
        given().header("Authorization", FacilityTestSupport.admin()).contentType(FacilityTestSupport.CSV)
                .queryParam("generated", true).body("code,name,parentCode\n" + TOWNSHIP + ",属性测试镇,410183\n")
                .post("/api/v1/regions/import").then().statusCode(200);
    }

    static Map<String, Object> park(Map<String, Object> attributes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "child-friendly-park");
        body.put("name", "属性上限测试公园");
        body.put("regionCode", TOWNSHIP);
        body.put("status", "open");
        body.put("attributes", attributes);
        return body;
    }

    static Response create(Map<String, Object> body) {
        return given().header("Authorization", FacilityTestSupport.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/facilities");
    }

    static Map<String, Object> attributes(int count, int valueLength) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            attributes.put("extra" + i, "值".repeat(valueLength));
        }
        return attributes;
    }

    @Test
    void moreThan50AttributesAreRefused() {
        create(park(attributes(51, 1))).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("attributes"));
    }

    @Test
    void aTextLongerThan2000CharactersIsRefused() {
        create(park(attributes(1, 2001))).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("attributes.extra0"));
    }

    @Test
    void aJsonValueLongerThan2000CharactersIsRefused() {
        create(park(Map.of("layout", List.of("值".repeat(1000), "值".repeat(1000))))).then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("attributes.layout"))
                .body("violations[0].message", startsWith("must be at most 2000 characters as JSON"));
    }

    @Test
    void aNameLongerThan100CharactersIsRefused() {
        create(park(Map.of("名".repeat(101), "x"))).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("attributes"));
    }

    @Test
    void fiftyAttributesOf2000CharactersAreAccepted() {
        Map<String, Object> body = park(attributes(50, 2000));
        body.put("name", "属性上限测试公园（最大）");
        create(body).then().statusCode(201);
    }
}
