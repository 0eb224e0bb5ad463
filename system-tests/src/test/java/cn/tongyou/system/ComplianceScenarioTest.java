package cn.tongyou.system;

import cn.tongyou.local.testing.SharedData;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.tongyou.system.Platform.FACILITY;
import static cn.tongyou.system.Platform.INDICATOR;
import static cn.tongyou.system.Platform.REPORTING;
import static cn.tongyou.system.Platform.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * 荥阳市 (410182) end to end, over HTTP as its 妇儿工委办公室's frontend, its departments and a provincial system work:
 * the real plan ({@code ../shared/catalog/000_…}: 56 tasks, 91 milestones, 42 targets) into indicator-service and
 * task-service, the official divisions of 荥阳市 and four villages of 广武镇, four 儿童之家 (one short of the standard),
 * values for six targets (five approved), two half-yearly progress reports (one accepted, completing a milestone), then a
 * snapshot from reporting-service. Its figures are checked against the expectations worked out by hand below, and against
 * what the three producers answer themselves for the same data (issue 5: "numbers match the producers").
 */
@ExtendWith(ServiceLogsOnFailure.class)
class ComplianceScenarioTest {

    static final String REGION = "410182";
    static final String PERIOD = "2025";
    /** The day the snapshot judges milestones and report deadlines on: after 2025H2's reporting deadline, 2026-01-15. */
    static final String AS_OF = "2026-03-31";
    static final String VILLAGES = """
            code,name,parentCode,urbanRuralCode
            410182103201,陈沟村,410182103,220
            410182103202,南屯村,410182103,220
            410182103203,王村,410182103,220
            410182103204,东刘村,410182103,220
            """;

    static JsonPath snapshot;

    @BeforeAll
    static void aCountyAtWork() {
        Platform platform = Platform.get();
        String coordinator = Http.coordinator(REGION);

        List<String> townships = Regions.importCounty(REGION);
        assertThat(townships).hasSize(14);
        Regions.importGeneric(VILLAGES);

        String plan = SharedData.readCatalogue("000_");
        Http.as(coordinator, INDICATOR).body(plan).post("/api/v1/catalog/import")
                .then().statusCode(200).body("targets.inserted", equalTo(82));
        Http.as(coordinator, TASK).body(plan).post("/api/v1/plans/import")
                .then().statusCode(200).body("tasks.inserted", equalTo(56)).body("milestones.inserted", equalTo(91));

        // 儿童之家 in all four villages; 东刘村's has no staff yet, so it does not meet the standard
        registerChildrenHome(coordinator, "410182103201", "广武镇陈沟村儿童之家", true);
        registerChildrenHome(coordinator, "410182103202", "广武镇南屯村儿童之家", true);
        registerChildrenHome(coordinator, "410182103203", "广武镇王村儿童之家", true);
        registerChildrenHome(coordinator, "410182103204", "广武镇东刘村儿童之家", false);

        // a department enters values, the office approves all but one
        String education = Http.reporter(REGION, "市教育局");
        approve(coordinator, report(education, "ind-15f695b8", "2025", "\"value\":10.2"));
        approve(coordinator, report(education, "ind-f846e1c9", "2025", "\"value\":64"));
        approve(coordinator, report(education, "under-5-mortality-rate", "2025", "\"numerator\":9,\"denominator\":3000"));
        approve(coordinator, report(education, "ind-8ecdb838", "2025H1", "\"value\":9.1"));
        approve(coordinator, report(education, "ind-2408129f", "2025H1", "\"value\":0.8"));
        report(education, "ind-7adb95db", "2025", "\"value\":5");

        // 2025H2 reports: 市妇联's on task 40, filed by the office on its behalf, says the milestone is done and is
        // accepted by a second person of the office (four eyes); 市文广旅体局 files its own on task 18 under the plan's other name for it and waits for review
        String task40 = taskId(coordinator, "40");
        String milestone40 = Http.as(coordinator, TASK).get("/api/v1/tasks/" + task40).then().statusCode(200)
                .extract().path("milestones[0].id");
        Response filed = Http.as(coordinator, TASK).body("""
                        {"period":"2025H2","unit":"市妇联","text":"全市家教家风示范基地5个已建成并挂牌","percentComplete":100,
                         "milestoneUpdates":[{"milestoneId":"%s","status":"done","doneOn":"2025-12-20","evidence":"荥妇〔2025〕12号"}]}
                        """.formatted(milestone40))
                .post("/api/v1/tasks/" + task40 + "/reports");
        filed.then().statusCode(201);
        Http.as(Http.secondCoordinator(REGION), TASK).header("If-Match", filed.header("ETag")).body("{}")
                .post("/api/v1/reports/" + filed.path("id") + "/accept")
                .then().statusCode(200).body("status", equalTo("accepted"));
        Http.as(Http.reporter(REGION, "市文化广电和旅游局"), TASK)
                .body("{\"period\":\"2025H2\",\"text\":\"培训儿童体育健身服务人员64人\",\"percentComplete\":90}")
                .post("/api/v1/tasks/" + taskId(coordinator, "18") + "/reports")
                .then().statusCode(201).body("unit.name", equalTo("市文广旅体局"));

        platform.awaitCaughtUp();
        Response created = Http.as(coordinator, REPORTING)
                .body("{\"region\":\"" + REGION + "\",\"period\":\"" + PERIOD + "\",\"asOf\":\"" + AS_OF + "\"}")
                .post("/api/v1/snapshots");
        created.then().statusCode(201);
        snapshot = Http.as(coordinator, REPORTING).get(created.header("Location")).then().statusCode(200)
                .extract().jsonPath();
        assertThat(snapshot.getString("snapshotId")).isEqualTo(created.path("snapshotId"));
    }

