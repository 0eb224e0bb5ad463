package cn.tongyou.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * The administrative divisions of {@code <shared>/data/divisions/} (2023 edition) imported into facility-service's
 * region registry: the four upper levels (provinces … townships) when the registry is empty, then the real villages
 * and communities of {@code villages.csv} when the village level is empty — by default those of the five plan regions
 * ({@code <shared>/catalog/*.json}, 3,058 rows, a few seconds), with {@code --all-villages} or
 * {@code CFC_LOCAL_ALL_VILLAGES=true} the whole file (620,573 rows in one streamed request: measured 85–107 s on a
 * 2-core machine under load, see deploy/local/README.md). Each file is sent as it is; facility-service derives each
 * village's urban/rural class from its name.
 */
public final class RegionsDemoLoader implements DemoLoader {

    static final String SERVICE = "facility-service";
    static final List<String> FILES = List.of("provinces.csv", "cities.csv", "areas.csv", "streets.csv");
    static final String VILLAGES = "villages.csv";
    /** Reference date of the shared tables (NBS 2023 edition), recorded as the regions' validFrom. */
    static final String EDITION = "2023-06-30";
    /** Set by {@code --all-villages} (LocalStack); the environment variable {@code CFC_LOCAL_ALL_VILLAGES=true} does the same. */
    static final String ALL_VILLAGES_PROPERTY = "cfc.local.allVillages";

    /** Whether the whole village file is loaded, read when the loader runs (after the launcher's arguments). */
    static boolean allVillages() {
        return Boolean.getBoolean(ALL_VILLAGES_PROPERTY) || "true".equalsIgnoreCase(System.getenv("CFC_LOCAL_ALL_VILLAGES"));
    }

    @Override
    public String name() {
        return "regions (administrative divisions" + (allVillages() ? ", all villages)" : ", villages of the plan regions)");
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
        Path dir = context.sharedDir().resolve("data").resolve("divisions");
        if (total.asLong() > 0) {
            context.out().println("    already loaded (" + total.asLong() + " regions)");
        } else {
            for (String file : FILES) {
                Path csv = dir.resolve(file);
                if (!Files.isReadable(csv)) {
                    context.out().println("    " + file + ": not found at " + csv + ", stopping here");
                    return;
                }
                if (!post(context, base, file, HttpRequest.BodyPublishers.ofFile(csv))) {
                    return;
                }
            }
        }
        loadVillages(context, base, dir.resolve(VILLAGES));
    }

    private void loadVillages(Context context, String base, Path csv) throws Exception {
        long villages = context.getJson(base, "/api/v1/regions?level=village&size=1").path("total").asLong();
        if (villages > 0) {
            context.out().println("    " + VILLAGES + ": already loaded (" + villages + " villages)");
            JsonNode first = context.getJson(base, "/api/v1/regions?within=410182&level=village&size=1").path("items");
            if (first.size() > 0 && first.get(0).path("generated").asBoolean()) {
                context.out().println("    note: 荥阳市's villages are the generated ones of an earlier version; stop, delete"
                        + " .local/pgdata and .local/kafka and run again to load the real ones");
            }
            return;
        }
        if (!Files.isReadable(csv)) {
            context.out().println("    " + VILLAGES + ": not found at " + csv + ", no villages loaded");
            return;
        }
        if (allVillages()) {
            long size = Files.size(csv);
            context.out().println("    " + VILLAGES + ": all 620,573 villages and communities (" + size / 1_000_000
                    + " MB, one streamed request; about 2 minutes) ...");
            post(context, base, VILLAGES + " (all)", new Progress(HttpRequest.BodyPublishers.ofFile(csv), size,
                    context.out()));
            return;
        }
        Map<String, String> regions = planRegions(context);
        Map<String, Integer> perRegion = new LinkedHashMap<>();
        regions.keySet().forEach(prefix -> perRegion.put(prefix, 0));
        StringBuilder rows = new StringBuilder();
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            rows.append(reader.readLine()).append('\n');   // the header, as it is
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                for (String prefix : regions.keySet()) {
                    if (line.startsWith(prefix)) {
                        rows.append(line).append('\n');
                        perRegion.merge(prefix, 1, Integer::sum);
                        break;
                    }
                }
            }
        }
        List<String> counts = new ArrayList<>();
        perRegion.forEach((prefix, n) -> counts.add(regions.get(prefix) + " " + n));
        context.out().println("    " + VILLAGES + ": the villages and communities of the plan regions ("
                + String.join(", ", counts) + "); all 620,573 with --all-villages");
        post(context, base, VILLAGES + " (plan regions)",
                HttpRequest.BodyPublishers.ofString(rows.toString(), StandardCharsets.UTF_8));
    }

    /** The plan regions as code prefixes (410182, 4414 for the prefecture 441400), with their names, in file order. */
    static Map<String, String> planRegions(Context context) throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        for (Path plan : context.planFiles()) {
            JsonNode region = JSON.readTree(plan.toFile()).path("region");
            String code = region.path("division_code").asText("");
            if (code.matches("[0-9]{6}")) {
                regions.put(prefix(code), region.path("name").asText(code));
            }
        }
        return regions;
    }

    /** The code prefix of a 6-digit division code's subtree: 410182 → 410182, 441400 → 4414, 410000 → 41. */
    static String prefix(String code) {
        String p = code;
        while (p.length() > 2 && p.endsWith("00")) {
            p = p.substring(0, p.length() - 2);
        }
        return p;
    }

    private static boolean post(Context context, String base, String label, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<String> response = context.post(base, "/api/v1/regions/import?validFrom=" + EDITION,
                "text/csv; charset=UTF-8", body, null);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (response.statusCode() / 100 != 2) {
            context.out().println("    " + label + ": " + DemoLoader.failure(response));
            return false;
        }
        context.out().println("    " + label + ": " + DemoLoader.summary(response.body()) + " (" + millis + " ms)");
        return true;
    }

    /** A request body that prints how much of it has been sent, every tenth (the service reads it as it imports). */
    static final class Progress implements HttpRequest.BodyPublisher {
        private final HttpRequest.BodyPublisher body;
        private final long size;
        private final PrintStream out;

        Progress(HttpRequest.BodyPublisher body, long size, PrintStream out) {
            this.body = body;
            this.size = size;
            this.out = out;
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            long t0 = System.nanoTime();
            body.subscribe(new Flow.Subscriber<>() {
                private long sent;
                private int tenth;

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(subscription);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    sent += item.remaining();
                    int now = size <= 0 ? 0 : (int) (10 * sent / size);
                    if (now > tenth && now < 10) {
                        tenth = now;
                        out.printf("      %d %% sent (%d s)%n", 10 * now, (System.nanoTime() - t0) / 1_000_000_000);
                    }
                    subscriber.onNext(item);
                }

                @Override
                public void onError(Throwable throwable) {
                    subscriber.onError(throwable);
                }

                @Override
                public void onComplete() {
                    out.printf("      100 %% sent (%d s), waiting for the service to finish ...%n",
                            (System.nanoTime() - t0) / 1_000_000_000);
                    subscriber.onComplete();
                }
            });
        }
    }
}
