package cn.tongyou.indicator.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** indicator-service's problems in Chinese for {@code Accept-Language: zh-CN}, English otherwise. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ProblemLanguageTest {

    private static final String REGION = "130104";
    private static final String ZH = "zh-CN";

    @BeforeEach
    void indicators() {
        TestIndicators.ensure();
    }

    private static RequestSpecification as(String token, String language) {
        RequestSpecification request = given().header("Authorization", token).contentType("application/json");
        return language == null ? request : request.header("Accept-Language", language);
    }

    private static Map<String, Object> value(String period, Object value) {
        return Map.of("indicator", TestIndicators.PERCENT, "region", REGION, "period", period, "value", value);
    }

    @Test
    void aRuleViolationInChineseAndInEnglish() {
        as(Tokens.reporter(REGION), ZH).body(value("2025", 101)).post("/api/v1/observations").then().statusCode(400)
                .header("Content-Language", "zh-CN")
                .body("title", equalTo("请求无效"))
                .body("violations.find { it.field == 'value' }.message", equalTo("percentage 应在 0 至 100 之间，不能是 101"));
        as(Tokens.reporter(REGION), null).body(value("2025", 101)).post("/api/v1/observations").then().statusCode(400)
                .body("violations.find { it.field == 'value' }.message", equalTo("a percentage lies between 0 and 100, not 101"));
        as(Tokens.reporter(REGION), ZH).body(value("2025Q3", 50)).post("/api/v1/observations").then().statusCode(400)
                .body("violations.find { it.field == 'period' }.message", containsString("“2025Q3”不是年份"));
    }

    @Test
    void aMissingBodyIsNamedInChinese() {
        as(Tokens.reporter(REGION), ZH).post("/api/v1/observations").then().statusCode(400)
                .body("violations.message", hasItem("需要提供描述该监测值的 JSON 请求体"));
    }

    @Test
    void notFoundAndConflictInChinese() {
        as(Tokens.viewer(), ZH).get("/api/v1/indicators/no-such-indicator").then().statusCode(404)
                .body("title", equalTo("资源不存在"))
                .body("detail", equalTo("指标目录中没有指标“no-such-indicator”"));
        as(Tokens.reporter(REGION), null).body(value("2087", 40)).post("/api/v1/observations").then().statusCode(201);
        as(Tokens.reporter(REGION), ZH).body(value("2087", 41)).post("/api/v1/observations").then().statusCode(409)
                .body("title", equalTo("与当前状态冲突"))
                .body("detail", containsString("区划 130104000000 的 t-percent 在 2087 已填报"));
    }

    @Test
    void aRefusalInChinese() {
        as(Tokens.viewer(), ZH).body(value("2025", 50)).post("/api/v1/observations").then().statusCode(403)
                .body("title", equalTo("无权操作"))
                .body("detail", equalTo("您的角色不允许此操作"));
        as(Tokens.reporter("4101"), "zh-CN;q=0.9,en;q=0.8").body(value("2025", 50)).post("/api/v1/observations")
                .then().statusCode(403).header("Content-Language", "zh-CN")
                .body("detail", equalTo("您的令牌允许写入的范围是区划 410100000000 及其下级，不包括 130104000000"));
    }
}
