package cn.tongyou.bench;

import cn.tongyou.local.LocalStack;

import java.util.ArrayList;
import java.util.List;

/**
 * The resident memory of every service at the end of the run, after the load and volume scenarios before it: what a
 * service keeps once the work is done (the issue saw 1.7 GB and 3.0 GB never returned after the village import).
 */
public final class MemoryScenario implements Scenario {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public List<Row> run(Bench bench) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (LocalStack.Service service : LocalStack.SERVICES) {
            long pid = bench.pid(service.module());
            double rss = bench.rssMb(pid);
            rows.add(new Row("resident memory at the end: " + service.module(), "MB", rss, Double.NaN,
                    "—", false, "≤ " + (int) StartupScenario.RSS_GOAL_MB + " MB", rss <= StartupScenario.RSS_GOAL_MB,
                    Double.NaN, Double.NaN, rss, "VmRSS after the scenarios run before it (pid " + pid + ")"));
        }
        return rows;
    }
}
