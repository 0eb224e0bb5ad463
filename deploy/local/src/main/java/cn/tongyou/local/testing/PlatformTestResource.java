package cn.tongyou.local.testing;

import cn.tongyou.local.EmbeddedPostgresServer;
import cn.tongyou.local.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real PostgreSQL and Kafka broker of a {@code @QuarkusTest}:
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;QuarkusTestResource(PlatformTestResource.class)    // or WithTestResource in newer Quarkus
 * class RegionResourceTest { ... }
 * </pre>
 *
 * One PostgreSQL and one broker per test JVM, each started on first use in temporary directories and reused by every
 * test class, test profile and Quarkus restart of that JVM; they are stopped when the JVM exits (Kafka first), not in
 * {@link #stop()}. With {@code CFC_PG_URL} (+ {@code CFC_PG_USER}, {@code CFC_PG_PASSWORD}) or
 * {@code CFC_KAFKA_BOOTSTRAP} set, those servers are used instead and nothing is started.
 *
 * <p>Returned configuration: {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username},
 * {@code quarkus.datasource.password}, {@code kafka.bootstrap.servers}, and {@code quarkus.devservices.enabled},
 * {@code quarkus.datasource.devservices.enabled}, {@code quarkus.kafka.devservices.enabled} = {@code false}.
 *
 * <p>Init argument {@code database} (optional, {@code @ResourceArg(name = "database", value = "facility")}): use
 * (and create if missing) that database instead of {@code postgres}.
 *
 * <p>A test that takes the broker away: {@code PlatformTestResource.kafka().stop(); ...;
 * PlatformTestResource.kafka().startAgain();} (same port, same data).
 *
 * <p>The broker is plaintext ({@link KafkaBroker.Security#PLAINTEXT}), on purpose: certificates and users would cost
 * every test JVM a few seconds and the tests' own clients nothing but settings, while what security changes (each
 * service under its own user, the relay and dead-letter producers, the ACLs) is proven by {@code system-tests}, whose
 * packaged services run against the secure broker. Clients of a test may still use {@code kafka().clientSettings(…)}:
 * on this broker it holds only {@code bootstrap.servers}.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    /**
     * Quarkus may load this class more than once in one JVM (a class loader per application start), so the servers
     * are kept in one JVM-wide map ({@link SharedState}), as maps of JDK types that every class loader understands.
     */
    private static final String POSTGRES_KEY = "cn.tongyou.local.testing.PlatformTestResource.postgres";
    private static final String KAFKA_KEY = "cn.tongyou.local.testing.PlatformTestResource.kafka";

    private String database = "postgres";

    @Override
    public void init(Map<String, String> initArgs) {
        String db = initArgs == null ? null : initArgs.get("database");
        if (db != null && !db.isBlank()) {
            database = db.trim();
        }
    }

    @Override
    public Map<String, String> start() {
        EmbeddedPostgresServer pg = postgres();
        KafkaBroker kafka = kafka();
        String url = "postgres".equals(database) ? pg.jdbcUrl() : pg.createDatabaseIfMissing(database);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", url);
        config.put("quarkus.datasource.username", pg.username());
        config.put("quarkus.datasource.password", pg.password());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.devservices.enabled", "false");
        config.put("quarkus.datasource.devservices.enabled", "false");
        config.put("quarkus.kafka.devservices.enabled", "false");
        return config;
    }

    /** Nothing: the servers outlive one Quarkus application and stop when the JVM exits. */
    @Override
    public void stop() {
    }

    /** This JVM's PostgreSQL, started if needed. */
    @SuppressWarnings("unchecked")
    public static EmbeddedPostgresServer postgres() {
        Map<String, Object> shared = SharedState.jvmWide();
        synchronized (shared) {
            Object handle = shared.get(POSTGRES_KEY);
            if (handle == null) {
                EmbeddedPostgresServer pg = EmbeddedPostgresServer.fromEnvironmentOrStart(null, 0);
                log(pg + (pg.isExternal() ? "" : " started in " + pg.startupTime().toMillis() + " ms"));
                handle = new HashMap<>(pg.handle());
                shared.put(POSTGRES_KEY, handle);
            }
            return EmbeddedPostgresServer.fromHandle((Map<String, Object>) handle);
        }
    }

    /** This JVM's Kafka broker, started if needed; a test may {@code stop()} and {@code startAgain()} it. */
    @SuppressWarnings("unchecked")
    public static KafkaBroker kafka() {
        Map<String, Object> shared = SharedState.jvmWide();
        synchronized (shared) {
            Object handle = shared.get(KAFKA_KEY);
            if (handle == null) {
                KafkaBroker kafka = KafkaBroker.fromEnvironmentOrStart(null, 0);
                log(kafka + (kafka.isExternal() ? "" : " started in " + kafka.lastStartTime().toMillis() + " ms"));
                handle = new HashMap<>(kafka.handle());
                shared.put(KAFKA_KEY, handle);
            }
            return KafkaBroker.fromHandle((Map<String, Object>) handle);
        }
    }

    private static void log(String message) {
        System.out.println("[local-stack] " + message);
    }
}
