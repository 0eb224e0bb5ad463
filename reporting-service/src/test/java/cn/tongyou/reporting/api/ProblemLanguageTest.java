package cn.tongyou.reporting.api;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** reporting-service's problems in Chinese for {@code Accept-Language: zh-CN}, English otherwise. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ProblemLanguageTest {

    private static final String ZH = "zh-CN";

    private static String bearer(String role, String region) {
        return "Bearer " + DevTokens.mint("test-" + role, Set.of(role), region);
    }

    private static RequestSpecification as(String token, String language) {
        RequestSpecification request = given().header("Authorization", token);
        return language == null ? request : request.header("Accept-Language", language);
    }

    @Test
    void badParametersInChinese() {
        as(bearer("coordinator", "4101"), ZH).queryParam("region", "410185").queryParam("period", "2025Q1")
                .get("/api/v1/compliance").then().statusCode(400).header("Content-Language", "zh-CN")
                .body("title", equalTo("请求无效"))
                .body("violations[0].field", equalTo("period"))
                .body("violations[0].message", equalTo("期间“2025Q1”不是年份（2025）或半年（2025H1、2025H2）"));
        as(bearer("coordinator", "4101"), ZH).queryParam("region", "410185").get("/api/v1/compliance").then().statusCode(400)
                .body("violations[0].message", equalTo("为必填项（2025、2025H1 或 2025H2）"));
        as(bearer("coordinator", "4101"), null).queryParam("region", "410185").get("/api/v1/compliance").then().statusCode(400)
                .header("Content-Language", "en")
                .body("violations[0].message", equalTo("is required (2025, 2025H1 or 2025H2)"));
    }

    @Test
    void notFoundInChinese() {
        as(bearer("viewer", "41"), ZH).get("/api/v1/snapshots/abc").then().statusCode(404)
                .body("title", equalTo("资源不存在")).body("detail", equalTo("没有快照 abc"));
    }

    @Test
    void refusalsInChinese() {
        as(bearer("coordinator", "4102"), "zh-CN;q=0.9,en;q=0.8").queryParam("region", "410185").queryParam("period", "2025")
                .get("/api/v1/compliance").then().statusCode(403)
                .body("title", equalTo("无权操作"))
                .body("detail", equalTo("您的令牌允许读取受限数据的范围是区划 410200000000 及其下级，不包括 410185000000"));
        // the operation's name is itself a message, rendered in the same language
        as(bearer("admin", "41"), ZH).post("/api/v1/projections/rebuild").then().statusCode(403)
                .body("detail", equalTo("重建投影数据需要全国范围的令牌（region 声明为 CN）；您的令牌作用范围是区划 410000000000 及其下级"));
        as(bearer("admin", "41"), "de").post("/api/v1/projections/rebuild").then().statusCode(403)
                .body("detail", equalTo("rebuilding the projections needs a nationwide token (region claim CN); "
                        + "yours acts in region 410000000000 and below"));
    }
}
