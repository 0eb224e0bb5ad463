package cn.tongyou.system;

import cn.tongyou.common.discipline.PeriodLocks;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.local.testing.SharedData;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.tongyou.system.Platform.INDICATOR;
import static cn.tongyou.system.Platform.REPORTING;
import static cn.tongyou.system.Platform.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

/**
 * Issue 15's "Done when": one half-year of 荥阳市 (410182) and 郑州市 (4101) under the reporting discipline, over HTTP as
 * the county's department, its 妇儿工委办公室, the city's office and the platform operator work.
 * <p>
 * The period is the half-year containing today, so everything up to the lock happens on the real date and is on time.
 * 荥阳市's plan ({@code ../shared/catalog/000_…}) sets targets for 2022 to 2025 only; for this year the office sets four
 * (its yearly work plan): a target in force is what makes a value expected. 市教育局 reports three of them; the fourth
 * stays missing. The walk: the county's office approves the values and submits the region-period approval; 郑州市 returns
 * it naming one value with a comment; the department corrects that value, the county approves it again and resubmits;
 * 郑州市 accepts. Then indicator-service is restarted on the first day the period is closed for entry
 * ({@code CFC_SCHEDULE_TODAY}): the missing value comes too late (409 period-locked); 郑州市 grants an exception and one
 * correction goes through, reopening the accepted approval. indicator-service gets its real date back in any case.
 * <p>
 * Along the way 郑州市's office receives reminders at two webhooks (a generic signed one and a 钉钉 robot) from two scans.
 */
@ExtendWith(ServiceLogsOnFailure.class)
class DisciplineWalkTest {

    static final String COUNTY = "410182";
    static final String CITY = "4101";
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final Period PERIOD = Period.halfYearContaining(LocalDate.now(BEIJING));
    static final String EDUCATION = "市教育局";

    static final String PRIMARY_SLEEP = "ind-15f695b8";
    static final String MIDDLE_SLEEP = "ind-8ecdb838";
    static final String HIGH_SLEEP = "ind-fa81fb99";
    static final String EXERCISE = "ind-2408129f";
    /** 小学生 / 初中生 / 高中生每天睡眠时间 and 儿童每天体育活动时间: the plan's 2025 targets, set again for this year. */
    static final Map<String, String> TARGETS = Map.of(
            PRIMARY_SLEEP, target(10, "小学生每天睡眠时间不少于10小时"),
            MIDDLE_SLEEP, target(9, "初中生每天睡眠时间不少于9小时"),
            HIGH_SLEEP, target(8, "高中生每天睡眠时间不少于8小时"),
            EXERCISE, target(1, "儿童每天校内、校外体育活动时间各不少于1小时"));

    static final String GENERIC_PATH = "/hooks/zhengzhou-generic";
    static final String DINGTALK_PATH = "/hooks/zhengzhou-dingtalk";
    static final List<String> GENERIC_KINDS = List.of("awaiting-acceptance", "missing", "about-to-lock");
    static final List<String> DINGTALK_KINDS = List.of("awaiting-acceptance");
    static final String GENERIC_SECRET = "郑州市妇儿工委办公室-webhook-7f3a9c";
    static final String DINGTALK_SECRET = "SEC3f1c2b9a7d5e4c8b6a0f1e2d3c4b5a6978877665544332211";
    static final String RETURN_COMMENT = "高中生睡眠时间与市教育局抽样调查（8.1小时）不符，请核实后重报";
    static final String CORRECTION_REASON = "按郑州市意见核实：抽样调查为8.1小时";
    static final String WARNING_RULE = "same-live-births-neonatal-infant";
    static final int NEONATAL_LIVE_BIRTHS = 7120;
    static final int INFANT_LIVE_BIRTHS = 7150;
    static final String LATE_REASON = "市教育局年终复核：小学生睡眠时间为10.3小时";

