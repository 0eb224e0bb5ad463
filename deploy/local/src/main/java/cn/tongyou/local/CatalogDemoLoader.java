package cn.tongyou.local;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Posts each plan of {@code <shared>/catalog/*.json} (the five real plans as structured JSON) to one import endpoint
 * of a service: the indicator catalogue and targets to indicator-service, the plans, tasks, units and milestones to
 * task-service. The imports are idempotent, so a second run only confirms that nothing changed.
 */
public final class CatalogDemoLoader implements DemoLoader {

    private final String service;
    private final String path;
    private final String what;

    public CatalogDemoLoader(String service, String path, String what) {
        this.service = service;
        this.path = path;
        this.what = what;
    }

    @Override
    public String name() {
        return what + " from the five shared plans";
    }

    @Override
    public void load(Context context) throws Exception {
        String base = context.baseUrl(service).orElse(null);
        if (base == null) {
            context.out().println("    skipped: " + service + " is not running");
            return;
        }
        Path dir = context.sharedDir().resolve("catalog");
        List<Path> plans;
        try (Stream<Path> files = Files.list(dir)) {
            plans = files.filter(f -> f.getFileName().toString().matches("\\d{3}_.*\\.json")).sorted().toList();
        }
        if (plans.isEmpty()) {
            context.out().println("    skipped: no catalogue files in " + dir);
            return;
        }
        String token = context.adminToken();
        for (Path plan : plans) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = context.http().send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofFile(plan)).build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            String outcome = response.statusCode() / 100 == 2
                    ? RegionsDemoLoader.summary(response.body())
                    : "HTTP " + response.statusCode() + " " + RegionsDemoLoader.excerpt(response.body());
            context.out().println("    " + plan.getFileName() + ": " + outcome + " (" + millis + " ms)");
        }
    }
}
