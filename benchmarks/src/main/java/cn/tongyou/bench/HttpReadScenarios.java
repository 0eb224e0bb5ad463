package cn.tongyou.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The read paths of facility-service under load, each beside the SQL it runs: {@code GET /api/v1/facilities/{id}}
 * ({@code get-by-id}) and {@code GET /api/v1/regions/{code}} ({@code region-by-code}) through wrk, against the same
 * statements with the same parameter shapes through pgbench at the same concurrency; and {@code cold-start}: the first
 * minute after a restart of facility-service against its steady state.
 *
 * <p>Keys are picked at random from the real rows on both sides: wrk's Lua script holds them, pgbench reads them from
 * a numbered copy ({@code bench.<path>_keys}) by a random number — one indexed lookup of a few hundred rows inside the
 * same statement, far below a round trip. The statements are those the service runs per request, seen with
 * {@code log_statement=all} (benchmarks/README.md says how to look again after a change).
 */
public final class HttpReadScenarios {

    /** The concurrencies: the anchor's, and the one whose p99 has a goal. */
    static final int CONNECTIONS = 32;
    static final int HIGH_CONNECTIONS = 200;
    static final double RATIO_GOAL = 0.5;
    static final double P99_GOAL_MS = 50;
    static final int COLD_SLICES = 6;

    /** One read path: its keys, its URL per key, and its statements per request. */
    record ReadPath(String name, String label, String keysSql, String urlPrefix, String sqlResource) {
    }

    static final ReadPath FACILITY = new ReadPath("get-by-id", "GET /api/v1/facilities/{id}",
            "select id as key from facility.facility order by id", "/api/v1/facilities/", "sql/get-by-id.sql");
    static final ReadPath REGION = new ReadPath("region-by-code", "GET /api/v1/regions/{code}",
            // the counties (level 3), with the ancestors' codes the service derives from the digits
            "select code as key, array[substr(code, 1, 2) || '0000000000', substr(code, 1, 4) || '00000000']::text[]"
                    + " as ancestors from facility.region where level = 3 order by code", "/api/v1/regions/",
            "sql/region-by-code.sql");

    private HttpReadScenarios() {
    }

    static Scenario getById() {
        return load(FACILITY);
    }

    static Scenario regionByCode() {
        return load(REGION);
    }

    static Scenario coldStart() {
        return new Scenario() {
            @Override
            public String name() {
                return "cold-start";
            }

            @Override
            public List<Row> run(Bench bench) throws Exception {
                return coldStart(bench, FACILITY);
            }
        };
    }

    private static Scenario load(ReadPath path) {
        return new Scenario() {
            @Override
            public String name() {
                return path.name();
            }

            @Override
            public List<Row> run(Bench bench) throws Exception {
                return measure(bench, path);
            }
        };
    }

    static List<Row> measure(Bench bench, ReadPath path) throws Exception {
        Alternation.Settings settings = Alternation.Settings.fromEnvironment();
        Prepared prepared = prepare(bench, path);
        URI base = bench.service("facility-service");
        preflight(bench, path, prepared.firstKey());
        Alternation.Outcome at32 = Alternation.run(bench, path.name() + " " + CONNECTIONS + " conn", settings,
                d -> bench.wrk(base, CONNECTIONS, d, prepared.lua()),
                d -> bench.pgbench(prepared.pgbench(), CONNECTIONS, d));
        Alternation.Outcome at200 = Alternation.run(bench, path.name() + " " + HIGH_CONNECTIONS + " conn",
                new Alternation.Settings(Duration.ofSeconds(Math.min(10, settings.warmup().toSeconds())),
                        settings.round(), settings.rounds()),
                d -> bench.wrk(base, HIGH_CONNECTIONS, d, prepared.lua()), null);
        double rss = bench.rssMb(bench.pid("facility-service"));

        Bench.LoadResult p = at32.productMedian();
        Bench.LoadResult a = at32.anchorMedian();
        String statements = prepared.statements() + " statement" + (prepared.statements() == 1 ? "" : "s");
        Row row32 = new Row(path.label() + ", " + CONNECTIONS + " conn, warm", "req/s", p.perSecond(), a.perSecond(),
                "pgbench, the same " + statements + " per transaction, " + CONNECTIONS + " clients (tps; p50 "
                        + ms(a.p50Ms()) + ", p99 " + ms(a.p99Ms()) + ")", true,
                "≥ " + RATIO_GOAL, p.perSecond() / a.perSecond() >= RATIO_GOAL, p.p50Ms(), p.p99Ms(), rss,
                at32.spread() + "; " + prepared.keys() + " keys at random; errors " + at32.errors());
        Bench.LoadResult h = at200.productMedian();
        Row row200 = new Row(path.label() + ", " + HIGH_CONNECTIONS + " conn, warm", "req/s", h.perSecond(), Double.NaN,
                "— (the goal is the p99)", true, "p99 < " + (int) P99_GOAL_MS + " ms",
                h.requests() > 0 && h.p99Ms() < P99_GOAL_MS && h.errors() == 0, h.p50Ms(), h.p99Ms(), rss,
                at200.spread() + "; requests in the median round " + h.requests() + "; errors (non-2xx, timeouts > "
                        + Wrk.TIMEOUT.toSeconds() + " s) " + at200.errors());
        return List.of(row32, row200);
    }

