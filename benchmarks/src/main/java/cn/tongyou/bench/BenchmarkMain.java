package cn.tongyou.bench;

import cn.tongyou.local.LocalStack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark command ({@code benchmarks/run.sh [--keep] [scenario …]}): starts the stack ({@link StackBench}),
 * runs the scenarios in their fixed order — all, or those named — and prints one Markdown table (stdout, and
 * {@code benchmarks/target/bench-<UTC time>.md}) with the machine, the commit and the JVM options above it. Progress
 * goes to stderr. A scenario that fails gives a line saying so and the others still run.
 */
public final class BenchmarkMain {

    /**
     * Every scenario, in the order they run. The order matters: the facility demo data exist before get-by-id; the
     * services restarted by startup and cold-start are warmed by the scenarios' own warm-ups; the villages are imported
     * before the relay, the consumer and the compliance views read them; memory is read last.
     */
    static List<Scenario> scenarios() {
        return List.of(
                new StartupScenario(),
                HttpReadScenarios.getById(),
                HttpReadScenarios.regionByCode(),
                HttpReadScenarios.coldStart(),
                new VillageImportScenario(),
                new RelayScenario(),
                new ConsumerScenario(),
                new ComplianceScenario(),
                new MemoryScenario());
    }

    public static void main(String[] args) throws Exception {
        boolean keep = false;
        boolean hold = false;
        Set<String> wanted = new LinkedHashSet<>();
        for (String arg : args) {
            switch (arg) {
                case "--keep" -> keep = true;
                case "--hold" -> hold = true;
                case "--list" -> {
                    scenarios().forEach(s -> System.out.println(s.name()));
                    return;
                }
                case "-h", "--help" -> {
                    System.out.println("usage: benchmarks/run.sh [--no-build] [--keep] [--hold] [--list] [scenario …]"
                            + "   (see benchmarks/README.md)");
                    return;
                }
                default -> {
                    if (arg.startsWith("-")) {
                        System.err.println("unknown option " + arg + " (try --help)");
                        System.exit(2);
                    }
                    wanted.add(arg);
                }
            }
        }
        List<Scenario> selected = new ArrayList<>();
        Set<String> known = new LinkedHashSet<>();
        for (Scenario s : scenarios()) {
            known.add(s.name());
            if (wanted.isEmpty() || wanted.contains(s.name())) {
                selected.add(s);
            }
        }
        wanted.removeAll(known);
        if (!wanted.isEmpty()) {
            System.err.println("unknown scenario " + String.join(", ", wanted) + "; scenarios: " + String.join(" ", known));
            System.exit(2);
        }

        Path repo = Path.of(Optional.ofNullable(System.getProperty("cfc.repo.dir")).orElse(".")).toAbsolutePath()
                .normalize();
        Path shared = Optional.ofNullable(System.getenv("CFC_SHARED_DIR")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(repo.resolve("../shared")).toAbsolutePath().normalize();
        Path target = repo.resolve("benchmarks/target");
        Path stackDir = target.resolve("stack");
        if (!keep) {
            StackBench.deleteTree(stackDir);
        }
        LocalStack.quietLibraries();
        Instant started = Instant.now();
        PrintStream progress = System.err;
        List<Row> rows = new ArrayList<>();
        try (StackBench bench = new StackBench(repo, shared, stackDir, progress)) {
            bench.start();
            for (Scenario scenario : selected) {
                long t0 = System.nanoTime();
                bench.log("── " + scenario.name());
                try {
                    rows.addAll(scenario.run(bench));
                } catch (Exception | AssertionError e) {
                    bench.log(scenario.name() + " FAILED: " + e);
                    e.printStackTrace(progress);
                    rows.add(new Row(scenario.name(), "", Double.NaN, Double.NaN, "—", true, "runs", false,
                            Double.NaN, Double.NaN, Double.NaN, "FAILED: " + e.getMessage()));
                }
                bench.log(scenario.name() + " took " + StackBench.seconds(Duration.ofNanos(System.nanoTime() - t0)));
            }
            String report = header(repo, started, args) + "\n" + Table.render(rows);
            System.out.println(report);
            Path file = target.resolve("bench-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                    .withZone(ZoneOffset.UTC).format(started) + ".md");
            Files.writeString(file, report, StandardCharsets.UTF_8);
            bench.log("table written to " + repo.relativize(file));
            if (hold) {
                holdUntilInterrupted(bench);
            }
        }
    }

    /**
     * Keeps the stack up after the table, to look at it (the SQL of a request, a profile): its addresses and a token
     * on stderr, until Ctrl-C.
     */
    private static void holdUntilInterrupted(StackBench bench) throws InterruptedException {
        for (LocalStack.Service service : LocalStack.SERVICES) {
            bench.log(service.module() + " " + bench.service(service.module()) + " (pid " + bench.pid(service.module())
                    + ")");
        }
        bench.log("PostgreSQL " + bench.jdbcUrl() + " user " + bench.jdbcUser() + " (psql -h 127.0.0.1 -p "
                + bench.postgres().port() + " -U " + bench.jdbcUser() + " postgres)");
        bench.log("TOKEN='" + bench.adminToken() + "'");
        bench.log("holding the stack until Ctrl-C");
        Thread.currentThread().join();
    }

    /** What a reader needs to compare two tables: when, what was measured (commit, JVM options) and on what machine. */
    static String header(Path repo, Instant started, String[] args) {
        String nl = "\n";
        StringBuilder s = new StringBuilder("# Benchmark ").append(DateTimeFormatter.ISO_INSTANT.format(
                started.truncatedTo(ChronoUnit.SECONDS))).append(nl).append(nl);
        s.append("- command: `benchmarks/run.sh").append(args.length == 0 ? "" : " " + String.join(" ", args))
                .append("`, rounds: ").append(describe(Alternation.Settings.fromEnvironment())).append(nl);
        s.append("- commit: ").append(command(repo, "git", "rev-parse", "--short", "HEAD"))
                .append(command(repo, "git", "status", "--porcelain").isBlank() ? "" : " (with local changes)")
                .append(nl);
        s.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(memTotal()).append(", Linux ").append(command(repo, "uname", "-r")).append(nl);
        s.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (the services' and the minimal app's)")
                .append(nl);
        s.append("- service JVM options: ");
        List<String> options = new ArrayList<>();
        for (LocalStack.Service service : LocalStack.SERVICES) {
            List<String> o = StackBench.jvmOptions(service.module());
            options.add(service.module() + " `" + (o.isEmpty() ? "(none)" : String.join(" ", o)) + "`");
        }
        s.append(String.join(", ", options)).append(nl);
        s.append("- load tools: ").append(command(repo, "wrk", "--version").lines().findFirst().orElse("wrk ?")
                        .replaceAll(" Copyright.*", "")).append(", ")
                .append(command(repo, "pgbench", "--version")).append(nl);
        return s.toString();
    }

    private static String describe(Alternation.Settings settings) {
        return String.format(Locale.ROOT, "warm-up %d s, then %d × %d s per side, alternated", settings.warmup()
                .toSeconds(), settings.rounds(), settings.round().toSeconds());
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException e) {
            // not Linux: the header says so
        }
        return "memory unknown";
    }

    /** A command's output (stdout and stderr, trimmed), or {@code ?} when it cannot run. */
    private static String command(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() <= 1 ? out : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
