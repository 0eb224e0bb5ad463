package cn.tongyou.bench.volume;

import cn.tongyou.bench.Bench;
import cn.tongyou.bench.ComplianceScenario;
import cn.tongyou.bench.ConsumerScenario;
import cn.tongyou.bench.RelayScenario;
import cn.tongyou.bench.Row;
import cn.tongyou.bench.Scenario;
import cn.tongyou.bench.VillageImportScenario;
import cn.tongyou.common.kafka.TopicOwners;
import cn.tongyou.local.DemoLoader;
import cn.tongyou.local.DevKafkaSecurity;
import cn.tongyou.local.DevTokens;
import cn.tongyou.local.EmbeddedPostgresServer;
import cn.tongyou.local.KafkaBroker;
import cn.tongyou.local.LocalStack;
import cn.tongyou.local.Ports;
import cn.tongyou.local.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the volume scenarios (villages, relay, consumer, compliance) on a stack of their own, for their development
 * before and apart from the harness ({@code BenchmarkMain}): PostgreSQL, the secure broker and the four packaged
 * services as deploy/local starts them, the catalogue and facility demo data loaded between consumer and compliance.
 * Not a test: {@code ./mvnw -Pbenchmarks -pl common,deploy/local,benchmarks verify -Dtest=VolumeScenariosBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} once the services are packaged. Only what these scenarios use of
 * {@link Bench} is implemented here; the load tools are the harness's.
 */
@Tag("benchmark")
class VolumeScenariosBenchmark {

    static final List<String> MODULES = List.of("facility-service", "indicator-service", "task-service", "reporting-service");

    /** Strong reference: java.util.logging forgets the level of a logger nobody holds. */
    private static final java.util.logging.Logger KAFKA_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");

    @Test
    void volumeScenarios() throws Exception {
        // every admin client and consumer would print its whole configuration
        KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
        Path repo = Path.of(System.getProperty("cfc.repo.dir", "..")).toAbsolutePath().normalize();
        Path work = Path.of("target", "volume-bench").toAbsolutePath();
        Files.createDirectories(work);
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.fromEnvironmentOrStart(null, 0);
        postgres.createServiceRoles(postgres.jdbcUrl());
        KafkaBroker kafka = KafkaBroker.fromEnvironmentOrStart(null, 0, KafkaBroker.Security.SASL_SSL);
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        try {
            Path publicKey = repo.resolve("deploy/local/src/main/resources/" + DevTokens.PUBLIC_KEY_RESOURCE);
            for (String module : MODULES) {
                int port = Ports.freePort();
                Map<String, String> env = ServiceProcess.environment(port, postgres, postgres.jdbcUrl(), kafka, publicKey);
                ServiceProcess.withDatabaseRoles(env, module);
                env.putAll(kafka.serviceEnvironment(module));
                List<String> jvm = Optional.ofNullable(System.getenv("CFC_SERVICE_JAVA_OPTS")).filter(s -> !s.isBlank())
                        .map(ServiceProcess::splitOptions)
                        .orElse(List.of(module.equals("facility-service") ? "-Xmx512m" : "-Xmx384m"));
                services.put(module, new ServiceProcess(module, repo.resolve(module), port, env, jvm,
                        work.resolve(module + ".log")));
            }
            services.values().forEach(ServiceProcess::start);
            services.values().forEach(s -> s.awaitReady(Duration.ofMinutes(3)));
            Stack bench = new Stack(repo, work, postgres, kafka, services);

            List<Row> rows = new ArrayList<>();
            List<String> only = Optional.ofNullable(System.getProperty("cfc.bench.scenarios"))
                    .map(s -> List.of(s.split(","))).orElse(List.of("villages", "relay", "consumer", "compliance"));
            for (Scenario scenario : List.of(new VillageImportScenario(), new RelayScenario(), new ConsumerScenario(),
                    new ComplianceScenario())) {
                if (!only.contains(scenario.name())) {
                    continue;
                }
                if (scenario instanceof ComplianceScenario) {
                    loadDemoData(bench, services);
                }
                bench.log("── " + scenario.name());
                List<Row> produced = scenario.run(bench);
                produced.forEach(r -> bench.log("   " + line(r)));
                rows.addAll(produced);
            }
            StringBuilder table = new StringBuilder("| path | product | anchor (what) | ratio | goal | met | p50 | p99 | RSS MB | note |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|\n");
            rows.forEach(r -> table.append(line(r)).append('\n'));
            System.out.println(table);
            Files.writeString(work.resolve("volume-table.md"), table);
            assertThat(rows).isNotEmpty();
        } finally {
            ServiceProcess.stopAll(new ArrayList<>(services.values()), Duration.ofSeconds(20));
            kafka.close();
            postgres.close();
        }
    }

