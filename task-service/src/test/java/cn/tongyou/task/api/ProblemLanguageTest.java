package cn.tongyou.task.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static cn.tongyou.task.api.TestSupport.coordinator;
import static cn.tongyou.task.api.TestSupport.reporter;
import static cn.tongyou.task.api.TestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** task-service's problems in Chinese for {@code Accept-Language: zh-CN}, English otherwise. Region 新郑市 (410184). */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ProblemLanguageTest {

    private static final String REGION = "410184";
    private static final String ZH = "zh-CN";

    private static RequestSpecification as(String token, String language) {
        RequestSpecification request = given().header("Authorization", token);
        return language == null ? request : request.header("Accept-Language", language);
    }

    @Test
    void badQueryParametersInChinese() {
        as(viewer(), ZH).queryParam("unit-role", "boss").queryParam("due-before", "tomorrow").get("/api/v1/tasks")
                .then().statusCode(400).header("Content-Language", "zh-CN")
                .body("title", equalTo("请求无效"))
                .body("violations.find { it.field == 'unit-role' }.message", equalTo("必须为 lead、participating 或 any"))
                .body("violations.find { it.field == 'due-before' }.message",
                        equalTo("“tomorrow”不是日期（ISO 8601，例如 2025-12-31）"));
        as(viewer(), ZH).get("/api/v1/tasks/abc").then().statusCode(400)
                .body("violations[0].message", equalTo("“abc”不是有效的任务 ID（UUID）"));
        as(viewer(), null).get("/api/v1/tasks/abc").then().statusCode(400)
                .body("violations[0].message", equalTo("'abc' is not a task id (UUID)"));
    }

    @Test
    void aMissingBodyIsNamedInChinese() {
        as(coordinator(REGION), ZH).contentType("application/json").put("/api/v1/plans/" + UUID.randomUUID())
                .then().statusCode(400).body("violations[0].message", equalTo("需要提供 JSON 请求体"));
    }

    @Test
    void notFoundConflictAndRefusalInChinese() {
        UUID id = UUID.randomUUID();
        as(viewer(), ZH).get("/api/v1/milestones/" + id).then().statusCode(404)
                .body("title", equalTo("资源不存在")).body("detail", equalTo("没有里程碑 " + id));

        TestSupport.PlanDoc doc = new TestSupport.PlanDoc("i18n-plan.txt", "新郑市语言测试方案", REGION, "新郑市");
        doc.task("1", "社会政策友好", "语言测试任务", List.of("市妇联"), List.of()).milestone(null, "建立机制", 1);
        as(coordinator(REGION), null).contentType("application/json").body(doc.json()).post("/api/v1/plans")
                .then().statusCode(201);
        as(coordinator(REGION), ZH).contentType("application/json").body(doc.json()).post("/api/v1/plans")
                .then().statusCode(409)
                .body("title", equalTo("与当前状态冲突"))
                .body("detail", startsWith("该规划已存在（id "))
                .body("detail", containsString("请将文档发送到 POST /api/v1/plans/import 以更新"));

        as(reporter(REGION, "市妇联"), ZH).contentType("application/json").body(doc.json()).post("/api/v1/plans")
                .then().statusCode(403).body("title", equalTo("无权操作")).body("detail", equalTo("您的角色不允许此操作"));
        as(coordinator("410183"), "zh-CN;q=0.9,en;q=0.8").contentType("application/json").body(doc.json())
                .queryParam("dryRun", true).post("/api/v1/plans/import").then().statusCode(403)
                .body("detail", equalTo("您的令牌允许写入的范围是区划 410183000000 及其下级，不包括 410184000000"));
        as(coordinator("410183"), "fr").contentType("application/json").body(doc.json())
                .queryParam("dryRun", true).post("/api/v1/plans/import").then().statusCode(403)
                .header("Content-Language", "en")
                .body("detail", startsWith("your token allows writes in region 410183000000 and below"));
    }
}
