package cn.tongyou.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The whole platform on one machine, in one command ({@code deploy/local/run.sh}): PostgreSQL (data kept in
 * {@code .local/pgdata}), a Kafka broker (data kept in {@code .local/kafka}), every service module that is built,
 * demonstration data, and a summary of URLs and a ready-to-copy curl command. Ctrl-C stops the services, then Kafka,
 * then PostgreSQL.
 *
 * <p>Environment: {@code CFC_PG_PORT} (15432), {@code CFC_KAFKA_PORT} (19092; the KRaft controller uses the next
 * port), {@code <MODULE>_PORT} (e.g. {@code FACILITY_SERVICE_PORT}), {@code CFC_SHARED_DIR} (default
 * {@code <repo>/../shared}), {@code CFC_SERVICE_JAVA_OPTS} (options of every service JVM, after
 * {@link ServiceProcess#defaultJvmOptions}, so they win), {@code CFC_DEMO_REGION}
 * (region of the example token, 410182), and {@code CFC_PG_URL} / {@code CFC_KAFKA_BOOTSTRAP} to use external
 * servers; {@code CFC_LOCAL_ALL_VILLAGES=true} as {@code --all-villages}; {@code CFC_CORS_ORIGINS} (default
 * {@link #DEV_CORS_ORIGINS}); {@code CFC_KAFKA_SECURITY}
 * ({@code sasl_ssl}, the default: TLS, SCRAM, one Kafka user per service, ACLs — or {@code plaintext} for a quick
 * run without any of it). Arguments: {@code --infra-only} (PostgreSQL
 * and Kafka only), {@code --no-demo-data}, {@code --all-villages} (load all 620,573 villages of villages.csv on the
 * first run instead of the plan regions' 3,058).
 */
public final class LocalStack {

    /**
     * A service module: its directory in the repository, its HTTP port, and an example request for the summary.
     * A new service is one line in {@link #SERVICES}.
     */
    public record Service(String module, int defaultPort, String examplePath) {

        /** The environment variable that overrides the port: {@code FACILITY_SERVICE_PORT}. */
        public String portVariable() {
            return module.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
        }

        public int port() {
            return intFromEnv(portVariable(), defaultPort);
        }

        public Path runnerJar(Path repo) {
            return ServiceProcess.runnerJar(repo.resolve(module));
        }
    }

    public static final List<Service> SERVICES = List.of(
            new Service("facility-service", 8081, "/api/v1/regions?size=5"),
            new Service("indicator-service", 8082, "/api/v1/evaluations?region=410402&year=2025"),
            new Service("task-service", 8083, "/api/v1/units?region=410182&sort=behind&size=5"),
            new Service("reporting-service", 8084, "/api/v1/compliance?region=410182&period=2025"));

    public static final List<DemoLoader> DEMO_LOADERS = List.of(
            new RegionsDemoLoader(),
            new CatalogDemoLoader("indicator-service", "/api/v1/catalog/import", "indicators and targets"),
            new CatalogDemoLoader("task-service", "/api/v1/plans/import", "plans, tasks, units and milestones"),
            new FacilitiesDemoLoader(),
            new ObservationsDemoLoader(demoRegion()));

    /**
     * The origins the local services answer CORS for unless {@code CFC_CORS_ORIGINS} says otherwise: the dev servers of
     * Next.js/React (3000), Vite (5173), Angular (4200) and Vue CLI/webpack (8080), as localhost and as 127.0.0.1.
     */
    static final String DEV_CORS_ORIGINS = "http://localhost:3000,http://127.0.0.1:3000,http://localhost:5173,"
            + "http://127.0.0.1:5173,http://localhost:4200,http://127.0.0.1:4200,http://localhost:8080,http://127.0.0.1:8080";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    static final Duration SERVICE_STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String PID_FILE = "local-stack.pids";
    static final String ENV_KAFKA_SECURITY = "CFC_KAFKA_SECURITY";

    private final PrintStream out = System.out;
    private final Path repo;
    private final Path local;
    private final Path logs;
    private final Path sharedDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<Service, ServiceProcess> processes = new LinkedHashMap<>();
    private final Map<Service, String> ready = new LinkedHashMap<>();
    private EmbeddedPostgresServer postgres;
    private KafkaBroker kafka;
    private volatile boolean stopping;

    LocalStack(Path repo) {
        this.repo = repo;
        this.local = repo.resolve(".local");
        this.logs = local.resolve("logs");
        this.sharedDir = Optional.ofNullable(System.getenv("CFC_SHARED_DIR")).filter(s -> !s.isBlank())
                .map(Path::of).orElse(repo.resolve("../shared")).toAbsolutePath().normalize();
    }

    public static void main(String[] args) {
        boolean infraOnly = false;
        boolean demoData = true;
        for (String arg : args) {
            switch (arg) {
                case "--infra-only" -> infraOnly = true;
                case "--no-demo-data" -> demoData = false;
                case "--all-villages" -> System.setProperty(RegionsDemoLoader.ALL_VILLAGES_PROPERTY, "true");
                case "-h", "--help" -> {
                    System.out.println("usage: deploy/local/run.sh [--infra-only] [--no-demo-data] [--all-villages]"
                            + "   (see deploy/local/README.md)");
                    return;
                }
                default -> {
                    System.err.println("unknown argument " + arg + " (try --help)");
                    System.exit(2);
                }
            }
        }
        quietLibraries();
        LocalStack stack = new LocalStack(findRepository());
        try {
            stack.run(infraOnly, demoData);
        } catch (StartupProblem e) {
            System.err.println();
            System.err.println("local stack: " + e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("local stack failed: " + e.getMessage());
            if (System.getProperty("cfc.debug") != null) {
                e.printStackTrace();
            } else {
                System.err.println("(run with JAVA_OPTS=-Dcfc.debug=true for the stack trace)");
            }
            System.exit(1);
        }
    }

    void run(boolean infraOnly, boolean demoData) {
        long t0 = System.nanoTime();
        out.println("童友 local platform — repository " + repo);
        checkJava();
        mkdirs(logs);
        stopLeftovers();

        List<Service> services = infraOnly ? List.of() : servicesToStart();
        int pgPort = intFromEnv("CFC_PG_PORT", 15432);
        int kafkaPort = intFromEnv("CFC_KAFKA_PORT", 19092);
        if (isBlank(System.getenv(EmbeddedPostgresServer.ENV_URL))) {
            try {
                EmbeddedPostgresServer.stopOrphanedServer(local.resolve("pgdata"));
            } catch (IOException | IllegalStateException e) {
                throw new StartupProblem(e.getMessage());
            }
        }
        checkPorts(pgPort, kafkaPort, services);

        out.print("PostgreSQL ... ");
        out.flush();
        postgres = EmbeddedPostgresServer.fromEnvironmentOrStart(local.resolve("pgdata"), pgPort);
        out.println(postgres.isExternal() ? "external (" + EmbeddedPostgresServer.ENV_URL + ")"
                : "started in " + seconds(postgres.startupTime()) + " on port " + postgres.port());
        postgres.createServiceRoles(postgres.jdbcUrl());
        out.print("Kafka ... ");
        out.flush();
        kafka = KafkaBroker.fromEnvironmentOrStart(local.resolve("kafka"), kafkaPort, kafkaSecurity());
        out.println(kafka.isExternal() ? "external (" + KafkaBroker.ENV_BOOTSTRAP + ")"
                : "started in " + seconds(kafka.lastStartTime()) + " on " + kafka.bootstrapServers()
                + (kafka.isSecure() ? " (SASL_SSL, a Kafka user per service)" : " (plaintext)"));
        ShutdownSequence.register("local stack", this::shutdown);

        for (Service service : services) {
            startService(service);
        }
        writePids();
        awaitServices();

        if (demoData && !ready.isEmpty()) {
            runDemoLoaders();
        }
        printSummary(Duration.ofNanos(System.nanoTime() - t0));
        watchServices();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static Path findRepository() {
        String configured = Optional.ofNullable(System.getProperty("cfc.repo.dir"))
                .orElse(System.getenv("CFC_REPO_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("deploy/local/pom.xml")) && Files.exists(d.resolve("pom.xml"))) {
                return d;
            }
        }
        return dir;
    }

    private void checkJava() {
        int feature = Runtime.version().feature();
        if (feature < 17) {
            throw new StartupProblem("Java 17 or newer is needed, this is Java " + Runtime.version()
                    + " (" + System.getProperty("java.home") + "). Install a JDK 17+ and put it first on the PATH"
                    + " or set JAVA_HOME.");
        }
    }

    private List<Service> servicesToStart() {
        List<Service> result = new ArrayList<>();
        for (Service service : SERVICES) {
            Path dir = repo.resolve(service.module());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            if (!Files.isRegularFile(service.runnerJar(repo))) {
                out.println("note: " + service.module() + " is not built (" + repo.relativize(service.runnerJar(repo))
                        + " is missing): skipped. Build it with ./mvnw -DskipTests install");
                continue;
            }
            result.add(service);
        }
        if (result.isEmpty()) {
            out.println("note: no service module is built; starting PostgreSQL and Kafka only");
        }
        return result;
    }

    private void checkPorts(int pgPort, int kafkaPort, List<Service> services) {
        Map<Integer, String> wanted = new LinkedHashMap<>();
        if (isBlank(System.getenv(EmbeddedPostgresServer.ENV_URL))) {
            wanted.put(pgPort, "PostgreSQL (CFC_PG_PORT)");
        }
        if (isBlank(System.getenv(KafkaBroker.ENV_BOOTSTRAP))) {
            wanted.put(kafkaPort, "Kafka (CFC_KAFKA_PORT)");
            wanted.put(kafkaPort + 1, "the Kafka controller (CFC_KAFKA_PORT + 1)");
        }
        for (Service service : services) {
            String previous = wanted.put(service.port(), service.module() + " (" + service.portVariable() + ")");
            if (previous != null) {
                throw new StartupProblem("port " + service.port() + " is wanted by both " + previous + " and "
                        + service.module());
            }
        }
        List<String> busy = new ArrayList<>();
        wanted.forEach((port, who) -> {
            if (!Ports.isFree(port)) {
                busy.add("  port " + port + " for " + who);
            }
        });
        if (!busy.isEmpty()) {
            throw new StartupProblem("these ports are already in use:" + System.lineSeparator()
                    + String.join(System.lineSeparator(), busy) + System.lineSeparator()
                    + "Is the local stack already running? Find the process with `ss -ltnp | grep :<port>` (or "
                    + "`lsof -i :<port>`) and stop it, or choose other ports with the variables named above.");
        }
    }

    /** {@value #ENV_KAFKA_SECURITY}: {@code sasl_ssl} (default) or {@code plaintext}. */
    static KafkaBroker.Security kafkaSecurity() {
        String value = System.getenv(ENV_KAFKA_SECURITY);
        if (isBlank(value)) {
            return KafkaBroker.Security.SASL_SSL;
        }
        try {
            return KafkaBroker.Security.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new StartupProblem(ENV_KAFKA_SECURITY + " must be sasl_ssl or plaintext, not '" + value + "'");
        }
    }

    private void startService(Service service) {
        Path log = logs.resolve(service.module() + ".log");
        Map<String, String> env = serviceEnvironment(service.module(), service.port(), postgres, kafka, publicKey());
        ServiceProcess process = new ServiceProcess(service.module(), repo.resolve(service.module()), service.port(),
                env, serviceJvmOptions(service.module()), log);
        try {
            process.start();
        } catch (UncheckedIOException e) {
            throw new StartupProblem(e.getMessage() + ": " + e.getCause().getMessage());
        }
        processes.put(service, process);
        out.println(service.module() + " ... starting on port " + service.port() + " (log "
                + repo.relativize(log) + ")");
    }

    /**
     * The environment a service runs with here: {@link ServiceProcess#environment}, its schema's database roles, the
     * development CORS origins and its own Kafka user. Public so that the benchmark (benchmarks/) runs the services
     * exactly as this launcher does.
     */
    public static Map<String, String> serviceEnvironment(String module, int port, EmbeddedPostgresServer postgres,
                                                         KafkaBroker kafka, Path jwtPublicKey) {
        Map<String, String> env = ServiceProcess.environment(port, postgres, postgres.jdbcUrl(), kafka, jwtPublicKey);
        ServiceProcess.withDatabaseRoles(env, module);
        // a frontend's dev server on the usual ports may call the local services; CFC_CORS_ORIGINS replaces the list
        env.put("CFC_CORS_ORIGINS", Optional.ofNullable(System.getenv("CFC_CORS_ORIGINS")).orElse(DEV_CORS_ORIGINS));
        env.putAll(kafka.serviceEnvironment(module)); // its own Kafka user on a secure broker
        return env;
    }

    /**
     * The options of a service's JVM here: {@link ServiceProcess#defaultJvmOptions} (heap and GC per service), then
     * {@code CFC_SERVICE_JAVA_OPTS}, which wins. The one place they are decided, so that the benchmark measures the JVMs
     * this launcher ships.
     */
    public static List<String> serviceJvmOptions(String module) {
        return ServiceProcess.jvmOptions(module, System.getenv("CFC_SERVICE_JAVA_OPTS"));
    }

    /** The development public key in the repository, or a copy of the class path's one under {@code .local/}. */
    private Path publicKey() {
        Path inRepo = repo.resolve("deploy/local/src/main/resources/" + DevTokens.PUBLIC_KEY_RESOURCE).toAbsolutePath();
        if (Files.isReadable(inRepo)) {
            return inRepo;
        }
        Path copy = local.resolve(DevTokens.PUBLIC_KEY_RESOURCE).toAbsolutePath();
        try (var in = LocalStack.class.getClassLoader().getResourceAsStream(DevTokens.PUBLIC_KEY_RESOURCE)) {
            if (in == null) {
                throw new StartupProblem(DevTokens.PUBLIC_KEY_RESOURCE + " is neither at " + inRepo
                        + " nor on the class path");
            }
            Files.createDirectories(copy.getParent());
            Files.write(copy, in.readAllBytes());
            return copy;
        } catch (IOException e) {
            throw new StartupProblem("cannot copy the development public key to " + copy + ": " + e.getMessage());
        }
    }

    private void awaitServices() {
        if (processes.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + READY_TIMEOUT.toNanos();
        long nextProgress = start + TimeUnit.SECONDS.toNanos(5);
        Map<Service, ServiceProcess> waiting = new LinkedHashMap<>(processes);
        while (!waiting.isEmpty() && !stopping) {
            for (var it = waiting.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                Service service = entry.getKey();
                ServiceProcess process = entry.getValue();
                if (!process.isAlive()) {
                    it.remove();
                    out.println("✗ " + service.module() + " exited with code " + process.exitCode().orElse(-1)
                            + "; last lines of " + repo.relativize(process.logFile()) + ":");
                    out.println(process.logTail(40));
                } else if (process.isReady()) {
                    it.remove();
                    ready.put(service, process.baseUrl());
                    out.println("✓ " + service.module() + " ready in " + seconds(Duration.ofNanos(System.nanoTime()
                            - start)));
                }
            }
            long now = System.nanoTime();
            if (waiting.isEmpty() || stopping) {
                break;
            }
            if (now > deadline) {
                waiting.forEach((service, process) -> {
                    out.println("✗ " + service.module() + " not ready after " + READY_TIMEOUT.toSeconds()
                            + " s (it keeps running); last lines of its log:");
                    out.println(process.logTail(30));
                });
                break;
            }
            if (now > nextProgress) {
                List<String> names = new ArrayList<>();
                waiting.keySet().forEach(s -> names.add(s.module()));
                out.println("  … waiting for " + String.join(", ", names) + " ("
                        + TimeUnit.NANOSECONDS.toSeconds(now - start) + " s of " + READY_TIMEOUT.toSeconds() + ")");
                nextProgress = now + TimeUnit.SECONDS.toNanos(5);
            }
            sleep(500);
        }
    }

    private void runDemoLoaders() {
        Map<String, String> urls = new LinkedHashMap<>();
        ready.forEach((service, url) -> urls.put(service.module(), url));
        DemoLoader.Context context = new DemoLoader.Context(http, urls, sharedDir, out);
        out.println("demo data:");
        for (DemoLoader loader : DEMO_LOADERS) {
            out.println("  " + loader.name());
            try {
                loader.load(context);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                out.println("    failed: " + e);
            }
        }
    }

    /** The region of the example token and of the invented demo observations: CFC_DEMO_REGION, default 荥阳市. */
    static String demoRegion() {
        return Optional.ofNullable(System.getenv("CFC_DEMO_REGION")).filter(s -> !s.isBlank()).orElse("410182");
    }

    private void printSummary(Duration took) {
        String demoRegion = demoRegion();
        String nl = System.lineSeparator();
        StringBuilder s = new StringBuilder(nl);
        s.append("════ local platform up in ").append(seconds(took)).append(" — Ctrl-C stops everything ════")
                .append(nl).append(nl);
        s.append(String.format("  %-20s %s  user %s password %s%n", "PostgreSQL", postgres.jdbcUrl(),
                postgres.username(), postgres.password()));
        s.append(String.format("  %-20s services run as <schema>_app, migrate as <schema>_owner (password: the role's name)%n",
                ""));
        if (!postgres.isExternal()) {
            s.append(String.format("  %-20s data %s, log %s%n", "", repo.relativize(postgres.dataDirectory()),
                    repo.relativize(postgres.logFile())));
        }
        s.append(String.format("  %-20s %s%s%n", "Kafka", kafka.bootstrapServers(), kafka.isSecure()
                ? "  SASL_SSL, SCRAM-SHA-512 (a user per service; " + ENV_KAFKA_SECURITY + "=plaintext for none)"
                : kafka.isExternal() ? "" : "  plaintext (" + ENV_KAFKA_SECURITY + "=plaintext)"));
        if (!kafka.isExternal()) {
            s.append(String.format("  %-20s data %s, log %s%n", "", repo.relativize(kafka.logDir()),
                    repo.relativize(kafka.logFile())));
        }
        DevKafkaSecurity dev = kafka.devSecurity();
        if (dev != null) {
            Map<String, String> admin = kafka.clientSettings(DevKafkaSecurity.ADMIN);
            s.append(String.format("  %-20s truststore %s (PKCS12, password %s)%n", "",
                    repo.relativize(kafka.truststore()), admin.get("ssl.truststore.password")));
            s.append(String.format("  %-20s user %s password %s; as client properties: %s%n", "",
                    DevKafkaSecurity.ADMIN, dev.password(DevKafkaSecurity.ADMIN),
                    repo.relativize(dev.adminClientProperties())));
            s.append(String.format("  %-20s development material, new certificates at every start (%s)%n", "",
                    repo.relativize(dev.directory().resolve(DevKafkaSecurity.NOTICE_FILE))));
        }
        s.append(nl);
        for (Service service : processes.keySet()) {
            String base = "http://127.0.0.1:" + service.port();
            s.append(String.format("  %-20s %s%s%n", service.module(), base,
                    ready.containsKey(service) ? "" : "   (NOT READY — see " + repo.relativize(logs.resolve(
                            service.module() + ".log")) + ")"));
            s.append(String.format("  %-20s %s/q/swagger-ui%n", "  Swagger UI", base));
            s.append(String.format("  %-20s %s/q/openapi%n", "  OpenAPI", base));
        }
        // the platform's one document (api/ module), for frontend teams and client generators
        Path platformApi = repo.resolve("api/target/openapi/tongyou-api.yaml");
        s.append(String.format("  %-20s %s%s%n", "OpenAPI (platform)", repo.relativize(platformApi),
                Files.isRegularFile(platformApi) ? "" : "   (not built yet: ./mvnw -pl api package)"));
        Optional<Service> example = ready.keySet().stream().filter(x -> x.examplePath() != null).findFirst();
        if (!ready.isEmpty()) {
            Service service = example.orElse(ready.keySet().iterator().next());
            String path = example.isPresent() ? service.examplePath() : "/q/openapi";
            String token = DevTokens.mint("dev-coordinator", Set.of("coordinator"), demoRegion);
            s.append(nl).append("  A coordinator token for region ").append(demoRegion)
                    .append(" (valid 12 h; others: deploy/local/token.sh --help):").append(nl).append(nl);
            s.append("  TOKEN='").append(token).append("'").append(nl);
            s.append("  curl -s -H \"Authorization: Bearer $TOKEN\" 'http://127.0.0.1:").append(service.port())
                    .append(path).append("'").append(nl);
        } else {
            s.append(nl).append("  no service is ready; a service can run in dev mode against this infrastructure:")
                    .append(nl);
            if (dev != null) {
                s.append("  set -a; . ").append(repo.relativize(dev.serviceEnvironmentFile("facility-service")))
                        .append("; set +a   # its KAFKA_* settings (SASL_SSL, its own user)").append(nl);
            }
            s.append("  CFC_DB_URL=").append(postgres.jdbcUrl()).append(" KAFKA_BOOTSTRAP_SERVERS=")
                    .append(kafka.bootstrapServers()).append(" ./mvnw -pl facility-service quarkus:dev").append(nl);
        }
        s.append(nl).append("  Logs: ").append(repo.relativize(logs)).append("/  — Development keys and tokens are for local"
                + " use only (deploy/local/README.md).").append(nl);
        out.print(s);
        out.flush();
    }

    /** Blocks until shutdown, reporting a service that dies meanwhile. */
    private void watchServices() {
        CountDownLatch forever = new CountDownLatch(1);
        for (ServiceProcess process : processes.values()) {
            if (!process.isAlive()) {
                continue; // reported already
            }
            process.onExit().thenAccept(code -> {
                if (!stopping && !ShutdownSequence.isShuttingDown()) {
                    out.println("✗ " + process.name() + " exited with code " + code + "; see "
                            + repo.relativize(process.logFile()));
                }
            });
        }
        try {
            forever.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Services, then Kafka, then PostgreSQL. */
    private void shutdown() {
        stopping = true;
        if (!processes.isEmpty()) {
            out.println();
            out.println("stopping services ...");
            ServiceProcess.stopAll(processes.values(), SERVICE_STOP_TIMEOUT);
        }
        if (kafka != null) {
            out.println("stopping Kafka ...");
            kafka.close();
        }
        if (postgres != null) {
            out.println("stopping PostgreSQL ...");
            postgres.close();
        }
        try {
            Files.deleteIfExists(local.resolve(PID_FILE));
        } catch (IOException e) {
            // next start checks the processes anyway
        }
        out.println("stopped.");
        out.flush();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Processes left by a launcher that was killed (kill -9 runs no shutdown hook).

    private void writePids() {
        StringBuilder s = new StringBuilder();
        processes.forEach((service, p) -> p.pid().ifPresent(pid -> s.append(pid).append('\t').append(service.module())
                .append('\n')));
        try {
            Files.writeString(local.resolve(PID_FILE), s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // only used to clean up after a crash
        }
    }

    private void stopLeftovers() {
        Path file = local.resolve(PID_FILE);
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t");
                if (parts.length < 2) {
                    continue;
                }
                long pid = Long.parseLong(parts[0].trim());
                String module = parts[1].trim();
                Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().commandLine().map(c -> c.contains(module)).orElse(false));
                if (handle.isPresent()) {
                    out.println("stopping " + module + " (pid " + pid + ") left over from an earlier run");
                    handle.get().destroy();
                    try {
                        handle.get().onExit().get(SERVICE_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    } catch (Exception e) {
                        handle.get().destroyForcibly();
                    }
                }
            }
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            out.println("note: could not read " + file + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Strong references: java.util.logging forgets the level of a logger nobody references. */
    private static final List<Logger> CONFIGURED_LOGGERS = new ArrayList<>();

    /**
     * The launcher's own console shows its messages; library logging only from warnings up. Public for the benchmark
     * harness, whose console is its progress lines.
     */
    public static void quietLibraries() {
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (var handler : root.getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
        // the readiness AdminClient logs a warning per refused connection while the broker starts
        Logger kafkaClients = Logger.getLogger("org.apache.kafka");
        kafkaClients.setLevel(Level.SEVERE);
        CONFIGURED_LOGGERS.add(root);
        CONFIGURED_LOGGERS.add(kafkaClients);
    }

    static int intFromEnv(String name, int defaultValue) {
        String value = System.getenv(name);
        if (isBlank(value)) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new StartupProblem(name + " must be a port number, not '" + value + "'");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StartupProblem("cannot create " + dir + ": " + e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A problem the user can fix; reported without a stack trace. */
    static final class StartupProblem extends RuntimeException {
        StartupProblem(String message) {
            super(message);
        }
    }
}