    /** The catalogue, facility and observation demo data, as run.sh loads it, then wait until reporting has it. */
    private static void loadDemoData(Stack bench, Map<String, ServiceProcess> services) throws Exception {
        Map<String, String> urls = new LinkedHashMap<>();
        services.forEach((name, p) -> urls.put(name, p.baseUrl()));
        DemoLoader.Context context = new DemoLoader.Context(HttpClient.newHttpClient(), urls, bench.sharedDir(), System.out);
        for (DemoLoader loader : LocalStack.DEMO_LOADERS) {
            bench.log("demo data: " + loader.name());
            loader.load(context);
        }
        try (Offsets offsets = new Offsets(bench)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                long pending = 0;
                for (String schema : List.of("facility", "indicator", "task")) {
                    pending += Calls.queryLong(bench, "select count(*) from " + schema + ".outbox_event where published_at is null");
                }
                for (String topic : TopicOwners.consumed()) {
                    try {
                        pending += offsets.lag(Offsets.REPORTING_GROUP, topic);
                    } catch (Exception absent) {
                        // a topic nobody has written to yet
                    }
                }
                if (pending == 0) {
                    return;
                }
                Calls.sleep(1000);
            }
        }
    }

    static String line(Row r) {
        return String.format(Locale.ROOT, "| %s | %s %s | %s (%s) | %s | %s | %s | %s | %s | %s | %s |", r.path(),
                num(r.product()), r.unit(), num(r.anchor()), r.anchorName(), num(r.ratio()), r.goal(),
                r.met() ? "yes" : "NO", num(r.p50Ms()), num(r.p99Ms()), num(r.rssMb()), r.note());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "—" : Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The parts of {@link Bench} the volume scenarios use, over the stack this runner started. */
    private record Stack(Path repo, Path workDir, EmbeddedPostgresServer postgres, KafkaBroker kafka,
                         Map<String, ServiceProcess> services) implements Bench {

        @Override
        public Path sharedDir() {
            return Optional.ofNullable(System.getenv("CFC_SHARED_DIR")).map(Path::of).orElse(repo.resolve("../shared"))
                    .toAbsolutePath().normalize();
        }

        @Override
        public URI service(String module) {
            return URI.create(services.get(module).baseUrl());
        }

        @Override
        public String adminToken() {
            return DevTokens.mint("volume-bench", Set.of("admin", "coordinator"), DevTokens.NATIONWIDE);
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
            Properties p = new Properties();
            p.putAll(kafka.clientConfig(DevKafkaSecurity.ADMIN));
            return p;
        }

        @Override
        public long pid(String module) {
            return services.get(module).pid().orElseThrow(() -> new IllegalStateException(module + " is not running"));
        }

        @Override
        public double rssMb(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                    }
                }
            } catch (Exception e) {
                return Double.NaN;
            }
            return Double.NaN;
        }

        @Override
        public Duration restart(String module, Map<String, String> extraEnvironment) {
            throw new UnsupportedOperationException("the volume scenarios do not restart services");
        }

        @Override
        public LoadResult wrk(URI url, int connections, Duration duration, Path luaScript) {
            throw new UnsupportedOperationException("the volume scenarios time single requests; wrk is the harness's");
        }

        @Override
        public LoadResult pgbench(Path script, int clients, Duration duration) {
            throw new UnsupportedOperationException("the volume scenarios' anchors run over JDBC");
        }

        @Override
        public void log(String line) {
            System.out.println("[volume] " + line);
        }
    }
}
