package cn.tongyou.system;

import cn.tongyou.common.kafka.TopicOwners;
import cn.tongyou.local.DevKafkaSecurity;
import cn.tongyou.local.EmbeddedPostgresServer;
import cn.tongyou.local.KafkaBroker;
import cn.tongyou.local.LogFiles;
import cn.tongyou.local.Ports;
import cn.tongyou.local.ServiceProcess;
import cn.tongyou.local.ShutdownSequence;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The platform under test, once per test JVM: one PostgreSQL, one Kafka broker and the four services, each a separate
 * JVM started from its packaged runner jar on a free port with the environment deploy/local gives it
 * ({@link ServiceProcess}). Started by the first test that asks for it; stopped when the JVM ends (services, then
 * Kafka, then PostgreSQL). Service logs go to {@code target/logs/<service>.log}.
 *
 * <p>The broker runs with security on ({@link KafkaBroker.Security#SASL_SSL}: TLS, SCRAM-SHA-512, ACLs): each service
 * connects as its own Kafka user, as it would in production; the tests' own clients ({@link #admin()},
 * {@link #adminClientSettings()}) connect as the super user {@value DevKafkaSecurity#ADMIN}.
 */
final class Platform {

    static final String FACILITY = "facility-service";
    static final String INDICATOR = "indicator-service";
    static final String TASK = "task-service";
    static final String REPORTING = "reporting-service";
    static final List<String> PRODUCERS = List.of(FACILITY, INDICATOR, TASK);

    /** The origins a browser page may call the services from: http://127.0.0.1 on any port (BrowserCorsTest). */
    static final String CORS_ORIGINS = "/http://127[.]0[.]0[.]1:[0-9]+/";

    /** reporting-service's consumer group; it reads the topics of {@link TopicOwners#consumed()}. */
    static final String GROUP = "reporting-service";

    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    /** A graceful stop before a restart: the relay and the consumers finish what they hold. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** {@code cfc.discipline.lock-after-days}: days after a period's deadline until its entry closes. */
    static final String LOCK_AFTER_DAYS = "CFC_DISCIPLINE_LOCK_AFTER_DAYS";
    static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(120);
    /**
     * How long "nothing pending, no lag" must hold before the platform counts as caught up. A relay polls every 0.5 s
     * and its health refreshes the backlog count only after it published, so right after a write both may still
     * read zero; within this window the new event reaches Kafka and shows up as consumer lag.
     */
    private static final Duration QUIET_WINDOW = Duration.ofMillis(2500);

    private static Platform instance;
    /** Why the platform did not start: the next test classes fail with it instead of starting another one. */
    private static RuntimeException startFailure;

    private final Path repo;
    private final Path logs;
    private final EmbeddedPostgresServer postgres;
    private final KafkaBroker kafka;
    private final Path publicKey;
    private final List<String> jvmOptions;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** Each service as the platform configured it at start: what {@link #restoreEnvironment(String)} goes back to. */
    private final Map<String, ServiceProcess> configured = new LinkedHashMap<>();
    private final Admin admin;

    private Platform() {
        repo = Path.of(System.getProperty("cfc.repo.dir", "..")).toAbsolutePath().normalize();
        logs = Path.of("target", "logs").toAbsolutePath();
        publicKey = repo.resolve("deploy/local/src/main/resources/dev-keys/publicKey.pem");
        if (!Files.isReadable(publicKey)) {
            throw new IllegalStateException("the development public key is not at " + publicKey);
        }
        // small heaps and the C1 compiler only: five service JVMs, a broker and PostgreSQL share two cores here
        jvmOptions = Optional.ofNullable(System.getenv("CFC_SERVICE_JAVA_OPTS")).filter(s -> !s.isBlank())
                .map(ServiceProcess::splitOptions)
                .orElse(List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        for (String module : List.of(FACILITY, INDICATOR, TASK, REPORTING)) {
            Path jar = ServiceProcess.runnerJar(repo.resolve(module));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: package the services first"
                        + " (./mvnw -B verify -pl system-tests -am, or ./mvnw package -DskipTests)");
            }
        }
        postgres = EmbeddedPostgresServer.fromEnvironmentOrStart(null, 0);
        postgres.createServiceRoles(postgres.jdbcUrl());
        kafka = KafkaBroker.fromEnvironmentOrStart(null, 0, KafkaBroker.Security.SASL_SSL);
        // the data is thrown away with PostgreSQL and the broker: no need to wait long for a graceful stop
        ShutdownSequence.register("system-test services",
                () -> ServiceProcess.stopAll(new ArrayList<>(services.values()), Duration.ofSeconds(10)));
        Map<String, Object> adminConfig = kafka.clientConfig(DevKafkaSecurity.ADMIN);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        admin = Admin.create(adminConfig);
        ShutdownSequence.register("system-test Kafka admin client", () -> admin.close(Duration.ofSeconds(2)));

        for (String module : List.of(FACILITY, INDICATOR, TASK, REPORTING)) {
            services.put(module, process(module, module));
        }
        configured.putAll(services);
        services.values().forEach(ServiceProcess::start);
        services.values().forEach(s -> s.awaitReady(READY_TIMEOUT));
    }

    static synchronized Platform get() {
        if (startFailure != null) {
            throw new IllegalStateException("the platform did not start", startFailure);
        }
        if (instance == null) {
            RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
            RestAssured.filters(ContractValidation.ofTheMergedDocument());
            try {
                instance = new Platform();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return instance;
    }

    /** The platform if a test started it. */
    static synchronized Optional<Platform> ifStarted() {
        return Optional.ofNullable(instance);
    }

    ServiceProcess service(String name) {
        ServiceProcess s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return s;
    }

    String url(String service) {
        return service(service).baseUrl();
    }

    KafkaBroker kafka() {
        return kafka;
    }

    /** An admin client of the super user (topics, offsets, groups). */
    Admin admin() {
        return admin;
    }

    /** A Kafka client's connection settings as the super user, for the tests' own consumers and producers. */
    Map<String, String> adminClientSettings() {
        return kafka.clientSettings(DevKafkaSecurity.ADMIN);
    }

    /**
     * Starts one more reporting-service JVM on its own port: same database schema, same consumer group. Its Kafka
     * consumers' client ids start with {@code name + "."} (the first instance's with {@code reporting-service.}).
     */
    synchronized ServiceProcess startReportingInstance(String name) {
        if (services.containsKey(name)) {
            throw new IllegalStateException(name + " exists");
        }
        ServiceProcess process = process(name, REPORTING);
        services.put(name, process);
        process.start();
        process.awaitReady(READY_TIMEOUT);
        return process;
    }

    /** Stops an instance started by {@link #startReportingInstance(String)}. */
    synchronized void stopReportingInstance(ServiceProcess process, Duration timeout) {
        process.stop(timeout);
        services.remove(process.name());
    }

    /**
     * Stops a service gracefully and starts it again, same port and log, with its environment changed ({@code set}
     * added or replacing, {@code removed} taken out of what the platform gave it), for settings a service reads only at
     * start such as the business date. Waits until it is ready. Pair it with {@link #restoreEnvironment(String)} in a
     * {@code finally}: the test classes after it expect the platform as configured.
     */
    synchronized ServiceProcess restartWith(String name, Map<String, String> set, java.util.Collection<String> removed) {
        ServiceProcess changed = configured(name).withEnvironment(set, removed);
        replace(name, changed);
        return changed;
    }

    /** Restarts a service changed by {@link #restartWith} with the platform's own environment again (no-op if unchanged). */
    synchronized void restoreEnvironment(String name) {
        ServiceProcess original = configured(name);
        if (services.get(name) != original || !original.isAlive()) {
            replace(name, original);
        }
    }

    private ServiceProcess configured(String name) {
        ServiceProcess s = configured.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service " + name + " configured at start");
        }
        return s;
    }

    private void replace(String name, ServiceProcess next) {
        service(name).stop(STOP_TIMEOUT);
        services.put(name, next);
        next.start();
        next.awaitReady(READY_TIMEOUT);
    }

    private ServiceProcess process(String name, String module) {
        int port = Ports.freePort();
        Map<String, String> env = ServiceProcess.environment(port, postgres, postgres.jdbcUrl(), kafka, publicKey);
        ServiceProcess.withDatabaseRoles(env, module);
        // its own Kafka user: a second reporting-service instance is reporting-service too
        env.putAll(kafka.serviceEnvironment(module));
        // a relay retries at most every 2 s while Kafka is away (default up to 30 s): the outage test waits less
        env.put("CFC_OUTBOX_INITIAL_BACKOFF", "PT0.5S");
        env.put("CFC_OUTBOX_MAX_BACKOFF", "PT2S");
        env.put("CFC_CORS_ORIGINS", CORS_ORIGINS);
        // the scenarios write values and reports of 2019 to 2025, periods whose entry closed long ago by the production
        // default (30 days after the deadline): here entry stays open ten years. DisciplineWalkTest restarts
        // indicator-service without it, on the production default, to see a period lock.
        env.put(LOCK_AFTER_DAYS, "3660");
        if (module.equals(REPORTING)) {
            env.put("MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_CLIENT_ID_PREFIX", name + ".");
            // reminders: only the scans a test asks for (no 09:00 run in the middle of one), delivered within a second
            // to the tests' receivers on the loopback (plain http, which production refuses)
            env.put("CFC_REMINDERS_SCAN_CRON", "off");
            env.put("CFC_WEBHOOKS_ALLOW_HTTP", "true");
            env.put("CFC_WEBHOOKS_POLL_INTERVAL", "1s");
            env.put("CFC_WEBHOOKS_INITIAL_BACKOFF", "PT1S");
            env.put("CFC_WEBHOOKS_MAX_BACKOFF", "PT4S");
        }
        return new ServiceProcess(name, repo.resolve(module), port, env, jvmOptions, logs.resolve(name + ".log"));
    }

    // --- is everything through? -------------------------------------------------------------------------------------

    /**
     * Waits until every producer's outbox is empty and reporting-service's consumer group has committed every record of
     * its topics, continuously for {@link #QUIET_WINDOW}: then all writes made before the call are in the projections.
     */
    void awaitCaughtUp() {
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        long quietSince = -1;
        String state = "";
        while (System.nanoTime() < deadline) {
            Map<String, Long> pending = new TreeMap<>();
            PRODUCERS.forEach(p -> pending.put(p, unpublishedEvents(p)));
            Map<TopicPartition, Long> lag = lag();
            boolean quiet = pending.values().stream().allMatch(n -> n == 0) && lag.isEmpty();
            state = "outbox backlog " + pending + ", consumer lag " + lag;
            if (!quiet) {
                quietSince = -1;
            } else if (quietSince < 0) {
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= QUIET_WINDOW.toNanos()) {
                System.out.printf("[system-tests] caught up in %.1f s%n",
                        (System.nanoTime() - deadline + CATCH_UP_TIMEOUT.toNanos()) / 1e9);
                return;
            }
            sleep(250);
        }
        throw new AssertionError("reporting-service did not catch up within " + CATCH_UP_TIMEOUT.toSeconds() + " s: "
                + state);
    }

    /** A connection to the services' database as {@code role} (one of deploy/sql/roles.sql's, or the superuser). */
    java.sql.Connection connectAs(String role) throws java.sql.SQLException {
        String password = role.equals(postgres.username()) ? postgres.password() : EmbeddedPostgresServer.devPassword(role);
        return java.sql.DriverManager.getConnection(postgres.jdbcUrl(), role, password);
    }

    /** The superuser the platform's database was set up with (roles, schemas). */
    String superuser() {
        return postgres.username();
    }

    /**
     * Outbox rows the producer has not published yet, counted in its schema: the truth behind the readiness figure,
     * which a relay refreshes only every few seconds (a catch-up judged on it alone could end before the last rows
     * were even counted). -1 if the database cannot be asked.
     */
    long unpublishedEvents(String producer) {
        String schema = producer.replace("-service", "");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select count(*) from " + schema
                     + ".outbox_event where published_at is null")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    /** The producer's outbox backlog as its readiness check reports it ({@code outbox.pendingEvents}); -1 if unknown. */
    long pendingEvents(String producer) {
        try {
            JsonPath health = RestAssured.given().baseUri(url(producer)).get("/q/health/ready").jsonPath();
            Number n = health.get("checks.find { it.name == 'outbox' }.data.pendingEvents");
            return n == null ? -1 : n.longValue();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Partitions of the consumed topics whose end offset is ahead of the group's committed offset, with the gap. */
    Map<TopicPartition, Long> lag() {
        try {
            List<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(TopicOwners.consumed()::contains).toList();
            if (existing.isEmpty()) {
                return Map.of();
            }
            Map<String, TopicDescription> topics = admin.describeTopics(existing).allTopicNames().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = topics.values().stream()
                    .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                    .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> lag = new LinkedHashMap<>();
            ends.forEach((tp, end) -> {
                OffsetAndMetadata c = committed.get(tp);
                long gap = end - (c == null ? 0 : c.offset());
                if (gap > 0) {
                    lag.put(tp, gap);
                }
            });
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            return Map.of(new TopicPartition("(Kafka unreachable: " + e.getMessage() + ")", 0), -1L);
        }
    }

    ConsumerGroupDescription describeGroup() {
        try {
            return admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS).get(GROUP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe consumer group " + GROUP, e);
        }
    }

    int partitions(String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topic " + topic, e);
        }
    }

    // --- diagnosis ----------------------------------------------------------------------------------------------------

    /** The tail of each service's log and of the broker's, for the console of a failed test. */
    String logTails(int lines) {
        StringBuilder s = new StringBuilder();
        for (ServiceProcess p : services.values()) {
            s.append(System.lineSeparator()).append("── ").append(p.name()).append(" (").append(p.isAlive() ? "running"
                    : "not running").append("), last lines of ").append(p.logFile()).append(':')
                    .append(System.lineSeparator()).append(clip(p.logTail(lines))).append(System.lineSeparator());
        }
        if (kafka.logFile() != null) {
            s.append(System.lineSeparator()).append("── Kafka broker (").append(kafka.isRunning() ? "running"
                    : "stopped").append("), last lines of ").append(kafka.logFile()).append(':')
                    .append(System.lineSeparator()).append(clip(LogFiles.tail(kafka.logFile(), lines)))
                    .append(System.lineSeparator());
        }
        return s.toString();
    }

    /** Long (JSON) log lines cut, so that a tail stays readable on a console. */
    private static String clip(String tail) {
        return tail.lines().map(l -> l.length() > 300 ? l.substring(0, 300) + " …" : l)
                .collect(Collectors.joining(System.lineSeparator()));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
