package cn.tongyou.indicator.bench;

import cn.tongyou.indicator.SharedCatalog;
import cn.tongyou.indicator.api.TestSupport;
import cn.tongyou.indicator.api.Tokens;
import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Volumes, not a timed test (excluded from the default run; {@code -Pbenchmarks} or {@code -Dgroups=benchmark
 * -DexcludedGroups=none}): a provincial batch of 100,000 observations in one CSV request, then the evaluation of
 * every target of the county. Prints the figures written in the README.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@Tag("benchmark")
class ObservationVolumeBenchmark {

    static final String COUNTY = "130108";
    static final int TOWNSHIPS = 20;
    static final int VILLAGES_PER_TOWNSHIP = 50;
    static final List<String> PERIODS = List.of("2021", "2022", "2023", "2024", "2025H1");
    /** Computed percentages of the 新华区 plan: 20 indicators × 1,000 villages × 5 periods = 100,000 rows. */
    static final List<String> INDICATORS = List.of("immunisation-coverage-township", "anaemia-rate-under-5", "stunting-rate-under-5",
            "myopia-rate-among-primary-school-students", "myopia-rate-among-junior-secondary-students",
            "myopia-rate-among-senior-secondary-students", "eye-care-coverage-0-6", "student-fitness-good-rate",
            "preschool-gross-enrolment-rate", "compulsory-education-retention-rate", "senior-secondary-gross-enrolment-rate",
            "rural-tap-water-coverage-rate", "newborn-visit-rate", "systematic-management-rate-under-3",
            "child-health-management-rate-under-7", "dental-caries-rate-age-12", "ind-a49831f1", "ind-4916c8b8", "ind-270134cc",
            "parent-school-coverage-urban");

