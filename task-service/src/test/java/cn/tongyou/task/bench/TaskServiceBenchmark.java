package cn.tongyou.task.bench;

import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.task.api.TestSupport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static cn.tongyou.task.api.TestSupport.admin;
import static cn.tongyou.task.api.TestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures for the README (a benchmark, not a timed test: it checks results and prints timings). Imports the five
 * shared plans through the API, re-imports them, lists a region's tasks and units; then loads 200 more plans (the five
 * files again, for 200 synthetic counties of 湖南 43xxxx: ≈ 10,000 tasks, 6,800 milestones, 5,000 units) and lists
 * again, province-wide and for one county.
 *
 * <pre>./mvnw -o -B test -pl task-service -Pbenchmarks -Dtest=TaskServiceBenchmark</pre>
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@Tag("benchmark")
class TaskServiceBenchmark {

    static final int SYNTHETIC_PLANS = 200;
    static final int REPEATS = 30;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String VIEWER = viewer();

    @Test
    void importTheFivePlansAndListARegionsTasks() throws Exception {
        List<Path> files = TestSupport.catalogue();
        List<byte[]> bodies = files.stream().map(TestSupport::read).toList();
        warmUp(bodies);

        long t0 = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
            long t = System.nanoTime();
            Response r = importBody(bodies.get(i));
            r.then().statusCode(200);
            System.out.printf("[bench] import %s: %d tasks, %d milestones, %d events in %d ms (in the transaction %d ms)%n",
                    files.get(i).getFileName(), r.jsonPath().getInt("tasks.inFile"), r.jsonPath().getInt("milestones.inFile"),
                    r.jsonPath().getInt("events"), ms(t), r.jsonPath().getLong("durationMs"));
        }
        System.out.printf("[bench] import all five plans: %d ms%n", ms(t0));
        t0 = System.nanoTime();
        for (byte[] body : bodies) {
            importBody(body).then().statusCode(200);
        }
        System.out.printf("[bench] re-import all five (unchanged): %d ms%n", ms(t0));

        time("list 荥阳市 410182 tasks (56, one page of 100)", () -> list(Map.of("region", "410182", "size", "100")), 56);
        time("list 东昌府区 371502 tasks with status=overdue", () -> list(Map.of("region", "371502", "status", "overdue", "size", "100")), -1);
        time("units of 荥阳市 with accountability counts (52)", () -> units(Map.of("region", "410182", "size", "100")), 52);

        t0 = System.nanoTime();
        for (int i = 0; i < SYNTHETIC_PLANS; i++) {
            ObjectNode doc = (ObjectNode) TestSupport.JSON.readTree(bodies.get(i % bodies.size()));
            String county = String.format("43%02d%02d", 1 + i / 10, 1 + i % 10);
            doc.put("source", "bench-" + county + "-" + doc.get("source").asText());
            ((ObjectNode) doc.get("region")).put("division_code", county);
            importBody(TestSupport.JSON.writeValueAsBytes(doc)).then().statusCode(200);
        }
        System.out.printf("[bench] import %d more plans: %d ms (%.1f ms per plan)%n", SYNTHETIC_PLANS, ms(t0),
                ms(t0) / (double) SYNTHETIC_PLANS);
        int total = list(Map.of("region", "43", "size", "1"));
        System.out.printf("[bench] tasks in 湖南 (43): %d%n", total);
        time("list 43 (province, ≈10k tasks) first page of 50", () -> list(Map.of("region", "43", "size", "50")), total);
        time("list 43 page 100 of 50", () -> list(Map.of("region", "43", "size", "50", "page", "100")), total);
        time("list 43 status=overdue,no-report-this-period", () -> list(Map.of("region", "43", "status", "overdue,no-report-this-period")), -1);
        time("list one county 430101 (56 tasks)", () -> list(Map.of("region", "430101", "size", "100")), 56);
        time("units of 43 (province) sorted by who is behind", () -> units(Map.of("region", "43", "size", "50")), -1);
    }

    /** The JIT compiles the import, list and view paths before anything is timed (dry runs write nothing). */
    private static void warmUp(List<byte[]> bodies) {
        for (int i = 0; i < 3; i++) {
            for (byte[] body : bodies) {
                given().header("Authorization", admin()).contentType("application/json").queryParam("dryRun", true).body(body)
                        .post("/api/v1/plans/import").then().statusCode(200);
            }
        }
        for (int i = 0; i < 20; i++) {
            list(Map.of("region", "41", "size", "100"));
            units(Map.of("region", "41", "size", "100"));
        }
    }

    private static Response importBody(byte[] body) {
        return given().header("Authorization", admin()).contentType("application/json").body(body).post("/api/v1/plans/import");
    }

    private static int list(Map<String, String> params) {
        return get("/api/v1/tasks", params);
    }

    private static int units(Map<String, String> params) {
        return get("/api/v1/units", params);
    }

    /** A plain JDK client: RestAssured's own response handling would weigh more than the server's work. */
    private static int get(String path, Map<String, String> params) {
        String query = params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path + "?" + query))
                .header("Authorization", VIEWER).GET().build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(path + "?" + query).isEqualTo(200);
            return TestSupport.JSON.readTree(response.body()).get("total").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void time(String what, Supplier<Integer> call, int expectedTotal) {
        long[] times = new long[REPEATS];
        int total = 0;
        for (int i = 0; i < REPEATS; i++) {
            long t = System.nanoTime();
            total = call.get();
            times[i] = System.nanoTime() - t;
        }
        if (expectedTotal >= 0) {
            assertThat(total).as(what).isEqualTo(expectedTotal);
        }
        Arrays.sort(times);
        System.out.printf("[bench] %s: total %d; median %.1f ms, p95 %.1f ms over %d calls (HTTP round trip, JDK client)%n", what, total,
                times[REPEATS / 2] / 1e6, times[(int) (REPEATS * 0.95)] / 1e6, REPEATS);
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
