package cn.tongyou.reporting.api;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.reporting.events.Db;
import cn.tongyou.reporting.events.TopicsTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quiet hours: a window of Beijing time around now (from an hour ago to an hour ahead). A reminder issued inside it is
 * queued for the window's end, and nothing reaches the receiver meanwhile, however often the worker polls.
 */
@QuarkusTest
@TestProfile(QuietHoursTest.QuietNow.class)
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
class QuietHoursTest {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    public static class QuietNow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            ZonedDateTime now = ZonedDateTime.now(BEIJING).truncatedTo(ChronoUnit.MINUTES);
            return Map.of("cfc.reminders.quiet-hours", now.minusHours(1).format(HH_MM) + "-" + now.plusHours(1).format(HH_MM));
        }
    }

    @Inject
    AgroalDataSource ds;

    @ConfigProperty(name = "cfc.reminders.quiet-hours")
    String quietHours;

    @Test
    void aReminderIssuedInTheQuietHoursWaitsForTheirEnd() throws Exception {
        String region = "410122000000";
        LocalDate today = LocalDate.now(BEIJING);
        String soon = UUID.randomUUID().toString();
        String late = UUID.randomUUID().toString();
        ReminderWebhookTest.seedTaskWithMilestones(region, soon, today.plusDays(5), late, today.minusDays(1));
        // with their task and plan, which come on other topics: a scan before them finds no reminder to hold
        ReminderWebhookTest.awaitProjected(ds, soon, late);
        try (Receiver receiver = new Receiver()) {
            given().header("Authorization", "Bearer " + DevTokens.mint("quiet-coordinator", Set.of("coordinator"), "410122"))
                    .contentType("application/json")
                    .body(Map.of("region", "410122", "name", "中牟县 OA", "url", receiver.url("/quiet"), "format", "generic",
                            "kinds", List.of(), "secret", "quiet-secret"))
                    .post("/api/v1/webhook-subscriptions").then().statusCode(201);
            given().header("Authorization", "Bearer " + DevTokens.mint("quiet-admin", Set.of("admin"), "CN"))
                    .post("/api/v1/reminders/scans").then().statusCode(200);

            String reminder = Db.value(ds, "select id from reminder where subject_id = ?", soon);
            Instant due = Instant.parse(Db.value(ds, "select to_char(d.next_attempt_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                    + " from webhook_delivery d where d.reminder_id = ?::uuid", reminder));
            // the window's end: its next occurrence in Beijing time
            LocalTime endTime = LocalTime.parse(quietHours.substring(quietHours.indexOf('-') + 1));
            ZonedDateTime end = ZonedDateTime.of(LocalDate.now(BEIJING), endTime, BEIJING);
            Instant expected = (end.isBefore(ZonedDateTime.now(BEIJING)) ? end.plusDays(1) : end).toInstant();
            assertThat(due).isEqualTo(expected);
            Thread.sleep(3_000);
            assertThat(receiver.at("/quiet")).isEmpty();
            assertThat(Db.value(ds, "select string_agg(distinct status, ',') from webhook_delivery d join webhook_subscription s"
                    + " on s.id = d.subscription_id where s.url = ?", receiver.url("/quiet"))).isEqualTo("pending");
        }
    }
}