    /**
     * Restarts facility-service and loads it at once for {@value #COLD_SLICES} slices of the round length (a minute
     * with the default 10 s), then measures its steady state after a warm-up: the first slice and the worst one
     * against the steady state (goal: within 2×).
     */
    static List<Row> coldStart(Bench bench, ReadPath path) throws Exception {
        Alternation.Settings settings = Alternation.Settings.fromEnvironment();
        Prepared prepared = prepare(bench, path);
        URI base = bench.service("facility-service");
        Duration ready = bench.restart("facility-service", Map.of());
        bench.log("cold-start: facility-service ready in " + StackBench.seconds(ready) + ", loading at once");
        List<Bench.LoadResult> slices = new ArrayList<>();
        for (int i = 1; i <= COLD_SLICES; i++) {
            Bench.LoadResult r = bench.wrk(base, CONNECTIONS, settings.round(), prepared.lua());
            slices.add(r);
            bench.log(String.format(Locale.ROOT, "cold-start: slice %d %,.0f req/s p99 %.1f ms errors %d", i,
                    r.perSecond(), r.p99Ms(), r.errors()));
        }
        Alternation.Outcome steady = Alternation.run(bench, "cold-start steady state", settings,
                d -> bench.wrk(base, CONNECTIONS, d, prepared.lua()), null);
        Bench.LoadResult s = steady.productMedian();
        Bench.LoadResult first = slices.get(0);
        Bench.LoadResult worst = slices.stream().min((x, y) -> Double.compare(x.perSecond(), y.perSecond())).orElseThrow();
        double rss = bench.rssMb(bench.pid("facility-service"));
        List<String> perSlice = new ArrayList<>();
        slices.forEach(r -> perSlice.add(String.format(Locale.ROOT, "%,.0f (p99 %s, %d err)", r.perSecond(),
                ms(r.p99Ms()), r.errors())));
        String note = "slices of " + settings.round().toSeconds() + " s from ready (" + StackBench.seconds(ready)
                + "): " + String.join(", ", perSlice);
        String anchor = "the same path's steady state after the minute and a " + settings.warmup().toSeconds()
                + " s warm-up (p99 " + ms(s.p99Ms()) + ")";
        return List.of(
                new Row(path.label() + ", first " + settings.round().toSeconds() + " s after start, " + CONNECTIONS
                        + " conn", "req/s", first.perSecond(), s.perSecond(), anchor, true, "≥ 0.5 (within 2×)",
                        first.perSecond() / s.perSecond() >= 0.5, first.p50Ms(), first.p99Ms(), rss, note),
                new Row(path.label() + ", worst " + settings.round().toSeconds() + " s of the first "
                        + COLD_SLICES * settings.round().toSeconds() + " s, " + CONNECTIONS + " conn", "req/s",
                        worst.perSecond(), s.perSecond(), anchor, true, "≥ 0.5 (within 2×)",
                        worst.perSecond() / s.perSecond() >= 0.5, worst.p50Ms(), worst.p99Ms(), rss,
                        "errors in the minute: " + slices.stream().mapToLong(Bench.LoadResult::errors).sum()));
    }

    /** The wrk script and the pgbench script of a path, over the same keys. */
    record Prepared(Path lua, Path pgbench, int keys, int statements, String firstKey) {
    }

    /** One request before the load: a wrong token, path or key would otherwise show only as wrk's error count. */
    static void preflight(Bench bench, ReadPath path, String key) throws Exception {
        URI uri = bench.service("facility-service").resolve(path.urlPrefix() + key);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + bench.adminToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    static Prepared prepare(Bench bench, ReadPath path) throws Exception {
        String table = "bench." + path.name().replace('-', '_') + "_keys";
        List<String> keys = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(bench.jdbcUrl(), bench.jdbcUser(), bench.jdbcPassword());
             Statement s = c.createStatement()) {
            s.execute("create schema if not exists bench");
            s.execute("drop table if exists " + table);
            s.execute("create table " + table + " as select (row_number() over ())::int as n, keys.* from ("
                    + path.keysSql() + ") keys");
            s.execute("alter table " + table + " add primary key (n)");
            s.execute("analyze " + table);
            try (ResultSet rs = s.executeQuery("select * from " + table + " order by n")) {
                for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                    columns.add(rs.getMetaData().getColumnName(i));
                }
                while (rs.next()) {
                    keys.add(rs.getString("key"));
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(path.name() + ": no keys (" + path.keysSql() + "): were the demo data"
                    + " loaded?");
        }
        Path lua = bench.workDir().resolve(path.name() + ".lua");
        StringBuilder l = new StringBuilder("-- generated by the benchmark: a random key of ").append(keys.size())
                .append(" per request\nlocal keys = {\n");
        keys.forEach(k -> l.append("  \"").append(k).append("\",\n"));
        l.append("}\n")
                .append("local counter = 1\n")
                .append("function setup(thread)\n  thread:set(\"seed\", counter)\n  counter = counter + 1\nend\n")
                .append("function init(args)\n  math.randomseed(os.time() * 1000 + seed)\nend\n")
                .append("function request()\n  return wrk.format(nil, \"").append(path.urlPrefix())
                .append("\" .. keys[math.random(#keys)])\nend\n");
        Files.writeString(lua, l, StandardCharsets.UTF_8);

        // :key, :ancestors … → that column of the random row, inside the statement (no extra round trip)
        String statements = resource(path.sqlResource());
        for (String column : columns) {
            statements = statements.replaceAll(":" + column + "\\b",
                    "(select " + column + " from " + table + " where n = :i)");
        }
        Path script = bench.workDir().resolve(path.name() + ".pgbench.sql");
        Files.writeString(script, "\\set i random(1, " + keys.size() + ")\n" + statements, StandardCharsets.UTF_8);
        int count = (int) statements.lines().filter(line -> line.trim().endsWith(";")).count();
        return new Prepared(lua, script, keys.size(), count, keys.get(0));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HttpReadScenarios.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            // comment lines explain the statements; pgbench takes only SQL and meta-commands
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("--")).reduce("", (a, b) -> a + b + "\n");
        }
    }

    static String ms(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, value >= 100 ? "%,.0f ms" : "%.1f ms", value);
    }
}
