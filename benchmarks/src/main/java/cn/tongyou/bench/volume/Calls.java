package cn.tongyou.bench.volume;

import cn.tongyou.bench.Bench;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The single requests and SQL the volume scenarios make: each long request is timed alone (never a load loop), and a
 * failing step stops the scenario with the request and the service's answer in the message.
 */
public final class Calls {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Calls() {
    }

    /** A finished request: status, body (or its size only, for large answers) and how long it took. */
    public record Answer(int status, String body, long bytes, Duration took) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    public static Answer get(Bench bench, String module, String path) throws IOException, InterruptedException {
        return send(bench, module, request(bench, module, path, Duration.ofMinutes(2)).GET().build(), false);
    }

    /** GET of a text answer such as {@code /q/metrics} (which refuses a request that accepts JSON only). */
    public static Answer getText(Bench bench, String module, String path) throws IOException, InterruptedException {
        return send(bench, module, request(bench, module, path, Duration.ofSeconds(30))
                .setHeader("Accept", "text/plain, */*").GET().build(), false);
    }

    /** GET whose answer must be 2xx JSON. */
    public static JsonNode getJson(Bench bench, String module, String path) throws IOException, InterruptedException {
        Answer a = get(bench, module, path);
        require(a, "GET " + module + path);
        return JSON.readTree(a.body());
    }

    /** GET that only counts the answer's bytes: the figure is its size, and the harness need not hold it. */
    public static Answer getCounting(Bench bench, String module, String path) throws IOException, InterruptedException {
        return send(bench, module, request(bench, module, path, Duration.ofMinutes(2)).GET().build(), true);
    }

    public static Answer post(Bench bench, String module, String path, String contentType, HttpRequest.BodyPublisher body,
                              Duration timeout, boolean countOnly) throws IOException, InterruptedException {
        return send(bench, module, request(bench, module, path, timeout).header("Content-Type", contentType).POST(body)
                .build(), countOnly);
    }

    private static HttpRequest.Builder request(Bench bench, String module, String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(bench.service(module).toString().replaceAll("/$", "") + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + bench.adminToken());
    }

    private static Answer send(Bench bench, String module, HttpRequest request, boolean countOnly)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        if (!countOnly) {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            return new Answer(r.statusCode(), r.body(), r.body().length(), took);
        }
        HttpResponse<InputStream> r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        byte[] head = new byte[2048];
        int headLength = 0;
        try (InputStream in = r.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (headLength < head.length) {
                    int k = Math.min(n, head.length - headLength);
                    System.arraycopy(buffer, 0, head, headLength, k);
                    headLength += k;
                }
                bytes += n;
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        // the head of the body only: enough for a problem+json's title and detail
        return new Answer(r.statusCode(), new String(head, 0, headLength, java.nio.charset.StandardCharsets.UTF_8), bytes, took);
    }

    /** Stops the scenario when a step's answer is not 2xx, with what the service said. */
    public static void require(Answer a, String what) {
        if (!a.ok()) {
            throw new IllegalStateException(what + " answered " + a.status() + ": " + clip(a.body()));
        }
    }

    static String clip(String s) {
        return s == null ? "" : s.length() > 600 ? s.substring(0, 600) + " …" : s;
    }

    // --- SQL -----------------------------------------------------------------------------------------------------------

    public static Connection connect(Bench bench) throws SQLException {
        return DriverManager.getConnection(bench.jdbcUrl(), bench.jdbcUser(), bench.jdbcPassword());
    }

    public static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row: " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** The first column of the one row the query answers, null when it is SQL NULL. */
    public static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row: " + sql);
            }
            return rs.getString(1);
        }
    }

    public static long queryLong(Bench bench, String sql) throws SQLException {
        try (Connection c = connect(bench)) {
            return queryLong(c, sql);
        }
    }

    public static void execute(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    // --- figures -------------------------------------------------------------------------------------------------------

    /** Measured rounds of a repeatable path: {@code BENCH_ROUNDS} (3), as the harness's other scenarios. */
    public static int rounds() {
        String value = System.getenv("BENCH_ROUNDS");
        try {
            return value == null || value.isBlank() ? 3 : Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("BENCH_ROUNDS must be a number, not '" + value + "'");
        }
    }

    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Values as they were measured, for the note: {@code 41.2 / 43.0 / 40.8}. */
    public static String spread(List<Double> values, String format) {
        List<String> parts = new ArrayList<>();
        values.forEach(v -> parts.add(String.format(java.util.Locale.ROOT, format, v)));
        return String.join(" / ", parts);
    }

    public static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
