package cn.tongyou.reporting.api;

import cn.tongyou.common.events.EventSchemas;
import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.reporting.events.Db;
import cn.tongyou.reporting.events.Events;
import cn.tongyou.reporting.events.Metrics;
import cn.tongyou.reporting.events.TopicsTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reminders reach a real HTTP receiver started here: signed (checked with this test's own HMAC code), once per day
 * however often the scan runs, retried with backoff, dead-lettered after the last attempt and re-driven, and in the
 * 企业微信 and 钉钉 robot formats (钉钉's sign checked). The reminder event goes out through the outbox on cfc.reminders.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
class ReminderWebhookTest {

    static final String COUNTY = "410185";
    static final String REGION = COUNTY + "000000";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource ds;

    static String admin() {
        return "Bearer " + DevTokens.mint("reminder-admin", Set.of("admin"), "CN");
    }

    static String coordinator() {
        return "Bearer " + DevTokens.mint("reminder-coordinator", Set.of("coordinator"), COUNTY);
    }

    @Test
    void remindersReachTheReceiverOnceSignedRetriedDeadLetteredAndInTheRobotFormats() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String soon = UUID.randomUUID().toString();
        String late = UUID.randomUUID().toString();
        seedTaskWithMilestones(REGION, soon, today.plusDays(3), late, today.minusDays(2));
        awaitProjected(soon, late);

        try (Receiver receiver = new Receiver()) {
            receiver.script("/flaky", new Receiver.Answer(500, "busy"), new Receiver.Answer(500, "busy"), new Receiver.Answer(200, ""));
            receiver.script("/dead", new Receiver.Answer(500, "down"));
            subscribe(receiver.url("/generic"), "generic", List.of("due-soon"), "generic-secret");
            String flaky = subscribe(receiver.url("/flaky"), "generic", List.of("overdue"), "flaky-secret");
            String dead = subscribe(receiver.url("/dead"), "generic", List.of("overdue"), "dead-secret");
            subscribe(receiver.url("/wecom?key=robot-key"), "wecom", List.of("due-soon"), null);
            subscribe(receiver.url("/dingtalk?access_token=t0k"), "dingtalk", List.of("due-soon"), "SECding");

            JsonNode first = scan();
            assertThat(first.get("issued").asInt()).isGreaterThanOrEqualTo(2);
            // due-soon to generic, wecom, dingtalk; overdue to flaky and dead
            assertThat(first.get("queued").asInt()).isGreaterThanOrEqualTo(5);
            JsonNode second = scan();
            assertThat(second.get("issued").asInt()).isZero();
            assertThat(second.get("duplicates").asInt()).isEqualTo(second.get("found").asInt());
            assertThat(second.get("queued").asInt()).isZero();
            assertThat(Db.value(ds, "select count(*) from reminder where subject_id in (?, ?)", soon, late)).isEqualTo("2");
            String soonReminder = Db.value(ds, "select id from reminder where subject_id = ?", soon);
            String lateReminder = Db.value(ds, "select id from reminder where subject_id = ? and kind = 'overdue'", late);

            // generic: exactly one delivery, signed over id.timestamp.body with the subscription's secret
            awaitDelivery(soonReminder, receiver.url("/generic"), "delivered");
            Receiver.Received generic = receiver.at("/generic").get(0);
            String signed = generic.header("webhook-id") + "." + generic.header("webhook-timestamp") + "." + generic.body();
            assertThat(generic.header("webhook-signature")).isEqualTo("v1," + hmacBase64("generic-secret", signed));
            assertThat(Math.abs(Long.parseLong(generic.header("webhook-timestamp")) - generic.at().getEpochSecond())).isLessThan(60);
            JsonNode event = JSON.readTree(generic.body());
            assertThat(event.get("type").asText()).isEqualTo("cfc.reminder.issued.v1");
            assertThat(event.get("id").asText()).isEqualTo(soonReminder);
            assertThat(event.get("data").get("subjectId").asText()).isEqualTo(soon);
            assertThat(event.get("data").get("kind").asText()).isEqualTo("due-soon");
            assertThat(event.get("data").get("unitName").asText()).isEqualTo("登封市卫健委");
            assertThat(EventSchemas.validate("cfc.reminder.issued.v1", event.get("data"))).isEmpty();

            // retries: 500, 500, then 200; the attempts spaced by the backoff (1 s, then 2 s)
            awaitDelivery(lateReminder, receiver.url("/flaky"), "delivered");
            List<Receiver.Received> tries = receiver.at("/flaky");
            assertThat(tries).hasSize(3);
            assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(Duration.between(tries.get(1).at(), tries.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
            assertThat(tries).extracting(r -> r.header("webhook-id")).containsOnly(tries.get(0).header("webhook-id"));
            assertThat(Db.value(ds, "select attempts from webhook_delivery where reminder_id = ?::uuid and subscription_id = ?::uuid",
                    lateReminder, flaky)).isEqualTo("3");

            // dead letter after the third failure, listed, re-driven once the receiver is back
            String deadDelivery = awaitDelivery(lateReminder, receiver.url("/dead"), "dead");
            assertThat(receiver.at("/dead")).hasSize(3);
            JsonNode listed = JSON.readTree(given().header("Authorization", coordinator()).queryParam("status", "dead")
                    .get("/api/v1/webhook-deliveries").then().statusCode(200).extract().asString());
            JsonNode item = find(listed.get("items"), "id", deadDelivery);
            assertThat(item.get("attempts").asInt()).isEqualTo(3);
            assertThat(item.get("lastStatus").asInt()).isEqualTo(500);
            assertThat(item.get("subscriptionId").asText()).isEqualTo(dead);
            receiver.script("/dead", new Receiver.Answer(204, ""));
            given().header("Authorization", coordinator()).post("/api/v1/webhook-deliveries/" + deadDelivery + "/redrive")
                    .then().statusCode(200);
            given().header("Authorization", coordinator()).post("/api/v1/webhook-deliveries/" + deadDelivery + "/redrive")
                    .then().statusCode(409).contentType("application/problem+json");
            awaitDelivery(lateReminder, receiver.url("/dead"), "delivered");
            assertThat(receiver.at("/dead")).hasSize(4);
            assertThat(Metrics.value("cfc_webhook_deliveries_total", "outcome=\"dead\"")).isGreaterThanOrEqualTo(1.0);
            assertThat(Metrics.value("cfc_webhook_deliveries_total", "outcome=\"failed\"")).isGreaterThanOrEqualTo(4.0);
            assertThat(Metrics.value("cfc_webhook_deliveries_total", "outcome=\"delivered\"")).isGreaterThanOrEqualTo(2.0);

            // 企业微信: markdown content, no signature
            awaitDelivery(soonReminder, receiver.url("/wecom?key=robot-key"), "delivered");
            JsonNode wecom = JSON.readTree(receiver.at("/wecom").get(0).body());
            assertThat(wecom.get("msgtype").asText()).isEqualTo("markdown");
            assertThat(wecom.get("markdown").get("content").asText()).startsWith("### 童友提醒：节点即将到期\n").contains("责任单位 登封市卫健委");
            assertThat(receiver.at("/wecom").get(0).query()).isEqualTo("key=robot-key");

            // 钉钉: markdown with title, and 加签 checked here
            awaitDelivery(soonReminder, receiver.url("/dingtalk?access_token=t0k"), "delivered");
            Receiver.Received ding = receiver.at("/dingtalk").get(0);
            Map<String, String> query = query(ding.query());
            assertThat(query.get("access_token")).isEqualTo("t0k");
            assertThat(query.get("sign")).isEqualTo(hmacBase64("SECding", query.get("timestamp") + "\n" + "SECding"));
            JsonNode dingBody = JSON.readTree(ding.body());
            assertThat(dingBody.get("markdown").get("title").asText()).isEqualTo("童友提醒：节点即将到期");

            // no second delivery of anything, even after more polls
            Thread.sleep(2_500);
            assertThat(receiver.at("/generic")).hasSize(1);
            assertThat(receiver.at("/wecom")).hasSize(1);
            assertThat(receiver.at("/dingtalk")).hasSize(1);
        }

        // the event: in the outbox with its audit record, valid, published on cfc.reminders by this service's relay
        JsonNode payload = JSON.readTree(Db.await(ds, v -> v != null,
                "select payload::text from outbox_event where topic = 'cfc.reminders' and payload->>'subjectId' = ?", soon));
        assertThat(EventSchemas.validate("cfc.reminder.issued.v1", payload)).isEmpty();
        Db.await(ds, "1"::equals, "select count(*) from outbox_event where topic = 'cfc.reminders' and payload->>'subjectId' = ?"
                + " and published_at is not null", soon);
        assertThat(Db.value(ds, "select count(*) from audit_record where event_type = 'cfc.reminder.issued.v1' and aggregate_id = ?",
                payload.get("id").asText())).isEqualTo("1");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformTestResource.kafka().bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("cfc.reminders");
        }

        // the list, scoped to the token's region
        JsonNode mine = JSON.readTree(given().header("Authorization", coordinator()).queryParam("kind", "overdue")
                .get("/api/v1/reminders").then().statusCode(200).extract().asString());
        assertThat(mine.get("items")).extracting(n -> n.get("subjectId").asText()).contains(late).doesNotContain(soon);
        given().header("Authorization", coordinator()).queryParam("region", "440000").get("/api/v1/reminders")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", coordinator()).queryParam("kind", "someday").get("/api/v1/reminders")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", coordinator()).queryParam("since", "yesterday").get("/api/v1/reminders")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", coordinator()).post("/api/v1/reminders/scans")
                .then().statusCode(403).contentType("application/problem+json");
    }

    /**
     * A submitted progress report waits for its region's office; a task without a report for the current reporting
     * half-year is missing for its lead unit (CompletenessService.missing); both once however often the scan runs.
     */
    @Test
    void reportsWaitingForReviewAndReportsMissingAreRemindedOnce() throws Exception {
        String region = "410184000000";
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String period = new cn.tongyou.common.schedule.ReportingCalendar(15).currentPeriod(today).toString();
        String plan = UUID.randomUUID().toString();
        String reported = UUID.randomUUID().toString();
        String unreported = UUID.randomUUID().toString();
        String unit = UUID.randomUUID().toString();
        String report = UUID.randomUUID().toString();
        try (Events e = new Events()) {
            e.send("cfc.plan.changed.v1", Events.example("cfc.plan.changed.v1", n -> {
                n.put("id", plan);
                n.put("regionCode", region);
                n.put("status", "in-force");
            }));
            for (String task : List.of(reported, unreported)) {
                e.send("cfc.task.changed.v1", Events.example("cfc.task.changed.v1", n -> {
                    n.put("id", task);
                    n.put("planId", plan);
                    n.put("regionCode", region);
                    n.putArray("leadUnits").addObject().put("id", unit).put("name", "新郑市教育局").put("writtenAs", "市教育局");
                    n.putArray("participatingUnits");
                }));
            }
            e.send("cfc.progress-report.changed.v1", Events.example("cfc.progress-report.changed.v1", n -> {
                n.put("id", report);
                n.put("taskId", reported);
                n.put("planId", plan);
                n.put("regionCode", region);
                n.put("period", period);
                n.put("unitId", unit);
                n.put("unitName", "新郑市教育局");
                n.put("status", "submitted");
                n.putArray("milestoneUpdates");
                n.putNull("reviewedAt");
                n.putNull("reviewedBy");
                n.putNull("reviewComment");
            }));
        }
        Db.await(ds, "1"::equals, "select count(*) from progress_report_projection where id = ?", report);
        Db.await(ds, "2"::equals, "select count(*) from task_projection where id in (?, ?)", reported, unreported);

        scan();
        scan();
        assertThat(Db.value(ds, "select count(*) from reminder where kind = 'awaiting-acceptance' and subject_id = ?", report))
                .isEqualTo("1");
        assertThat(Db.value(ds, "select recipient from reminder where subject_id = ?", report)).isEqualTo("region:" + region);
        String missing = "progress-reports:" + region + ":" + period + ":" + unit;
        assertThat(Db.value(ds, "select count(*) from reminder where kind = 'missing' and subject_id = ?", missing)).isEqualTo("1");
        JsonNode data = JSON.readTree(Db.value(ds, "select data::text from reminder where subject_id = ?", missing));
        assertThat(data.get("count").asInt()).isEqualTo(1);
        assertThat(data.get("recipient").asText()).isEqualTo("unit:" + unit);
        assertThat(data.get("unitName").asText()).isEqualTo("新郑市教育局");
        assertThat(EventSchemas.validate("cfc.reminder.issued.v1", data)).isEmpty();
    }

    /** A plan in force of {@code region} with one task led by one unit, and two open milestones. */
    static void seedTaskWithMilestones(String region, String soon, LocalDate soonDue, String late, LocalDate lateDue) {
        String plan = UUID.randomUUID().toString();
        String task = UUID.randomUUID().toString();
        try (Events e = new Events()) {
            e.send("cfc.plan.changed.v1", Events.example("cfc.plan.changed.v1", n -> {
                n.put("id", plan);
                n.put("regionCode", region);
                n.put("status", "in-force");
            }));
            e.send("cfc.task.changed.v1", Events.example("cfc.task.changed.v1", n -> {
                n.put("id", task);
                n.put("planId", plan);
                n.put("regionCode", region);
                n.put("title", "建设儿童友好医院");
                n.putArray("leadUnits").addObject().put("id", UUID.randomUUID().toString()).put("name", "登封市卫健委")
                        .put("writtenAs", "市卫健委");
            }));
            for (String[] m : new String[][] {{soon, soonDue.toString()}, {late, lateDue.toString()}}) {
                e.send("cfc.milestone.changed.v1", Events.example("cfc.milestone.changed.v1", n -> {
                    n.put("id", m[0]);
                    n.put("taskId", task);
                    n.put("planId", plan);
                    n.put("regionCode", region);
                    n.put("dueDate", m[1]);
                    n.put("status", "open");
                    n.putNull("doneOn");
                    n.putNull("evidence");
                    n.putNull("completedByReport");
                }));
            }
        }
    }

    /**
     * The milestones with their task and plan: they come on three topics, and a scan that saw a milestone before its
     * plan (right after another test's rebuild replays every topic) would address it elsewhere.
     */
    void awaitProjected(String soon, String late) {
        awaitProjected(ds, soon, late);
    }

    static void awaitProjected(AgroalDataSource ds, String soon, String late) {
        Db.await(ds, "2"::equals, "select count(*) from milestone_projection m join task_projection t on t.id = m.data->>'taskId'"
                + " join plan_projection p on p.id = m.data->>'planId' where m.id in (?, ?)", soon, late);
    }

    JsonNode scan() throws Exception {
        return JSON.readTree(given().header("Authorization", admin()).post("/api/v1/reminders/scans")
                .then().statusCode(200).extract().asString());
    }

    static String subscribe(String url, String format, List<String> kinds, String secret) {
        Map<String, Object> body = new HashMap<>();
        body.put("region", COUNTY);
        body.put("name", format + " " + url.substring(url.lastIndexOf('/')));
        body.put("url", url);
        body.put("format", format);
        body.put("kinds", kinds);
        if (secret != null) {
            body.put("secret", secret);
        }
        Response r = given().header("Authorization", coordinator()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/webhook-subscriptions");
        r.then().statusCode(201).header("ETag", "\"1\"");
        assertThat(r.asString()).doesNotContain(secret == null ? "\u0000" : secret);
        return r.jsonPath().getString("id");
    }

    /** Waits until the delivery of {@code reminder} to the subscription at {@code url} reaches {@code status}; its id. */
    String awaitDelivery(String reminder, String url, String status) {
        Db.until(() -> status.equals(Db.value(ds, "select d.status from webhook_delivery d join webhook_subscription s"
                + " on s.id = d.subscription_id where d.reminder_id = ?::uuid and s.url = ?", reminder, url)), Duration.ofSeconds(30));
        return Db.value(ds, "select d.id from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id"
                + " where d.reminder_id = ?::uuid and s.url = ?", reminder, url);
    }

    static JsonNode find(JsonNode items, String field, String value) {
        List<String> seen = new ArrayList<>();
        for (JsonNode n : items) {
            if (n.get(field).asText().equals(value)) {
                return n;
            }
            seen.add(n.get(field).asText());
        }
        throw new AssertionError(value + " not among " + seen);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    /** The receiver's side of the signature, written independently of the service's code. */
    static String hmacBase64(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
