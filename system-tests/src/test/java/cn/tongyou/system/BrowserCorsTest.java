package cn.tongyou.system;

import cn.tongyou.local.DevTokens;
import com.sun.net.httpserver.HttpServer;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static cn.tongyou.system.Platform.FACILITY;
import static cn.tongyou.system.Platform.INDICATOR;
import static cn.tongyou.system.Platform.REPORTING;
import static cn.tongyou.system.Platform.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * CORS proven in a real browser (issue 11): headless Chromium (Debian's package, installed by
 * {@code deploy/tools/ensure-packages.sh browser}) loads {@code browser/frontend.html} from an origin of its own — a JDK
 * HTTP server on a free port — and the page calls the four running services as a frontend does: reads with a bearer
 * token, a JSON POST with an Idempotency-Key and its replay, a PUT with If-Match from the ETag, a stale one, and a call
 * without token. The DOM the page wrote shows the data, the exposed headers (ETag, Location, Idempotent-Replayed,
 * X-Request-Id) and the problem types of the errors. The services allow the origins {@link Platform#CORS_ORIGINS}
 * (http://127.0.0.1 on any port); the same page loaded as http://localhost:port is another origin, and the browser
 * refuses it every call (nothing is written).
 */
@ExtendWith(ServiceLogsOnFailure.class)
class BrowserCorsTest {

    /** 东城区 (北京市): no other system test works there. */
    static final String COUNTY = "110101";
    static final String TOKEN = DevTokens.mint("browser-coordinator", Set.of("coordinator"), COUNTY);

    static HttpServer server;
    static String township;

    @BeforeAll
    static void start() throws Exception {
        ensureChromium();
        Platform.get();
        township = Regions.importCounty(COUNTY).get(0);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] page;
            int status = 200;
            if (exchange.getRequestURI().getPath().equals("/frontend.html")) {
                page = page(exchange.getRequestURI().getQuery()).getBytes(StandardCharsets.UTF_8);
            } else {
                page = "not here".getBytes(StandardCharsets.UTF_8);
                status = 404;
            }
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "text/html; charset=utf-8" : "text/plain");
            exchange.sendResponseHeaders(status, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The page with its configuration: the services' URLs, the token, where to write, a name unique to the run. */
    static String page(String run) throws IOException {
        String template;
        try (InputStream in = BrowserCorsTest.class.getResourceAsStream("/browser/frontend.html")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String services = Stream.of(FACILITY, INDICATOR, TASK, REPORTING)
                .map(s -> "\"" + s.replace("-service", "") + "\": \"" + Platform.get().url(s) + "\"")
                .collect(Collectors.joining(", "));
        String config = "const CONFIG = {\"services\": {" + services + "}, \"token\": \"" + TOKEN + "\", \"region\": \""
                + COUNTY + "\", \"township\": \"" + township + "\", \"parkName\": \"" + parkName(run) + "\", \"run\": \""
                + run + "\"};";
        return template.replace("/*CONFIG*/", config);
    }

    static String parkName(String run) {
        return "东城区跨域测试公园 " + run;
    }

    @Test
    void aPageFromAnAllowedOriginCallsEveryServiceAndReadsTheExposedHeaders() throws Exception {
        String run = "allowed-" + System.currentTimeMillis();
        Map<String, Map<String, String>> calls = load("http://127.0.0.1:" + server.getAddress().getPort()
                + "/frontend.html?" + run);

        assertThat(calls.get("region")).containsEntry("status", "200").containsEntry("name", "东城区")
                .containsEntry("level", "county");
        assertThat(calls.get("region").get("requestId")).as("X-Request-Id exposed").isNotBlank();
        assertThat(calls.get("facilities")).containsEntry("status", "200").containsEntry("total", "0");

        Map<String, String> create = calls.get("create");
        assertThat(create).containsEntry("status", "201").containsEntry("etag", "\"1\"");
        assertThat(create.get("location")).as("Location exposed").endsWith("/api/v1/facilities/" + create.get("id"));
        assertThat(calls.get("replay")).as("the retried POST, answered from the first")
                .containsEntry("status", "201").containsEntry("id", create.get("id")).containsEntry("replayed", "true");
        assertThat(calls.get("update")).containsEntry("status", "200").containsEntry("etag", "\"2\"")
                .containsEntry("name", parkName(run) + "（改名）");
        assertThat(calls.get("stale")).as("If-Match naming a version that is gone")
                .containsEntry("status", "412").containsEntry("type", "https://tongyou.cn/problems/precondition-failed");
        assertThat(calls.get("unauthenticated")).containsEntry("status", "401")
                .containsEntry("type", "https://tongyou.cn/problems/unauthorized");
        for (String other : List.of("indicators", "plans", "snapshots")) {
            assertThat(calls.get(other)).as(other).containsEntry("status", "200").containsKey("total");
        }
        // what the browser wrote is in the register, once
        Http.as(TOKEN, FACILITY).get("/api/v1/facilities/" + create.get("id")).then().statusCode(200)
                .body("name", equalTo(parkName(run) + "（改名）"));
    }

    @Test
    void aPageFromAnotherOriginIsRefusedEveryCall() throws Exception {
        String run = "refused-" + System.currentTimeMillis();
        Map<String, Map<String, String>> calls = load("http://localhost:" + server.getAddress().getPort()
                + "/frontend.html?" + run);
        assertThat(calls.keySet()).contains("region", "facilities", "create", "replay", "unauthenticated", "indicators",
                "plans", "snapshots");
        calls.forEach((name, call) -> assertThat(call).as(name).containsEntry("status", "failed")
                .containsEntry("error", "TypeError: Failed to fetch"));
        // why: the services refuse that origin's preflight (and answer the allowed one's)
        int port = server.getAddress().getPort();
        for (String service : List.of(FACILITY, INDICATOR, TASK, REPORTING)) {
            RestAssured.given().baseUri(Platform.get().url(service)).header("Origin", "http://localhost:" + port)
                    .header("Access-Control-Request-Method", "GET").options("/api/v1/audit").then().statusCode(403)
                    .header("Access-Control-Allow-Origin", nullValue());
            RestAssured.given().baseUri(Platform.get().url(service)).header("Origin", "http://127.0.0.1:" + port)
                    .header("Access-Control-Request-Method", "GET").options("/api/v1/audit").then().statusCode(200)
                    .header("Access-Control-Allow-Origin", equalTo("http://127.0.0.1:" + port));
        }
        // the preflight refused the POST: nothing was written
        Http.as(TOKEN, FACILITY).queryParam("region", COUNTY).queryParam("size", 500).get("/api/v1/facilities").then()
                .statusCode(200).body("items.findAll { it.name.startsWith('东城区跨域测试公园 refused') }.size()", equalTo(0));
    }

    /**
     * The parameter fix of common (StrictParameters) in the services not covered by facility-service's module tests:
     * a wrong-type path or query parameter is a 400 naming it, never a 404.
     */
    @Test
    void wrongTypeParametersAre400sNamingThemInEveryService() {
        String viewer = DevTokens.mint("browser-viewer", Set.of("viewer"), COUNTY);
        Http.as(viewer, INDICATOR).queryParam("year", "twenty").get("/api/v1/targets").then().statusCode(400)
                .body("violations[0].field", equalTo("year"));
        Http.as(viewer, INDICATOR).get("/api/v1/targets/" + COUNTY + "/x/twenty").then().statusCode(400)
                .body("violations[0].field", equalTo("year"));
        Http.as(viewer, INDICATOR).queryParam("region", COUNTY).queryParam("year", "2025").queryParam("descendants", "maybe")
                .get("/api/v1/evaluations").then().statusCode(400).body("violations[0].field", equalTo("descendants"));
        Http.as(viewer, TASK).queryParam("page", "abc").get("/api/v1/plans").then().statusCode(400)
                .body("violations[0].field", equalTo("page"));
        Http.as(viewer, REPORTING).queryParam("size", "100000").get("/api/v1/snapshots").then().statusCode(400)
                .body("violations[0].field", equalTo("size"));
    }

    // --- the browser ----------------------------------------------------------------------------------------------

    private static final Pattern ROW = Pattern.compile("<tr id=\"([a-z]+)\">(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td(?: class=\"([A-Za-z]+)\")?>(.*?)</td>", Pattern.DOTALL);

    /**
     * Loads the page in a fresh headless Chromium and returns what it wrote: per call, "status" and the values it read.
     * Virtual time lets the page finish its calls (the fetches hold it) and then stops; the DOM is dumped.
     */
    static Map<String, Map<String, String>> load(String url) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path errors = Files.createTempFile("chromium", ".log");
        try {
            long start = System.nanoTime();
            Process chromium = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--virtual-time-budget=60000", "--dump-dom", url)
                    .redirectError(errors.toFile()).start();
            String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!chromium.waitFor(2, TimeUnit.MINUTES)) {
                chromium.destroyForcibly();
                fail("chromium did not finish within 2 minutes");
            }
            System.out.printf("[system-tests] chromium loaded %s in %.1f s%n", url, (System.nanoTime() - start) / 1e9);
            if (chromium.exitValue() != 0 || !dom.contains("<div id=\"done\">done</div>")) {
                fail("the page did not finish (chromium exit " + chromium.exitValue() + "):\n" + dom + "\n"
                        + Files.readString(errors));
            }
            Map<String, Map<String, String>> calls = new LinkedHashMap<>();
            Matcher row = ROW.matcher(dom);
            while (row.find()) {
                List<String[]> cells = new ArrayList<>();
                Matcher cell = CELL.matcher(row.group(2));
                while (cell.find()) {
                    cells.add(new String[]{cell.group(1), unescape(cell.group(2))});
                }
                Map<String, String> values = new LinkedHashMap<>();
                values.put("status", cells.get(1)[1]);
                cells.stream().skip(2).forEach(c -> values.put(c[0], c[1]));
                calls.put(row.group(1), values);
            }
            System.out.println("[system-tests] the page wrote " + calls);
            return calls;
        } finally {
            try (Stream<Path> walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(errors);
        }
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&nbsp;", " ")
                .replace("&amp;", "&");
    }

    /** Chromium on the PATH, else installed by deploy/tools/ensure-packages.sh (as WorkbookRenderingTest does). */
    static void ensureChromium() throws Exception {
        if (onPath("chromium")) {
            return;
        }
        File script = new File(System.getProperty("cfc.repo.dir", ".."), "deploy/tools/ensure-packages.sh");
        if (!script.exists()) {
            fail("chromium is missing and " + script.getAbsolutePath() + " is not there to install it");
        }
        long start = System.nanoTime();
        Process p = new ProcessBuilder("bash", script.getPath(), "browser").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0 || !onPath("chromium")) {
            fail("deploy/tools/ensure-packages.sh browser could not install Chromium:\n" + output);
        }
        System.out.printf("[system-tests] Chromium installed in %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
