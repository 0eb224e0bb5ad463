package cn.tongyou.deploy;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the checks compare the manifests with: the services' own configuration and sources (so that a new topic, port
 * or resource path fails here until the deployment follows), and the overlays as {@code kubectl kustomize} renders
 * them.
 */
final class Platform {

    static final List<String> SERVICES = List.of("facility-service", "indicator-service", "task-service",
            "reporting-service");

    static final Path ROOT = root();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final Path COMPOSE = ROOT.resolve("deploy/compose/compose.yaml");
    static final Path DEV_PUBLIC_KEY = ROOT.resolve("deploy/local/src/main/resources/dev-keys/publicKey.pem");

    private static final Pattern CHANNEL_KEY =
            Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(topic|connector)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");
    /** An event topic in common's list: {@code static final String X = "cfc.<name>"}. */
    private static final Pattern TOPIC_NAME =
            Pattern.compile("static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"(cfc\\.[a-z0-9-]+)\"");
    /** A producer's topic: a constant {@code static final String X = Topics.<NAME>} in its events package. */
    private static final Pattern TOPIC_CONSTANT =
            Pattern.compile("static\\s+final\\s+String\\s+\\w+\\s*=\\s*Topics\\.(\\w+)\\s*;");
    private static final Path TOPICS = ROOT.resolve("common/src/main/java/cn/tongyou/common/events/Topics.java");
    private static final Pattern PATH_ANNOTATION = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");

    private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

    private Platform() {
    }