    @Inject
    AgroalDataSource dataSource;

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aProvincialBatchOf100000RowsAndTheEvaluationOfACounty() {
        // the 新华区 goals (111 local targets, 41 reference targets) loaded for this county
        given().header("Authorization", Tokens.admin()).contentType("application/json").queryParam("region", COUNTY)
                .body(SharedCatalog.read(SharedCatalog.PINGDINGSHAN)).post("/api/v1/catalog/import").then().statusCode(200);

        StringBuilder csv = new StringBuilder(8_000_000).append("indicator,region,period,value,numerator,denominator,source\n");
        int rows = 0;
        for (int t = 1; t <= TOWNSHIPS; t++) {
            for (int v = 1; v <= VILLAGES_PER_TOWNSHIP; v++) {
                String village = COUNTY + String.format("%03d%03d", t, 200 + v);
                for (int i = 0; i < INDICATORS.size(); i++) {
                    for (int p = 0; p < PERIODS.size(); p++) {
                        int denominator = 200 + (v * 7 + i * 13) % 300;
                        int numerator = denominator * (60 + (i * 3 + p * 5 + v) % 40) / 100;
                        csv.append(INDICATORS.get(i)).append(',').append(village).append(',').append(PERIODS.get(p))
                                .append(",,").append(numerator).append(',').append(denominator).append(",村报表\n");
                        rows++;
                    }
                }
            }
        }
        assertThat(rows).isEqualTo(100_000);
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        long outboxBefore = TestSupport.count(dataSource, "select count(*) from outbox_event");

        long t0 = System.nanoTime();
        Response response = given().header("Authorization", Tokens.coordinator(COUNTY)).contentType("text/csv; charset=UTF-8")
                .header("Idempotency-Key", "bench-" + System.currentTimeMillis()).body(body)
                .post("/api/v1/observations/batch");
        long importMs = (System.nanoTime() - t0) / 1_000_000;
        response.then().statusCode(200);
        JsonPath report = response.jsonPath();
        assertThat(report.getLong("inserted")).isEqualTo(100_000);
        long events = TestSupport.count(dataSource, "select count(*) from outbox_event") - outboxBefore;
        assertThat(events).isEqualTo(100_000);

        // the relay publishes the 100,000 events meanwhile; let it finish so that the evaluation is measured on its own
        long r0 = System.nanoTime();
        long deadline = System.currentTimeMillis() + 300_000;
        while (TestSupport.count(dataSource, "select count(*) from outbox_event where published_at is null") > 0
                && System.currentTimeMillis() < deadline) {
            sleep(250);
        }
        long relayMs = (System.nanoTime() - r0) / 1_000_000 + importMs;
        long pending = TestSupport.count(dataSource, "select count(*) from outbox_event where published_at is null");

        Timings rolled = evaluate();
        assertThat(rolled.first().getList("items")).hasSizeGreaterThan(10);
        assertThat(rolled.first().getString("items.find { it.indicator.code == 'preschool-gross-enrolment-rate' }.inputs.value.source"))
                .isEqualTo("rollup");
        int targets2025 = rolled.first().getList("items").size();
        int targets2030 = given().header("Authorization", Tokens.viewer()).queryParam("region", COUNTY).queryParam("year", 2030)
                .get("/api/v1/evaluations").jsonPath().getList("items").size();

        // the usual case: the county reports its own figures (then no roll-up is needed)
        StringBuilder own = new StringBuilder("indicator,region,period,numerator,denominator\n");
        for (String indicator : INDICATORS) {
            for (String period : PERIODS) {
                own.append(indicator).append(',').append(COUNTY).append(',').append(period).append(",850,1000\n");
            }
        }
        TestSupport.enterApproved(Tokens.coordinator(COUNTY), own.toString());
        Timings direct = evaluate();
        assertThat(direct.first().getString("items.find { it.indicator.code == 'preschool-gross-enrolment-rate' }.inputs.value.source"))
                .isEqualTo("observation");

        System.out.printf("[benchmark] observations: %,d rows (%.1f MB CSV) in one request: %,d ms end to end = %,d rows/s "
                        + "(server report: %,d ms, %,d rows/s, %d chunk transactions); %,d outbox events written, all on Kafka %,d ms "
                        + "after the request started (%d still pending)%n",
                rows, body.length / 1_048_576.0, importMs, rows * 1000L / importMs, report.getLong("durationMs"),
                report.getLong("rowsPerSecond"), report.getLong("chunks"), events, relayMs, pending);
        System.out.printf("[benchmark] evaluation of county %s, %d targets (2025) and %d targets (2030), alternately, 10 runs after 2 warm-up:%n",
                COUNTY, targets2025, targets2030);
        System.out.printf("[benchmark]   county reporting its own values:       %s%n", direct);
        System.out.printf("[benchmark]   county rolled up from 100,000 village rows: %s%n", rolled);
    }

    /** Medians and extremes of 10 evaluations (after 2 warm-up ones), alternating 2025 and 2030. */
    record Timings(JsonPath first, long medianHttp, long medianServer, long best, long worst) {
        @Override
        public String toString() {
            return "median " + medianHttp + " ms over HTTP (" + medianServer + " ms in the service), best " + best + " ms, worst " + worst + " ms";
        }
    }

    Timings evaluate() {
        List<Long> http = new ArrayList<>();
        List<Long> service = new ArrayList<>();
        JsonPath first = null;
        for (int i = 0; i < 12; i++) {
            long e0 = System.nanoTime();
            Response r = given().header("Authorization", Tokens.viewer()).queryParam("region", COUNTY).queryParam("year", i % 2 == 0 ? 2025 : 2030)
                    .get("/api/v1/evaluations");
            long ms = (System.nanoTime() - e0) / 1_000_000;
            r.then().statusCode(200);
            if (i == 0) {
                first = r.jsonPath();
            }
            if (i >= 2) {
                http.add(ms);
                service.add(r.jsonPath().getLong("durationMs"));
            }
        }
        List<Long> h = http.stream().sorted().toList();
        List<Long> s = service.stream().sorted().toList();
        return new Timings(first, h.get(h.size() / 2), s.get(s.size() / 2), h.get(0), h.get(h.size() - 1));
    }
}
