package cn.tongyou.facility.events;

import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cfc_outbox_pending} during a long drain (issue 16 found it at 0 for the whole of one): the gauge shows the
 * backlog while the relay works through it, and 0 once it is gone. The rows go to a topic of their own, so that no
 * other test reads them.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class OutboxGaugeTest {

    /**
     * Enough for a drain of several seconds, longer than {@code cfc.outbox.figures-interval} (2 s) even at the relay's
     * best rate: 60,000 rows once drained in under 2 s here, between two recounts, and the gauge was never seen above 0.
     */
    static final int EVENTS = 250_000;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void thePendingGaugeFollowsALongDrain() throws Exception {
        // one transaction: the relay finds the whole backlog at once
        update("insert into outbox_event (event_id, topic, event_type, aggregate_id, aggregate_version, payload, actor)"
                + " select gen_random_uuid(), 'cfc.outbox-gauge-test', 'cfc.region.changed.v1', c, 1,"
                + " jsonb_build_object('code', c, 'name', '测试村' || c, 'version', 1), 'outbox-gauge-test'"
                + " from (select (600000000000 + i)::text as c from generate_series(1, " + EVENTS + ") i) s order by c");
        Set<Double> whileDraining = new TreeSet<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        long pending = pending();
        while (pending > 0 && Instant.now().isBefore(deadline)) {
            double gauge = gauge();
            pending = pending();
            if (pending > 0 && gauge > 0) {
                whileDraining.add(gauge);
            }
            Thread.sleep(200);
        }
        assertThat(pending).as("the relay drained the backlog").isZero();
        assertThat(whileDraining).as("values of the gauge while rows were pending").isNotEmpty()
                .allMatch(g -> g <= EVENTS);
        Instant settled = Instant.now().plus(Duration.ofSeconds(30));
        while (gauge() != 0 && Instant.now().isBefore(settled)) {
            Thread.sleep(200);
        }
        assertThat(gauge()).as("the gauge once the backlog is gone").isZero();
    }

    private double gauge() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("cfc_outbox_pending "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim())).findFirst()
                .orElseThrow(() -> new AssertionError("no cfc_outbox_pending in /q/metrics"));
    }

    private long pending() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from outbox_event where published_at is null")) {
            r.next();
            return r.getLong(1);
        }
    }

    private void update(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