    /** Deliveries poll every second here (Platform); the rest is the scan's queue under a loaded machine. */
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    static WebhookReceiver receiver;
    static String county;
    static String city;
    static String department;
    static Instant started;
    static final Map<String, String> values = new LinkedHashMap<>();
    static final List<JsonPath> scans = new ArrayList<>();
    static Response whileSubmitted;
    static JsonPath returned;
    static JsonPath accepted;
    static JsonPath countySnapshot;
    static JsonPath citySnapshot;
    static JsonPath warned;
    static JsonPath cityYearSnapshot;
    static LocalDate lockedOn;
    static Response lateWrite;
    static Response sameLevelGrant;
    static JsonPath exception;
    static Response correctionUnderException;
    static JsonPath reopened;
    static Response afterRevocation;
    static JsonPath reopenedSnapshot;

    @BeforeAll
    static void oneHalfYear() {
        Platform platform = Platform.get();
        started = Instant.now();
        receiver = WebhookReceiver.start();
        county = Http.coordinator(COUNTY);
        city = Http.coordinator(CITY);
        department = Http.reporter(COUNTY, EDUCATION);

        Regions.importCounty(COUNTY);
        // idempotent: after ComplianceScenarioTest (name order) nothing changes
        String plan = SharedData.readCatalogue("000_");
        Http.as(county, INDICATOR).body(plan).post("/api/v1/catalog/import").then().statusCode(200);
        Http.as(county, TASK).body(plan).post("/api/v1/plans/import").then().statusCode(200);
        TARGETS.forEach((indicator, target) -> Http.as(county, INDICATOR).body(target)
                .put("/api/v1/targets/" + COUNTY + "/" + indicator + "/" + PERIOD.year())
                .then().statusCode(oneOf(200, 201)));
        subscribe("郑州市妇儿工委办公室 审核提醒（通用）", GENERIC_PATH, "generic", GENERIC_SECRET, GENERIC_KINDS);
        subscribe("郑州市妇儿工委 钉钉群机器人", DINGTALK_PATH, "dingtalk", DINGTALK_SECRET, DINGTALK_KINDS);

        // 市教育局 reports three of the four values and its half-year progress on a task it leads; the county's office
        // approves the values
        values.put(PRIMARY_SLEEP, report(PRIMARY_SLEEP, "10.1"));
        values.put(MIDDLE_SLEEP, report(MIDDLE_SLEEP, "9.2"));
        values.put(HIGH_SLEEP, report(HIGH_SLEEP, "8.6"));
        Http.as(department, TASK).body("{\"period\":\"" + PERIOD + "\",\"text\":\"中小学生睡眠与体育活动时间专项监测已完成\","
                        + "\"percentComplete\":50}").post("/api/v1/tasks/" + educationTask() + "/reports")
                .then().statusCode(201);
        Http.as(county, INDICATOR).body("{\"region\":\"" + COUNTY + "\",\"period\":\"" + PERIOD + "\"}")
                .post("/api/v1/observations/approvals").then().statusCode(200).body("approved", equalTo(3));

        // the county submits; while 郑州市 has it, nothing below it is written
        act(county, "submit", "{\"comment\":\"荥阳市" + PERIOD + "监测数据，已逐项审核\"}", "submitted");
        whileSubmitted = Http.as(department, INDICATOR).body(observation(EXERCISE, "1.2")).post("/api/v1/observations");
        platform.awaitCaughtUp();
        scans.add(scan());

        // 郑州市 returns it naming the 高中生 value; 市教育局 corrects it, the county approves it again and resubmits
        returned = act(city, "return", "{\"comment\":\"" + RETURN_COMMENT + "\",\"observations\":[\""
                + values.get(HIGH_SLEEP) + "\"]}", "returned");
        correct(department, values.get(HIGH_SLEEP), "8.1", CORRECTION_REASON).then().statusCode(200);
        transition(department, values.get(HIGH_SLEEP), "submit", null).then().statusCode(200);
        transition(county, values.get(HIGH_SLEEP), "approve", null).then().statusCode(200);
        act(county, "submit", "{\"comment\":\"已按郑州市意见更正高中生睡眠时间\"}", "submitted");
        platform.awaitCaughtUp();
        // the same approval still waits: the second scan of the day finds it again and sends nothing new for it
        scans.add(scan());

        accepted = act(city, "accept", "{\"comment\":\"同意\"}", "accepted");

        // 市卫健委's yearly figures: 新生儿死亡率 and 婴儿死亡率 over two different counts of live births, which the
        // seeded warning rule same-live-births-neonatal-infant flags (婴儿死亡率 enters the catalogue with 梅州市's
        // plan; ReportingRestartTest imports it too). Every seeded rule reads yearly-only indicators, so the violation
        // is one of the year the half-year belongs to.
        Http.as(Http.coordinator("441400"), INDICATOR).body(SharedData.readCatalogue("002_")).post("/api/v1/catalog/import")
                .then().statusCode(200);
        String health = Http.reporter(COUNTY, "市卫健委");
        Http.as(health, INDICATOR).body(yearly("neonatal-mortality-rate", 13, NEONATAL_LIVE_BIRTHS)).post("/api/v1/observations")
                .then().statusCode(201);
        warned = Http.as(health, INDICATOR).body(yearly("infant-mortality-rate", 21, INFANT_LIVE_BIRTHS))
                .post("/api/v1/observations").then().statusCode(201).extract().jsonPath();
        platform.awaitCaughtUp();
        countySnapshot = snapshot(county, COUNTY, PERIOD.toString());
        citySnapshot = snapshot(city, CITY, PERIOD.toString());
        cityYearSnapshot = snapshot(city, CITY, String.valueOf(PERIOD.year()));

        // indicator-service on the first day the period is closed for entry, by the production default
        // (the data set of a value is its indicator's domain, 公共服务友好 for the four)
        String dataSet = Http.as(county, INDICATOR).get("/api/v1/indicators/" + PRIMARY_SLEEP).then().statusCode(200)
                .extract().path("domain");
        lockedOn = new PeriodLocks(new ReportingCalendar(15), 30, Map.of(), 7).closesOn(PERIOD, dataSet);
        try {
            platform.restartWith(INDICATOR, Map.of("CFC_SCHEDULE_TODAY", lockedOn.toString()), Set.of(Platform.LOCK_AFTER_DAYS));
            lateWrite = Http.as(department, INDICATOR).body(observation(EXERCISE, "1.2")).post("/api/v1/observations");
            sameLevelGrant = grant(county);
            Response granted = grant(city);
            granted.then().statusCode(201);
            exception = granted.jsonPath();
            String id = values.get(PRIMARY_SLEEP);
            transition(county, id, "reopen", "{\"reason\":\"" + LATE_REASON + "\"}").then().statusCode(200);
            correctionUnderException = correct(department, id, "10.3", LATE_REASON);
            reopened = approval().then().statusCode(200).extract().jsonPath();
            Http.as(city, INDICATOR).body("{\"reason\":\"更正已完成，例外收回\"}")
                    .post("/api/v1/value-lock-exceptions/" + exception.getString("id") + "/revoke").then().statusCode(200);
            afterRevocation = correct(department, id, "10.4", "再次更正");
        } finally {
            platform.restoreEnvironment(INDICATOR);
        }
        platform.awaitCaughtUp();
        reopenedSnapshot = snapshot(county, COUNTY, PERIOD.toString());
    }

