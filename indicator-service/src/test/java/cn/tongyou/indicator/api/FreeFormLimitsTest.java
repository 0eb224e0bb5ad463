package cn.tongyou.indicator.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * The lists and texts that had no bound (issue 13: every free-form field is limited, so that no write can make an
 * event the broker refuses): an indicator's aliases and departments, a derivation's facility type, the indicators of
 * a bulk approval. Each beyond its limit is a 400 problem naming the field, and nothing is written.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class FreeFormLimitsTest {

    static Map<String, Object> indicator() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "测试上限");
        body.put("domain", TestIndicators.DOMAIN);
        body.put("valueType", "count");
        body.put("obtained", "reported");
        return body;
    }

    static List<String> many(String prefix, int count) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(prefix + i);
        }
        return items;
    }

    @Test
    void anIndicatorWithTooManyAliasesOrDepartmentsIsRefused() {
        TestSupport.ensureDomain(TestIndicators.DOMAIN);
        Map<String, Object> aliases = indicator();
        aliases.put("aliases", many("别名", 51));
        given().header("Authorization", Tokens.admin()).contentType("application/json").body(aliases)
                .put("/api/v1/indicators/t-limit-aliases").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(startsWith("aliases")));
        Map<String, Object> departments = indicator();
        departments.put("departments", many("部门", 51));
        given().header("Authorization", Tokens.admin()).contentType("application/json").body(departments)
                .put("/api/v1/indicators/t-limit-aliases").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(startsWith("departments")));
        given().header("Authorization", Tokens.admin()).get("/api/v1/indicators/t-limit-aliases").then().statusCode(404);

        Map<String, Object> fifty = indicator();
        fifty.put("aliases", many("别名", 50));
        given().header("Authorization", Tokens.admin()).contentType("application/json").body(fifty)
                .put("/api/v1/indicators/t-limit-aliases").then().statusCode(201);
    }

    @Test
    void aDerivationsFacilityTypeLongerThan50CharactersIsRefused() {
        TestSupport.ensureDomain(TestIndicators.DOMAIN);
        Map<String, Object> derived = indicator();
        derived.put("valueType", "percentage");
        derived.put("obtained", "derived");
        derived.put("derivation", Map.of("facilityType", "x".repeat(51), "measure", "coverage", "level", "village"));
        given().header("Authorization", Tokens.admin()).contentType("application/json").body(derived)
                .put("/api/v1/indicators/t-limit-derived").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(startsWith("derivation.facilityType")));
    }

    @Test
    void aBulkApprovalNamingMoreThan1000IndicatorsIsRefused() {
        given().header("Authorization", Tokens.admin()).contentType("application/json")
                .body(Map.of("region", "410402", "period", "2025", "indicators", many("t-", 1001)))
                .post("/api/v1/observations/approvals").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", startsWith("indicators"));
        given().header("Authorization", Tokens.admin()).contentType("application/json")
                .body(Map.of("region", "410402", "period", "2025", "indicators", List.of("x".repeat(61))))
                .post("/api/v1/observations/approvals").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", startsWith("indicators"));
    }
}
