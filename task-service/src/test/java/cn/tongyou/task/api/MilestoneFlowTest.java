package cn.tongyou.task.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.tongyou.task.api.TestSupport.coordinator;
import static cn.tongyou.task.api.TestSupport.today;
import static cn.tongyou.task.api.TestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Milestone lifecycle (done, cancelled, reopened), optimistic locking and concurrent writers, on 新郑市 (410184). */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MilestoneFlowTest {

    static final String REGION = "410184";
    String taskId;
    String overdue;
    String undated;

    @BeforeEach
    void plan() {
        if (taskId != null) {
            return;
        }
        TestSupport.PlanDoc doc = new TestSupport.PlanDoc("milestone-flow-plan.txt", "新郑市儿童友好城市建设方案", REGION, "新郑市");
        doc.task("1", "成长空间友好", "建设儿童友好公园", List.of("市城管局"), List.of())
                .milestone(today().minusDays(1), "建成儿童友好公园3个", 3)
                .milestone(null, "口袋公园适儿化改造", 10);
        String planId = given().header("Authorization", coordinator(REGION)).contentType("application/json").body(doc.json())
                .post("/api/v1/plans").then().statusCode(201).extract().path("id");
        JsonPath task = given().header("Authorization", viewer()).queryParam("plan", planId).get("/api/v1/tasks")
                .then().statusCode(200).extract().jsonPath();
        taskId = task.getString("items[0].id");
        JsonPath detail = given().header("Authorization", viewer()).get("/api/v1/tasks/" + taskId).then().statusCode(200)
                .extract().jsonPath();
        overdue = detail.getString("milestones[0].id");
        undated = detail.getString("milestones[1].id");
    }

    @Test
    @Order(1)
    void completingNeedsIfMatchADateAndEvidence() {
        String url = "/api/v1/milestones/" + overdue + "/complete";
        Map<String, Object> body = Map.of("doneOn", today().toString(), "evidence", "市城管局验收文件");
        given().header("Authorization", coordinator(REGION)).contentType("application/json").body(body).post(url)
                .then().statusCode(428).contentType("application/problem+json");
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"5\"").contentType("application/json").body(body).post(url)
                .then().statusCode(412).contentType("application/problem+json");
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("doneOn", today().plusDays(1).toString())).post(url)
                .then().statusCode(400).body("violations.field", hasItem("doneOn")).body("violations.field", hasItem("evidence"));
        given().header("Authorization", viewer()).get("/api/v1/milestones/" + overdue).then().statusCode(200)
                .header("ETag", "\"1\"").body("state", equalTo("overdue")).body("daysOverdue", equalTo(1));
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json").body(body).post(url)
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("status", equalTo("done")).body("state", equalTo("done")).body("daysOverdue", nullValue())
                .body("doneOn", equalTo(today().toString())).body("evidence", equalTo("市城管局验收文件"));
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"2\"").contentType("application/json").body(body).post(url)
                .then().statusCode(409);
        // a delivered milestone is not cancelled
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"2\"").contentType("application/json")
                .body(Map.of("reason", "不再需要")).post("/api/v1/milestones/" + overdue + "/cancel").then().statusCode(409);
    }

    @Test
    @Order(2)
    void cancelAndReopenTakeAReason() {
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("reason", " ")).post("/api/v1/milestones/" + undated + "/cancel")
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("reason", "并入其他任务")).post("/api/v1/milestones/" + undated + "/cancel")
                .then().statusCode(200).body("status", equalTo("cancelled")).body("cancelReason", equalTo("并入其他任务"))
                .body("cancelledOn", equalTo(today().toString()));
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"2\"").contentType("application/json")
                .body(Map.of("reason", "恢复")).post("/api/v1/milestones/" + undated + "/reopen")
                .then().statusCode(200).header("ETag", "\"3\"").body("status", equalTo("open")).body("cancelReason", nullValue());
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"3\"").contentType("application/json")
                .body(Map.of("reason", "again")).post("/api/v1/milestones/" + undated + "/reopen").then().statusCode(409);
        // reopening the completed one makes it overdue again: the state is computed, never stored
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"2\"").contentType("application/json")
                .body(Map.of("reason", "验收未通过")).post("/api/v1/milestones/" + overdue + "/reopen")
                .then().statusCode(200).body("state", equalTo("overdue")).body("doneOn", nullValue()).body("evidence", nullValue());
    }

    @Test
    @Order(3)
    void ofTwoConcurrentUpdatesFromOneVersionOneWinsAndOneGets412() throws Exception {
        String etag = given().header("Authorization", viewer()).get("/api/v1/milestones/" + undated).then().statusCode(200)
                .extract().header("ETag");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                int value = 20 + i;
                Callable<Integer> update = () -> {
                    start.await();
                    return given().header("Authorization", coordinator(REGION)).header("If-Match", etag).contentType("application/json")
                            .body(definition(value)).put("/api/v1/milestones/" + undated).then().extract().statusCode();
                };
                results.add(pool.submit(update));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        } finally {
            pool.shutdownNow();
        }
        int version = Integer.parseInt(etag.replace("\"", ""));
        given().header("Authorization", viewer()).get("/api/v1/milestones/" + undated).then().statusCode(200)
                .header("ETag", "\"" + (version + 1) + "\"");
    }

    @Test
    @Order(4)
    void theDefinitionIsCheckedAgainstItsComparator() {
        Map<String, Object> range = new HashMap<>(definition(2));
        range.put("comparator", "range");
        given().header("Authorization", coordinator(REGION)).contentType("application/json").body(range)
                .post("/api/v1/tasks/" + taskId + "/milestones").then().statusCode(400).body("violations.field", hasItem("valueMax"));
        range.put("valueMax", 3);
        given().header("Authorization", coordinator(REGION)).contentType("application/json").body(range)
                .post("/api/v1/tasks/" + taskId + "/milestones").then().statusCode(201).header("ETag", "\"1\"")
                .body("comparator", equalTo("range")).body("valueMax", equalTo(3)).body("ordinal", equalTo(2));
        Map<String, Object> bool = new HashMap<>(definition(1));
        bool.put("comparator", "bool");
        bool.put("value", true);
        bool.put("facilityType", "child-toilet");
        given().header("Authorization", coordinator(REGION)).contentType("application/json").body(bool)
                .post("/api/v1/tasks/" + taskId + "/milestones").then().statusCode(201).body("value", equalTo(true))
                .body("facilityType", equalTo("child-toilet"));
        bool.put("value", "yes");
        given().header("Authorization", coordinator(REGION)).contentType("application/json").body(bool)
                .post("/api/v1/tasks/" + taskId + "/milestones").then().statusCode(400).body("violations[0].field", equalTo("value"));
    }

    @Test
    @Order(5)
    void aTaskIsEditedUnderIfMatchAndItsUnitsResolvedByName() {
        Map<String, Object> task = Map.of("number", "1", "domain", "成长空间友好", "title", "建设儿童友好公园（调整）",
                "leadUnits", List.of("新郑市城管局"), "participatingUnits", List.of("市园林局"));
        given().header("Authorization", coordinator(REGION)).contentType("application/json").body(task)
                .put("/api/v1/tasks/" + taskId).then().statusCode(428);
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json").body(task)
                .put("/api/v1/tasks/" + taskId).then().statusCode(200).header("ETag", "\"2\"")
                .body("leadUnits[0].name", equalTo("市城管局")).body("leadUnits[0].writtenAs", equalTo("新郑市城管局"))
                .body("participatingUnits[0].name", equalTo("市园林局"));
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json").body(task)
                .put("/api/v1/tasks/" + taskId).then().statusCode(412);
        // an identical body changes nothing
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"2\"").contentType("application/json").body(task)
                .put("/api/v1/tasks/" + taskId).then().statusCode(200).header("ETag", "\"2\"");
        given().header("Authorization", coordinator("410183")).header("If-Match", "\"2\"").contentType("application/json").body(task)
                .put("/api/v1/tasks/" + taskId).then().statusCode(403);
    }

    private static Map<String, Object> definition(int value) {
        Map<String, Object> m = new HashMap<>();
        m.put("statement", "口袋公园适儿化改造");
        m.put("metric", "口袋公园适儿化改造数量");
        m.put("comparator", ">=");
        m.put("value", value);
        m.put("unit", "个");
        return m;
    }
}
