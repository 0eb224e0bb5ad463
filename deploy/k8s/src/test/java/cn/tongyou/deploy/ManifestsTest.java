package cn.tongyou.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.tongyou.deploy.Platform.SERVICES;
import static cn.tongyou.deploy.Platform.at;
import static cn.tongyou.deploy.Platform.containers;
import static cn.tongyou.deploy.Platform.kind;
import static cn.tongyou.deploy.Platform.list;
import static cn.tongyou.deploy.Platform.map;
import static cn.tongyou.deploy.Platform.name;
import static cn.tongyou.deploy.Platform.ofKind;
import static cn.tongyou.deploy.Platform.podSpec;
import static cn.tongyou.deploy.Platform.render;
import static cn.tongyou.deploy.Platform.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Renders every overlay of deploy/k8s with {@code kubectl kustomize} and checks the result: probes, pinned images,
 * resources and security context on every container, no plaintext secret, an autoscaler and disruption budgets, a
 * KafkaTopic for every topic the services use, an Ingress route for every API path, and the per-environment settings.
 * Several checks read the services' application.properties and sources, so a change there that the manifests do not
 * follow fails here.
 */
class ManifestsTest {

    private static final Pattern SECRET_LIKE_ENV = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL).*");
    private static final Pattern SECRET_LIKE_CONFIG = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|PRIVATE|CREDENTIAL).*");

    /**
     * API prefixes served only inside the cluster: reporting-service's projection status and rebuild (a rebuild from
     * the public host could reach any replica; issue 12) and its dead-letter re-drive (operations, like the rebuild).
     * The Ingress must not route them.
     */
    static final Map<String, String> INTERNAL_PREFIXES = Map.of("/api/v1/projections", "reporting-service",
            "/api/v1/dead-letters", "reporting-service");
    /**
     * Served from common by every service (the audit trail and parked outbox events): one Ingress path cannot reach
     * them all. (Period lock exceptions, also common's, are served on a path of each service's own.)
     */
    static final List<String> EVERY_SERVICE_PREFIXES = List.of("/api/v1/audit", "/api/v1/outbox");

    static List<String> overlays() {
        List<String> overlays = Platform.overlays();
        assertThat(overlays).as("overlays under deploy/k8s/overlays").contains("dev", "prod");
        return overlays;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceIsDeployed(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        assertThat(ofKind(resources, "Deployment")).extracting(Platform::name)
                .as("Deployments of " + overlay).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Map<String, Object> resource : resources) {
            if (Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "IngressClass").contains(kind(resource))) {
                continue;
            }
            assertThat(str(at(resource, "metadata", "namespace")))
                    .as(kind(resource) + " " + name(resource) + " namespace").isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasHealthProbesResourcesAndARestrictedSecurityContext(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> deployment : ofKind(render(overlay), "Deployment")) {
            Map<String, Object> pod = podSpec(deployment);
            String where = "Deployment " + name(deployment);
            boolean podNonRoot = Boolean.TRUE.equals(at(pod, "securityContext", "runAsNonRoot"));
            List<Map<String, Object>> containers = containers(pod, "containers");
            if (containers.isEmpty()) {
                problems.add(where + ": no containers");
            }
            for (Map<String, Object> c : containers) {
                String container = where + " container " + str(c.get("name"));
                probe(problems, container, c, "readinessProbe", "/q/health/ready");
                probe(problems, container, c, "livenessProbe", "/q/health/live");
                probe(problems, container, c, "startupProbe", "/q/health/started");
                resources(problems, container, c);
                securityContext(problems, container, c, podNonRoot);
            }
            for (Map<String, Object> c : containers(pod, "initContainers")) {
                String container = where + " init container " + str(c.get("name"));
                resources(problems, container, c);
                securityContext(problems, container, c, podNonRoot);
            }
        }
        assertThat(problems).as(overlay).isEmpty();
    }

    /**
     * Every service JVM has a heap ceiling that leaves room under its container's memory limit for what is not heap
     * (metaspace ≈ 70 MB, code cache, threads, buffers: 256 MiB kept free), runs G1 instead of the image's ParallelGC
     * (its periodic collection returns an idle pod's heap) and keeps the JBoss log manager Quarkus' Jib build sets.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceJvmHasAHeapCeilingBelowItsMemoryLimit(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> deployment : ofKind(render(overlay), "Deployment")) {
            for (Map<String, Object> c : containers(podSpec(deployment), "containers")) {
                String container = "Deployment " + name(deployment) + " container " + str(c.get("name"));
                Map<String, String> env = new HashMap<>();
                for (Object e : (List<?>) c.getOrDefault("env", List.of())) {
                    Map<String, Object> entry = map(e);
                    if (entry.get("value") != null) {
                        env.put(str(entry.get("name")), str(entry.get("value")));
                    }
                }
                String options = env.getOrDefault("JAVA_OPTS_APPEND", "");
                Matcher xmx = Pattern.compile("-Xmx(\\d+)([mg])").matcher(options);
                Object limit = at(c, "resources", "limits", "memory");
                if (!xmx.find()) {
                    problems.add(container + ": no -Xmx in JAVA_OPTS_APPEND");
                } else if (limit != null) {
                    long heap = Long.parseLong(xmx.group(1)) * (xmx.group(2).equals("g") ? 1L << 30 : 1L << 20);
                    if (heap + (256L << 20) > bytes(str(limit))) {
                        problems.add(container + ": -Xmx" + xmx.group(1) + xmx.group(2) + " leaves less than 256 MiB under "
                                + limit);
                    }
                }
                if (!options.contains("-XX:TrimNativeHeapInterval=")) {
                    problems.add(container + ": JAVA_OPTS_APPEND does not trim the native heap");
                }
                if (!options.contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager")) {
                    problems.add(container + ": JAVA_OPTS_APPEND drops the log manager Quarkus' image sets");
                }
                if (!env.getOrDefault("GC_CONTAINER_OPTIONS", "").contains("-XX:+UseG1GC")) {
                    problems.add(container + ": GC_CONTAINER_OPTIONS does not choose G1");
                }
            }
        }
        assertThat(problems).as(overlay).isEmpty();
    }

    private static void probe(List<String> problems, String container, Map<String, Object> c, String probe,
            String path) {
        Object probeNode = c.get(probe);
        if (probeNode == null) {
            problems.add(container + ": no " + probe);
        } else if (!path.equals(str(at(probeNode, "httpGet", "path")))) {
            problems.add(container + ": " + probe + " does not GET " + path + " (SmallRye Health)");
        }
    }

    private static void resources(List<String> problems, String container, Map<String, Object> c) {
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (at(c, "resources", bound, resource) == null) {
                    problems.add(container + ": no resources." + bound + "." + resource);
                }
            }
        }
        Object request = at(c, "resources", "requests", "memory");
        Object limit = at(c, "resources", "limits", "memory");
        if (request != null && limit != null && bytes(str(request)) > bytes(str(limit))) {
            problems.add(container + ": memory request " + request + " above its limit " + limit);
        }
    }

    private static void securityContext(List<String> problems, String container, Map<String, Object> c,
            boolean podNonRoot) {
        Map<String, Object> sc = map(c.get("securityContext"));
        if (!podNonRoot && !Boolean.TRUE.equals(sc.get("runAsNonRoot"))) {
            problems.add(container + ": runAsNonRoot not set (pod or container)");
        }
        if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
            problems.add(container + ": allowPrivilegeEscalation is not false");
        }
        if (!list(at(sc, "capabilities", "drop")).contains("ALL")) {
            problems.add(container + ": capabilities do not drop ALL");
        }
        if (!Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem"))) {
            problems.add(container + ": root file system is writable");
        } else if (list(c.get("volumeMounts")).stream().noneMatch(m -> "/tmp".equals(str(at(m, "mountPath"))))) {
            problems.add(container + ": read-only root file system but no volume at /tmp (java.io.tmpdir)");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyImageIsPinnedAndTheServicesRunTheProjectVersion(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> resource : render(overlay)) {
            images(resource, kind(resource) + " " + name(resource), problems);
        }
        assertThat(problems).as(overlay).isEmpty();
    }

    /** Every string under a key {@code image} (containers) or {@code imageName} (CloudNativePG), anywhere. */
    private static void images(Object node, String where, List<String> problems) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if ((key.equals("image") || key.equals("imageName")) && e.getValue() instanceof String image) {
                    String problem = imageProblem(image);
                    if (problem != null) {
                        problems.add(where + ": image " + image + " " + problem);
                    }
                } else {
                    images(e.getValue(), where, problems);
                }
            }
        } else if (node instanceof List<?> l) {
            l.forEach(item -> images(item, where, problems));
        }
    }

    static String imageProblem(String image) {
        if (image.contains("@sha256:")) {
            return null;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash || colon == image.length() - 1) {
            return "has no tag (pin a version or a digest)";
        }
        String tag = image.substring(colon + 1);
        if (tag.equals("latest")) {
            return "uses the tag latest";
        }
        String repository = image.substring(0, colon);
        boolean ours = SERVICES.stream().anyMatch(s -> repository.equals("tongyou/" + s)
                || repository.endsWith("/tongyou/" + s));
        if (ours && !tag.equals(Platform.version())) {
            return "is tagged " + tag + " but Jib tags " + Platform.version() + " (deploy/k8s/base images:)";
        }
        return null;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noSecretValueIsCommitted(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> resource : render(overlay)) {
            String where = kind(resource) + " " + name(resource);
            if ("Secret".equals(kind(resource))
                    && (!map(resource.get("data")).isEmpty() || !map(resource.get("stringData")).isEmpty())) {
                problems.add(where + ": a Secret with values; reference one created by an operator or the ops team");
            }
            if ("ConfigMap".equals(kind(resource))) {
                map(resource.get("data")).forEach((key, value) -> {
                    if (SECRET_LIKE_CONFIG.matcher(key).matches()) {
                        problems.add(where + ": key " + key + " looks like a credential; use a Secret");
                    }
                    if (str(value).contains("PRIVATE KEY")) {
                        problems.add(where + ": key " + key + " holds a private key");
                    }
                });
            }
            Map<String, Object> pod = podSpec(resource);
            if (pod == null) {
                continue;
            }
            List<Map<String, Object>> all = new ArrayList<>(containers(pod, "containers"));
            all.addAll(containers(pod, "initContainers"));
            for (Map<String, Object> c : all) {
                for (Object envVar : list(c.get("env"))) {
                    String envName = str(at(envVar, "name"));
                    if (envName != null && SECRET_LIKE_ENV.matcher(envName).matches()
                            && at(envVar, "valueFrom", "secretKeyRef") == null) {
                        problems.add(where + " container " + str(c.get("name")) + ": env " + envName
                                + " must come from a secretKeyRef");
                    }
                }
            }
        }
        assertThat(problems).as(overlay).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void reportingServiceScalesAutomaticallyUpToItsPartitions(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        List<Map<String, Object>> hpas = ofKind(resources, "HorizontalPodAutoscaler").stream()
                .filter(h -> "Deployment".equals(str(at(h, "spec", "scaleTargetRef", "kind")))
                        && "reporting-service".equals(str(at(h, "spec", "scaleTargetRef", "name"))))
                .toList();
        assertThat(hpas).as(overlay + ": HorizontalPodAutoscaler of reporting-service").hasSize(1);
        Map<String, Object> hpa = hpas.get(0);
        assertThat(list(at(hpa, "spec", "metrics"))).as("HPA metrics").isNotEmpty();

        Map<String, Integer> partitions = topicPartitions(resources);
        // a topic without a KafkaTopic is everyTopicTheServicesUseIsAKafkaTopic's failure, not this one's
        int fewest = Platform.consumedTopics().stream().filter(partitions::containsKey).mapToInt(partitions::get)
                .min().orElse(Integer.MAX_VALUE);
        int max = ((Number) at(hpa, "spec", "maxReplicas")).intValue();
        int min = ((Number) at(hpa, "spec", "minReplicas")).intValue();
        assertThat(min).as(overlay + ": minReplicas").isPositive();
        assertThat(max).as(overlay + ": maxReplicas").isGreaterThanOrEqualTo(min);
        assertThat(max).as(overlay + ": maxReplicas (consumers beyond a topic's partitions sit idle)")
                .isLessThanOrEqualTo(fewest);

        Map<String, Object> deployment = ofKind(resources, "Deployment").stream()
                .filter(d -> "reporting-service".equals(name(d))).findFirst().orElseThrow();
        assertThat(at(deployment, "spec", "replicas"))
                .as(overlay + ": reporting-service replicas belong to the HPA (an apply would reset them)").isNull();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHasADisruptionBudget(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        for (Map<String, Object> deployment : ofKind(resources, "Deployment")) {
            Map<String, Object> podLabels = map(at(deployment, "spec", "template", "metadata", "labels"));
            List<Map<String, Object>> budgets = ofKind(resources, "PodDisruptionBudget").stream()
                    .filter(pdb -> {
                        Map<String, Object> selector = map(at(pdb, "spec", "selector", "matchLabels"));
                        return !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet());
                    }).toList();
            assertThat(budgets).as(overlay + ": PodDisruptionBudget selecting " + name(deployment)).hasSize(1);
            Map<String, Object> spec = map(budgets.get(0).get("spec"));
            if (spec.get("minAvailable") instanceof Number minAvailable) {
                Object replicas = at(deployment, "spec", "replicas");
                int count = replicas instanceof Number n ? n.intValue() : 1;
                assertThat(minAvailable.intValue()).as(overlay + ": " + name(deployment)
                        + " minAvailable must leave room for a drain").isLessThan(count);
            } else {
                assertThat(spec).as(overlay + ": " + name(deployment) + " budget").containsKey("maxUnavailable");
            }
        }
    }

    @Test
    void theChannelsAndTheProducersUseTheOneListOfTopics() {
        Set<String> listed = new TreeSet<>(Platform.eventTopics().values());
        assertThat(listed).as("topics in common's Topics").isNotEmpty();
        Set<String> produced = new TreeSet<>();
        Platform.producedTopics().values().forEach(produced::addAll);
        assertThat(produced).as("topics the producers publish to").isEqualTo(listed);
        // reporting-service's own output (its reminders, for the offices' systems) is the one topic nobody consumes
        Set<String> others = new TreeSet<>(listed);
        others.removeAll(Platform.producedTopics().getOrDefault("reporting-service", Set.of()));
        assertThat(Platform.consumedTopics()).as("topics reporting-service's channels subscribe to").isEqualTo(others);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicTheServicesUseIsAKafkaTopic(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        Map<String, Map<String, Object>> topics = kafkaTopics(resources);
        Set<String> clusters = new TreeSet<>(ofKind(resources, "Kafka").stream().map(Platform::name).toList());
        assertThat(clusters).as(overlay + ": Kafka clusters").hasSize(1);

        Set<String> consumed = Platform.consumedTopics();
        Set<String> deadLetters = Platform.deadLetterTopics();
        Map<String, Set<String>> produced = Platform.producedTopics();
        assertThat(consumed).as("topics reporting-service subscribes to").isNotEmpty();
        assertThat(deadLetters).as("dead-letter topics").isNotEmpty();
        assertThat(produced).as("producers found by their topic constants")
                .containsKeys("facility-service", "indicator-service", "task-service");

        Set<String> used = new TreeSet<>(consumed);
        used.addAll(deadLetters);
        used.addAll(Platform.outgoingTopics());
        produced.values().forEach(used::addAll);
        assertThat(topics.keySet()).as(overlay + ": KafkaTopic resources (deploy/k8s/base/kafka-topics.yaml)")
                .containsAll(used);

        List<String> problems = new ArrayList<>();
        topics.forEach((topic, resource) -> {
            if (!clusters.contains(str(at(resource, "metadata", "labels", "strimzi.io/cluster")))) {
                problems.add(topic + ": label strimzi.io/cluster does not name the Kafka " + clusters);
            }
            if (!(at(resource, "spec", "partitions") instanceof Number)) {
                problems.add(topic + ": no partitions");
            }
        });
        Set<String> stateTopics = new TreeSet<>(consumed);
        produced.values().forEach(stateTopics::addAll);
        for (String topic : stateTopics) {
            if (!"compact".equals(str(at(topics.get(topic), "spec", "config", "cleanup.policy")))) {
                problems.add(topic + ": a state topic must be compacted (cleanup.policy=compact): reporting-service "
                        + "rebuilds from it");
            }
            if (at(topics.get(topic), "spec", "config", "retention.ms") != null) {
                problems.add(topic + ": retention.ms on a state topic");
            }
        }
        for (String topic : deadLetters) {
            if (!"delete".equals(str(at(topics.get(topic), "spec", "config", "cleanup.policy")))
                    || at(topics.get(topic), "spec", "config", "retention.ms") == null) {
                problems.add(topic + ": a dead-letter topic needs cleanup.policy=delete and a retention.ms");
            }
        }
        Map<String, Object> kafka = ofKind(resources, "Kafka").get(0);
        if (!Boolean.FALSE.equals(at(kafka, "spec", "kafka", "config", "auto.create.topics.enable"))) {
            problems.add("Kafka " + name(kafka) + ": auto.create.topics.enable must be false (topics are KafkaTopics)");
        }
        if (!"false".equals(config(resources).get("CFC_OUTBOX_CREATE_TOPICS"))) {
            problems.add("tongyou-config: CFC_OUTBOX_CREATE_TOPICS must be false (Strimzi owns the topics)");
        }
        assertThat(problems).as(overlay).isEmpty();
    }

    private static Map<String, Map<String, Object>> kafkaTopics(List<Map<String, Object>> resources) {
        Map<String, Map<String, Object>> topics = new HashMap<>();
        for (Map<String, Object> topic : ofKind(resources, "KafkaTopic")) {
            String topicName = str(at(topic, "spec", "topicName"));
            topics.put(topicName != null ? topicName : name(topic), topic);
        }
        return topics;
    }

    private static Map<String, Integer> topicPartitions(List<Map<String, Object>> resources) {
        Map<String, Integer> partitions = new HashMap<>();
        kafkaTopics(resources).forEach((topic, resource) -> {
            if (at(resource, "spec", "partitions") instanceof Number n) {
                partitions.put(topic, n.intValue());
            }
        });
        return partitions;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theIngressRoutesEveryApiPathToTheServiceThatServesIt(String overlay) {
        List<Map<String, Object>> ingresses = ofKind(render(overlay), "Ingress");
        assertThat(ingresses).as(overlay + ": Ingress").isNotEmpty();
        Map<String, String> routes = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> ingress : ingresses) {
            for (Object rule : list(at(ingress, "spec", "rules"))) {
                for (Object path : list(at(rule, "http", "paths"))) {
                    String prefix = str(at(path, "path"));
                    String service = str(at(path, "backend", "service", "name"));
                    if (!"Prefix".equals(str(at(path, "pathType")))) {
                        problems.add(prefix + ": pathType is not Prefix");
                    }
                    if (!"http".equals(str(at(path, "backend", "service", "port", "name")))) {
                        problems.add(prefix + ": backend port is not the service's port named http");
                    }
                    String previous = routes.put(prefix, service);
                    if (previous != null && !previous.equals(service)) {
                        problems.add(prefix + ": routed to both " + previous + " and " + service);
                    }
                }
            }
        }
        Map<String, String> expected = new HashMap<>();
        Platform.apiSegments().forEach((service, segments) -> {
            assertThat(segments).as(service + " resources under /api/v1").isNotEmpty();
            segments.forEach(segment -> {
                String previous = expected.put("/api/v1/" + segment, service);
                if (previous != null) {
                    problems.add("/api/v1/" + segment + " is served by both " + previous + " and " + service);
                }
            });
        });
        INTERNAL_PREFIXES.forEach((prefix, service) -> {
            if (!service.equals(expected.remove(prefix))) {
                problems.add(prefix + " is listed as internal to " + service + ", which does not serve it");
            }
            if (routes.containsKey(prefix)) {
                problems.add(prefix + " (operations of " + service + ") must not be routed by the Ingress, but is routed to "
                        + routes.get(prefix));
            }
        });
        EVERY_SERVICE_PREFIXES.forEach(prefix -> {
            if (routes.containsKey(prefix)) {
                problems.add(prefix + " is served by several services and must not be routed by the Ingress, but is routed to "
                        + routes.get(prefix));
            }
        });
        expected.forEach((prefix, service) -> {
            if (!service.equals(routes.get(prefix))) {
                problems.add(prefix + " (served by " + service + ") is routed to " + routes.get(prefix));
            }
        });
        routes.keySet().stream().filter(prefix -> !expected.containsKey(prefix))
                .forEach(prefix -> problems.add(prefix + " is routed but no service serves it"));
        assertThat(problems).as(overlay).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesListenOnTheirConfiguredPorts(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        for (String service : SERVICES) {
            int port = Platform.httpPort(service);
            Map<String, Object> deployment = ofKind(resources, "Deployment").stream()
                    .filter(d -> service.equals(name(d))).findFirst().orElseThrow();
            Map<String, Object> container = containers(podSpec(deployment), "containers").get(0);
            assertThat(list(container.get("ports"))).as(overlay + ": " + service + " container ports")
                    .anySatisfy(p -> {
                        assertThat(str(at(p, "name"))).isEqualTo("http");
                        assertThat(((Number) at(p, "containerPort")).intValue()).isEqualTo(port);
                    });
            Map<String, Object> svc = ofKind(resources, "Service").stream()
                    .filter(s -> service.equals(name(s))).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no Service " + service));
            assertThat(list(at(svc, "spec", "ports"))).as(overlay + ": Service " + service)
                    .anySatisfy(p -> {
                        assertThat(str(at(p, "name"))).isEqualTo("http");
                        assertThat(((Number) at(p, "port")).intValue()).isEqualTo(port);
                        assertThat(str(at(p, "targetPort"))).isEqualTo("http");
                    });
            assertThat(map(at(svc, "spec", "selector")).entrySet())
                    .isSubsetOf(map(at(deployment, "spec", "template", "metadata", "labels")).entrySet());
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theJwtKeyFileIsMountedWhereTheConfigurationLooksForIt(String overlay) {
        List<Map<String, Object>> resources = render(overlay);
        String location = config(resources).get("CFC_JWT_PUBLIC_KEY_LOCATION");
        assertThat(location).as(overlay + ": CFC_JWT_PUBLIC_KEY_LOCATION").startsWith("file:/etc/tongyou/jwt/");
        String file = location.substring("file:/etc/tongyou/jwt/".length());
        for (Map<String, Object> deployment : ofKind(resources, "Deployment")) {
            Map<String, Object> pod = podSpec(deployment);
            Map<String, Object> container = containers(pod, "containers").get(0);
            String volume = list(container.get("volumeMounts")).stream()
                    .filter(m -> "/etc/tongyou/jwt".equals(str(at(m, "mountPath")))).map(m -> str(at(m, "name")))
                    .findFirst().orElseThrow(() -> new AssertionError(name(deployment) + ": nothing at /etc/tongyou/jwt"));
            String configMap = list(pod.get("volumes")).stream().filter(v -> volume.equals(str(at(v, "name"))))
                    .map(v -> str(at(v, "configMap", "name"))).findFirst().orElse(null);
            assertThat(configMap).as(name(deployment) + ": volume " + volume + " is a ConfigMap").isNotNull();
            ofKind(resources, "ConfigMap").stream().filter(cm -> configMap.equals(name(cm))).findFirst()
                    .ifPresent(cm -> assertThat(map(cm.get("data"))).as("ConfigMap " + configMap)
                            .containsKeys(file, "issuer"));
        }
    }

    @Test
    void devTrustsTheDevelopmentKeyOfDeployLocalAndProdDoesNot() {
        String devKey = Platform.read(Platform.DEV_PUBLIC_KEY).strip();
        Map<String, Object> devJwt = ofKind(render("dev"), "ConfigMap").stream()
                .filter(cm -> name(cm).startsWith("tongyou-jwt")).findFirst()
                .orElseThrow(() -> new AssertionError("dev: no ConfigMap tongyou-jwt"));
        assertThat(str(at(devJwt, "data", "publicKey.pem")).strip())
                .as("deploy/k8s/overlays/dev/dev-keys/publicKey.pem must be a copy of " + Platform.DEV_PUBLIC_KEY)
                .isEqualTo(devKey);
        assertThat(str(at(devJwt, "data", "issuer"))).isEqualTo("https://tongyou.local/dev");

        String keyBody = devKey.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        for (Map<String, Object> resource : render("prod")) {
            assertThat(String.valueOf(resource)).as("prod " + kind(resource) + " " + name(resource)
                    + " must not trust the public development key").doesNotContain(keyBody);
        }
    }

    @Test
    void prodLogsJsonAndRunsSeveralReplicas() {
        assertThat(config(render("prod"))).containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        assertThat(config(render("dev"))).containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        for (Map<String, Object> deployment : ofKind(render("prod"), "Deployment")) {
            Object replicas = at(deployment, "spec", "replicas");
            if (replicas != null) {
                assertThat(((Number) replicas).intValue()).as("prod replicas of " + name(deployment))
                        .isGreaterThanOrEqualTo(2);
            }
        }
        Map<String, Object> hpa = ofKind(render("prod"), "HorizontalPodAutoscaler").get(0);
        assertThat(((Number) at(hpa, "spec", "minReplicas")).intValue()).isGreaterThanOrEqualTo(2);
    }

    /**
     * CFC_SCHEDULE_TODAY moves a service's business date (deadlines, locks, reminders) for rehearsals; in production a
     * forgotten one would lock or reopen periods on the wrong day, so prod must not set it anywhere.
     */
    @Test
    void prodActsOnTheRealDate() {
        assertThat(config(render("prod"))).doesNotContainKey("CFC_SCHEDULE_TODAY");
        for (Map<String, Object> deployment : ofKind(render("prod"), "Deployment")) {
            for (Map<String, Object> c : containers(podSpec(deployment), "containers")) {
                assertThat(list(c.get("env"))).as("prod " + name(deployment) + " env")
                        .noneMatch(e -> "CFC_SCHEDULE_TODAY".equals(str(at(e, "name"))));
            }
        }
    }

    @Test
    void imageProblemsAreRecognised() {
        assertThat(imageProblem("postgres")).contains("no tag");
        assertThat(imageProblem("registry:5000/postgres")).contains("no tag");
        assertThat(imageProblem("postgres:latest")).contains("latest");
        assertThat(imageProblem("registry:5000/postgres:16.10")).isNull();
        assertThat(imageProblem("quay.io/x/y@sha256:" + "a".repeat(64))).isNull();
        assertThat(imageProblem("tongyou/task-service:0.0.1")).contains("Jib tags");
        assertThat(imageProblem("tongyou/task-service:" + Platform.version())).isNull();
    }

    /** The shared ConfigMap tongyou-config (hash-suffixed by the generator). */
    private static Map<String, String> config(List<Map<String, Object>> resources) {
        Map<String, Object> configMap = ofKind(resources, "ConfigMap").stream()
                .filter(cm -> name(cm).startsWith("tongyou-config")).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap tongyou-config"));
        Map<String, String> data = new HashMap<>();
        map(configMap.get("data")).forEach((k, v) -> data.put(k, str(v)));
        return data;
    }

    /** A Kubernetes memory quantity in bytes (Ki, Mi, Gi, Ti, k, M, G, T or plain). */
    static long bytes(String quantity) {
        String[][] units = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
                {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"}};
        for (String[] unit : units) {
            if (quantity.endsWith(unit[0])) {
                return (long) (Double.parseDouble(quantity.substring(0, quantity.length() - unit[0].length()))
                        * Long.parseLong(unit[1]));
            }
        }
        try {
            return (long) Double.parseDouble(quantity);
        } catch (NumberFormatException e) {
            fail("not a memory quantity: " + quantity);
            return 0;
        }
    }
}
