package cn.tongyou.bench;

import cn.tongyou.bench.volume.Calls;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The two heavy reads of reporting-service once all villages are in: the live compliance view of 河南省 (41: 52,440
 * villages) and a stored snapshot of the whole country. Single long requests, each timed alone (the harness's rule:
 * no load loop); the province view {@value #PROVINCE_ROUNDS} times after {@value #WARM_UP} unreported ones, median.
 * The country snapshot is made once (each call stores one: province by province, each province's view stored and
 * dropped before the next), reporting-service's resident memory sampled meanwhile; then one deep page of its uncovered
 * villages is read, timed (the paged lists read only the provinces a page spans).
 */
public final class ComplianceScenario implements Scenario {

    static final String REPORTING = "reporting-service";
    static final String PROVINCE_VIEW = "/api/v1/compliance?region=41&period=2025";
    static final int WARM_UP = 2;
    static final int PROVINCE_ROUNDS = 5;
    /** How a request names the whole country: common's {@code Country.CODE}, the nationwide token claim's value. */
    static final String COUNTRY = "CN";
    /** A page deep in the country's uncovered villages: it lies in a later province, so only that part is read. */
    static final String DEEP_PAGE = "/uncovered?size=500&page=400";
    private static final java.util.regex.Pattern SNAPSHOT_ID = java.util.regex.Pattern.compile("\"snapshotId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final String PERIOD = "2025";

    @Override
    public String name() {
        return "compliance";
    }

    @Override
    public List<Row> run(Bench bench) throws Exception {
        List<Row> rows = new ArrayList<>(province(bench));
        rows.add(country(bench));
        return rows;
    }

    private static List<Row> province(Bench bench) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            Calls.require(Calls.getCounting(bench, REPORTING, PROVINCE_VIEW), "GET reporting-service" + PROVINCE_VIEW);
        }
        List<Double> ms = new ArrayList<>();
        List<Double> kb = new ArrayList<>();
        for (int i = 0; i < PROVINCE_ROUNDS; i++) {
            Calls.Answer a = Calls.getCounting(bench, REPORTING, PROVINCE_VIEW);
            Calls.require(a, "GET reporting-service" + PROVINCE_VIEW);
            ms.add(a.took().toNanos() / 1e6);
            kb.add(a.bytes() / 1024.0);
        }
        double medianMs = Calls.median(ms);
        double medianKb = Calls.median(kb);
        double rss = bench.rssMb(bench.pid(REPORTING));
        bench.log(String.format(Locale.ROOT, "compliance: 河南省 %.0f ms, %.0f KB (%s ms)", medianMs, medianKb,
                Calls.spread(ms, "%.0f")));
        Row time = new Row("GET " + PROVINCE_VIEW + " (河南省, 52,440 villages)", "ms", medianMs, Double.NaN,
                "none (absolute goal)", false, "< 300 ms", medianMs < 300, medianMs, Double.NaN, rss,
                String.format(Locale.ROOT, "one request at a time, %d after %d warm-up: %s ms", PROVINCE_ROUNDS, WARM_UP,
                        Calls.spread(ms, "%.0f")));
        Row size = new Row("same, response size (JSON)", "KB", medianKb, Double.NaN, "none (absolute goal)", false,
                "< 200 KB", medianKb < 200, Double.NaN, Double.NaN, Double.NaN, "");
        return List.of(time, size);
    }

    private static Row country(Bench bench) throws Exception {
        String path = "/api/v1/snapshots";
        String body = "{\"region\": \"" + COUNTRY + "\", \"period\": \"" + PERIOD + "\"}";
        long pid = bench.pid(REPORTING);
        double rssBefore = bench.rssMb(pid);
        AtomicBoolean running = new AtomicBoolean(true);
        double[] peak = {rssBefore};
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak[0] = Math.max(peak[0], bench.rssMb(pid));
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Calls.Answer a;
        try {
            a = Calls.post(bench, REPORTING, path, "application/json", HttpRequest.BodyPublishers.ofString(body),
                    Duration.ofMinutes(10), true);
        } finally {
            running.set(false);
            sampler.join(2_000);
        }
        double rssAfter = bench.rssMb(pid);
        double s = Calls.seconds(a.took());
        String what = "POST " + path + " " + body + " (the whole country)";
        if (!a.ok()) {
            bench.log("compliance: country snapshot refused: " + a.status() + " " + a.body());
            return new Row(what, "s", Double.NaN, Double.NaN, "none (absolute goal)", false, "< 60 s, streamed", false,
                    Double.NaN, Double.NaN, rssAfter, "NOT POSSIBLE: answered " + a.status() + " in "
                    + String.format(Locale.ROOT, "%.1f s: ", s) + a.body().replaceAll("\\s+", " "));
        }
        java.util.regex.Matcher id = SNAPSHOT_ID.matcher(a.body());
        String page = "no snapshotId in the answer's head";
        if (id.find()) {
            Calls.Answer deep = Calls.getCounting(bench, REPORTING, path + "/" + id.group(1) + DEEP_PAGE);
            Calls.require(deep, "GET reporting-service" + path + "/{id}" + DEEP_PAGE);
            page = String.format(Locale.ROOT, "GET /api/v1/snapshots/{id}%s %.0f ms, %.0f KB", DEEP_PAGE,
                    deep.took().toNanos() / 1e6, deep.bytes() / 1024.0);
        }
        bench.log(String.format(Locale.ROOT, "compliance: country snapshot %.1f s, %.1f KB answer, RSS peak %.0f MB; %s",
                s, a.bytes() / 1024.0, peak[0], page));
        return new Row(what, "s", s, Double.NaN, "none (absolute goal)", false, "< 60 s, streamed", s < 60, Double.NaN,
                Double.NaN, rssAfter, String.format(Locale.ROOT, "once (each call stores a snapshot); answer %.1f KB;"
                        + " reporting-service RSS %.0f MB before, peak %.0f MB during, %.0f MB after; %s", a.bytes() / 1024.0,
                rssBefore, peak[0], rssAfter, page));
    }
}
