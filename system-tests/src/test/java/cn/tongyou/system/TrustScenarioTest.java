package cn.tongyou.system;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.SharedData;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.tongyou.system.Platform.INDICATOR;
import static cn.tongyou.system.Platform.REPORTING;
import static cn.tongyou.system.Platform.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 12's assessor walk, over HTTP against the running platform: a county viewer of 上街区 (410106) cannot read
 * 荥阳市's (410182) draft values, report texts or unit ranking; a county coordinator cannot change the national
 * catalogue; a reporter of one unit cannot touch another unit's value; a coordinator cannot approve their own value (a
 * second coordinator can). Every refusal answers problem+json and leaves a REFUSED audit record in the service that
 * refused it; a by-id read answered 404 leaves none (nothing was disclosed, nothing was attempted).
 */
@ExtendWith(ServiceLogsOnFailure.class)
class TrustScenarioTest {

    static final String XINGYANG = "410182";
    static final String SHANGJIE = "410106";

    static final String SHANGJIE_VIEWER = DevTokens.mint("viewer-shangjie", Set.of("viewer"), SHANGJIE);
    static final String XINGYANG_COORDINATOR = DevTokens.mint("coordinator-xingyang", Set.of("coordinator"), XINGYANG);
    static final String EDUCATION = DevTokens.mint("reporter-education", Set.of("reporter"), XINGYANG, "市教育局",
            Duration.ofHours(1));
    static final String HEALTH = DevTokens.mint("reporter-health", Set.of("reporter"), XINGYANG, "市卫生健康委员会",
            Duration.ofHours(1));

    static String draftId;
    static String reportId;

    @BeforeAll
    static void xingyangAtWork() {
        Platform.get();
        String plan = SharedData.readCatalogue("000_");
        // idempotent: after ComplianceScenarioTest (name order) nothing changes
        Http.as(XINGYANG_COORDINATOR, INDICATOR).body(plan).post("/api/v1/catalog/import").then().statusCode(200);
        Http.as(XINGYANG_COORDINATOR, TASK).body(plan).post("/api/v1/plans/import").then().statusCode(200);

        // 市教育局 keeps a draft of a value for 2019, a year no target of the plan judges
        Response draft = Http.as(EDUCATION, INDICATOR).body("{\"indicator\":\"ind-15f695b8\",\"region\":\"" + XINGYANG
                + "\",\"period\":\"2019\",\"value\":9.5,\"status\":\"draft\"}").post("/api/v1/observations");
        draft.then().statusCode(201).body("status", equalTo("draft"));
        draftId = draft.path("id");

        // a progress report with its text, filed by 市教育局 for a task it leads
        String task = Http.as(XINGYANG_COORDINATOR, TASK).queryParam("region", XINGYANG).queryParam("size", 500)
                .get("/api/v1/tasks").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items").stream()
                .filter(t -> String.valueOf(t.get("leadUnits")).contains("市教育局"))
                .map(t -> (String) t.get("id")).findFirst().orElseThrow();
        Response report = Http.as(EDUCATION, TASK)
                .body("{\"period\":\"2025H1\",\"text\":\"校园周边交通安全整治：内部进展，尚未核实\",\"percentComplete\":10}")
                .post("/api/v1/tasks/" + task + "/reports");
        report.then().statusCode(201);
        reportId = report.path("id");
    }

    @Test
    void aViewerOfAnotherCountyCannotReadDraftValues() {
        Http.as(SHANGJIE_VIEWER, INDICATOR).get("/api/v1/observations/" + draftId).then().statusCode(404);
        Response list = Http.as(SHANGJIE_VIEWER, INDICATOR).queryParam("region", XINGYANG).queryParam("size", 500)
                .get("/api/v1/observations");
        refusedOrWithout(list, draftId);
        Http.as(SHANGJIE_VIEWER, INDICATOR).queryParam("region", XINGYANG).queryParam("status", "draft")
                .get("/api/v1/observations").then().statusCode(403);
        // the office of 荥阳市 sees it
        Http.as(XINGYANG_COORDINATOR, INDICATOR).get("/api/v1/observations/" + draftId).then().statusCode(200);
    }

