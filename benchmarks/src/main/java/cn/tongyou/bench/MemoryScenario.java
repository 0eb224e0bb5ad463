package cn.tongyou.bench;

import cn.tongyou.local.LocalStack;

import java.util.ArrayList;
import java.util.List;

/**
 * The resident memory of every service at the end of the run, after the load and volume scenarios before it: what a
 * service keeps once the work is done (the issue saw 1.7 GB and 3.0 GB never returned after the village import). Read
 * twice: right after the last scenario, and after the services rested {@value #REST_SECONDS} s — longer than the
 * periodic G1 collection the services run with ({@code -XX:G1PeriodicGCInterval=30000}), which gives free heap back.
 */
public final class MemoryScenario implements Scenario {

    @Override
    public String name() {
        return "memory";
    }

    static final int REST_SECONDS = 45;

    @Override
    public List<Row> run(Bench bench) throws Exception {
        List<Row> rows = new ArrayList<>(read(bench, "resident memory at the end: ",
                "VmRSS right after the scenarios run before it"));
        bench.log("memory: services at rest for " + REST_SECONDS + " s");
        Thread.sleep(REST_SECONDS * 1000L);
        rows.addAll(read(bench, "resident memory at the end, after " + REST_SECONDS + " s at rest: ",
                "VmRSS once the periodic G1 collection (every 30 s) has run"));
        return rows;
    }

    private static List<Row> read(Bench bench, String path, String note) {
        List<Row> rows = new ArrayList<>();
        for (LocalStack.Service service : LocalStack.SERVICES) {
            long pid = bench.pid(service.module());
            double rss = bench.rssMb(pid);
            rows.add(new Row(path + service.module(), "MB", rss, Double.NaN,
                    "—", false, "≤ " + (int) StartupScenario.RSS_GOAL_MB + " MB", rss <= StartupScenario.RSS_GOAL_MB,
                    Double.NaN, Double.NaN, rss, note + " (pid " + pid + ")"));
        }
        return rows;
    }
}
