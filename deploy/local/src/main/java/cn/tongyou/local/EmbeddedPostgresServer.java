package cn.tongyou.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (16, from Maven Central's io.zonky.test binaries) started without Docker, or an external
 * one named by the environment.
 *
 * <ul>
 * <li>{@link #start(Path, int)} with a {@code null} data directory: a throw-away instance in a temporary directory,
 * tuned for tests (fsync off), deleted on {@link #close()};</li>
 * <li>with a data directory: the data is kept between runs (the first run initialises it), durable settings;</li>
 * <li>{@link #fromEnvironmentOrStart(Path, int)}: if {@code CFC_PG_URL} is set (with {@code CFC_PG_USER},
 * {@code CFC_PG_PASSWORD}) nothing is started and that server is used.</li>
 * </ul>
 * The superuser is {@code postgres}; local connections are trusted, so any password works ({@link #password()} says
 * {@code postgres} because Quarkus wants a non-empty one). Works as root: zonky runs the server through
 * {@code unshare} then, as PostgreSQL refuses to run as root. The server is stopped by {@link #close()} or, failing
 * that, at JVM shutdown through {@link ShutdownSequence}.
 *
 * <p>{@link #createServiceRoles(String)} gives a database the services' least-privilege roles
 * ({@code deploy/sql/roles.sql}, docs/design.md §11.1): per schema {@code <schema>_owner}, which Flyway migrates as,
 * and {@code <schema>_app}, the service's runtime role.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String ENV_URL = "CFC_PG_URL";
    public static final String ENV_USER = "CFC_PG_USER";
    public static final String ENV_PASSWORD = "CFC_PG_PASSWORD";

    public static final String SUPERUSER = "postgres";
    private static final String LOCAL_PASSWORD = "postgres";
    /** The services' schemas, one per service ({@code facility-service} → {@code facility}). */
    public static final List<String> SERVICE_SCHEMAS = List.of("facility", "indicator", "task", "reporting");
    /** deploy/sql/roles.sql, put on the class path by this module's build. */
    private static final String ROLES_SCRIPT = "cn/tongyou/local/sql/roles.sql";
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://)([^/?]*)(/([^?]*))?(\\?.*)?$");

    private final EmbeddedPostgres postgres; // null when external
    private final String urlTemplate;        // jdbc url of database "postgres"
    private final String username;
    private final String password;
    private final int port;
    private final Path dataDirectory;
    private final Path temporaryRoot;        // deleted on close, null when kept or external
    private final Path logFile;
    private final Duration startupTime;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, Object> remote; // another class loader's instance, see handle()
    private ShutdownSequence.Registration registration;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String urlTemplate, String username, String password,
            int port, Path dataDirectory, Path temporaryRoot, Path logFile, Duration startupTime) {
        this.postgres = postgres;
        this.urlTemplate = urlTemplate;
        this.username = username;
        this.password = password;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.temporaryRoot = temporaryRoot;
        this.logFile = logFile;
        this.startupTime = startupTime;
        this.remote = null;
    }

    @SuppressWarnings("unchecked")
    private EmbeddedPostgresServer(Map<String, Object> remote) {
        this.remote = remote;
        this.postgres = null;
        this.urlTemplate = (String) remote.get("url");
        this.username = (String) remote.get("username");
        this.password = (String) remote.get("password");
        this.port = (Integer) remote.get("port");
        this.dataDirectory = Optional.ofNullable((String) remote.get("dataDirectory")).map(Path::of).orElse(null);
        this.temporaryRoot = null;
        this.logFile = Optional.ofNullable((String) remote.get("logFile")).map(Path::of).orElse(null);
        this.startupTime = (Duration) remote.get("startupTime");
    }

    /**
     * Starts a server.
     *
     * @param dataDir where the data lives and is kept between runs; {@code null} = a temporary directory, deleted on
     *                close, with fsync off
     * @param port    the port on localhost; 0 = a free port
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        long t0 = System.nanoTime();
        boolean temporary = dataDir == null;
        Path root = null;
        Path data;
        Path log;
        try {
            if (temporary) {
                root = Files.createTempDirectory("cfc-pg-");
                data = root.resolve("data");
                log = root.resolve("postgres.log");
            } else {
                data = dataDir.toAbsolutePath().normalize();
                Files.createDirectories(data.getParent());
                log = data.resolveSibling(data.getFileName() + ".log");
                stopOrphanedServer(data);
            }
            int actualPort = port == 0 ? Ports.freePort() : port;
            LogFiles.banner(log, "PostgreSQL on port " + actualPort);

            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(temporary)
                    .setPort(actualPort)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    // C locale: initdb must not depend on the locales installed on the machine
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("work_mem", "8MB")
                    .setServerConfig("maintenance_work_mem", "64MB")
                    .setServerConfig("max_wal_size", "1GB")
                    .setServerConfig("log_min_messages", "warning");
            if (temporary) {
                // a test database that dies with its JVM needs no durability
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            } else {
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            EmbeddedPostgres pg;
            try {
                pg = builder.start();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("PostgreSQL did not start on port " + actualPort + " (data in " + data
                        + "): " + e.getMessage() + System.lineSeparator() + "last lines of " + log + ":"
                        + System.lineSeparator() + LogFiles.tail(log, 30), e);
            }
            disableOwnShutdownHook(pg);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg,
                    "jdbc:postgresql://localhost:" + actualPort + "/postgres", SUPERUSER, LOCAL_PASSWORD,
                    actualPort, data, root, log, Duration.ofNanos(System.nanoTime() - t0));
            server.registration = ShutdownSequence.register("PostgreSQL", server::close);
            return server;
        } catch (IOException e) {
            deleteRecursively(root);
            throw new UncheckedIOException("cannot prepare PostgreSQL directories", e);
        } catch (RuntimeException e) {
            deleteRecursively(root);
            throw e;
        }
    }

    /** The server named by {@code CFC_PG_URL} / {@code CFC_PG_USER} / {@code CFC_PG_PASSWORD}, or a started one. */
    public static EmbeddedPostgresServer fromEnvironmentOrStart(Path dataDir, int port) {
        String url = System.getenv(ENV_URL);
        if (url != null && !url.isBlank()) {
            return external(url.trim(), Optional.ofNullable(System.getenv(ENV_USER)).orElse(SUPERUSER),
                    Optional.ofNullable(System.getenv(ENV_PASSWORD)).orElse(""));
        }
        return start(dataDir, port);
    }

    /** An already running server; nothing is started and {@link #close()} does nothing. */
    public static EmbeddedPostgresServer external(String jdbcUrl, String username, String password) {
        Matcher m = JDBC_URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql:// URL: " + jdbcUrl);
        }
        int port = 5432;
        String firstHost = m.group(2).split(",")[0];
        int colon = firstHost.lastIndexOf(':');
        if (colon >= 0 && !firstHost.endsWith("]")) {
            try {
                port = Integer.parseInt(firstHost.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        return new EmbeddedPostgresServer(null, jdbcUrl, username, password, port, null, null, null, Duration.ZERO);
    }

    /** The JDBC URL of {@code database} on this server (for an external server: its URL with the database replaced). */
    public String jdbcUrl(String database) {
        Matcher m = JDBC_URL.matcher(urlTemplate);
        if (!m.matches()) {
            throw new IllegalStateException("unexpected JDBC URL " + urlTemplate);
        }
        return m.group(1) + m.group(2) + "/" + database + Optional.ofNullable(m.group(5)).orElse("");
    }

    /** The JDBC URL of the {@code postgres} database (for an external server: {@code CFC_PG_URL} as given). */
    public String jdbcUrl() {
        return isExternal() ? urlTemplate : jdbcUrl("postgres");
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The port ({@code 5432} or the one in {@code CFC_PG_URL} for an external server, -1 if unknown). */
    public int port() {
        return port;
    }

    public boolean isExternal() {
        return remote != null ? (Boolean) remote.get("external") : postgres == null;
    }

    /** The data directory, {@code null} for an external server. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The server's log file, {@code null} for an external server. */
    public Path logFile() {
        return logFile;
    }

    /** How long {@link #start} took (initdb included on a first run). */
    public Duration startupTime() {
        return startupTime;
    }

    /** A JDBC connection to {@code database}. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), username, password);
    }

    /** Creates {@code database} unless it exists; returns its JDBC URL. */
    public String createDatabaseIfMissing(String database) {
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain identifier: " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(), username, password);
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute("create database \"" + database + "\"");
                    } catch (SQLException e) {
                        if (!"42P04".equals(e.getSQLState())) { // created meanwhile
                            throw e;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
        return jdbcUrl(database);
    }

    /** The role that owns {@code schema} and everything in it; Flyway migrates as it. */
    public static String ownerRole(String schema) {
        return schema + "_owner";
    }

    /** The runtime role of {@code schema}'s service: its own tables only, history and audit insert-only. */
    public static String appRole(String schema) {
        return schema + "_app";
    }

    /**
     * The development password of one of the roles of {@link #createServiceRoles}: its own name. Fixed rather than
     * random: the embedded server trusts local connections whatever the password, so a secret would protect nothing,
     * while a fixed one stays valid for a data directory kept between runs and lets a developer connect as any role
     * without looking it up. Development material, like the dev keys.
     */
    public static String devPassword(String role) {
        return role;
    }

    /**
     * Creates, in the database of {@code jdbcUrl} (one of this server's), the two roles of each of
     * {@link #SERVICE_SCHEMAS} and the schemas they own (deploy/sql/roles.sql: idempotent, hands over the objects of a
     * database migrated before the roles existed), and gives each role its {@link #devPassword}. Needs a superuser: true of the embedded server, and of an external one
     * only if {@code CFC_PG_USER} is one (otherwise an administrator runs deploy/sql/roles.sql there).
     */
    public void createServiceRoles(String jdbcUrl) {
        String script;
        try (InputStream in = EmbeddedPostgresServer.class.getClassLoader().getResourceAsStream(ROLES_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(ROLES_SCRIPT + " is not on the class path (deploy/local/pom.xml copies it)");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROLES_SCRIPT, e);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, username, password); Statement s = c.createStatement()) {
            s.execute(script);
            for (String schema : SERVICE_SCHEMAS) {
                for (String role : List.of(ownerRole(schema), appRole(schema))) {
                    s.execute("alter role \"" + role + "\" password '" + devPassword(role) + "'");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the services' database roles in " + jdbcUrl + " as "
                    + username + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server (fast shutdown) and deletes a temporary data directory. Does nothing for an external one. */
    @Override
    public void close() {
        if (remote != null) {
            ((Runnable) remote.get("close")).run();
            return;
        }
        if (postgres == null || closed.getAndSet(true)) {
            return;
        }
        if (registration != null && !ShutdownSequence.isShuttingDown()) {
            registration.cancel();
        }
        try {
            enableOwnShutdownHook(postgres);
            postgres.close();
        } catch (IOException e) {
            System.err.println("[local-stack] stopping PostgreSQL: " + e);
        } finally {
            deleteRecursively(temporaryRoot);
        }
    }

    @Override
    public String toString() {
        return isExternal() ? "external PostgreSQL " + urlTemplate
                : "PostgreSQL on port " + port + " (data " + (temporaryRoot != null ? "temporary" : dataDirectory) + ")";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sharing one server between class loaders (Quarkus may load test resources once per test profile).

    /**
     * This server as a map of JDK types, to be kept where another class loader can find it (see
     * {@code PlatformTestResource}); {@link #fromHandle(Map)} turns it back into a server there.
     */
    public Map<String, Object> handle() {
        if (remote != null) {
            return remote;
        }
        Map<String, Object> h = new HashMap<>();
        h.put("url", urlTemplate);
        h.put("username", username);
        h.put("password", password);
        h.put("port", port);
        h.put("external", isExternal());
        h.put("dataDirectory", dataDirectory == null ? null : dataDirectory.toString());
        h.put("logFile", logFile == null ? null : logFile.toString());
        h.put("startupTime", startupTime);
        h.put("close", (Runnable) this::close);
        h.put("jdbcUrl", (Function<String, String>) this::jdbcUrl);
        return h;
    }

    /** The server behind a {@link #handle()} made by any class loader. */
    public static EmbeddedPostgresServer fromHandle(Map<String, Object> handle) {
        return new EmbeddedPostgresServer(handle);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * zonky registers its own shutdown hook, which would stop PostgreSQL at the same moment as everything else; the
     * {@link ShutdownSequence} stops it last instead. zonky's hook does nothing once its {@code closed} flag is set.
     */
    private static void disableOwnShutdownHook(EmbeddedPostgres pg) {
        setClosedFlag(pg, true);
    }

    private static void enableOwnShutdownHook(EmbeddedPostgres pg) {
        setClosedFlag(pg, false);
    }

    private static void setClosedFlag(EmbeddedPostgres pg, boolean value) {
        try {
            Field f = EmbeddedPostgres.class.getDeclaredField("closed");
            f.setAccessible(true);
            ((AtomicBoolean) f.get(pg)).set(value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another zonky version: its own hook stays, which only loses the shutdown order
        }
    }

    /**
     * A kept data directory may still have a server running from a launcher that was killed (kill -9 does not run
     * shutdown hooks, and pg_ctl detaches the server). Stops it, unless another live JVM holds the directory (then
     * this throws {@link IllegalStateException}). {@link #start} does this itself; a caller that checks the port
     * first calls it before.
     *
     * @return whether a server was stopped
     */
    public static boolean stopOrphanedServer(Path dataDir) throws IOException {
        Path data = dataDir.toAbsolutePath().normalize();
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        Path lockFile = data.resolve("epg-lock");
        if (Files.exists(lockFile)) {
            try (FileOutputStream out = new FileOutputStream(lockFile.toFile(), true);
                 FileLock lock = out.getChannel().tryLock()) {
                if (lock == null) {
                    throw new IllegalStateException("the PostgreSQL data directory " + data
                            + " is in use by another running process (is the local stack already running?)");
                }
            } catch (java.nio.channels.OverlappingFileLockException e) {
                throw new IllegalStateException("the PostgreSQL data directory " + data + " is in use in this JVM");
            }
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
        } catch (RuntimeException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
        if (process.isEmpty()) {
            return false; // stale pid file: PostgreSQL copes
        }
        System.out.println("[local-stack] stopping an orphaned PostgreSQL server (pid " + pid + ") on " + data);
        try {
            // SIGINT = fast shutdown (SIGTERM would wait for its clients)
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            process.get().destroy();
        }
        try {
            process.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("an orphaned PostgreSQL server (pid " + pid + ") still runs on " + data
                    + "; stop it (kill " + pid + ") and try again");
        }
        return true;
    }

    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
