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

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.tongyou.task.api.TestSupport.coordinator;
import static cn.tongyou.task.api.TestSupport.reporter;
import static cn.tongyou.task.api.TestSupport.today;
import static cn.tongyou.task.api.TestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The accountability view a 妇儿工委办公室 asks for first, and the task filters, on a plan of 新密市 (410183) whose dates
 * are set relative to today: overdue (due yesterday, two days ago), due soon (today, in 10 days), open (in 100
 * days), undated.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountabilityTest {

    static final String REGION = "410183";
    String planId;
    Map<String, String> taskIds;
    String period;

    /** Once per class; in @BeforeEach because RestAssured knows the application's port only from there. */
    @BeforeEach
    void plan() {
        if (planId != null) {
            return;
        }
        LocalDate today = today();
        TestSupport.PlanDoc doc = new TestSupport.PlanDoc("accountability-plan.txt", "新密市儿童友好城市建设方案", REGION, "新密市");
        doc.task("1", "社会政策友好", "健全工作机制", List.of("市卫健委"), List.of("市妇联", "各乡镇党委、政府"))
                .milestone(today.minusDays(1), "昨天到期", 1)
                .milestone(today, "今天到期", 1)
                .milestone(null, "未注明时间", 1);
        doc.task("1", "公共服务友好", "优化儿童卫生资源配置", List.of("市卫健委"), List.of("市妇联"))
                .milestone(today.plusDays(10), "十天后到期", 2)
                .milestone(today.plusDays(100), "一百天后到期", 3)
                .milestone(today.minusDays(2), "前天到期", 4);
        // the same department, spelt out
        doc.task("2", "公共服务友好", "加强儿童保健服务", List.of("市卫生健康委员会"), List.of("市妇联"));
        doc.task("3", "公共服务友好", "建设儿童友好学校", List.of("市教育局"), List.of("市妇联"))
                .milestone(today.minusDays(1), "建成儿童友好学校", 5);
        JsonPath created = given().header("Authorization", coordinator(REGION)).contentType("application/json").body(doc.json())
                .post("/api/v1/plans").then().statusCode(201).extract().jsonPath();
        planId = created.getString("id");
        JsonPath tasks = given().header("Authorization", viewer()).queryParam("plan", planId).get("/api/v1/tasks")
                .then().statusCode(200).extract().jsonPath();
        taskIds = Map.of("T1", tasks.getString("items[0].id"), "T2", tasks.getString("items[1].id"),
                "T3", tasks.getString("items[2].id"), "T4", tasks.getString("items[3].id"));
        period = given().header("Authorization", viewer()).get("/api/v1/reporting-periods/current")
                .then().statusCode(200).extract().path("period");
    }

    @Test
    @Order(1)
    void aUnitsViewCountsWhatItLeadsWhatIsOverdueAndWhatIsMissing() {
        JsonPath units = units();
        assertThat(units.getInt("total")).isEqualTo(3);
        // who is behind comes first
        assertThat(units.getString("items[0].name")).isEqualTo("市卫健委");
        assertThat(units.getList("items[0].aliases", String.class)).containsExactly("市卫生健康委员会");
        assertThat(units.getMap("items[0].accountability")).containsAllEntriesOf(Map.of(
                "tasksLed", 3, "tasksParticipating", 0, "milestonesOverdue", 2, "milestonesDueSoon", 2,
                "period", period, "reportsExpected", 3, "reportsSubmitted", 0, "reportsMissing", 3, "reportsLate", 0));
        Map<String, Object> education = unit(units, "市教育局");
        assertThat(education).containsAllEntriesOf(Map.of("tasksLed", 1, "milestonesOverdue", 1, "milestonesDueSoon", 0,
                "reportsMissing", 1));
        Map<String, Object> women = unit(units, "市妇联");
        assertThat(women).containsAllEntriesOf(Map.of("tasksLed", 0, "tasksParticipating", 4, "milestonesOverdue", 0,
                "reportsExpected", 0, "reportsMissing", 0));
        given().header("Authorization", viewer()).queryParam("region", REGION).queryParam("kind", "group").get("/api/v1/units")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].name", equalTo("各乡镇党委、政府"));
    }

    @Test
    @Order(2)
    void filingAReportTakesItOffTheMissingListAndReturningItPutsItBack() {
        // the reporter's token spells its unit the long way; the alias finds it
        String reportId = given().header("Authorization", reporter(REGION, "市卫生健康委员会")).contentType("application/json")
                .body(Map.of("period", period, "text", "工作机制已建立", "percentComplete", 30))
                .post("/api/v1/tasks/" + taskIds.get("T1") + "/reports")
                .then().statusCode(201).body("unit.name", equalTo("市卫健委")).body("late", equalTo(lateNow()))
                .extract().path("id");
        Map<String, Object> health = unit(units(), "市卫健委");
        assertThat(health).containsAllEntriesOf(Map.of("reportsSubmitted", 1, "reportsMissing", 2, "reportsLate", lateNow() ? 1 : 0));
        given().header("Authorization", viewer()).queryParam("region", REGION).queryParam("status", "no-report-this-period")
                .get("/api/v1/tasks").then().statusCode(200).body("total", equalTo(3));
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("comment", "请补充材料")).post("/api/v1/reports/" + reportId + "/return").then().statusCode(200);
        assertThat(unit(units(), "市卫健委")).containsAllEntriesOf(Map.of("reportsSubmitted", 0, "reportsMissing", 3));
        // another period's view is its own
        String previous = given().header("Authorization", viewer()).get("/api/v1/reporting-periods/" + period)
                .then().statusCode(200).extract().path("start");
        assertThat(previous).isNotNull();
    }

    @Test
    @Order(3)
    void taskFiltersCombine() {
        assertThat(titles(Map.of("status", "overdue"))).containsExactlyInAnyOrder("健全工作机制", "优化儿童卫生资源配置", "建设儿童友好学校");
        assertThat(titles(Map.of("status", "due-soon"))).containsExactlyInAnyOrder("健全工作机制", "优化儿童卫生资源配置");
        assertThat(titles(Map.of("status", "completed"))).isEmpty();
        assertThat(titles(Map.of("due-before", today().plusDays(10).toString())))
                .containsExactlyInAnyOrder("健全工作机制", "优化儿童卫生资源配置", "建设儿童友好学校");
        assertThat(titles(Map.of("due-before", today().minusDays(2).toString()))).containsExactly("优化儿童卫生资源配置");
        assertThat(titles(Map.of("domain", "社会政策友好"))).containsExactly("健全工作机制");
        assertThat(titles(Map.of("unit", "市卫生健康委员会", "unit-role", "lead")))
                .containsExactlyInAnyOrder("健全工作机制", "优化儿童卫生资源配置", "加强儿童保健服务");
        assertThat(titles(Map.of("unit", "市妇联", "unit-role", "lead"))).isEmpty();
        assertThat(titles(Map.of("unit", "市妇联"))).hasSize(4);
        assertThat(titles(Map.of("unit", "市教育局", "status", "overdue,due-soon"))).containsExactly("建设儿童友好学校");
        assertThat(titles(Map.of("q", "儿童友好学校"))).containsExactly("建设儿童友好学校");
        given().header("Authorization", viewer()).queryParam("plan", planId).queryParam("status", "overdue").get("/api/v1/tasks")
                .then().statusCode(200)
                .body("items[0].milestones.overdue", equalTo(1)).body("items[0].milestones.dueSoon", equalTo(1))
                .body("items[0].milestones.nextDue", equalTo(today().toString()))
                .body("items[0].flags", hasItem("overdue"))
                .body("items[0].reporting.period", equalTo(period));
    }

    @Test
    @Order(4)
    void aTasksDetailShowsEachMilestonesStateAsOfToday() {
        given().header("Authorization", viewer()).get("/api/v1/tasks/" + taskIds.get("T1")).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("milestones.statement", org.hamcrest.Matchers.contains("昨天到期", "今天到期", "未注明时间"))
                .body("milestones.state", org.hamcrest.Matchers.contains("overdue", "due-soon", "open"))
                .body("milestones[0].daysOverdue", equalTo(1))
                .body("leadUnits.name", org.hamcrest.Matchers.contains("市卫健委"))
                .body("participatingUnits.name", org.hamcrest.Matchers.contains("市妇联", "各乡镇党委、政府"))
                .body("reports", org.hamcrest.Matchers.hasSize(1))
                .body("reports[0].status", equalTo("returned"));
        given().header("Authorization", viewer()).queryParam("region", REGION).queryParam("state", "overdue")
                .get("/api/v1/milestones").then().statusCode(200).body("total", equalTo(3))
                .body("items.statement", containsInAnyOrder("昨天到期", "前天到期", "建成儿童友好学校"));
    }

    @Test
    @Order(5)
    void aCancelledMilestoneIsNoLongerOverdue() {
        String milestone = given().header("Authorization", viewer()).queryParam("task", taskIds.get("T4")).get("/api/v1/milestones")
                .then().statusCode(200).extract().path("items[0].id");
        given().header("Authorization", coordinator(REGION)).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("reason", "项目调整")).post("/api/v1/milestones/" + milestone + "/cancel")
                .then().statusCode(200).body("state", equalTo("cancelled"));
        assertThat(unit(units(), "市教育局")).containsAllEntriesOf(Map.of("milestonesOverdue", 0));
        assertThat(titles(Map.of("status", "overdue"))).containsExactlyInAnyOrder("健全工作机制", "优化儿童卫生资源配置");
    }

    /** Reports for the current period are late once its deadline has passed. */
    private boolean lateNow() {
        String deadline = given().header("Authorization", viewer()).get("/api/v1/reporting-periods/current")
                .then().extract().path("deadline");
        return today().isAfter(LocalDate.parse(deadline));
    }

    private static JsonPath units() {
        return given().header("Authorization", viewer()).queryParam("region", REGION).queryParam("kind", "department")
                .get("/api/v1/units").then().statusCode(200).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> unit(JsonPath units, String name) {
        List<Map<String, Object>> items = units.getList("items");
        return (Map<String, Object>) items.stream().filter(u -> name.equals(u.get("name"))).findFirst().orElseThrow()
                .get("accountability");
    }

    private static List<String> titles(Map<String, String> filters) {
        return given().header("Authorization", viewer()).queryParam("region", REGION).queryParams(filters).get("/api/v1/tasks")
                .then().statusCode(200).extract().jsonPath().getList("items.title", String.class);
    }
}
