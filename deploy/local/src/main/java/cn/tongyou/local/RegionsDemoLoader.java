package cn.tongyou.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The administrative divisions of {@code <shared>/data/divisions/} (provinces, prefectures, counties, townships;
 * 2023 edition), imported into facility-service's region registry when it is empty.
 */
public final class RegionsDemoLoader implements DemoLoader {

    static final String SERVICE = "facility-service";
    static final List<String> FILES = List.of("provinces.csv", "cities.csv", "areas.csv", "streets.csv");
    /** Reference date of the shared tables (NBS 2023 edition), recorded as the regions' validFrom. */
    static final String EDITION = "2023-06-30";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "regions (administrative divisions)";
    }

    @Override
    public void load(Context context) throws Exception {
        String base = context.baseUrl(SERVICE).orElse(null);
        if (base == null) {
            context.out().println("    skipped: " + SERVICE + " is not running");
            return;
        }
        String token = context.adminToken();
        HttpResponse<String> count = context.http().send(HttpRequest.newBuilder(URI.create(base
                        + "/api/v1/regions?size=1"))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (count.statusCode() != 200) {
            context.out().println("    skipped: GET /api/v1/regions answered " + count.statusCode() + " "
                    + excerpt(count.body()));
            return;
        }
        JsonNode total = JSON.readTree(count.body()).get("total");
        if (total == null || !total.canConvertToLong()) {
            context.out().println("    skipped: GET /api/v1/regions has no 'total': " + excerpt(count.body()));
            return;
        }
        if (total.asLong() > 0) {
            context.out().println("    already loaded (" + total.asLong() + " regions)");
            return;
        }
        Path dir = context.sharedDir().resolve("data").resolve("divisions");
        for (String file : FILES) {
            Path csv = dir.resolve(file);
            if (!Files.isReadable(csv)) {
                context.out().println("    " + file + ": not found at " + csv + ", stopping here");
                return;
            }
            long t0 = System.nanoTime();
            HttpResponse<String> response = context.http().send(HttpRequest.newBuilder(URI.create(base
                            + "/api/v1/regions/import?validFrom=" + EDITION))
                    .timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "text/csv")
                    .header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            if (response.statusCode() / 100 != 2) {
                context.out().println("    " + file + ": HTTP " + response.statusCode() + " " + excerpt(response.body()));
                return;
            }
            context.out().println("    " + file + ": " + summary(response.body()) + " (" + millis + " ms)");
        }
    }

    /**
     * {@code inserted=…, updated=…, unchanged=…, errors=…} and any other count the answer has (an array counts its
     * elements), or the raw answer if it is not a JSON object.
     */
    static String summary(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                return excerpt(body);
            }
            List<String> parts = new java.util.ArrayList<>();
            counts("", node, parts);
            return parts.isEmpty() ? excerpt(body) : String.join(", ", parts);
        } catch (Exception e) {
            return excerpt(body);
        }
    }

    /** Every count of an import report, nested ones as {@code tasks.created=56}; an array counts its elements. */
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

    static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