    private static String target(int atLeast, String text) {
        return "{\"kind\":\">=\",\"value\":" + atLeast + ",\"text\":\"" + text + "\",\"responsibleUnits\":[\"" + EDUCATION
                + "\"]}";
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    // --- the approval up the hierarchy ----------------------------------------------------------------------------------

    @Test
    void whileTheCityHasTheApprovalNothingBelowItIsWritten() {
        whileSubmitted.then().statusCode(409).contentType("application/problem+json");
        assertThat(whileSubmitted.jsonPath().getString("type")).endsWith("/problems/approval-locked");
    }

    @Test
    void theCitysReturnSendsTheNamedValueBackWithTheComment() {
        assertThat(returned.getString("regionLevel")).isEqualTo("county");
        assertThat(returned.getList("history.action")).containsExactly("submitted", "returned");
        Map<String, Object> step = returned.getMap("history[1]");
        assertThat(step).containsEntry("comment", RETURN_COMMENT).containsEntry("level", "prefecture")
                .containsEntry("actor", "coordinator-" + CITY);
        assertThat(returned.<String>getList("history[1].observations")).containsExactly(values.get(HIGH_SLEEP));
        // the approved value went back to draft (reopened) with the city's comment as the reason, was corrected to 8.1
        // and approved again
        JsonPath value = Http.as(county, INDICATOR).get("/api/v1/observations/" + values.get(HIGH_SLEEP))
                .then().statusCode(200).extract().jsonPath();
        assertThat(value.getList("history.action")).containsSubsequence("approved", "reopened", "corrected", "submitted",
                "approved");
        assertThat(value.getString("history.find { it.action == 'reopened' }.reason")).isEqualTo(RETURN_COMMENT);
        assertThat(value.getDouble("value")).isEqualTo(8.1);
        assertThat(value.getString("history.find { it.action == 'corrected' }.reason")).isEqualTo(CORRECTION_REASON);
    }

    @Test
    void theCityAcceptsWhatTheCountySubmittedAgain() {
        assertThat(accepted.getString("acceptorLevel")).isEqualTo("prefecture");
        assertThat(accepted.getList("history.action")).containsExactly("submitted", "returned", "submitted", "accepted");
        assertThat(accepted.getList("history.actor")).containsExactly("coordinator-" + COUNTY, "coordinator-" + CITY,
                "coordinator-" + COUNTY, "coordinator-" + CITY);
        assertThat(accepted.getList("history.level")).containsExactly("county", "prefecture", "county", "prefecture");
    }

    // --- the period lock and the exception ------------------------------------------------------------------------------

    @Test
    void aValueAfterTheLockIsRefused() {
        lateWrite.then().statusCode(409).contentType("application/problem+json");
        assertThat(lateWrite.jsonPath().getString("type")).endsWith("/problems/period-locked");
        assertThat(lateWrite.jsonPath().getString("detail")).contains(PERIOD.toString()).contains(lockedOn.toString());
    }

    @Test
    void onlyAHigherLevelGrantsAnException() {
        sameLevelGrant.then().statusCode(403).contentType("application/problem+json");
        assertThat(exception.getString("region")).isEqualTo(COUNTY + "000000");
        assertThat(exception.getString("period")).isEqualTo(PERIOD.toString());
        assertThat(exception.getString("grantedBy")).isEqualTo("coordinator-" + CITY);
        assertThat(exception.getString("state")).isEqualTo("live");
    }

    @Test
    void theExceptionLetsOneCorrectionInAndReopensTheAcceptedApproval() {
        correctionUnderException.then().statusCode(200);
        assertThat(correctionUnderException.jsonPath().getDouble("value")).isEqualTo(10.3);
        assertThat(reopened.getString("status")).isEqualTo("open");
        assertThat(reopened.getList("history.action")).containsExactly("submitted", "returned", "submitted", "accepted",
                "reopened");
        // by the one who corrected, with the correction's reason naming the exception it passed under, as the value's
        // revision does
        Map<String, Object> step = reopened.getMap("history[4]");
        assertThat(step).containsEntry("actor", "reporter-" + COUNTY).containsEntry("level", "county");
        assertThat((String) step.get("comment")).startsWith(LATE_REASON).contains(exception.getString("id"));
        assertThat(correctionUnderException.jsonPath().getString("history[-1].reason")).startsWith(LATE_REASON)
                .contains(exception.getString("id"));
        // revoked, the exception lets nothing more in
        afterRevocation.then().statusCode(409);
        assertThat(afterRevocation.jsonPath().getString("type")).endsWith("/problems/period-locked");
    }

    // --- the snapshots ---------------------------------------------------------------------------------------------------

    /**
     * 荥阳市 after the acceptance: 4 values expected (the four targets of this year, each for the half-year), 3 received,
     * all 3 first submitted today — before the deadline, 15 days after the half-year — so on time, and approved; the
     * exercise value missing. Progress reports: each lead unit of each of the plan's 56 tasks owes one for the
     * half-year, 80 in all (ComplianceScenarioTest counts the same slots); 市教育局 filed 1, on time, not yet accepted.
     */
    @Test
    void theCountysSnapshotShowsTheAcceptedApprovalAndItsCompleteness() {
        Map<String, Object> own = countySnapshot.getMap("approvals.find { it.region == '" + COUNTY + "000000' }");
        assertThat(own).containsEntry("status", "accepted").containsEntry("level", "county")
                .containsEntry("acceptorLevel", "prefecture").containsEntry("updatedBy", "coordinator-" + CITY);
        assertCounts(countySnapshot, "completeness.total.values", 4, 3, 3, 3);
        assertCounts(countySnapshot, "completeness.total.reports", 80, 1, 1, 0);
        assertThat(countySnapshot.getString("completeness.valuesDeadline")).isEqualTo(PERIOD.end().plusDays(15).toString());
    }

    /** 郑州市: its counties' counts summed; only 荥阳市 has targets in force this year and tasks. */
    @Test
    void theCitysSnapshotSumsItsCounties() {
        assertCounts(citySnapshot, "completeness.total.values", 4, 3, 3, 3);
        assertCounts(citySnapshot, "completeness.total.reports", 80, 1, 1, 0);
        assertCounts(citySnapshot, "completeness.children.find { it.region == '" + COUNTY + "000000' }.values", 4, 3, 3, 3);
        Map<String, Object> xingyang = citySnapshot.getMap("approvals.find { it.region == '" + COUNTY + "000000' }");
        assertThat(xingyang).containsEntry("status", "accepted");
        assertThat(citySnapshot.getMap("approvals.find { it.region == '" + CITY + "00000000' }"))
                .containsEntry("status", "open");
    }

    /**
     * The warning rule's finding: open, of 荥阳市 and the year, with both denominators; the entry's answer names it, and
     * 郑州市's snapshot of the year lists it among its warnings with the values involved. The half-year's snapshots
     * list no violation: there is none of the half-year.
     */
    @Test
    void theSnapshotsListTheOpenDataQualityViolation() {
        Map<String, Object> finding = warned.getMap("qualityFindings.find { it.ruleCode == '" + WARNING_RULE + "' }");
        assertThat(finding).containsEntry("status", "open").containsEntry("blocking", false)
                .containsEntry("period", String.valueOf(PERIOD.year()));
        List<Map<String, Object>> warnings = cityYearSnapshot.getList("warnings.findAll { it.kind == 'quality-violation' }");
        assertThat(warnings).extracting(w -> w.get("subject")).containsExactly(finding.get("id"));
        assertThat((String) warnings.get(0).get("message")).contains(String.valueOf(NEONATAL_LIVE_BIRTHS))
                .contains(String.valueOf(INFANT_LIVE_BIRTHS));
        assertThat(cityYearSnapshot.getList("warnings.find { it.kind == 'quality-violation' }.regions.code"))
                .containsExactly(COUNTY + "000000");
        assertThat(citySnapshot.getList("warnings.findAll { it.kind == 'quality-violation' }")).isEmpty();
        assertThat(countySnapshot.getList("warnings.findAll { it.kind == 'quality-violation' }")).isEmpty();
    }

    @Test
    void theReopenedApprovalReachesTheSnapshot() {
        Map<String, Object> own = reopenedSnapshot.getMap("approvals.find { it.region == '" + COUNTY + "000000' }");
        assertThat(own).containsEntry("status", "open");
        assertThat(reopenedSnapshot.getList("approvals.find { it.region == '" + COUNTY + "000000' }.history.action"))
                .containsExactly("submitted", "returned", "submitted", "accepted", "reopened");
    }

    // --- the reminders ---------------------------------------------------------------------------------------------------

    /**
     * Both scans ran on the same business day: 荥阳市's approval waiting for 郑州市 was found by both and issued once, to
     * 郑州市's office (the acceptor's level). Each reminder of 郑州市's subtree of the kinds a subscription asked for
     * arrives there exactly once, the generic ones signed the Standard Webhooks way and the 钉钉 ones with a valid 加签.
     */
    @Test
    void everyReminderArrivesOnceCorrectlySigned() {
        String subject = COUNTY + "000000:" + PERIOD;
        List<Map<String, Object>> issued = issuedSince(started);
        List<Map<String, Object>> awaiting = issued.stream().filter(r -> "awaiting-acceptance".equals(r.get("kind"))
                && subject.equals(r.get("subjectId"))).toList();
        assertThat(awaiting).hasSize(1);
        assertThat(awaiting.get(0)).containsEntry("recipient", "region:" + CITY + "00000000")
                .containsEntry("period", PERIOD.toString());
        assertThat(scans.get(0).getString("businessDay")).isEqualTo(scans.get(1).getString("businessDay"));
        assertThat(scans.get(1).getInt("found")).isEqualTo(scans.get(1).getInt("issued") + scans.get(1).getInt("duplicates"));
        assertThat(scans.get(1).getInt("duplicates")).isPositive();

        List<String> generic = ids(issued, GENERIC_KINDS);
        List<String> dingtalk = ids(issued, DINGTALK_KINDS);
        assertThat(generic).contains((String) awaiting.get(0).get("id"));
        List<WebhookReceiver.Delivery> genericDeliveries = receiver.awaitAt(GENERIC_PATH, d -> d.size() >= generic.size(),
                DELIVERY_TIMEOUT, generic.size() + " generic deliveries");
        List<WebhookReceiver.Delivery> dingtalkDeliveries = receiver.awaitAt(DINGTALK_PATH, d -> d.size() >= dingtalk.size(),
                DELIVERY_TIMEOUT, dingtalk.size() + " 钉钉 deliveries");
        // a few more poll intervals: a second copy of anything would arrive now
        Platform.sleep(3000);
        assertThat(receiver.at(GENERIC_PATH)).hasSameSizeAs(genericDeliveries);
        assertThat(receiver.at(DINGTALK_PATH)).hasSameSizeAs(dingtalkDeliveries);

        List<String> received = new ArrayList<>();
        for (WebhookReceiver.Delivery d : genericDeliveries) {
            assertThat(WebhookSignatures.standardWebhooksValid(GENERIC_SECRET.getBytes(StandardCharsets.UTF_8),
                    d.header("webhook-id"), d.header("webhook-timestamp"), d.body(), d.header("webhook-signature")))
                    .as("Standard Webhooks signature of %s", d.text()).isTrue();
            assertThat(Long.parseLong(d.header("webhook-timestamp"))).isCloseTo(d.receivedAt().getEpochSecond(),
                    org.assertj.core.data.Offset.offset(60L));
            JsonPath event = new JsonPath(d.text());
            assertThat(event.getString("type")).isEqualTo("cfc.reminder.issued.v1");
            assertThat(event.getString("data.id")).isEqualTo(event.getString("id"));
            received.add(event.getString("data.id"));
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(generic);

        for (WebhookReceiver.Delivery d : dingtalkDeliveries) {
            String timestamp = d.query().get("timestamp");
            assertThat(d.query().get("sign")).as("钉钉 sign of %s", d.text())
                    .isEqualTo(WebhookSignatures.dingtalkSign(DINGTALK_SECRET, timestamp));
            assertThat(Long.parseLong(timestamp)).isCloseTo(d.receivedAt().toEpochMilli(),
                    org.assertj.core.data.Offset.offset(60_000L));
            JsonPath message = new JsonPath(d.text());
            assertThat(message.getString("msgtype")).isEqualTo("markdown");
            assertThat(message.getString("markdown.title")).isNotBlank();
        }
        assertThat(dingtalkDeliveries).hasSameSizeAs(dingtalk);
        // the robot's message for the approval is the reminder's own Chinese text, sent once
        String approvalMessage = (String) awaiting.get(0).get("messageZh");
        assertThat(dingtalkDeliveries).filteredOn(d -> new JsonPath(d.text()).getString("markdown.text").contains(approvalMessage))
                .hasSize(1);
    }

    // --- steps -----------------------------------------------------------------------------------------------------------

    /** The reminders of 郑州市's subtree issued since the walk began, as the platform lists them. */
    private static List<Map<String, Object>> issuedSince(Instant since) {
        JsonPath page = Http.as(city, REPORTING).queryParam("region", CITY).queryParam("since", since.toString())
                .queryParam("size", 500).get("/api/v1/reminders").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        assertThat(page.getInt("total")).as("reminders on one page").isEqualTo(items.size());
        return items;
    }

    private static List<String> ids(List<Map<String, Object>> reminders, List<String> kinds) {
        return reminders.stream().filter(r -> kinds.contains((String) r.get("kind"))).map(r -> (String) r.get("id")).toList();
    }

    private static void assertCounts(JsonPath snapshot, String path, int expected, int received, int onTime, int accepted) {
        Map<String, Object> counts = snapshot.getMap(path);
        assertThat(counts).as(path).containsEntry("expected", expected).containsEntry("received", received)
                .containsEntry("onTime", onTime).containsEntry("accepted", accepted)
                .containsEntry("missing", expected - received);
    }

    private static void subscribe(String name, String path, String format, String secret, List<String> kinds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", CITY);
        body.put("name", name);
        body.put("url", receiver.url(path));
        body.put("format", format);
        body.put("secret", secret);
        body.put("kinds", kinds);
        Http.as(city, REPORTING).body(body).post("/api/v1/webhook-subscriptions").then().statusCode(201);
    }

    /** A task of 荥阳市's plan that 市教育局 leads. */
    private static String educationTask() {
        return Http.as(county, TASK).queryParam("region", COUNTY).queryParam("size", 500).get("/api/v1/tasks")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(t -> String.valueOf(t.get("leadUnits")).contains(EDUCATION))
                .map(t -> (String) t.get("id")).findFirst().orElseThrow();
    }

    private static String observation(String indicator, String value) {
        return "{\"indicator\":\"" + indicator + "\",\"region\":\"" + COUNTY + "\",\"period\":\"" + PERIOD
                + "\",\"value\":" + value + ",\"source\":\"市教育局学生体质健康监测\",\"status\":\"submitted\"}";
    }

    /** 市教育局 reports a value, submitted at once; returns its id. */
    private static String report(String indicator, String value) {
        return Http.as(department, INDICATOR).body(observation(indicator, value)).post("/api/v1/observations")
                .then().statusCode(201).body("status", equalTo("submitted")).extract().path("id");
    }

    private static String etag(String token, String id) {
        return Http.as(token, INDICATOR).get("/api/v1/observations/" + id).then().statusCode(200).extract().header("ETag");
    }

    private static Response correct(String token, String id, String value, String reason) {
        return Http.as(token, INDICATOR).header("If-Match", etag(token, id))
                .body("{\"value\":" + value + ",\"reason\":\"" + reason + "\"}")
                .post("/api/v1/observations/" + id + "/corrections");
    }

    private static Response transition(String token, String id, String action, String body) {
        var request = Http.as(token, INDICATOR).header("If-Match", etag(token, id));
        return (body == null ? request : request.body(body)).post("/api/v1/observations/" + id + "/" + action);
    }

    private static Response approval() {
        return Http.as(city, INDICATOR).get("/api/v1/approvals/" + COUNTY + "/" + PERIOD);
    }

    /** One step of 荥阳市's approval for the period, with the ETag just read; returns the approval after it. */
    private static JsonPath act(String token, String action, String body, String expected) {
        String etag = approval().then().statusCode(200).extract().header("ETag");
        return Http.as(token, INDICATOR).header("If-Match", etag).body(body)
                .post("/api/v1/approvals/" + COUNTY + "/" + PERIOD + "/" + action)
                .then().statusCode(200).body("status", equalTo(expected)).extract().jsonPath();
    }

    private static Response grant(String token) {
        Instant validUntil = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return Http.as(token, INDICATOR).body("{\"region\":\"" + COUNTY + "\",\"period\":\"" + PERIOD + "\",\"validUntil\":\""
                        + validUntil + "\",\"reason\":\"市教育局年终复核发现小学生睡眠时间填报有误，准予更正一次\"}")
                .post("/api/v1/value-lock-exceptions");
    }

    private static JsonPath scan() {
        return Http.as(Http.admin(), REPORTING).body("{}").post("/api/v1/reminders/scans")
                .then().statusCode(200).extract().jsonPath();
    }

    private static String yearly(String indicator, int numerator, int denominator) {
        return "{\"indicator\":\"" + indicator + "\",\"region\":\"" + COUNTY + "\",\"period\":\"" + PERIOD.year()
                + "\",\"numerator\":" + numerator + ",\"denominator\":" + denominator
                + ",\"source\":\"市卫健委妇幼卫生监测\",\"status\":\"submitted\"}";
    }

    private static JsonPath snapshot(String token, String region, String period) {
        return Http.as(token, REPORTING).body("{\"region\":\"" + region + "\",\"period\":\"" + period + "\"}")
                .post("/api/v1/snapshots").then().statusCode(201).extract().jsonPath();
    }
}
