package cn.tongyou.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A real single-node Apache Kafka broker (KRaft, {@code process.roles=broker,controller}) run as a child JVM from
 * the {@code kafka_2.13} jars of Maven Central, without Docker.
 *
 * <ul>
 * <li>{@link #start(Path, int)} with a {@code null} log directory: a temporary one, deleted on {@link #close()};
 * with a directory: its topics and offsets are kept between runs (storage is formatted only the first time).</li>
 * <li>The broker listens on 127.0.0.1 only: {@link #port()} for clients, {@link #controllerPort()} for its KRaft
 * controller.</li>
 * <li>{@link #stop()} and {@link #startAgain()} (or {@link #restart()}) keep the port and the log directory, so a
 * test can take the broker away and bring it back.</li>
 * <li>{@link #fromEnvironmentOrStart(Path, int)}: if {@code CFC_KAFKA_BOOTSTRAP} is set nothing is started and that
 * broker is used; it cannot be stopped or restarted from here.</li>
 * <li>{@link Security#SASL_SSL}: the client listener takes SASL_SSL with SCRAM-SHA-512 only, the StandardAuthorizer
 * denies whatever the ACLs of {@link DevKafkaSecurity} do not allow, and each service has its own user;
 * {@link #clientSettings(String)} and {@link #serviceEnvironment(String)} give what a client or a service needs to
 * connect as one of them ({@value DevKafkaSecurity#ADMIN} for the harness). The certificates and passwords are made
 * at {@link #start} (development material, in a directory beside the log directory) and kept by {@link #stop()} /
 * {@link #startAgain()}. The KRaft controller listener stays plaintext on 127.0.0.1.</li>
 * <li>The broker's output goes to a log file next to the log directory ({@link #logFile()}), not to the console.
 * The child dies with this JVM: a shutdown hook stops it, and if this JVM is killed the child notices its
 * standard input closing and shuts down.</li>
 * </ul>
 * Environment: {@code CFC_KAFKA_JVM_OPTS} replaces the broker JVM's options (default
 * {@value #DEFAULT_JVM_OPTS}).
 */
public final class KafkaBroker implements AutoCloseable {

    public static final String ENV_BOOTSTRAP = "CFC_KAFKA_BOOTSTRAP";
    public static final String ENV_JVM_OPTS = "CFC_KAFKA_JVM_OPTS";
    public static final String DEFAULT_JVM_OPTS = "-Xms128m -Xmx768m -XX:+UseG1GC -XX:MaxGCPauseMillis=20"
            + " -Djava.awt.headless=true";
    private static final String TOOL_JVM_OPTS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            + " -Djava.awt.headless=true";
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    public static final long STOP_TIMEOUT_SECONDS = 30;
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(STOP_TIMEOUT_SECONDS);

    private static final String HOST = "127.0.0.1";
    private static final String CLIENT_LISTENER = "SASL_SSL";

    /** How clients connect to a broker started here. */
    public enum Security {
        /** No authentication, everyone may do everything (module tests, quick local runs). */
        PLAINTEXT,
        /** TLS, SCRAM-SHA-512 users, ACLs ({@link DevKafkaSecurity}). */
        SASL_SSL
    }

    private final String externalBootstrap;
    private final Path logDir;
    private final Path temporaryRoot;
    private final Path propertiesFile;
    private final Path argFile;
    private final Path logFile;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private final Map<String, Object> remote;
    private final DevKafkaSecurity security;
    /** The security of the configuration written last: how the running process takes clients. */
    private DevKafkaSecurity running;
    private Process process;
    private List<String> loggingOptions = List.of();
    private Duration lastStartTime = Duration.ZERO;
    private boolean closed;
    private ShutdownSequence.Registration registration;

    private KafkaBroker(String externalBootstrap, Path logDir, Path temporaryRoot, Path propertiesFile, Path argFile,
            Path logFile, int port, int controllerPort, String classpath, DevKafkaSecurity security) {
        this.externalBootstrap = externalBootstrap;
        this.logDir = logDir;
        this.temporaryRoot = temporaryRoot;
        this.propertiesFile = propertiesFile;
        this.argFile = argFile;
        this.logFile = logFile;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
        this.security = security;
        this.remote = null;
    }

    private KafkaBroker(Map<String, Object> remote) {
        this.remote = remote;
        this.externalBootstrap = null;
        this.logDir = remote.get("logDir") == null ? null : Path.of((String) remote.get("logDir"));
        this.logFile = remote.get("logFile") == null ? null : Path.of((String) remote.get("logFile"));
        this.port = (Integer) remote.get("port");
        this.controllerPort = (Integer) remote.get("controllerPort");
        this.temporaryRoot = null;
        this.propertiesFile = null;
        this.argFile = null;
        this.classpath = null;
        this.security = null;
    }

    /**
     * Starts a broker with this JVM's class path.
     *
     * @param logDir where topics live and are kept between runs; {@code null} = a temporary directory
     * @param port   the client port on 127.0.0.1; 0 = a free port (the controller gets {@code port + 1} if that is
     *               free, else a free port)
     */
    public static KafkaBroker start(Path logDir, int port) {
        return start(logDir, port, 0, null, Security.PLAINTEXT);
    }

    /** Starts a broker with this JVM's class path and the given client security. */
    public static KafkaBroker start(Path logDir, int port, Security security) {
        return start(logDir, port, 0, null, security);
    }

    /**
     * Starts a broker.
     *
     * @param controllerPort the KRaft controller's port; 0 = {@code port + 1} if free, else a free port
     * @param classpath      the class path of the broker JVM (it must hold kafka_2.13 and its dependencies);
     *                       {@code null} = this JVM's {@code java.class.path}
     * @param security       how clients connect
     */
    public static KafkaBroker start(Path logDir, int port, int controllerPort, String classpath, Security security) {
        Path root = null;
        try {
            Path dir;
            Path base;
            if (logDir == null) {
                root = Files.createTempDirectory("cfc-kafka-");
                dir = root.resolve("data");
                base = root.resolve("broker");
            } else {
                dir = logDir.toAbsolutePath().normalize();
                base = dir.resolveSibling(dir.getFileName().toString());
            }
            Files.createDirectories(dir);
            int brokerPort = port == 0 ? Ports.freePort() : port;
            int ctlPort = controllerPort != 0 ? controllerPort
                    : port != 0 && port < 65535 && Ports.isFree(port + 1) ? port + 1 : freePortOtherThan(brokerPort);
            String cp = classpath != null ? classpath : System.getProperty("java.class.path");
            // beside the log directory, not in it: the broker takes every directory in log.dirs for a partition
            DevKafkaSecurity dev = security == Security.SASL_SSL
                    ? DevKafkaSecurity.create(Path.of(base + "-dev-security")) : null;
            KafkaBroker broker = new KafkaBroker(null, dir, root,
                    Path.of(base + ".properties"), Path.of(base + ".java-args"), Path.of(base + ".log"),
                    brokerPort, ctlPort, cp, dev);
            broker.registration = ShutdownSequence.register("Kafka broker", broker::close);
            try {
                broker.startProcess();
                if (dev != null) {
                    dev.writeClientFiles(broker.bootstrapServers());
                }
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            return broker;
        } catch (IOException e) {
            EmbeddedPostgresServer.deleteRecursively(root);
            throw new UncheckedIOException("cannot prepare the Kafka log directory", e);
        }
    }

    /** The broker named by {@code CFC_KAFKA_BOOTSTRAP}, or a started one. */
    public static KafkaBroker fromEnvironmentOrStart(Path logDir, int port) {
        return fromEnvironmentOrStart(logDir, port, Security.PLAINTEXT);
    }

    /**
     * The broker named by {@code CFC_KAFKA_BOOTSTRAP} (a plaintext one: its credentials are unknown here), or a
     * started one with the given security.
     */
    public static KafkaBroker fromEnvironmentOrStart(Path logDir, int port, Security security) {
        String bootstrap = System.getenv(ENV_BOOTSTRAP);
        if (bootstrap != null && !bootstrap.isBlank()) {
            return external(bootstrap.trim());
        }
        return start(logDir, port, security);
    }

    /** An already running broker; nothing is started. */
    public static KafkaBroker external(String bootstrapServers) {
        int port = -1;
        try {
            String first = bootstrapServers.split(",")[0];
            port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
        } catch (RuntimeException e) {
            // unknown
        }
        return new KafkaBroker(bootstrapServers, null, null, null, null, null, port, -1, null, null);
    }

    /** {@code 127.0.0.1:<port>}, or {@code CFC_KAFKA_BOOTSTRAP} for an external broker. */
    public String bootstrapServers() {
        if (remote != null) {
            return ((Supplier<?>) remote.get("bootstrapServers")).get().toString();
        }
        return externalBootstrap != null ? externalBootstrap : HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** Whether clients must authenticate (SASL_SSL, SCRAM users, ACLs). */
    public boolean isSecure() {
        if (remote != null) {
            return (Boolean) remote.get("secure");
        }
        return security != null;
    }

    /**
     * What a Kafka client needs to connect as {@code user} (a service name of {@code TopicOwners}, or
     * {@value DevKafkaSecurity#ADMIN}): the standard client properties, {@code bootstrap.servers} included. Only
     * {@code bootstrap.servers} for a plaintext or external broker, whatever the user.
     */
    @SuppressWarnings("unchecked")
    public Map<String, String> clientSettings(String user) {
        if (remote != null) {
            return ((Function<String, Map<String, String>>) remote.get("clientSettings")).apply(user);
        }
        return security == null ? Map.of("bootstrap.servers", bootstrapServers())
                : security.clientSettings(bootstrapServers(), user);
    }

    /** {@link #clientSettings(String)} as a Kafka client takes them (values of type Object). */
    public Map<String, Object> clientConfig(String user) {
        return new HashMap<>(clientSettings(user));
    }

    /**
     * {@link #clientSettings(String)} as the environment of a service: {@code KAFKA_BOOTSTRAP_SERVERS},
     * {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG},
     * {@code KAFKA_SSL_TRUSTSTORE_LOCATION}, {@code KAFKA_SSL_TRUSTSTORE_PASSWORD}, {@code KAFKA_SSL_TRUSTSTORE_TYPE}
     * (README, Configuration).
     */
    public Map<String, String> serviceEnvironment(String user) {
        Map<String, String> env = new LinkedHashMap<>();
        clientSettings(user).forEach((key, value) ->
                env.put("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        return env;
    }

    /** The development security of a secure broker started here; {@code null} otherwise (or in another class loader). */
    public DevKafkaSecurity devSecurity() {
        return security;
    }

    /** The clients' truststore (the development CA, PKCS12), {@code null} unless {@link #isSecure()}. */
    public Path truststore() {
        if (remote != null) {
            return remote.get("truststore") == null ? null : Path.of((String) remote.get("truststore"));
        }
        return security == null ? null : security.truststore();
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** The log directory (topic data), {@code null} for an external broker. */
    public Path logDir() {
        return logDir;
    }

    /** The broker's stdout/stderr, {@code null} for an external broker. */
    public Path logFile() {
        return logFile;
    }

    public boolean isExternal() {
        return remote != null ? (Boolean) remote.get("external") : externalBootstrap != null;
    }

    /** How long the last start took (storage formatting included), until the broker answered. */
    public Duration lastStartTime() {
        if (remote != null) {
            return ((Supplier<Duration>) remote.get("lastStartTime")).get();
        }
        return lastStartTime;
    }

    /** Whether the broker process is alive (always {@code true} for an external broker). */
    public synchronized boolean isRunning() {
        if (remote != null) {
            return ((BooleanSupplier) remote.get("isRunning")).getAsBoolean();
        }
        return externalBootstrap != null || (process != null && process.isAlive());
    }

    /** Stops the broker gracefully (SIGTERM), killing it after {@value #STOP_TIMEOUT_SECONDS} s. Keeps its data. */
    public void stop() {
        stop(STOP_TIMEOUT);
    }

    /** Stops the broker gracefully, killing it after {@code timeout}. Keeps its data and port. */
    public synchronized void stop(Duration timeout) {
        if (remote != null) {
            ((Runnable) remote.get("stop")).run();
            return;
        }
        requireLocal("stop");
        Process p = process;
        process = null;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        ServiceProcess.awaitExitOrKill(p, System.nanoTime() + timeout.toNanos(), "Kafka broker", timeout);
    }

    /** Starts the broker again after {@link #stop()}: same ports, same log directory. Does nothing if it runs. */
    public synchronized void startAgain() {
        if (remote != null) {
            ((Runnable) remote.get("startAgain")).run();
            return;
        }
        requireLocal("start again");
        if (closed) {
            throw new IllegalStateException("this broker was closed");
        }
        if (process != null && process.isAlive()) {
            return;
        }
        startProcess();
    }

    /** {@link #stop()} then {@link #startAgain()}. */
    public synchronized void restart() {
        if (remote != null) {
            ((Runnable) remote.get("restart")).run();
            return;
        }
        requireLocal("restart");
        stop();
        startAgain();
    }

    /** Stops the broker and deletes a temporary log directory. Does nothing for an external broker. */
    @Override
    public synchronized void close() {
        if (remote != null) {
            ((Runnable) remote.get("close")).run();
            return;
        }
        if (externalBootstrap != null || closed) {
            return;
        }
        closed = true;
        if (registration != null && !ShutdownSequence.isShuttingDown()) {
            registration.cancel();
        }
        stop();
        EmbeddedPostgresServer.deleteRecursively(temporaryRoot);
    }

    @Override
    public String toString() {
        return isExternal() ? "external Kafka " + bootstrapServers()
                : "Kafka broker " + bootstrapServers() + (isSecure() ? " SASL_SSL/" + DevKafkaSecurity.MECHANISM : "")
                + " (log dir " + (temporaryRoot != null ? "temporary" : logDir) + ")";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sharing one broker between class loaders (Quarkus may load test resources once per test profile).

    /** This broker as a map of JDK types; {@link #fromHandle(Map)} turns it back into a broker in any class loader. */
    public Map<String, Object> handle() {
        if (remote != null) {
            return remote;
        }
        Map<String, Object> h = new HashMap<>();
        h.put("external", isExternal());
        h.put("secure", isSecure());
        h.put("truststore", truststore() == null ? null : truststore().toString());
        h.put("clientSettings", (Function<String, Map<String, String>>) this::clientSettings);
        h.put("port", port);
        h.put("controllerPort", controllerPort);
        h.put("logDir", logDir == null ? null : logDir.toString());
        h.put("logFile", logFile == null ? null : logFile.toString());
        h.put("bootstrapServers", (Supplier<String>) this::bootstrapServers);
        h.put("lastStartTime", (Supplier<Duration>) this::lastStartTime);
        h.put("isRunning", (BooleanSupplier) this::isRunning);
        h.put("stop", (Runnable) this::stop);
        h.put("startAgain", (Runnable) this::startAgain);
        h.put("restart", (Runnable) this::restart);
        h.put("close", (Runnable) this::close);
        return h;
    }

    public static KafkaBroker fromHandle(Map<String, Object> handle) {
        return new KafkaBroker(handle);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void requireLocal(String action) {
        if (externalBootstrap != null) {
            throw new UnsupportedOperationException("cannot " + action + " the Kafka broker: it is the external broker "
                    + externalBootstrap + " named by " + ENV_BOOTSTRAP + ", not one started here."
                    + " Unset " + ENV_BOOTSTRAP + " to run tests that stop or restart the broker.");
        }
    }

    private void startProcess() {
        long t0 = System.nanoTime();
        try {
            LogFiles.banner(logFile, "Kafka broker on " + HOST + ":" + port + " (controller " + controllerPort + ")"
                    + (security == null ? "" : ", clients SASL_SSL/" + DevKafkaSecurity.MECHANISM));
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                writeConfiguration(security);
                formatStorage();
                if (security != null) {
                    security.saveUsers();
                }
            } else if (security != null && !security.usersSaved()) {
                addUsersToFormattedStorage();
            }
            writeConfiguration(security);
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker", e);
        }
        awaitReady(security == null ? null : security::grantAcls);
        lastStartTime = Duration.ofNanos(System.nanoTime() - t0);
    }

    private void launch() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(mainClass(), propertiesFile.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE); // the watchdog in KafkaBrokerMain reads it
        process = pb.start();
    }

    /**
     * A log directory formatted without the users (one that ran in plaintext, or whose users file is gone) gets them
     * through one plaintext start without an authorizer: only the broker can be asked to add them, and it asks for
     * a user it knows.
     */
    private void addUsersToFormattedStorage() throws IOException {
        LogFiles.banner(logFile, "plaintext start to add the SCRAM users to a log directory formatted without them");
        writeConfiguration(null);
        launch();
        awaitReady(security::upsertUsers);
        stop(STOP_TIMEOUT);
        security.saveUsers();
    }

    private void writeConfiguration(DevKafkaSecurity mode) throws IOException {
        running = mode;
        Map<String, String> c = new LinkedHashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", "1");
        // a static voter set: nothing about the controller's address is written into the log directory, so a kept
        // directory works with other ports later
        c.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        String listener = mode == null ? "PLAINTEXT" : CLIENT_LISTENER;
        c.put("listeners", listener + "://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        c.put("advertised.listeners", listener + "://" + HOST + ":" + port);
        c.put("inter.broker.listener.name", listener);
        c.put("controller.listener.names", "CONTROLLER");
        c.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT," + listener + ":" + listener);
        if (mode != null) {
            c.putAll(mode.brokerSettings(listener));
        }
        c.put("log.dirs", logDir.toString());
        c.put("num.partitions", "3");
        c.put("default.replication.factor", "1");
        c.put("min.insync.replicas", "1");
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "10");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("auto.create.topics.enable", "true");
        c.put("delete.topic.enable", "true");
        c.put("log.cleaner.dedupe.buffer.size", Integer.toString(32 * 1024 * 1024));
        c.put("num.recovery.threads.per.data.dir", "2");
        StringBuilder text = new StringBuilder("# written by cn.tongyou.local.KafkaBroker; rewritten at every start\n"
                + (mode == null ? "" : "# DEVELOPMENT MATERIAL: passwords of a local broker, see "
                + mode.directory().resolve(DevKafkaSecurity.NOTICE_FILE) + "\n"));
        c.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(propertiesFile, text, StandardCharsets.UTF_8);

        // the class path goes into a java @argument file: it can exceed the command line's limits
        String cp = classpath;
        String own = ownLocation();
        if (own != null) {
            cp = cp == null || cp.isEmpty() ? own : cp + File.pathSeparator + own;
        }
        Files.writeString(argFile, "-cp \"" + cp.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n",
                StandardCharsets.UTF_8);
        loggingOptions = loggingOptions(cp);
    }

    /**
     * The broker logs through SLF4J, to {@link BrokerLogProvider} (one line per event on its standard output, which
     * goes to {@link #logFile()}) whatever provider the class path has: a Quarkus test class path has
     * slf4j-jboss-logmanager, which logs nothing in a JVM that Quarkus does not configure.
     */
    private List<String> loggingOptions(String cp) throws IOException {
        List<java.net.URL> urls = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        List<String> options = new ArrayList<>();
        // a URLClassLoader follows the manifest Class-Path of surefire's class path jar, as the broker JVM will
        try (java.net.URLClassLoader probe = new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            if (probe.findResource(BrokerLogProvider.class.getName().replace('.', '/') + ".class") != null) {
                options.add("-Dslf4j.provider=" + BrokerLogProvider.class.getName());
                options.add("-D" + BrokerLogProvider.LEVEL_PROPERTY + "="
                        + System.getProperty(BrokerLogProvider.LEVEL_PROPERTY, "INFO"));
            }
            if (probe.findResource("org/jboss/logmanager/LogManager.class") != null) {
                // JBoss LogManager's System.LoggerFinder complains at every start without it
                options.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
            }
        }
        return options;
    }

    private void formatStorage() throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", propertiesFile.toString()));
        if (security != null) {
            args.addAll(security.formatArguments());
        }
        Process format = new ProcessBuilder(command(true, "kafka.tools.StorageTool", args.toArray(String[]::new)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
                .start();
        try {
            if (!format.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting the Kafka log directory " + logDir + " timed out; "
                        + "last lines of " + logFile + ":" + System.lineSeparator() + LogFiles.tail(logFile, 40));
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting the Kafka log directory", e);
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException("formatting the Kafka log directory " + logDir + " failed (exit "
                    + format.exitValue() + "); last lines of " + logFile + ":" + System.lineSeparator()
                    + LogFiles.tail(logFile, 40));
        }
    }

    private List<String> command(String mainClass, String... args) {
        return command(false, mainClass, args);
    }

    /** {@code tool}: a short-lived JVM (storage formatting), started with options for a quick start. */
    private List<String> command(boolean tool, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        // in a session of its own where possible, so that Ctrl-C in a terminal reaches only the parent, which then
        // stops its children in order
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        } else if (Files.isExecutable(Path.of("/bin/setsid"))) {
            cmd.add("/bin/setsid");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String opts = tool ? TOOL_JVM_OPTS : System.getenv(ENV_JVM_OPTS);
        cmd.addAll(Arrays.asList((opts == null || opts.isBlank() ? DEFAULT_JVM_OPTS : opts).trim().split("\\s+")));
        cmd.addAll(loggingOptions);
        cmd.add("@" + argFile);
        cmd.add(mainClass);
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    private static String mainClass() {
        return ownLocation() != null || ClassLoader.getSystemClassLoader()
                .getResource(KafkaBrokerMain.class.getName().replace('.', '/') + ".class") != null
                ? KafkaBrokerMain.class.getName() : "kafka.Kafka";
    }

    /** The jar or directory these classes come from, so that the broker JVM finds {@link KafkaBrokerMain}. */
    private static String ownLocation() {
        try {
            CodeSource source = KafkaBrokerMain.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
                return null;
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.exists(path) ? path.toString() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null";
    }

    private static int freePortOtherThan(int port) {
        for (int i = 0; i < 10; i++) {
            int p = Ports.freePort();
            if (p != port) {
                return p;
            }
        }
        throw new IllegalStateException("no free port");
    }

    /** Something done with an admin client once the broker answers; retried until the deadline. */
    @FunctionalInterface
    private interface AdminStep {
        void run(Admin admin) throws Exception;
    }

    /**
     * Waits until the broker answers an admin client (as {@value DevKafkaSecurity#ADMIN} if the configuration that
     * runs is secure), then runs {@code then} with it, if any.
     */
    private void awaitReady(AdminStep then) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        // first the port, so that the AdminClient does not log a warning per refused connection
        while (System.nanoTime() < deadline && process.isAlive() && !accepts(port)) {
            sleep(100);
        }
        Properties props = new Properties();
        props.putAll(running == null ? Map.of("bootstrap.servers", bootstrapServers())
                : running.clientSettings(bootstrapServers(), DevKafkaSecurity.ADMIN));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "200");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "100");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-readiness");
        Throwable last = null;
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited (code " + process.exitValue()
                            + ") while starting; last lines of " + logFile + ":" + System.lineSeparator()
                            + LogFiles.tail(logFile, 60));
                }
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
                            .nodes().get(5, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        if (then != null) {
                            then.run(admin);
                        }
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
                } catch (Exception e) {
                    last = e;
                }
                sleep(200);
            }
        }
        Process p = process;
        stop(Duration.ofSeconds(5));
        throw new IllegalStateException("the Kafka broker on " + bootstrapServers() + " did not answer within "
                + READY_TIMEOUT.toSeconds() + " s (" + last + ", process " + (p.isAlive() ? "alive" : "exited")
                + "); last lines of " + logFile + ":" + System.lineSeparator() + LogFiles.tail(logFile, 60));
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
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
