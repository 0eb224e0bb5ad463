package cn.tongyou.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Override
    public String name() {
        return "regions (administrative divisions)";
    }

    @Override
    public void load(Context context) throws Exception {
        String base = context.runningOrSkip(SERVICE).orElse(null);
        if (base == null) {
            return;
        }
        JsonNode total = context.getJson(base, "/api/v1/regions?size=1").get("total");
        if (total == null || !total.canConvertToLong()) {
            context.out().println("    skipped: GET /api/v1/regions has no 'total'");
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
            HttpResponse<String> response = context.post(base, "/api/v1/regions/import?validFrom=" + EDITION,
                    "text/csv", HttpRequest.BodyPublishers.ofFile(csv), null);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            if (response.statusCode() / 100 != 2) {
                context.out().println("    " + file + ": " + DemoLoader.failure(response));
                return;
            }
            context.out().println("    " + file + ": " + DemoLoader.summary(response.body()) + " (" + millis + " ms)");
        }
    }
}