    /**
     * The import homes the plan's 42 indicator targets and 40 of its facility targets as targets (82; the other
     * facility targets repeat an indicator row or a coverage target already homed, see indicator-service's
     * ItemHomesTest). Targets in force for 2025: the 42 minus 开展各类儿童文化活动场次 (2022 only), 开展关爱服务活动场次
     * (2023 only) and the 2023 targets of the two 家长学校 indicators, which have 2025 ones → 38, plus 32 facility targets
     * of 2025 (the other 8 are of 2022/2023) → 70:
     * <ul>
     * <li>MET: 小学生每天睡眠时间 10.2 ≥ 10; 5岁以下儿童死亡率 9 ÷ 3000 = 3.00‰ ≤ 4 → 2</li>
     * <li>ON_TRACK: 初中生每天睡眠时间 9.1 in 2025H1, before the target period and already ≥ 9 → 1</li>
     * <li>AT_RISK: 儿童每天体育活动时间 0.8 in 2025H1 &lt; 1 with no earlier value → 1</li>
     * <li>NOT_MET: 培训儿童体育健身服务人员人数 64 &lt; 70; 儿童之家覆盖率 3 of 4 villages = 75.00 &lt; 100 (derived);
     * 农村家长学校覆盖率 0 of the 4 rural villages = 0.00 &lt; 85 (derived) → 3; and the 14 measured counts, each 0
     * because this county registered only 儿童之家 (schools 7, kindergartens 6, communities 5, streets 5, libraries 3,
     * 农学书屋 4, 校园阅读中心 2, parks 1, sports park 1, hospital 1, children's activity centre 1, practice bases 2,
     * nature-education base 1, county-certified 家教家风示范基地 5) → 17</li>
     * <li>NO_DATA: 儿童友好企事业单位数量 (submitted, not approved), 城市家长学校覆盖率 (no urban village) and 29
     * targets without values → 31</li>
     * <li>NEEDS_ASSESSMENT: 18 facility targets the register cannot measure — 7 standards of types whose standard the
     * seeds do not define (libraries 2, parks 2, 3 of type other) and 11 aims without a countable number (parks open to
     * children, toilets 2, football pitches per 10,000 people and "逐步完善", 母婴室 in new public places, 法治教育实践基地
     * coverage, psychological clinics, traffic safety around schools, a sports-park aim without a number, a park count
     * worded with "other")</li>
     * </ul>
     * Milestones: 91 = 2 due 2022-12-31 + 16 due 2023-12-31 + 55 due 2025-12-31 + 18 undated. On 2026-03-31 the one
     * completed by the accepted report is MET, the other 72 dated ones are overdue (NOT_MET), the 18 undated open
     * (ON_TRACK). Totals: MET 3, ON_TRACK 19, AT_RISK 1, NOT_MET 75 + 14 = 89, NO_DATA 31, NEEDS_ASSESSMENT 18; score
     * = 100 × (3 + 19 + ½) ÷ (3 + 19 + 1 + 89) = 20.09 → 20 (NO_DATA and NEEDS_ASSESSMENT are not judged).
     */
    @Test
    void snapshotHasTheHandComputedFigures() {
        assertThat(snapshot.getMap("summary.totals")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MET", 3, "ON_TRACK", 19, "AT_RISK", 1, "NOT_MET", 89, "NO_DATA", 31, "NEEDS_ASSESSMENT", 18));
        assertThat(snapshot.getInt("summary.score")).isEqualTo(20);

        assertThat(snapshot.getList("targets")).hasSize(70);
        assertThat(snapshot.getList("targets.findAll { it.status == 'NEEDS_ASSESSMENT' }")).hasSize(18);
        Map<String, Integer> counts = new HashMap<>();
        for (Map<String, Object> t : snapshot.<Map<String, Object>>getList("targets.findAll { it.derived && it.indicatorCode.contains('-count') && it.status == 'NOT_MET' }")) {
            assertThat(new BigDecimal(t.get("value").toString())).as((String) t.get("indicatorCode")).isZero();
            counts.put((String) t.get("indicatorCode"), ((Number) t.get("targetValue")).intValue());
        }
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("child-friendly-school-count", 7), Map.entry("child-friendly-school-count-kindergarten", 6),
                Map.entry("child-friendly-community-count", 5), Map.entry("child-friendly-street-count", 5),
                Map.entry("child-friendly-library-count", 3), Map.entry("child-friendly-library-count-reading-room", 4),
                Map.entry("child-friendly-library-count-school-reading-centre", 2), Map.entry("child-friendly-park-count", 1),
                Map.entry("child-friendly-park-count-sports-park", 1), Map.entry("child-friendly-hospital-count", 1),
                Map.entry("child-activity-center-count", 1), Map.entry("practice-base-count", 2),
                Map.entry("practice-base-count-nature-education-base", 1),
                Map.entry("family-education-base-count-certified-county", 5)));
        Map<String, String> judged = new HashMap<>();
        Map<String, BigDecimal> values = new HashMap<>();
        for (Map<String, Object> t : snapshot.<Map<String, Object>>getList("targets")) {
            if (!"NO_DATA".equals(t.get("status")) && !"NEEDS_ASSESSMENT".equals(t.get("status"))
                    && !counts.containsKey((String) t.get("indicatorCode"))) {
                judged.put((String) t.get("indicatorCode"), (String) t.get("status"));
                values.put((String) t.get("indicatorCode"), new BigDecimal(t.get("value").toString()));
            }
        }
        assertThat(judged).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ind-15f695b8", "MET", "under-5-mortality-rate", "MET",
                "ind-8ecdb838", "ON_TRACK", "ind-2408129f", "AT_RISK",
                "ind-f846e1c9", "NOT_MET", "children-home-coverage", "NOT_MET", "parent-school-coverage-rural", "NOT_MET"));
        assertThat(values).hasEntrySatisfying("ind-15f695b8", v -> assertThat(v).isEqualByComparingTo("10.2"))
                .hasEntrySatisfying("under-5-mortality-rate", v -> assertThat(v).isEqualByComparingTo("3"))
                .hasEntrySatisfying("ind-8ecdb838", v -> assertThat(v).isEqualByComparingTo("9.1"))
                .hasEntrySatisfying("ind-2408129f", v -> assertThat(v).isEqualByComparingTo("0.8"))
                .hasEntrySatisfying("ind-f846e1c9", v -> assertThat(v).isEqualByComparingTo("64"))
                .hasEntrySatisfying("children-home-coverage", v -> assertThat(v).isEqualByComparingTo("75"))
                .hasEntrySatisfying("parent-school-coverage-rural", v -> assertThat(v).isEqualByComparingTo("0"));

        List<String> states = snapshot.getList("milestones.state");
        assertThat(states).hasSize(91);
        assertThat(states.stream().filter("done"::equals).count()).isEqualTo(1);
        assertThat(states.stream().filter("overdue"::equals).count()).isEqualTo(72);
        assertThat(states.stream().filter("open"::equals).count()).isEqualTo(18);
    }

    /** 儿童之家 in 4 villages of 广武镇, 东刘村's short of the standard: 3 of 4 covered, 东刘村 listed. */
    @Test
    void snapshotCoverageListsTheUncoveredVillage() {
        assertThat(snapshot.getString("facilities[0].facilityType")).isEqualTo("children-home");
        assertThat(snapshot.getLong("facilities[0].eligible")).isEqualTo(4);
        assertThat(snapshot.getLong("facilities[0].covered")).isEqualTo(3);
        assertThat(snapshot.getList("facilities[0].uncovered.code")).containsExactly("410182103204");
        assertThat(snapshot.getList("facilities[0].uncovered.name")).containsExactly("东刘村");
        assertThat(snapshot.getList("facilities[0].children")).hasSize(14);
        assertThat(snapshot.getMap("facilities[0].children.find { it.code == '410182103000' }"))
                .containsEntry("eligible", 4).containsEntry("covered", 3);
        assertThat(snapshot.getDouble("children.find { it.code == '410182103000' }.childrenHomeCoverage")).isEqualTo(0.75);
    }

    /**
     * Per lead unit, from the plan: 市妇联 leads tasks 26, 29, 37, 38, 39, 40, 42, 53 with 1 + 1 + 4 + 1 dated milestones
     * (one now done) → 6 overdue, 8 reports expected for 2025H2 and 1 filed → 7 missing, 4 targets off track (儿童之家覆盖率,
     * 农村家长学校覆盖率, and the measured counts 儿童活动中心 0 of 1 and 家教家风示范基地 0 of 5). 市文广旅体局 leads 17, 18,
     * 30, 34, 35, 42 with 2 + 1 + 2 + 1 + 2 dated milestones → 8 overdue, 6 − 1 filed → 5 missing, 3 targets off track
     * (培训儿童体育健身服务人员人数; 儿童友好图书馆 0 of 3; 儿童友好体育公园 0 of 1, shared with 市园林局). The 56 tasks have
     * 80 lead-unit slots: 78 reports missing. Warnings: the 17 targets NOT_MET, 1 AT_RISK.
     */
    @Test
    void snapshotNamesWhoIsBehind() {
        assertThat(snapshot.getMap("units.find { it.unitName == '市妇联' }")).containsEntry("overdueMilestones", 6)
                .containsEntry("missingReports", 7).containsEntry("targetsOffTrack", 4);
        assertThat(snapshot.getMap("units.find { it.unitName == '市文广旅体局' }")).containsEntry("overdueMilestones", 8)
                .containsEntry("missingReports", 5).containsEntry("targetsOffTrack", 3);
        // the JSON names the first 50 of each kind and counts them all; the complete list is served page by page
        assertThat(snapshot.getMap("warningCounts")).containsEntry("report-missing", 78).containsEntry("overdue-milestone", 72)
                .containsEntry("target-not-met", 17).containsEntry("target-at-risk", 1).containsEntry("coverage-gap", 1);
        List<String> warnings = allWarnings(snapshot).getList("items.kind");
        assertThat(warnings.stream().filter("report-missing"::equals).count()).isEqualTo(78);
        assertThat(warnings.stream().filter("overdue-milestone"::equals).count()).isEqualTo(72);
        assertThat(warnings.stream().filter("target-not-met"::equals).count()).isEqualTo(17);
        assertThat(warnings.stream().filter("target-at-risk"::equals).count()).isEqualTo(1);
        assertThat(warnings.stream().filter("coverage-gap"::equals).count()).isEqualTo(1);
    }

    @Test
    void coverageIsWhatFacilityServiceReports() {
        JsonPath coverage = Http.as(Http.coordinator(REGION), FACILITY)
                .queryParam("region", REGION).queryParam("type", "children-home").queryParam("level", "village")
                .get("/api/v1/coverage").then().statusCode(200).extract().jsonPath();
        assertThat(coverage.getLong("eligible")).isEqualTo(snapshot.getLong("facilities[0].eligible"));
        assertThat(coverage.getLong("covered")).isEqualTo(snapshot.getLong("facilities[0].covered"));
        assertThat(coverage.getList("uncovered.items.code")).isEqualTo(snapshot.getList("facilities[0].uncovered.code"));
        assertThat(coverage.getList("children.collect { [it.code, it.eligible, it.covered] }"))
                .isEqualTo(snapshot.getList("facilities[0].children.collect { [it.code, it.eligible, it.covered] }"));
        // the derived indicator's value is that coverage as a percentage
        assertThat(new BigDecimal(snapshot.getString("targets.find { it.indicatorCode == 'children-home-coverage' }.value")))
                .isEqualByComparingTo(BigDecimal.valueOf(coverage.getDouble("ratio") * 100));
    }

    /**
     * indicator-service evaluates the same 70 targets; each typed-in target has the same status and value there.
     * Derived targets are NO_DATA (derived-not-reported) there by design: only reporting-service sees the facilities;
     * a facility target neither can measure (NEEDS_ASSESSMENT) is the same on both sides.
     */
    @Test
    void targetsAreWhatIndicatorServiceEvaluates() {
        JsonPath evaluations = Http.as(Http.coordinator(REGION), INDICATOR)
                .queryParam("region", REGION).queryParam("year", 2025)
                .get("/api/v1/evaluations").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> byTarget = new HashMap<>();
        for (Map<String, Object> item : evaluations.<Map<String, Object>>getList("items")) {
            byTarget.put((String) item.get("targetId"), item);
        }
        assertThat(byTarget.keySet()).containsExactlyInAnyOrderElementsOf(snapshot.getList("targets.id"));
        for (Map<String, Object> t : snapshot.<Map<String, Object>>getList("targets")) {
            Map<String, Object> e = byTarget.get(t.get("id"));
            String what = t.get("indicatorCode") + " " + t.get("indicatorName");
            if (Boolean.TRUE.equals(t.get("derived")) && "NEEDS_ASSESSMENT".equals(t.get("status"))) {
                assertThat(e.get("status")).as(what).isEqualTo("NEEDS_ASSESSMENT");
                continue;
            }
            if (Boolean.TRUE.equals(t.get("derived"))) {
                assertThat(e.get("status")).as(what).isEqualTo("NO_DATA");
                assertThat(e.get("reason")).as(what).isEqualTo("derived-not-reported");
                continue;
            }
            assertThat(e.get("status")).as(what).isEqualTo(t.get("status"));
            Object evaluated = ((Map<?, ?>) e.get("inputs")).get("value");
            if (t.get("value") == null) {
                assertThat(evaluated).as(what).isNull();
            } else {
                assertThat(new BigDecimal(((Map<?, ?>) evaluated).get("value").toString())).as(what)
                        .isEqualByComparingTo(t.get("value").toString());
            }
        }
    }

    /**
     * task-service's accountability view and milestone states are computed for today; so is reporting-service's live
     * view (no asOf): per unit the same overdue milestones and missing 2025H2 reports, per milestone the same state.
     */
    @Test
    void unitsAndMilestonesAreWhatTaskServiceReports() {
        String coordinator = Http.coordinator(REGION);
        JsonPath live = Http.as(coordinator, REPORTING).queryParam("region", REGION).queryParam("period", PERIOD)
                .get("/api/v1/compliance").then().statusCode(200).extract().jsonPath();
        JsonPath units = Http.as(coordinator, TASK).queryParam("region", REGION).queryParam("period", "2025H2")
                .queryParam("size", 500).get("/api/v1/units").then().statusCode(200).extract().jsonPath();
        assertThat(units.getInt("total")).isEqualTo(units.getList("items").size());
        Map<String, List<Integer>> fromTasks = new HashMap<>();
        for (Map<String, Object> u : units.<Map<String, Object>>getList("items")) {
            Map<?, ?> a = (Map<?, ?>) u.get("accountability");
            fromTasks.put((String) u.get("id"), List.of((Integer) a.get("milestonesOverdue"), (Integer) a.get("reportsMissing")));
        }
        Map<String, List<Integer>> fromReporting = new HashMap<>();
        for (Map<String, Object> u : live.<Map<String, Object>>getList("units")) {
            List<Integer> counts = List.of((Integer) u.get("overdueMilestones"), (Integer) u.get("missingReports"));
            if (counts.get(0) + counts.get(1) > 0) {
                fromReporting.put((String) u.get("unitId"), counts);
            }
        }
        fromTasks.values().removeIf(c -> c.get(0) + c.get(1) == 0);
        assertThat(fromReporting).isNotEmpty().isEqualTo(fromTasks);

        JsonPath milestones = Http.as(coordinator, TASK).queryParam("region", REGION).queryParam("size", 500)
                .get("/api/v1/milestones").then().statusCode(200).extract().jsonPath();
        Map<String, String> stateInTasks = new HashMap<>();
        for (Map<String, Object> m : milestones.<Map<String, Object>>getList("items")) {
            stateInTasks.put((String) m.get("id"), (String) m.get("state"));
        }
        Map<String, String> stateInReporting = new HashMap<>();
        for (Map<String, Object> m : live.<Map<String, Object>>getList("milestones")) {
            stateInReporting.put((String) m.get("id"), (String) m.get("state"));
        }
        assertThat(stateInReporting).hasSize(91).isEqualTo(stateInTasks);
    }

    @Test
    void theStoredSnapshotIsListedAndDiffsToNothingAgainstTheLiveView() {
        String coordinator = Http.coordinator(REGION);
        Http.as(coordinator, REPORTING).queryParam("region", REGION).queryParam("period", PERIOD)
                .get("/api/v1/snapshots").then().statusCode(200)
                .body("items.find { it.id == '" + snapshot.getString("snapshotId") + "' }", notNullValue());
        JsonPath live = Http.as(coordinator, REPORTING).queryParam("region", REGION).queryParam("period", PERIOD)
                .queryParam("asOf", AS_OF).get("/api/v1/compliance").then().statusCode(200).extract().jsonPath();
        assertThat(live.getMap("summary.totals")).isEqualTo(snapshot.getMap("summary.totals"));
        assertThat(live.getMap("warningCounts")).isEqualTo(snapshot.getMap("warningCounts"));
        assertThat(allWarnings(live).getList("items.collect { it.kind + '|' + it.subject }"))
                .containsExactlyInAnyOrderElementsOf(allWarnings(snapshot).getList("items.collect { it.kind + '|' + it.subject }"));
    }

    /** Every warning of a view or snapshot, through its warningsHref (one page: the plan's 169 fit in 500). */
    private static JsonPath allWarnings(JsonPath view) {
        JsonPath all = Http.as(Http.coordinator(REGION), REPORTING).queryParam("size", 500).get(view.getString("warningsHref"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(all.getInt("totalPages")).isEqualTo(1);
        return all;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void registerChildrenHome(String token, String village, String name, boolean staffed) {
        Http.as(token, FACILITY).body("""
                        {"type":"children-home","name":"%s","regionCode":"%s","location":{"lat":34.8512,"lng":113.3521},
                         "status":"open","openedOn":"2024-06-01",
                         "checklist":{"venue":true,"equipment":true,"rules":true,"staff":%s,"funding":true}}
                        """.formatted(name, village, staffed))
                .post("/api/v1/facilities")
                .then().statusCode(201).body("meetsStandard", equalTo(staffed));
    }

    /** Reports a value of 荥阳市 as submitted; returns the answer (id and ETag) for the approval. */
    private static Response report(String token, String indicator, String period, String value) {
        Response r = Http.as(token, INDICATOR).body("{\"indicator\":\"" + indicator + "\",\"region\":\"" + REGION
                + "\",\"period\":\"" + period + "\"," + value + ",\"status\":\"submitted\"}").post("/api/v1/observations");
        r.then().statusCode(201).body("status", equalTo("submitted"));
        return r;
    }

    private static void approve(String token, Response submitted) {
        Http.as(token, INDICATOR).header("If-Match", submitted.header("ETag"))
                .post("/api/v1/observations/" + submitted.path("id") + "/approve")
                .then().statusCode(200).body("status", equalTo("approved"));
    }

    private static String taskId(String token, String number) {
        return Http.as(token, TASK).queryParam("region", REGION).queryParam("size", 100).get("/api/v1/tasks")
                .then().statusCode(200).extract().path("items.find { it.number == '" + number + "' }.id");
    }
}
