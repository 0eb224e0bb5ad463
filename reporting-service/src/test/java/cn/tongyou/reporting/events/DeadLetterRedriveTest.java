package cn.tongyou.reporting.events;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A dead letter re-driven once its cause is fixed (issue 13): the projection refuses an event (a constraint stands in
 * for any cause the projection side can fix), it is dead-lettered; the constraint goes, a re-drive applies it through
 * the consumer's path, and a second re-drive changes nothing — the projection holds it once, in its version.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
class DeadLetterRedriveTest {

    static final String CONSTRAINT = "dead_letter_redrive_test";

    @Inject
    AgroalDataSource ds;

    @Inject
    DeadLetterPublisher deadLetters;

    static String admin() {
        return "Bearer " + DevTokens.mint("dead-letter-admin", Set.of("admin"), DevTokens.NATIONWIDE);
    }

    @Test
    void aDeadLetterIsReappliedOnceItsCauseIsFixedAndOnlyOnce() {
        String id = UUID.randomUUID().toString();
        long deadBefore = deadLetters.published();
        sql("alter table unit_projection add constraint " + CONSTRAINT + " check (id <> '" + id + "')");
        try {
            try (Events events = new Events()) {
                events.send("cfc.unit.changed.v1", Events.example("cfc.unit.changed.v1", n -> n.put("id", id)));
            }
            Db.until(() -> deadLetters.published() > deadBefore, Duration.ofSeconds(60));
        } finally {
            sql("alter table unit_projection drop constraint if exists " + CONSTRAINT);
        }
        assertThat(Db.value(ds, "select count(*) from unit_projection where id = ?", id)).isEqualTo("0");

        List<Map<String, Object>> items = given().header("Authorization", admin()).queryParam("size", 500)
                .get("/api/v1/dead-letters").then().statusCode(200).extract().path("items");
        Map<String, Object> letter = items.stream().filter(i -> id.equals(i.get("key"))).findFirst().orElseThrow();
        assertThat(letter.get("originalTopic")).isEqualTo("cfc.units");
        assertThat(letter.get("eventType")).isEqualTo("cfc.unit.changed.v1");
        assertThat((String) letter.get("reason")).contains("the database refuses it");
        String letterId = (String) letter.get("id");

        given().header("Authorization", admin()).post("/api/v1/dead-letters/" + letterId + "/redrive")
                .then().statusCode(200).body("applied", equalTo(1)).body("stale", equalTo(0))
                .body("deadLetter.key", equalTo(id));
        String version = Db.value(ds, "select version from unit_projection where id = ?", id);
        assertThat(version).isNotNull();
        assertThat(Db.value(ds, "select count(*) from unit_projection where id = ?", id)).isEqualTo("1");

        // twice changes nothing: the projection keeps the version it has
        given().header("Authorization", admin()).post("/api/v1/dead-letters/" + letterId + "/redrive")
                .then().statusCode(200).body("applied", equalTo(0)).body("stale", equalTo(1));
        assertThat(Db.value(ds, "select count(*) from unit_projection where id = ?", id)).isEqualTo("1");
        assertThat(Db.value(ds, "select version from unit_projection where id = ?", id)).isEqualTo(version);
        assertThat(Db.value(ds, "select count(*) from audit_record where aggregate_type = 'dead-letter' and aggregate_id = ? "
                + "and actor_subject = 'dead-letter-admin'", letterId)).isEqualTo("2");
        // re-driving moved no recorded position of the consumer
        assertThat(Db.value(ds, "select count(*) from consumer_position where kafka_topic = 'cfc.reporting.dead-letter'"))
                .isEqualTo("0");
    }

    @Test
    void aDeadLetterStillRefusedIsAnsweredWithItsReasonAndBadIdsAreProblems() {
        String id = UUID.randomUUID().toString();
        long deadBefore = deadLetters.published();
        try (Events events = new Events()) {
            // the key disagrees with the data: refused by validation, and a re-drive cannot change that
            events.sendRaw("cfc.units", "not-" + id, "cfc.unit.changed.v1", "1",
                    Events.example("cfc.unit.changed.v1", n -> n.put("id", id)).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Db.until(() -> deadLetters.published() > deadBefore, Duration.ofSeconds(60));
        List<Map<String, Object>> items = given().header("Authorization", admin()).queryParam("size", 500)
                .get("/api/v1/dead-letters").then().statusCode(200).extract().path("items");
        String letterId = (String) items.stream().filter(i -> Objects.equals("not-" + id, i.get("key"))).findFirst()
                .orElseThrow().get("id");
        given().header("Authorization", admin()).post("/api/v1/dead-letters/" + letterId + "/redrive")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("still refused"));

        given().header("Authorization", admin()).post("/api/v1/dead-letters/0-999999999/redrive")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", admin()).post("/api/v1/dead-letters/abc/redrive")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("id"));
        given().header("Authorization", "Bearer " + DevTokens.mint("dead-letter-coordinator", Set.of("coordinator"),
                DevTokens.NATIONWIDE)).post("/api/v1/dead-letters/" + letterId + "/redrive")
                .then().statusCode(403).contentType("application/problem+json");
    }

    private void sql(String statement) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