    @Test
    void aViewerOfAnotherCountyCannotReadReportTextsOrTheUnitRanking() {
        Http.as(SHANGJIE_VIEWER, TASK).get("/api/v1/reports/" + reportId).then().statusCode(404);
        Http.as(SHANGJIE_VIEWER, TASK).queryParam("region", XINGYANG).get("/api/v1/reports").then().statusCode(403);
        Http.as(SHANGJIE_VIEWER, TASK).queryParam("region", XINGYANG).queryParam("sort", "behind")
                .get("/api/v1/units").then().statusCode(403);
        Http.as(SHANGJIE_VIEWER, REPORTING).queryParam("region", XINGYANG).queryParam("period", "2025")
                .get("/api/v1/compliance").then().statusCode(403);
        // its own county's lists default to its subtree and answer
        JsonPath own = Http.as(SHANGJIE_VIEWER, TASK).get("/api/v1/reports").then().statusCode(200).extract().jsonPath();
        assertThat(own.<String>getList("items.id")).doesNotContain(reportId);
        assertRefusalAudited(TASK, "viewer-shangjie");
        assertRefusalAudited(REPORTING, "viewer-shangjie");
    }

    @Test
    void aCountyCoordinatorCannotChangeTheNationalCatalogue() {
        Response indicator = Http.as(XINGYANG_COORDINATOR, INDICATOR).get("/api/v1/indicators/under-5-mortality-rate");
        indicator.then().statusCode(200);
        JsonPath current = indicator.jsonPath();
        // a valid replacement (same name and domain, direction turned around): only the right is missing
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", current.getString("name"));
        body.put("domain", current.getString("domain"));
        body.put("unit", current.getString("unit"));
        body.put("valueType", current.getString("valueType"));
        body.put("direction", "increase");
        body.put("obtained", current.getString("obtained"));
        if (current.get("computation.scale") != null) {
            body.put("computation", Map.of("scale", current.getInt("computation.scale")));
        }
        Http.as(XINGYANG_COORDINATOR, INDICATOR).header("If-Match", indicator.header("ETag")).body(body)
                .put("/api/v1/indicators/under-5-mortality-rate")
                .then().statusCode(403).contentType("application/problem+json");
        Http.as(XINGYANG_COORDINATOR, INDICATOR).get("/api/v1/indicators/under-5-mortality-rate").then().statusCode(200)
                .body("direction", equalTo(current.getString("direction")));
        assertRefusalAudited(INDICATOR, "coordinator-xingyang");
    }

    @Test
    void aReporterCannotTouchAnotherUnitsValue() {
        Response current = Http.as(EDUCATION, INDICATOR).get("/api/v1/observations/" + draftId);
        Http.as(HEALTH, INDICATOR).header("If-Match", current.header("ETag"))
                .body("{\"value\":1,\"reason\":\"改成我们的数\"}").post("/api/v1/observations/" + draftId + "/corrections")
                .then().statusCode(403).contentType("application/problem+json");
        Http.as(HEALTH, INDICATOR).header("If-Match", current.header("ETag"))
                .post("/api/v1/observations/" + draftId + "/submit").then().statusCode(403);
        Http.as(XINGYANG_COORDINATOR, INDICATOR).get("/api/v1/observations/" + draftId).then().statusCode(200)
                .body("status", equalTo("draft"));
        assertRefusalAudited(INDICATOR, "reporter-health");
    }

    @Test
    void aCoordinatorCannotApproveTheirOwnValueButASecondOneCan() {
        String first = DevTokens.mint("coordinator-shangjie-a", Set.of("coordinator"), SHANGJIE);
        String second = DevTokens.mint("coordinator-shangjie-b", Set.of("coordinator"), SHANGJIE);
        Response entered = Http.as(first, INDICATOR).body("{\"indicator\":\"ind-15f695b8\",\"region\":\"" + SHANGJIE
                + "\",\"period\":\"2019\",\"value\":10.1,\"status\":\"submitted\"}").post("/api/v1/observations");
        entered.then().statusCode(201);
        String id = entered.path("id");
        Http.as(first, INDICATOR).header("If-Match", entered.header("ETag")).post("/api/v1/observations/" + id + "/approve")
                .then().statusCode(403).contentType("application/problem+json");
        Http.as(second, INDICATOR).header("If-Match", entered.header("ETag")).post("/api/v1/observations/" + id + "/approve")
                .then().statusCode(200).body("status", equalTo("approved"));
        assertRefusalAudited(INDICATOR, "coordinator-shangjie-a");
    }

    private static void refusedOrWithout(Response list, String id) {
        if (list.statusCode() == 403) {
            return;
        }
        list.then().statusCode(200);
        assertThat(list.jsonPath().<String>getList("items.id")).doesNotContain(id);
    }

    private static void assertRefusalAudited(String service, String subject) {
        List<Map<String, Object>> refused = Http.as(Http.admin(), service).queryParam("outcome", "REFUSED")
                .queryParam("subject", subject).get("/api/v1/audit").then().statusCode(200).extract().jsonPath()
                .getList("items");
        assertThat(refused).as("REFUSED audit records of %s in %s", subject, service).isNotEmpty();
        assertThat(refused.get(0)).containsEntry("outcome", "REFUSED").containsEntry("actorSubject", subject);
    }
}