    private static Path root() {
        String property = System.getProperty("tongyou.root");
        Path start = property != null ? Path.of(property) : Path.of(System.getProperty("user.dir"));
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/k8s/overlays")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (with deploy/k8s/overlays) above " + start);
    }

    /** The project version: Jib tags the images with it, so the manifests must name it. */
    static String version() {
        String version = System.getProperty("tongyou.version");
        if (version == null) {
            throw new IllegalStateException("system property tongyou.version not set (run through Maven: "
                    + "./mvnw -pl deploy/k8s test)");
        }
        return version;
    }

    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the services' configuration ----------------------------------------------------------------------------

    static Properties applicationProperties(String service) {
        Path file = ROOT.resolve(service).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return properties;
    }

    static int httpPort(String service) {
        return Integer.parseInt(resolve(applicationProperties(service), "quarkus.http.port"));
    }

    /** Topics the services subscribe to: {@code mp.messaging.incoming.<channel>.topic}, else the channel name. */
    static Set<String> consumedTopics() {
        return channelTopics("incoming");
    }

    /** Topics written through SmallRye channels ({@code mp.messaging.outgoing.<channel>.topic}). */
    static Set<String> outgoingTopics() {
        return channelTopics("outgoing");
    }

    /**
     * Dead-letter topics: the connector's {@code ...dead-letter-queue.topic} and a service's own
     * {@code ...dlq-topic} (reporting-service publishes its dead letters itself), placeholders resolved.
     */
    static Set<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>();
        for (String service : SERVICES) {
            Properties properties = applicationProperties(service);
            for (String key : properties.stringPropertyNames()) {
                if (key.endsWith("dead-letter-queue.topic") || key.endsWith("dlq-topic")) {
                    topics.add(resolve(properties, key));
                }
            }
        }
        return topics;
    }

    private static Set<String> channelTopics(String direction) {
        Set<String> topics = new TreeSet<>();
        for (String service : SERVICES) {
            Properties properties = applicationProperties(service);
            Map<String, String> byChannel = new TreeMap<>();
            for (String key : properties.stringPropertyNames()) {
                Matcher m = CHANNEL_KEY.matcher(key);
                if (!m.matches() || !m.group(1).equals(direction)) {
                    continue;
                }
                String channel = m.group(2);
                if (m.group(3).equals("topic")) {
                    byChannel.put(channel, resolve(properties, key));
                } else if (resolve(properties, key).equals("smallrye-kafka")) {
                    byChannel.putIfAbsent(channel, channel);
                }
            }
            topics.addAll(byChannel.values());
        }
        return topics;
    }

    /** The event topics, by constant name, from the one list in common ({@code cn.tongyou.common.events.Topics}). */
    static Map<String, String> eventTopics() {
        Map<String, String> byName = new TreeMap<>();
        Matcher m = TOPIC_NAME.matcher(read(TOPICS));
        while (m.find()) {
            byName.put(m.group(1), m.group(2));
        }
        return byName;
    }

    /** Topics the outbox relays publish to, per producing service, from the constants in their events packages. */
    static Map<String, Set<String>> producedTopics() {
        Map<String, String> eventTopics = eventTopics();
        Map<String, Set<String>> byService = new TreeMap<>();
        for (String service : SERVICES) {
            Set<String> topics = new TreeSet<>();
            for (Path source : javaSources(service)) {
                if (!source.toString().contains(File.separator + "events" + File.separator)) {
                    continue;
                }
                Matcher m = TOPIC_CONSTANT.matcher(read(source));
                while (m.find()) {
                    String topic = eventTopics.get(m.group(1));
                    if (topic == null) {
                        throw new IllegalStateException(source + ": Topics." + m.group(1) + " is not in " + TOPICS);
                    }
                    topics.add(topic);
                }
            }
            if (!topics.isEmpty()) {
                byService.put(service, topics);
            }
        }
        return byService;
    }

    /**
     * The first path segment after {@code /api/v1} of every JAX-RS resource, per service: a class at
     * {@code @Path("/api/v1/regions")} gives {@code regions}; a class at {@code @Path("/api/v1")} gives the first
     * segment of each of its methods' paths.
     */
    static Map<String, Set<String>> apiSegments() {
        Map<String, Set<String>> byService = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Set<String> segments = new TreeSet<>();
            for (Path source : javaSources(service)) {
                List<String> paths = new ArrayList<>();
                Matcher m = PATH_ANNOTATION.matcher(read(source));
                while (m.find()) {
                    paths.add(m.group(1));
                }
                boolean apiRoot = paths.stream().anyMatch(p -> p.equals("/api/v1") || p.equals("/api/v1/"));
                for (String path : paths) {
                    if (path.startsWith("/api/v1/")) {
                        segments.add(firstSegment(path.substring("/api/v1/".length())));
                    } else if (apiRoot && !path.startsWith("/api/")) {
                        segments.add(firstSegment(path));
                    }
                }
            }
            segments.remove("");
            byService.put(service, segments);
        }
        return byService;
    }

    private static String firstSegment(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }

    private static List<Path> javaSources(String service) {
        try (Stream<Path> files = Files.walk(ROOT.resolve(service).resolve("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** A property's value with {@code ${other}} / {@code ${other:default}} expanded from the same file. */
    static String resolve(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("no property " + key);
        }
        for (int depth = 0; depth < 10; depth++) {
            Matcher m = PLACEHOLDER.matcher(value);
            if (!m.find()) {
                return value.trim();
            }
            String replacement = properties.getProperty(m.group(1), m.group(2));
            if (replacement == null) {
                throw new IllegalStateException(key + " refers to ${" + m.group(1) + "}, which is not set");
            }
            value = value.substring(0, m.start()) + replacement + value.substring(m.end());
        }
        throw new IllegalStateException(key + ": placeholders nested too deeply");
    }

    // --- rendering ------------------------------------------------------------------------------------------------

    /** The overlay as {@code kubectl kustomize} renders it, one map per resource. */
    static List<Map<String, Object>> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> kustomize(K8S.resolve("overlays").resolve(o)));
    }

    /** A kustomization under deploy/k8s/ops (applied by hand for an operation, not part of an overlay). */
    static List<Map<String, Object>> renderOps(String name) {
        return RENDERED.computeIfAbsent("ops/" + name, o -> kustomize(K8S.resolve(o)));
    }

    private static List<Map<String, Object>> kustomize(Path dir) {
        String overlay = dir.getFileName().toString();
        String kubectl = kubectl();
        try {
            Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
            Path err = Files.createTempFile("kustomize-" + overlay, ".err");
            try {
                Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl kustomize " + dir + " did not finish within 120 s");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + process.exitValue()
                            + "):\n" + Files.readString(err));
                }
                return parseAll(Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + kubectl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * kubectl from {@code $KUBECTL}, the PATH, /usr/bin or /usr/local/bin. Missing, it fails the tests instead of
     * skipping them: unchecked manifests would pass CI silently.
     */
    static String kubectl() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            if (Files.isExecutable(Path.of(configured))) {
                return configured;
            }
            throw new AssertionError("KUBECTL=" + configured + " is not an executable file");
        }
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "kubectl"));
            }
        }
        candidates.add(Path.of("/usr/bin/kubectl"));
        candidates.add(Path.of("/usr/local/bin/kubectl"));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("""
                kubectl not found ($KUBECTL, the PATH, /usr/bin, /usr/local/bin). The deploy/k8s tests render every \
                overlay with `kubectl kustomize` (offline, no cluster needed) and are not skipped without it.
                Install kubectl 1.31 or newer (https://kubernetes.io/docs/tasks/tools/), for example on Linux x86-64:
                  curl -fsSLo kubectl https://dl.k8s.io/release/v1.32.4/bin/linux/amd64/kubectl
                  install -m 0755 kubectl ~/.local/bin/kubectl
                or set KUBECTL=/path/to/kubectl.""");
    }

    static List<Map<String, Object>> parseAll(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                documents.add(cast(map));
            }
        }
        return documents;
    }

    static Map<String, Object> parse(Path file) {
        Object document = yaml().load(read(file));
        if (!(document instanceof Map<?, ?> map)) {
            throw new AssertionError(file + " is not a YAML mapping");
        }
        return cast(map);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new KubernetesResolver());
    }

    /**
     * YAML as Kubernetes tools read it (Go's YAML, 1.2 rules): an unquoted {@code 2026-01-01 00:00:00+00} is a string,
     * not a date. kustomize writes such values without quotes (a CloudNativePG recovery targetTime), so YAML 1.1's
     * timestamp resolution would turn a valid manifest into one the CRD check refuses.
     */
    private static final class KubernetesResolver extends Resolver {
        @Override
        public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
            if (!Tag.TIMESTAMP.equals(tag)) {
                super.addImplicitResolver(tag, regexp, first, limit);
            }
        }
    }

    // --- navigating parsed YAML -------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /** The node at {@code path} (map keys), or null where any step is missing. */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    static List<Object> list(Object node) {
        if (node instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        return List.of();
    }

    static String str(Object node) {
        return node == null ? null : String.valueOf(node);
    }

    static String kind(Map<String, Object> resource) {
        return str(resource.get("kind"));
    }

    static String name(Map<String, Object> resource) {
        return str(at(resource, "metadata", "name"));
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> resources, String kind) {
        return resources.stream().filter(r -> kind.equals(kind(r))).toList();
    }

    /** The pod spec of a workload (Deployment, StatefulSet, DaemonSet, Job, CronJob), or null. */
    static Map<String, Object> podSpec(Map<String, Object> resource) {
        Object spec = switch (kind(resource)) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> at(resource, "spec", "template",
                    "spec");
            case "CronJob" -> at(resource, "spec", "jobTemplate", "spec", "template", "spec");
            case "Pod" -> at(resource, "spec");
            default -> null;
        };
        return spec instanceof Map<?, ?> m ? cast(m) : null;
    }

    static List<Map<String, Object>> containers(Map<String, Object> podSpec, String field) {
        return list(podSpec.get(field)).stream().map(Platform::map).toList();
    }
}
