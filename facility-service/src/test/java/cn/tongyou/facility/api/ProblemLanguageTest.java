package cn.tongyou.facility.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static cn.tongyou.facility.api.FacilityTestSupport.admin;
import static cn.tongyou.facility.api.FacilityTestSupport.bearer;
import static cn.tongyou.facility.api.FacilityTestSupport.coordinator;
import static cn.tongyou.facility.api.FacilityTestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * A Chinese user reads every problem in Chinese: {@code Accept-Language: zh-CN} (or a list preferring it) gives the
 * title, detail and violation messages from the Chinese bundles, English stays the default and the answer to any other
 * language; {@code Content-Language} says which.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ProblemLanguageTest {

    private static final String ZH = "zh-CN";

    @BeforeEach
    void regions() {
        FacilityTestSupport.regions();
    }

    private static RequestSpecification as(String token, String language) {
        RequestSpecification request = given().header("Authorization", token);
        return language == null ? request : request.header("Accept-Language", language);
    }

    @Test
    void aValidationProblemNamesEachFieldInChinese() {
        as(coordinator(), ZH).contentType("application/json").body("{\"type\": \"children-home\", \"status\": \"open\"}")
                .post("/api/v1/facilities").then().statusCode(400)
                .contentType("application/problem+json").header("Content-Language", "zh-CN")
                .body("title", equalTo("请求无效"))
                .body("violations.find { it.field == 'name' }.message", equalTo("为必填项"))
                .body("violations.find { it.field == 'regionCode' }.message", equalTo("为必填项"))
                .body("detail", containsString("name：为必填项"));
        as(coordinator(), null).contentType("application/json").body("{\"type\": \"children-home\", \"status\": \"open\"}")
                .post("/api/v1/facilities").then().statusCode(400).header("Content-Language", "en")
                .body("title", equalTo("Request is not valid"))
                .body("violations.find { it.field == 'name' }.message", equalTo("is required"));
    }

    @Test
    void beanValidationMessagesOfTheServiceAndOfCommonAreChineseToo() {
        // the service's own ValidationMessages bundle
        as(admin(), ZH).contentType("application/json").body("{}").post("/api/v1/regions/410182000000/retire")
                .then().statusCode(400).body("violations.message", hasItem("validTo 为必填项"));
        // common's ContributorValidationMessages (paging), aggregated with the service's by Hibernate Validator
        as(viewer(), ZH).queryParam("size", 0).get("/api/v1/regions").then().statusCode(400)
                .body("violations.message", hasItem("size 至少为 1"));
        as(viewer(), null).queryParam("size", 0).get("/api/v1/regions").then().statusCode(400)
                .body("violations.message", hasItem("size must be at least 1"));
    }

    @Test
    void notFoundInChineseAndEnglish() {
        as(viewer(), ZH).get("/api/v1/facility-types/swimming-pool").then().statusCode(404)
                .header("Content-Language", "zh-CN")
                .body("title", equalTo("资源不存在"))
                .body("detail", startsWith("没有设施类型“swimming-pool”；已知类型：children-home"));
        as(viewer(), null).get("/api/v1/facility-types/swimming-pool").then().statusCode(404)
                .body("title", equalTo("Resource not found"))
                .body("detail", startsWith("no facility type 'swimming-pool'; known types: children-home"));
        as(viewer(), ZH).get("/api/v1/no-such-thing").then().statusCode(404)
                .body("detail", equalTo("/api/v1/no-such-thing 处没有资源"));
    }

    @Test
    void aConflictInChinese() {
        as(admin(), ZH).contentType("application/json").body("{\"validTo\": \"2025-01-01\"}")
                .post("/api/v1/regions/410182000000/retire").then().statusCode(409)
                .body("title", equalTo("与当前状态冲突"))
                .body("detail", containsString("区划 410182000000 仍有"))
                .body("detail", containsString("个有效的下级区划；请先撤销它们"));
    }

    @Test
    void refusalsInChinese() {
        as(viewer(), ZH).contentType("application/json").body("{}").post("/api/v1/facilities").then().statusCode(403)
                .body("title", equalTo("无权操作"))
                .body("detail", equalTo("您的角色不允许此操作"));
        as(bearer("admin", "410183"), ZH).contentType("application/json").body("{\"validTo\": \"2025-01-01\"}")
                .post("/api/v1/regions/410182000000/retire").then().statusCode(403)
                .body("detail", equalTo("您的令牌允许写入的范围是区划 410183000000 及其下级，不包括 410182000000"));
        given().header("Accept-Language", ZH).get("/api/v1/facilities").then().statusCode(401)
                .body("title", equalTo("未认证"))
                .body("detail", equalTo("需要 Bearer 令牌（Authorization: Bearer <JWT>）"));
    }

    @Test
    void aMalformedBodyInChinese() {
        as(coordinator(), ZH).contentType("application/json").body("{\"type\": \"children-home\", \"colour\": \"red\"}")
                .post("/api/v1/facilities").then().statusCode(400)
                .body("detail", equalTo("未知字段“colour”"))
                .body("violations[0].message", startsWith("未知字段；已知字段："));
    }

    /** The Chinese column of docs/problems.md's table of malformed requests. */
    @Test
    void eachMalformedRequestClassInChinese() throws Exception {
        as(coordinator(), ZH).contentType("application/json").body("{\"name\": \"乔楼\", ")
                .post("/api/v1/facilities").then().statusCode(400).body("type", equalTo("https://tongyou.cn/problems/bad-request"))
                .body("detail", startsWith("JSON 格式错误，位于第 1 行第 20 列："));
        as(coordinator(), ZH).contentType("application/json").body("{\"type\": \"children-home\", \"openedOn\": \"last spring\"}")
                .post("/api/v1/facilities").then().statusCode(400)
                .body("detail", equalTo("openedOn：“last spring”不是有效的日期（ISO 8601，例如 2025-06-30）"));
        as(viewer(), ZH).queryParam("crs", "mars").get("/api/v1/facilities/" + java.util.UUID.randomUUID()).then().statusCode(400)
                .body("detail", equalTo("crs：未知的坐标系（crs）“mars”（应为 wgs84, gcj02 或 bd09）"));
        as(viewer(), ZH).queryParam("page", "abc").get("/api/v1/facilities").then().statusCode(400)
                .body("detail", equalTo("page：“abc”不是整数"));
        as(viewer(), ZH).queryParam("includeClosed", "maybe").get("/api/v1/facilities").then().statusCode(400)
                .body("detail", equalTo("includeClosed：“maybe”不是布尔值；请使用 true 或 false"));
        as(viewer(), ZH).queryParam("page", 0).get("/api/v1/facilities").then().statusCode(400)
                .body("detail", equalTo("page：page 从 1 开始"));

        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.time.Instant expiredAt = now.minus(java.time.Duration.ofMinutes(5));
        String expired = "Bearer " + cn.tongyou.local.DevTokens.sign(cn.tongyou.local.DevTokens.claims("zh-admin",
                java.util.Set.of("admin"), cn.tongyou.local.DevTokens.NATIONWIDE, null, now.minus(java.time.Duration.ofHours(1)),
                expiredAt), cn.tongyou.local.DevTokens.privateKey());
        given().header("Authorization", expired).header("Accept-Language", ZH).get("/api/v1/facilities").then().statusCode(401)
                .body("type", equalTo("https://tongyou.cn/problems/token-expired"))
                .body("title", equalTo("令牌已过期"))
                .body("detail", equalTo("令牌已于 " + expiredAt + " 过期；请获取新令牌（刷新）后重试"));
        given().header("Authorization", "Bearer not.a.jwt").header("Accept-Language", ZH).get("/api/v1/facilities")
                .then().statusCode(401).body("title", equalTo("未认证"))
                .body("detail", equalTo("Bearer 令牌不是格式正确的签名 JWT；请在平台的签发方重新登录"));
    }

    @Test
    void qualityValuesDecideAndAnUnsupportedLanguageGetsEnglish() {
        as(viewer(), "zh-CN;q=0.9,en;q=0.8").get("/api/v1/facility-types/swimming-pool").then().statusCode(404)
                .header("Content-Language", "zh-CN").body("title", equalTo("资源不存在"));
        as(viewer(), "en;q=0.9,zh-CN;q=0.5").get("/api/v1/facility-types/swimming-pool").then().statusCode(404)
                .header("Content-Language", "en").body("title", equalTo("Resource not found"));
        as(viewer(), "fr-FR,fr;q=0.9").get("/api/v1/facility-types/swimming-pool").then().statusCode(404)
                .header("Content-Language", "en").body("title", equalTo("Resource not found"));
        as(viewer(), "zh").get("/api/v1/facility-types/swimming-pool").then().statusCode(404)
                .header("Content-Language", "zh-CN");
    }
}
