package cn.tongyou.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One service module, run from its built Quarkus runner jar ({@link #runnerJar(Path)}) as a child JVM in the jar's
 * directory (target/quarkus-app) on a given port, with its output appended to a log file. Used by {@link LocalStack}
 * and by the system tests, which also kill and restart services to show what survives.
 *
 * <p>{@link #start()} may be called again after {@link #stop(Duration)} or {@link #kill()}: same port, environment
 * and log file (a banner line marks each start, so {@link #logTail(int)} shows the current run only). Where
 * {@code setsid} exists the JVM runs in its own session, so that a Ctrl-C in the terminal reaches only the parent,
 * which stops its children in order.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path moduleDir;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path logFile;
    private Process process;

    /**
     * @param name        for messages and the log banner (the module name, or e.g. {@code reporting-service-2})
     * @param moduleDir   the service module's directory, under which the runner jar is built
     * @param environment added to this JVM's environment; see {@link #environment}
     * @param jvmOptions  options of the service JVM, before {@code -jar}
     */
    public ServiceProcess(String name, Path moduleDir, int port, Map<String, String> environment,
                          List<String> jvmOptions, Path logFile) {
        this.name = name;
        this.moduleDir = moduleDir.toAbsolutePath().normalize();
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logFile = logFile.toAbsolutePath().normalize();
    }

    /**
     * The same service — name, module, port, JVM options, log file — with its environment changed: {@code set} added or
     * replacing, {@code removed} taken out. Not started; stop this one first (they share the port). For a restart with
     * other settings, e.g. a moved business date ({@code CFC_SCHEDULE_TODAY}) that a service reads only at start.
     */
    public ServiceProcess withEnvironment(Map<String, String> set, Collection<String> removed) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        removed.forEach(env::remove);
        env.putAll(set);
        return new ServiceProcess(name, moduleDir, port, env, jvmOptions, logFile);
    }

    /** The environment added to this JVM's (as given, not the inherited one). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Where {@code package} puts a module's runnable application. */
    public static Path runnerJar(Path moduleDir) {
        return moduleDir.resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * The class data sharing archive the build writes beside the runner jar ({@code
     * quarkus.package.jar.appcds.enabled}, common's microprofile-config.properties): the classes a start loads, already
     * parsed and verified, mapped instead of read from the jars (issue 16, start to ready). A JVM other than the one
     * that built it ignores the archive with a warning and starts as without it.
     */
    public static Path classDataArchive(Path moduleDir) {
        return moduleDir.resolve("target/quarkus-app/app-cds.jsa");
    }

    /**
     * The option that maps {@link #classDataArchive} when the build wrote one; none otherwise (a build with the
     * archive switched off). Put before the caller's options, so that e.g. {@code -Xshare:off} still wins.
     */
    static List<String> classDataOptions(Path moduleDir) {
        return Files.isRegularFile(classDataArchive(moduleDir))
                ? List.of("-XX:SharedArchiveFile=" + classDataArchive(moduleDir).getFileName()) : List.of();
    }

    /**
     * What every service reads to run against this PostgreSQL and Kafka (README, Configuration): its HTTP port, the
     * database, the brokers, and the key and issuer tokens are verified with. A mutable map, to add to.
     *
     * @param jdbcUrl a database of {@code postgres}, whose credentials are used (one role for everything; see
     *                {@link #withDatabaseRoles} for the least-privilege roles)
     */
    public static Map<String, String> environment(int port, EmbeddedPostgresServer postgres, String jdbcUrl,
                                                  KafkaBroker kafka, Path jwtPublicKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("CFC_DB_URL", jdbcUrl);
        env.put("CFC_DB_USER", postgres.username());
        env.put("CFC_DB_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CFC_JWT_PUBLIC_KEY_LOCATION", jwtPublicKey.toAbsolutePath().toString());
        env.put("CFC_JWT_ISSUER", DevTokens.ISSUER);
        return env;
    }

    /**
     * Makes {@code environment} run the service of {@code module} as its schema's runtime role and migrate as the
     * schema's owner ({@link EmbeddedPostgresServer#createServiceRoles}) instead of as the server's superuser.
     */
    public static Map<String, String> withDatabaseRoles(Map<String, String> environment, String module) {
        String schema = module.replaceFirst("-service$", "");
        if (!EmbeddedPostgresServer.SERVICE_SCHEMAS.contains(schema)) {
            throw new IllegalArgumentException("no database roles for module " + module);
        }
        String app = EmbeddedPostgresServer.appRole(schema);
        String owner = EmbeddedPostgresServer.ownerRole(schema);
        environment.put("CFC_DB_USER", app);
        environment.put("CFC_DB_PASSWORD", EmbeddedPostgresServer.devPassword(app));
        environment.put("CFC_DB_MIGRATION_USER", owner);
        environment.put("CFC_DB_MIGRATION_PASSWORD", EmbeddedPostgresServer.devPassword(owner));
        return environment;
    }

    /**
     * The JVM options a service module runs with in the local stack, before the caller's own ({@code
     * CFC_SERVICE_JAVA_OPTS}), which come later on the command line and so win. Heap and GC are set deliberately
     * (issue 16: no limit let each JVM take a quarter of the machine's memory and keep it): a small initial heap, so
     * that a service is small at ready; a ceiling per service from what its largest job needs (facility-service: the
     * 620,573-village import passes at 512 MB; reporting-service: consumer batches of 12 channels, province views and
     * snapshots; indicator and task: documents and observation batches); G1 named explicitly, since a JVM that sees
     * one CPU or less than 1.8 GB picks SerialGC, which returns memory only after a full collection; and a periodic
     * collection of an idle service with a low free-heap ratio, so that the heap a volume run needed goes back to the
     * system about half a minute after it ends; and, on the same rhythm, the C library's malloc arenas trimmed, since
     * what the JVM's own native allocations (JIT compiler arenas, GC structures, direct buffers) free is otherwise
     * kept by glibc and stays resident. Same values as deploy/k8s's JAVA_OPTS_APPEND.
     */
    public static List<String> defaultJvmOptions(String module) {
        String maxHeap = switch (module) {
            case "facility-service", "reporting-service" -> "-Xmx512m";
            default -> "-Xmx256m";
        };
        return List.of("-Xms64m", maxHeap, "-XX:+UseG1GC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
                "-XX:G1PeriodicGCInterval=30000", "-XX:MaxMetaspaceSize=256m", "-XX:TrimNativeHeapInterval=30000");
    }

    /** {@link #defaultJvmOptions} followed by {@code extra} (e.g. {@code CFC_SERVICE_JAVA_OPTS}), which win. */
    public static List<String> jvmOptions(String module, String extra) {
        List<String> options = new ArrayList<>(defaultJvmOptions(module));
        options.addAll(splitOptions(extra));
        return List.copyOf(options);
    }

    /** Options of a JVM option string such as {@code CFC_SERVICE_JAVA_OPTS}; none for null or blank. */
    public static List<String> splitOptions(String options) {
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /** Launches the JVM; does nothing while it runs. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        LogFiles.banner(logFile, name + " on port " + port);
        List<String> command = new ArrayList<>();
        setsid().ifPresent(command::add);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(classDataOptions(moduleDir));
        command.addAll(jvmOptions);
        // run from the jar's directory by its bare name: the archive records the class path as the build ran it
        // (quarkus-run.jar, lib/boot/…) and refuses any other spelling of it
        command.add("-jar");
        command.add(runnerJar(moduleDir).getFileName().toString());
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(runnerJar(moduleDir).getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")));
        pb.environment().putAll(environment);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + runnerJar(moduleDir) + ")", e);
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The process id of the running JVM. */
    public synchronized Optional<Long> pid() {
        return isAlive() ? Optional.of(process.pid()) : Optional.empty();
    }

    /** The exit code once the JVM has ended; empty while it runs or before it started. */
    public synchronized Optional<Integer> exitCode() {
        return process == null || process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Completes with the exit code when the JVM started last ends. */
    public synchronized CompletableFuture<Integer> onExit() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Whether {@code /q/health/ready} answers 200 now. */
    public boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until the service is ready and returns how long that took.
     *
     * @throws IllegalStateException if the JVM ends or is not ready within {@code timeout}, with its log's tail
     */
    public Duration awaitReady(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " is not running (exit code " + exitCode().map(String::valueOf)
                        .orElse("none: never started") + "); last lines of " + logFile + ":"
                        + System.lineSeparator() + logTail(40));
            }
            if (isReady()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; last lines of "
                        + logFile + ":" + System.lineSeparator() + logTail(40));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
    }

    /** Stops the JVM gracefully (SIGTERM: Quarkus shuts down in order), killing it after {@code timeout}. */
    public void stop(Duration timeout) {
        stopAll(List.of(this), timeout);
    }

    /** Kills the JVM at once (SIGKILL, as a crash or an OOM kill would) and waits until it is gone. */
    public synchronized void kill() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the log written since the last start. */
    public String logTail(int maxLines) {
        return LogFiles.tail(logFile, maxLines);
    }

    /**
     * Stops several services at once: all get SIGTERM, then each is waited for within one shared {@code timeout}
     * and killed if it has not ended by then.
     */
    public static void stopAll(Collection<ServiceProcess> services, Duration timeout) {
        List<ServiceProcess> running = services.stream().filter(ServiceProcess::isAlive).toList();
        running.forEach(s -> {
            synchronized (s) {
                if (s.process != null) {
                    s.process.destroy();
                }
            }
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ServiceProcess s : running) {
            Process p;
            synchronized (s) {
                p = s.process;
            }
            awaitExitOrKill(p, deadline, s.name, timeout);
        }
    }

    /**
     * Waits until {@code deadline} (System.nanoTime) for a process asked to stop, then kills it; an interrupted wait
     * kills it at once.
     */
    static void awaitExitOrKill(Process p, long deadline, String name, Duration timeout) {
        try {
            if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                System.err.println("[local-stack] " + name + " did not stop within " + timeout.toSeconds()
                        + " s, killing it");
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " on " + baseUrl();
    }

    static Optional<String> setsid() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
