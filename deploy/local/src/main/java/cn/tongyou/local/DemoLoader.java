package cn.tongyou.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads demonstration data into the running local platform, over its HTTP API, after every service is ready.
 * {@link LocalStack} runs each loader of {@link LocalStack#DEMO_LOADERS} in order; a loader decides itself whether its
 * data is already there (the PostgreSQL data directory is kept between runs) and should be quick when it is.
 */
public interface DemoLoader {

    ObjectMapper JSON = new ObjectMapper();

    /** A short name for the console. */
    String name();

    /** Loads the data, or says why not; exceptions are reported and the launcher goes on. */
    void load(Context context) throws Exception;

    /**
     * What a loader gets.
     *
     * @param http      an HTTP client
     * @param baseUrls  {@code http://127.0.0.1:<port>} of every running (ready) service, by module name
     * @param sharedDir the shared data directory ({@code CFC_SHARED_DIR}, default {@code <repo>/../shared})
     * @param out       where to report
     */
    record Context(HttpClient http, Map<String, String> baseUrls, Path sharedDir, PrintStream out) {

        /** The base URL of {@code service} if it runs. */
        public Optional<String> baseUrl(String service) {
            return Optional.ofNullable(baseUrls.get(service));
        }

        /** The base URL of {@code service}, or empty after saying on the console that it is skipped (not running). */
        public Optional<String> runningOrSkip(String service) {
            Optional<String> base = baseUrl(service);
            if (base.isEmpty()) {
                out.println("    skipped: " + service + " is not running");
            }
            return base;
        }

        /** An administrator's development token without a region claim (the whole country). */
        public String adminToken() {
            return DevTokens.mint("local-stack-demo-loader", Set.of("admin", "coordinator"), DevTokens.NATIONWIDE);
        }

        /** The five plans as structured JSON: {@code <shared>/catalog/NNN_*.json}, in file order. */
        public List<Path> planFiles() throws IOException {
            Path dir = sharedDir.resolve("catalog");
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> f.getFileName().toString().matches("\\d{3}_.*\\.json")).sorted().toList();
            }
        }

        /**
         * A second person of the office (a coordinator acting nationwide): four eyes (docs/design.md §9.3) let only
         * someone other than the loader approve what the loader entered.
         */
        public String reviewerToken() {
            return DevTokens.mint("local-stack-demo-reviewer", Set.of("coordinator"), DevTokens.NATIONWIDE);
        }

        /** {@code GET base + path} as the demo administrator, JSON accepted. */
        public HttpResponse<String> get(String base, String path) throws IOException, InterruptedException {
            return http.send(request(base, path, Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        /** {@code GET base + path} whose answer must be 200 JSON. */
        public JsonNode getJson(String base, String path) throws IOException, InterruptedException {
            HttpResponse<String> response = get(base, path);
            if (response.statusCode() != 200) {
                throw new IOException("GET " + path + ": " + failure(response));
            }
            return JSON.readTree(response.body());
        }

        /**
         * {@code POST base + path} as the demo administrator, with an {@code Idempotency-Key} when one is given, so a
         * launcher stopped half-way and run again cannot load a batch twice.
         */
        public HttpResponse<String> post(String base, String path, String contentType, HttpRequest.BodyPublisher body,
                                         String idempotencyKey) throws IOException, InterruptedException {
            return post(base, path, contentType, body, idempotencyKey, adminToken());
        }

        /** {@link #post(String, String, String, HttpRequest.BodyPublisher, String)} with another caller's token. */
        public HttpResponse<String> post(String base, String path, String contentType, HttpRequest.BodyPublisher body,
                                         String idempotencyKey, String token) throws IOException, InterruptedException {
            HttpRequest.Builder request = request(base, path, Duration.ofMinutes(10))
                    .header("Content-Type", contentType)
                    .setHeader("Authorization", "Bearer " + token)
                    .POST(body);
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        private HttpRequest.Builder request(String base, String path, Duration timeout) {
            return HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(timeout)
                    .header("Accept", "application/json")
                    .setHeader("Authorization", "Bearer " + adminToken());
        }
    }

    /**
     * The counts of an import report for the console: {@code inserted=…, updated=…, unchanged=…, errors=…}, nested ones
     * as {@code tasks.created=56}, an array counting its elements; the raw answer if it is not a JSON object.
     */
    static String summary(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                return excerpt(body);
            }
            List<String> parts = new ArrayList<>();
            counts("", node, parts);
            return parts.isEmpty() ? excerpt(body) : String.join(", ", parts);
        } catch (IOException e) {
            return excerpt(body);
        }
    }

    private static void counts(String prefix, JsonNode node, List<String> parts) {
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            String name = prefix + field.getKey();
            if (value.isNumber() || value.isBoolean()) {
                parts.add(name + "=" + value.asText());
            } else if (value.isArray()) {
                parts.add(name + "=" + value.size());
            } else if (value.isObject() && prefix.isEmpty()) {
                counts(name + ".", value, parts);
            }
        });
    }

    /**
     * A failed answer for the console: {@code HTTP 422 <detail>} and its first violations when it is a problem, the
     * answer's first line otherwise.
     */
    static String failure(HttpResponse<String> response) {
        StringBuilder s = new StringBuilder("HTTP ").append(response.statusCode());
        try {
            JsonNode problem = JSON.readTree(response.body());
            s.append(' ').append(problem.path("detail").asText(problem.path("title").asText("")));
            int shown = 0;
            for (JsonNode v : problem.path("violations")) {
                if (shown++ == 3) {
                    s.append("; …");
                    break;
                }
                s.append("; ").append(v.has("line") ? "line " + v.path("line").asText() + " " : "")
                        .append(v.path("field").asText()).append(": ").append(v.path("message").asText());
            }
            return s.toString();
        } catch (IOException | RuntimeException e) {
            return s.append(' ').append(excerpt(response.body())).toString();
        }
    }

    /** One line of an answer for the console, at most 300 characters. */
    static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
