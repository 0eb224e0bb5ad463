package cn.tongyou.system;

import cn.tongyou.local.testing.SharedData;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static cn.tongyou.system.Platform.FACILITY;
import static cn.tongyou.system.Platform.INDICATOR;
import static cn.tongyou.system.Platform.PRODUCERS;
import static cn.tongyou.system.Platform.REPORTING;
import static cn.tongyou.system.Platform.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The Kafka broker goes away while 上街区 (410106) loads its plan, registers 儿童之家, reports a value and completes a
 * milestone: every write succeeds, the three producers' outboxes fill up and say so in their readiness data. When the
 * broker is back the outboxes drain and reporting-service catches up to exactly what was written.
 */
@ExtendWith(ServiceLogsOnFailure.class)
class KafkaOutageTest {

    static final String REGION = "410106";

    @Test
    void writesDuringAnOutageArriveAfterIt() {
        Platform platform = Platform.get();
        String coordinator = Http.coordinator(REGION);
        String township = Regions.importCounty(REGION).stream().filter(t -> t.equals("410106100")).findFirst().orElseThrow();
        Regions.importGeneric("code,name,parentCode,urbanRuralCode\n"
                + township + "201,峡窝村,410106100,220\n" + township + "202,马固村,410106100,220\n"
                + township + "203,石嘴村,410106100,220\n");
        platform.awaitCaughtUp();

        platform.kafka().stop();
        try {
            String plan = SharedData.readCatalogue("001_");
            Http.as(coordinator, INDICATOR).body(plan).post("/api/v1/catalog/import").then().statusCode(200);
            Http.as(coordinator, TASK).body(plan).post("/api/v1/plans/import").then().statusCode(200)
                    .body("tasks.inserted", equalTo(45)).body("milestones.inserted", equalTo(23));
            for (String village : List.of(township + "201", township + "202")) {
                Http.as(coordinator, FACILITY).body("""
                                {"type":"children-home","name":"%s儿童之家","regionCode":"%s","location":{"lat":34.81,"lng":113.28},
                                 "status":"open","openedOn":"2025-05-01",
                                 "checklist":{"venue":true,"equipment":true,"rules":true,"staff":true,"funding":true}}
                                """.formatted(village, village))
                        .post("/api/v1/facilities").then().statusCode(201);
            }
            Response value = Http.as(coordinator, INDICATOR).body("{\"indicator\":\"child-social-workers\",\"region\":\""
                    + REGION + "\",\"period\":\"2025\",\"value\":52,\"status\":\"submitted\"}").post("/api/v1/observations");
            value.then().statusCode(201);
            // four eyes: a second person of the office approves what the first entered
            Http.as(Http.secondCoordinator(REGION), INDICATOR).header("If-Match", value.header("ETag"))
                    .post("/api/v1/observations/" + value.path("id") + "/approve").then().statusCode(200);
            String milestone = Http.as(coordinator, TASK).queryParam("region", REGION).queryParam("size", 100)
                    .get("/api/v1/milestones").then().statusCode(200)
                    .extract().path("items.find { it.statement == '儿童专业社会工作者达到 50 人' }.id");
            Response current = Http.as(coordinator, TASK).get("/api/v1/milestones/" + milestone);
            Http.as(coordinator, TASK).header("If-Match", current.header("ETag"))
                    .body("{\"doneOn\":\"2025-12-15\",\"evidence\":\"上民〔2025〕8号 社工名册52人\"}")
                    .post("/api/v1/milestones/" + milestone + "/complete").then().statusCode(200);

            for (String producer : PRODUCERS) {
                assertThat(awaitBacklog(platform, producer)).as("%s's outbox while Kafka is down", producer).isPositive();
            }
            // reads go on from the projections meanwhile
            Http.as(coordinator, REPORTING).queryParam("region", REGION).queryParam("period", "2025")
                    .get("/api/v1/compliance").then().statusCode(200);
        } finally {
            platform.kafka().startAgain();
        }
        platform.awaitCaughtUp();
        // the readiness figure comes back to 0 too (it is recounted every few seconds)
        for (String producer : PRODUCERS) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (platform.pendingEvents(producer) != 0 && System.nanoTime() < deadline) {
                Platform.sleep(250);
            }
            assertThat(platform.pendingEvents(producer)).as(producer).isZero();
        }

        JsonPath snapshot = Http.as(coordinator, REPORTING)
                .body("{\"region\":\"" + REGION + "\",\"period\":\"2025\",\"asOf\":\"2026-03-31\"}")
                .post("/api/v1/snapshots").then().statusCode(201).extract().jsonPath();
        // 23 milestones, all due 2025-12-31: one completed during the outage, 22 overdue on 2026-03-31
        List<String> states = snapshot.getList("milestones.state");
        assertThat(states).hasSize(23);
        assertThat(states.stream().filter("done"::equals).count()).isEqualTo(1);
        assertThat(states.stream().filter("overdue"::equals).count()).isEqualTo(22);
        assertThat(snapshot.getString("targets.find { it.indicatorCode == 'child-social-workers' }.status")).isEqualTo("MET");
        assertThat(snapshot.getLong("facilities[0].eligible")).isEqualTo(3);
        assertThat(snapshot.getLong("facilities[0].covered")).isEqualTo(2);
        assertThat(snapshot.getList("facilities[0].uncovered.code")).containsExactly(township + "203");
        // 31 targets for 2025: 儿童社会工作者数量 52 ≥ 50 MET; 儿童之家覆盖率 2 of 3 villages = 66.67 < 100 NOT_MET; 14 without
        // values NO_DATA; 6 measured facility counts at 0 because the district registered only 儿童之家 (儿童友好社区 0 of
        // 2, 图书馆 0 of 1, 公园 0 of 2, 街区 0 of 1, county-certified 家教家风示范基地 0 of 4, 未成年人保护工作站 0 of 6)
        // NOT_MET; 9 facility aims the register cannot measure NEEDS_ASSESSMENT. With the milestones: MET 2, NOT_MET
        // 23 + 6 = 29, NO_DATA 14, NEEDS_ASSESSMENT 9; score 100 × 2 ÷ 31 = 6.45 → 6.
        assertThat(snapshot.getList("targets")).hasSize(31);
        assertThat(new BigDecimal(snapshot.getString("targets.find { it.indicatorCode == 'children-home-coverage' }.value")))
                .isEqualByComparingTo("66.67");
        assertThat(snapshot.getList("targets.findAll { it.derived && it.status == 'NOT_MET' && it.value == 0 }.indicatorCode"))
                .containsExactlyInAnyOrder("child-friendly-community-count", "child-friendly-library-count",
                        "child-friendly-park-count", "child-friendly-street-count",
                        "family-education-base-count-certified-county", "minor-protection-station-count");
        assertThat(snapshot.getMap("summary.totals")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MET", 2, "ON_TRACK", 0, "AT_RISK", 0, "NOT_MET", 29, "NO_DATA", 14, "NEEDS_ASSESSMENT", 9));
        assertThat(snapshot.getInt("summary.score")).isEqualTo(6);
    }

    /** The backlog a producer's readiness check reports; its count is refreshed every few seconds while failing. */
    private static long awaitBacklog(Platform platform, String producer) {
        // a relay blocked in a send to the stopped broker refreshes its count only when the attempt gives up
        // (cfc.outbox.delivery-timeout, 15 s) plus the recount period: wait well beyond that
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        long pending = platform.pendingEvents(producer);
        while (pending <= 0 && System.nanoTime() < deadline) {
            Platform.sleep(250);
            pending = platform.pendingEvents(producer);
        }
        return pending;
    }
}
