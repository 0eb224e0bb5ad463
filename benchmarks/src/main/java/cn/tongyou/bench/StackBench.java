package cn.tongyou.bench;

import cn.tongyou.local.DemoLoader;
import cn.tongyou.local.DevKafkaSecurity;
import cn.tongyou.local.DevTokens;
import cn.tongyou.local.EmbeddedPostgresServer;
import cn.tongyou.local.KafkaBroker;
import cn.tongyou.local.LocalStack;
import cn.tongyou.local.Ports;
import cn.tongyou.local.ServiceProcess;
import cn.tongyou.local.ShutdownSequence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's stack, started the way {@code deploy/local/run.sh} starts it — embedded PostgreSQL with durable
 * settings, the KRaft broker with SASL_SSL and a Kafka user per service, the four services from their runner jars with
 * {@link LocalStack#serviceEnvironment} and {@link LocalStack#serviceJvmOptions} — on free ports, with its data under
 * {@code benchmarks/target/stack}; and the load tools run against it.
 */
final class StackBench implements Bench, AutoCloseable {

    /** The bound: the village import must pass with facility-service's heap capped at 512 MB. */
    static final String FACILITY_HEAP_CAP = "-Xmx512m";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** How often readiness is polled while a start is timed: fine enough for starts of 1–10 s. */
    private static final long READY_POLL_MILLIS = 20;

    private final Path repo;
    private final Path sharedDir;
    private final Path stackDir;
    private final Path workDir;
    private final PrintStream log;
    private final String token = DevTokens.mint("benchmark", Set.of("admin", "coordinator"), DevTokens.NATIONWIDE);
    private final Map<String, ServiceProcess> baseProcesses = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final AtomicInteger pgbenchRuns = new AtomicInteger();
    private EmbeddedPostgresServer postgres;
    private KafkaBroker kafka;

    StackBench(Path repo, Path sharedDir, Path stackDir, PrintStream log) {
        this.repo = repo;
        this.sharedDir = sharedDir;
        this.stackDir = stackDir;
        this.workDir = stackDir.resolve("work");
        this.log = log;
    }

    /** Starts PostgreSQL, Kafka and the services, then loads the demonstration data of the local stack. */
    void start() throws Exception {
        Files.createDirectories(workDir);
        Files.createDirectories(stackDir.resolve("logs"));
        long t0 = System.nanoTime();
        postgres = EmbeddedPostgresServer.start(stackDir.resolve("pgdata"), Ports.freePort());
        postgres.createServiceRoles(postgres.jdbcUrl());
        log("PostgreSQL on port " + postgres.port() + " (" + seconds(postgres.startupTime()) + ")");
        kafka = KafkaBroker.start(stackDir.resolve("kafka"), 0, KafkaBroker.Security.SASL_SSL);
        log("Kafka on " + kafka.bootstrapServers() + ", SASL_SSL (" + seconds(kafka.lastStartTime()) + ")");
        ShutdownSequence.register("benchmark services",
                () -> ServiceProcess.stopAll(processes.values(), STOP_TIMEOUT));

        Path publicKey = repo.resolve("deploy/local/src/main/resources/" + DevTokens.PUBLIC_KEY_RESOURCE);
        for (LocalStack.Service service : LocalStack.SERVICES) {
            Path jar = service.runnerJar(repo);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(service.module() + " is not built (" + jar + "); run benchmarks/run.sh"
                        + " without --no-build");
            }
            int port = Ports.freePort();
            Map<String, String> env = LocalStack.serviceEnvironment(service.module(), port, postgres, kafka, publicKey);
            flightRecording(service.module()).ifPresent(options -> env.put("JAVA_TOOL_OPTIONS", options));
            ServiceProcess process = new ServiceProcess(service.module(), repo.resolve(service.module()), port, env,
                    jvmOptions(service.module()), stackDir.resolve("logs").resolve(service.module() + ".log"));
            baseProcesses.put(service.module(), process);
            processes.put(service.module(), process);
            process.start();
        }
        for (ServiceProcess process : processes.values()) {
            process.awaitReady(READY_TIMEOUT);
            log(process.name() + " ready on " + process.baseUrl() + ", JVM options " + jvmOptions(process.name()));
        }
        Map<String, String> urls = new LinkedHashMap<>();
        processes.forEach((module, process) -> urls.put(module, process.baseUrl()));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        DemoLoader.Context context = new DemoLoader.Context(http, urls, sharedDir, log);
        for (DemoLoader loader : LocalStack.DEMO_LOADERS) {
            log("demo data: " + loader.name());
            loader.load(context);
        }
        log("stack up with its demo data in " + seconds(Duration.ofNanos(System.nanoTime() - t0)));
    }

    /**
     * A service's JVM options as the local stack ships them; facility-service's heap is capped at 512 MB when they
     * set no cap (the bound for the village import), an explicit cap is kept as it is.
     */
    static List<String> jvmOptions(String module) {
        List<String> options = new ArrayList<>(LocalStack.serviceJvmOptions(module));
        if (module.equals("facility-service") && options.stream().noneMatch(o -> o.startsWith("-Xmx"))) {
            options.add(FACILITY_HEAP_CAP);
        }
        return options;
    }

    /**
     * {@code BENCH_JFR=facility-service,reporting-service}: those services run with a JDK Flight Recording (profile
     * settings) written into {@code benchmarks/target/stack/work/jfr-<module>/} when the JVM ends — one file per JVM,
     * named by its pid, at a restart or at the end of the run — to see where the time of a scenario goes. Through {@code JAVA_TOOL_OPTIONS}, so the JVM
     * options shown in the table stay those the local stack ships; the table's figures then include the recording's
     * cost (about 1–2 %).
     */
    private java.util.Optional<String> flightRecording(String module) {
        String wanted = System.getenv("BENCH_JFR");
        if (wanted == null || !List.of(wanted.split(",")).contains(module)) {
            return java.util.Optional.empty();
        }
        Path dir = workDir.resolve("jfr-" + module);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // a directory: JDK 17 names each recording there by pid and time (it does not expand %p in a file name)
        return java.util.Optional.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + dir);
    }

    EmbeddedPostgresServer postgres() {
        return postgres;
    }

    @Override
    public Path repo() {
        return repo;
    }

    @Override
    public Path sharedDir() {
        return sharedDir;
    }

    @Override
    public URI service(String module) {
        return URI.create(process(module).baseUrl());
    }

    @Override
    public String adminToken() {
        return token;
    }

    @Override
    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    @Override
    public String jdbcUser() {
        return postgres.username();
    }

    @Override
    public String jdbcPassword() {
        return postgres.password();
    }

    @Override
    public Properties kafkaAdminProperties() {
        Properties properties = new Properties();
        properties.putAll(kafka.clientSettings(DevKafkaSecurity.ADMIN));
        return properties;
    }

    @Override
    public long pid(String module) {
        return process(module).pid().orElseThrow(() -> new IllegalStateException(module + " is not running"));
    }

    @Override
    public double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no /proc/" + pid + "/status: is the process running?", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }

    @Override
    public Duration restart(String module, Map<String, String> extraEnvironment) throws Exception {
        process(module).stop(STOP_TIMEOUT);
        ServiceProcess base = baseProcesses.get(module);
        ServiceProcess next = extraEnvironment.isEmpty() ? base : base.withEnvironment(extraEnvironment, List.of());
        processes.put(module, next);
        return timedStart(next);
    }

    /**
     * Starts a process and returns the time from just before the fork to the first 200 of {@code /q/health/ready},
     * polled every {@value #READY_POLL_MILLIS} ms.
     */
    static Duration timedStart(ServiceProcess process) {
        long t0 = System.nanoTime();
        process.start();
        long deadline = t0 + READY_TIMEOUT.toNanos();
        while (!process.isReady()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name() + " did not become ready; last lines of "
                        + process.logFile() + ":" + System.lineSeparator() + process.logTail(40));
            }
            sleep(READY_POLL_MILLIS);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Override
    public LoadResult wrk(URI url, int connections, Duration duration, Path luaScript) throws Exception {
        LoadResult result = Wrk.parse(run(Wrk.command(url, connections, duration, luaScript, token), Map.of(),
                duration));
        if (result.errors() > 0 || result.requests() == 0) {
            log("wrk round with " + result.errors() + " errors and " + result.requests() + " requests:"
                    + System.lineSeparator() + String.join(System.lineSeparator(), result.raw()));
        }
        return result;
    }

    @Override
    public LoadResult pgbench(Path script, int clients, Duration duration) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve("pgbench-" + pgbenchRuns.incrementAndGet()));
        Path prefix = dir.resolve("tx");
        List<String> output = run(Pgbench.command("127.0.0.1", postgres.port(), postgres.username(), "postgres", script,
                clients, duration, prefix), Map.of("PGPASSWORD", postgres.password()), duration);
        LoadResult result = Pgbench.parse(output, prefix);
        deleteTree(dir); // tens of MB per round at a few thousand transactions per second
        return result;
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public void log(String line) {
        log.println("[bench] " + line);
        log.flush();
    }

    /** Stops the services, then Kafka, then PostgreSQL. */
    @Override
    public void close() {
        ServiceProcess.stopAll(processes.values(), STOP_TIMEOUT);
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    ServiceProcess process(String module) {
        ServiceProcess process = processes.get(module);
        if (process == null) {
            throw new IllegalArgumentException("no service " + module + " (services: " + processes.keySet() + ")");
        }
        return process;
    }

    /** Runs a load tool to its end and returns its output (stdout and stderr); a non-zero exit is an exception. */
    private List<String> run(List<String> command, Map<String, String> environment, Duration expected)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(workDir.toFile());
        pb.environment().putAll(environment);
        Process process = pb.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
            }
        }
        if (!process.waitFor(expected.toSeconds() + 60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not end");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " exited with " + process.exitValue() + ":"
                    + System.lineSeparator() + String.join(System.lineSeparator(), output));
        }
        return output;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
