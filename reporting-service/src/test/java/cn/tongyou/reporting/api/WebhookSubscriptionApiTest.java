package cn.tongyou.reporting.api;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.reporting.events.Db;
import cn.tongyou.reporting.events.TopicsTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

/** Webhook subscriptions: what is refused (each as problem+json), the write-only secret, If-Match, soft delete, audit. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
class WebhookSubscriptionApiTest {

    static final String COUNTY = "410181";

    @Inject
    AgroalDataSource ds;

    static String coordinator() {
        return "Bearer " + DevTokens.mint("hook-coordinator", Set.of("coordinator"), COUNTY);
    }

    static Map<String, Object> body(String url, String format, List<String> kinds, String secret) {
        Map<String, Object> b = new HashMap<>();
        b.put("region", COUNTY);
        b.put("name", "巩义市妇儿工委办 OA");
        b.put("url", url);
        b.put("format", format);
        b.put("kinds", kinds);
        if (secret != null) {
            b.put("secret", secret);
        }
        return b;
    }

    Response post(Object body) {
        return given().header("Authorization", coordinator()).contentType(ContentType.JSON).body(body).post("/api/v1/webhook-subscriptions");
    }

    @Test
    void badInputIsRefusedFieldByField() {
        post(body("ftp://oa.example.cn/hook", "generic", List.of(), "s")).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("url"));
        post(body("http://oa.example.cn/hook", "generic", List.of(), "s")).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("https"));
        post(body("https://oa.example.cn/hook", "slack", List.of(), "s")).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("format"));
        post(body("https://oa.example.cn/hook", "generic", List.of(), null)).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("secret"));
        post(body("https://oa.example.cn/hook", "dingtalk", List.of(), null)).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("secret"));
        post(body("https://oa.example.cn/hook", "generic", List.of("due-soon", "someday"), "s")).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("kinds[1]"));
        post(body("https://oa.example.cn/" + "x".repeat(2000), "generic", List.of(), "s")).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("url"));
        post(body("https://oa.example.cn/hook", "generic", List.of(), "s".repeat(201))).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("secret"));
        Map<String, Object> longName = body("https://oa.example.cn/hook", "generic", List.of(), "s");
        longName.put("name", "名".repeat(101));
        post(longName).then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("name"));
        Map<String, Object> noRegion = body("https://oa.example.cn/hook", "generic", List.of(), "s");
        noRegion.remove("region");
        post(noRegion).then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", coordinator()).contentType(ContentType.JSON).body("{\"name\":").post("/api/v1/webhook-subscriptions")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", coordinator()).contentType(ContentType.JSON).body("{\"colour\":\"red\"}").post("/api/v1/webhook-subscriptions")
                .then().statusCode(400).contentType("application/problem+json");
        // another county: 403; a subscription of it does not exist for this coordinator (404)
        Map<String, Object> elsewhere = body("https://oa.example.cn/hook", "generic", List.of(), "s");
        elsewhere.put("region", "410183");
        post(elsewhere).then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", coordinator()).get("/api/v1/webhook-subscriptions/" + PlantedWebhooks.subscription(ds, "410183"))
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", coordinator()).get("/api/v1/webhook-subscriptions/not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", coordinator()).queryParam("status", "lost").get("/api/v1/webhook-deliveries")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theSecretIsWriteOnlyChangesNeedIfMatchAndDeleteIsSoftAndAudited() {
        Response created = post(body("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", "wecom", List.of("overdue"), "top-secret"));
        created.then().statusCode(201).header("ETag", "\"1\"").header("Location", containsString("/api/v1/webhook-subscriptions/"));
        String id = created.jsonPath().getString("id");
        assertThat(created.asString()).doesNotContain("top-secret");
        assertThat(created.jsonPath().getBoolean("hasSecret")).isTrue();
        assertThat(created.jsonPath().getString("region")).isEqualTo(COUNTY + "000000");
        String read = given().header("Authorization", coordinator()).get("/api/v1/webhook-subscriptions/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").extract().asString();
        assertThat(read).doesNotContain("top-secret");
        String listed = given().header("Authorization", coordinator()).get("/api/v1/webhook-subscriptions")
                .then().statusCode(200).extract().asString();
        assertThat(listed).contains(id).doesNotContain("top-secret");

        Map<String, Object> change = body("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=def", "wecom", List.of("overdue", "missing"), null);
        given().header("Authorization", coordinator()).contentType(ContentType.JSON).body(change).put("/api/v1/webhook-subscriptions/" + id)
                .then().statusCode(428).contentType("application/problem+json");
        given().header("Authorization", coordinator()).header("If-Match", "\"7\"").contentType(ContentType.JSON).body(change)
                .put("/api/v1/webhook-subscriptions/" + id).then().statusCode(412).contentType("application/problem+json");
        Map<String, Object> moved = new HashMap<>(change);
        moved.put("region", "410183");
        given().header("Authorization", coordinator()).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(moved)
                .put("/api/v1/webhook-subscriptions/" + id).then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", coordinator()).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(change)
                .put("/api/v1/webhook-subscriptions/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("kinds", org.hamcrest.Matchers.contains("overdue", "missing")).body("hasSecret", org.hamcrest.Matchers.is(true));
        assertThat(Db.value(ds, "select secret from webhook_subscription where id = ?::uuid", id)).isEqualTo("top-secret");

        given().header("Authorization", coordinator()).delete("/api/v1/webhook-subscriptions/" + id)
                .then().statusCode(428).contentType("application/problem+json");
        given().header("Authorization", coordinator()).header("If-Match", "\"2\"").delete("/api/v1/webhook-subscriptions/" + id)
                .then().statusCode(204);
        given().header("Authorization", coordinator()).get("/api/v1/webhook-subscriptions/" + id).then().statusCode(404);
        assertThat(Db.value(ds, "select deleted_by from webhook_subscription where id = ?::uuid", id)).isEqualTo("hook-coordinator");
        assertThat(Db.value(ds, "select string_agg(detail, ',' order by id) from audit_record where aggregate_type = 'webhook-subscription'"
                + " and aggregate_id = ?", id)).isEqualTo("created,updated,deleted");
        assertThat(Db.value(ds, "select count(*) from audit_record where aggregate_id = ? and after_state::text like '%top-secret%'", id))
                .isEqualTo("0");
    }
}
