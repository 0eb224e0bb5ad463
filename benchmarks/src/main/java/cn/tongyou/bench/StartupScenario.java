package cn.tongyou.bench;

import cn.tongyou.local.LocalStack;
import cn.tongyou.local.Ports;
import cn.tongyou.local.ServiceProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each service's start, from the fork of its JVM to the first 200 of {@code /q/health/ready}, alternated with the
 * minimal Quarkus app of {@code benchmarks/minimal-app} (the same platform version, quarkus-rest and
 * smallrye-health, one GET resource) started by the same JVM binary with the same options: the median of
 * {@code BENCH_ROUNDS} (3) restarts each, and the resident memory of both at ready.
 */
public final class StartupScenario implements Scenario {

    static final double READY_GOAL_FACTOR = 2;
    static final double RSS_GOAL_MB = 300;
    static final String MINIMAL_APP = "benchmarks/minimal-app";

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public List<Row> run(Bench bench) throws Exception {
        Path minimalDir = bench.repo().resolve(MINIMAL_APP);
        if (!Files.isRegularFile(ServiceProcess.runnerJar(minimalDir))) {
            throw new IllegalStateException("the minimal app is not built (" + ServiceProcess.runnerJar(minimalDir)
                    + "); benchmarks/run.sh builds it");
        }
        int rounds = Alternation.Settings.fromEnvironment().rounds();
        List<Row> ready = new ArrayList<>();
        List<Row> memory = new ArrayList<>();
        for (LocalStack.Service service : LocalStack.SERVICES) {
            String module = service.module();
            List<String> options = StackBench.jvmOptions(module);
            int port = Ports.freePort();
            ServiceProcess minimal = new ServiceProcess("minimal-app", minimalDir, port,
                    Map.of("QUARKUS_HTTP_PORT", Integer.toString(port)), options,
                    bench.workDir().resolve("minimal-app.log"));
            // one start of each before measuring: the jars in the page cache for both
            startAndStop(minimal);
            double[] productSeconds = new double[rounds];
            double[] productRss = new double[rounds];
            double[] anchorSeconds = new double[rounds];
            double[] anchorRss = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                Duration p = bench.restart(module, Map.of());
                productSeconds[i] = p.toMillis() / 1000.0;
                productRss[i] = bench.rssMb(bench.pid(module));
                Duration a = StackBench.timedStart(minimal);
                anchorSeconds[i] = a.toMillis() / 1000.0;
                anchorRss[i] = bench.rssMb(minimal.pid().orElseThrow());
                minimal.stop(Duration.ofSeconds(30));
                bench.log(String.format(Locale.ROOT, "startup %s: round %d %.2f s, %.0f MB | minimal app %.2f s, %.0f MB",
                        module, i + 1, productSeconds[i], productRss[i], anchorSeconds[i], anchorRss[i]));
            }
            double product = Alternation.median(productSeconds);
            double anchor = Alternation.median(anchorSeconds);
            double rss = Alternation.median(productRss);
            double anchorRssMedian = Alternation.median(anchorRss);
            String jvm = options.isEmpty() ? "no JVM options" : "JVM options " + String.join(" ", options);
            ready.add(new Row("start to ready: " + module, "s", product, anchor,
                    "minimal Quarkus app (quarkus-rest + smallrye-health), same JVM and options", false,
                    "≥ 0.5 (≤ 2× the minimal app)", product <= READY_GOAL_FACTOR * anchor, Double.NaN, Double.NaN, rss,
                    "median of " + rounds + " restarts: " + join(productSeconds, "%.2f") + " vs " + join(anchorSeconds,
                            "%.2f") + " s; " + jvm));
            memory.add(new Row("resident memory at ready: " + module, "MB", rss, anchorRssMedian,
                    "minimal Quarkus app at ready", false, "≤ " + (int) RSS_GOAL_MB + " MB", rss <= RSS_GOAL_MB,
                    Double.NaN, Double.NaN, rss, "VmRSS right after ready, median of " + rounds + ": "
                    + join(productRss, "%.0f") + " vs " + join(anchorRss, "%.0f") + " MB"));
        }
        List<Row> rows = new ArrayList<>(ready);
        rows.addAll(memory);
        return rows;
    }

    private static void startAndStop(ServiceProcess process) {
        StackBench.timedStart(process);
        process.stop(Duration.ofSeconds(30));
    }

    private static String join(double[] values, String format) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(String.format(Locale.ROOT, format, v));
        }
        return String.join("/", parts);
    }
}
