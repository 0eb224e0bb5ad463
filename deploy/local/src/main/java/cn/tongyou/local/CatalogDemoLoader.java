package cn.tongyou.local;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

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
        String base = context.runningOrSkip(service).orElse(null);
        if (base == null) {
            return;
        }
        List<Path> plans = context.planFiles();
        if (plans.isEmpty()) {
            context.out().println("    skipped: no catalogue files in " + context.sharedDir().resolve("catalog"));
            return;
        }
        for (Path plan : plans) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = context.post(base, path, "application/json",
                    HttpRequest.BodyPublishers.ofFile(plan), null);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            String outcome = response.statusCode() / 100 == 2
                    ? DemoLoader.summary(response.body())
                    : DemoLoader.failure(response);
            context.out().println("    " + plan.getFileName() + ": " + outcome + " (" + millis + " ms)");
        }
    }
}
