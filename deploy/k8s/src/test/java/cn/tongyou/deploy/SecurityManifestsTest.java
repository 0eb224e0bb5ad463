package cn.tongyou.deploy;

import cn.tongyou.deploy.NetworkModel.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

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

/**
 * Issue 13 in the manifests: Kafka over TLS with a SCRAM user per service and ACLs that follow the code, PostgreSQL
 * roles per service reached over verify-full TLS, NetworkPolicies that open exactly the platform's paths, backups in
 * prod, and every Strimzi / CloudNativePG resource valid against its operator's CRD. Each check is a function of the
 * rendered manifests returning its problems; the {@code broken…} tests change one thing in a copy of the rendering and
 * show that the check notices.
 */
class SecurityManifestsTest {

    private static final Set<String> PRODUCER_OPERATIONS = Set.of("Write", "Describe");
    private static final Set<String> CONSUMER_OPERATIONS = Set.of("Read", "Describe");

    static List<String> overlays() {
        return ManifestsTest.overlays();
    }

    // --- the operators' resources against their CRDs ------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("overlays")
    void everyOperatorResourceIsValidAgainstItsCrd(String overlay) {
        assertThat(crdProblems(render(overlay))).as(overlay).isEmpty();
    }

    @Test
    void brokenAgainstTheCrd() {
        assertThat(crdProblems(broken("prod", r -> map(first(r, "Cluster").get("spec")).put("backups", Map.of()))))
                .anyMatch(p -> p.contains("spec.backups: unknown field"));
        assertThat(crdProblems(broken("dev", r -> map(map(at(first(r, "KafkaUser"), "spec")).get("authorization"))
                .put("type", "acl")))).anyMatch(p -> p.contains("not one of"));
    }

    static List<String> crdProblems(List<Map<String, Object>> resources) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> resource : resources) {
            if (CrdSchemas.covers(resource)) {
                problems.addAll(CrdSchemas.problems(resource));
            }
        }
        return problems;
    }

    // --- Kafka: listener, authorization, users and ACLs -------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaAuthenticatesEveryClientAndEachServiceMayTouchOnlyItsTopics(String overlay) {
        assertThat(kafkaProblems(render(overlay))).as(overlay).isEmpty();
    }

    @Test
    void brokenKafkaSecurity() {
        // a plaintext listener beside the TLS one
        assertThat(kafkaProblems(broken("dev", r -> live(at(first(r, "Kafka"), "spec", "kafka", "listeners"))
                .add(Map.of("name", "plain", "port", 9092, "type", "internal", "tls", false)))))
                .anyMatch(p -> p.contains("listener plain"));
        assertThat(kafkaProblems(broken("dev", r -> map(at(first(r, "Kafka"), "spec", "kafka")).remove("authorization"))))
                .anyMatch(p -> p.contains("authorization"));
        // facility-service may write a topic of indicator-service
        assertThat(kafkaProblems(broken("dev", r -> acls(user(r, "facility-service")).add(acl("topic", "cfc.targets",
                "literal", "Write"))))).anyMatch(p -> p.contains("facility-service") && p.contains("cfc.targets"));
        // a producer that may read its own topic
        assertThat(kafkaProblems(broken("dev", r -> acls(user(r, "task-service")).add(acl("topic", "cfc.tasks",
                "literal", "Read"))))).anyMatch(p -> p.contains("task-service") && p.contains("Read"));
        // reporting-service loses one state topic
        assertThat(kafkaProblems(broken("dev", r -> acls(user(r, "reporting-service"))
                .removeIf(a -> "cfc.units".equals(str(at(a, "resource", "name")))))))
                .anyMatch(p -> p.contains("reporting-service") && p.contains("cfc.units"));
        // wildcards and the cluster
        assertThat(kafkaProblems(broken("dev", r -> acls(user(r, "indicator-service")).add(acl("topic", "cfc.",
                "prefix", "Write"))))).anyMatch(p -> p.contains("prefix"));
        assertThat(kafkaProblems(broken("dev", r -> acls(user(r, "reporting-service")).add(acl("topic", "*",
                "literal", "Read"))))).anyMatch(p -> p.contains("*"));
        assertThat(kafkaProblems(broken("dev", r -> acls(user(r, "reporting-service")).add(acl("cluster", null,
                null, "Describe"))))).anyMatch(p -> p.contains("cluster"));
        // a service without its user
        assertThat(kafkaProblems(broken("dev", r -> r.remove(user(r, "task-service")))))
                .anyMatch(p -> p.contains("no KafkaUser task-service"));
    }

    static List<String> kafkaProblems(List<Map<String, Object>> resources) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> kafka = first(resources, "Kafka");
        if (!"simple".equals(str(at(kafka, "spec", "kafka", "authorization", "type")))) {
            problems.add("Kafka " + name(kafka) + ": authorization is not simple (ACLs would not be enforced)");
        }
        for (Object listener : list(at(kafka, "spec", "kafka", "listeners"))) {
            if (!Boolean.TRUE.equals(at(listener, "tls"))
                    || !"scram-sha-512".equals(str(at(listener, "authentication", "type")))) {
                problems.add("Kafka listener " + at(listener, "name") + " is not TLS with SCRAM-SHA-512 authentication");
            }
        }
        if (scramListenerPort(resources) == null) {
            problems.add("Kafka " + name(kafka) + ": no TLS listener with SCRAM-SHA-512 authentication");
        }

        Map<String, Set<String>> produced = Platform.producedTopics();
        Set<String> stateTopics = new TreeSet<>(Platform.consumedTopics());
        Set<String> deadLetters = Platform.deadLetterTopics();
        String group = Platform.resolve(Platform.applicationProperties("reporting-service"),
                "mp.messaging.connector.smallrye-kafka.group.id");
        for (String service : SERVICES) {
            Map<String, Object> user = ofKind(resources, "KafkaUser").stream().filter(u -> service.equals(name(u)))
                    .findFirst().orElse(null);
            if (user == null) {
                problems.add("no KafkaUser " + service);
                continue;
            }
            if (!"scram-sha-512".equals(str(at(user, "spec", "authentication", "type")))) {
                problems.add("KafkaUser " + service + ": authentication is not scram-sha-512");
            }
            if (!name(kafka).equals(str(at(user, "metadata", "labels", "strimzi.io/cluster")))) {
                problems.add("KafkaUser " + service + ": label strimzi.io/cluster does not name " + name(kafka));
            }
            // what the code needs: resource -> operations allowed, and those it must have
            Map<String, Set<String>> may = new TreeMap<>();
            Map<String, Set<String>> must = new TreeMap<>();
            produced.getOrDefault(service, Set.of()).forEach(t -> {
                may.put("topic " + t, PRODUCER_OPERATIONS);
                must.put("topic " + t, Set.of("Write"));
            });
            if (service.equals("reporting-service")) {
                stateTopics.forEach(t -> {
                    may.put("topic " + t, CONSUMER_OPERATIONS);
                    must.put("topic " + t, Set.of("Read"));
                });
                // written by the consumer's failure path, read (assigned, no group) by the dead-letter re-drive
                deadLetters.forEach(t -> {
                    may.put("topic " + t, Set.of("Write", "Read", "Describe"));
                    must.put("topic " + t, Set.of("Write", "Read"));
                });
                may.put("group " + group, CONSUMER_OPERATIONS);
                must.put("group " + group, Set.of("Read"));
            }
            Map<String, Set<String>> granted = new HashMap<>();
            for (Map<String, Object> acl : acls(user)) {
                String type = str(at(acl, "resource", "type"));
                String resourceName = str(at(acl, "resource", "name"));
                String pattern = str(at(acl, "resource", "patternType"));
                Set<String> operations = new TreeSet<>();
                list(acl.get("operations")).forEach(o -> operations.add(String.valueOf(o)));
                String key = type + " " + resourceName;
                if ("deny".equals(str(acl.get("type")))) {
                    continue;
                }
                if ("cluster".equals(type)) {
                    problems.add("KafkaUser " + service + ": an ACL on the cluster " + operations);
                } else if ("*".equals(resourceName) || "prefix".equals(pattern)) {
                    problems.add("KafkaUser " + service + ": " + key + " (" + pattern + ") is a wildcard; name "
                            + "each resource literally");
                } else if (!may.containsKey(key)) {
                    problems.add("KafkaUser " + service + ": " + operations + " on " + key + ", which it does not use");
                } else if (!may.get(key).containsAll(operations)) {
                    Set<String> extra = new TreeSet<>(operations);
                    extra.removeAll(may.get(key));
                    problems.add("KafkaUser " + service + ": " + extra + " on " + key + " beyond " + may.get(key));
                }
                granted.computeIfAbsent(key, k -> new TreeSet<>()).addAll(operations);
            }
            must.forEach((key, operations) -> operations.forEach(operation -> {
                if (!granted.getOrDefault(key, Set.of()).contains(operation)) {
                    problems.add("KafkaUser " + service + ": no " + operation + " on " + key + ", which it needs");
                }
            }));
        }
        return problems;
    }

    /** The port of the TLS listener with SCRAM-SHA-512, or null. */
    static Integer scramListenerPort(List<Map<String, Object>> resources) {
        for (Object listener : list(at(first(resources, "Kafka"), "spec", "kafka", "listeners"))) {
            if (Boolean.TRUE.equals(at(listener, "tls"))
                    && "scram-sha-512".equals(str(at(listener, "authentication", "type")))
                    && at(listener, "port") instanceof Number port) {
                return port.intValue();
            }
        }
        return null;
    }

    // --- the services' client settings: Kafka and PostgreSQL by reference ---------------------------------------

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceConnectsToKafkaOverTlsWithItsOwnScramUser(String overlay) {
        assertThat(kafkaClientProblems(render(overlay))).as(overlay).isEmpty();
    }

    @Test
    void brokenKafkaClients() {
        assertThat(kafkaClientProblems(broken("prod", r -> config(r).put("KAFKA_BOOTSTRAP_SERVERS",
                "tongyou-kafka-bootstrap:9092")))).anyMatch(p -> p.contains("KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(kafkaClientProblems(broken("prod", r -> config(r).put("KAFKA_SECURITY_PROTOCOL", "SSL"))))
                .anyMatch(p -> p.contains("KAFKA_SECURITY_PROTOCOL"));
        // reporting-service logs in as another service
        assertThat(kafkaClientProblems(broken("prod", r -> secretRef(env(deployment(r, "reporting-service"),
                "KAFKA_SASL_JAAS_CONFIG")).put("name", "task-service"))))
                .anyMatch(p -> p.contains("reporting-service") && p.contains("KAFKA_SASL_JAAS_CONFIG"));
        // the truststore is no longer the cluster CA
        assertThat(kafkaClientProblems(broken("prod", r -> volume(deployment(r, "task-service"), "kafka-ca")
                .put("secret", Map.of("secretName", "some-ca")))))
                .anyMatch(p -> p.contains("task-service") && p.contains("truststore"));
    }

    static List<String> kafkaClientProblems(List<Map<String, Object>> resources) {
        List<String> problems = new ArrayList<>();
        String cluster = name(first(resources, "Kafka"));
        Integer port = scramListenerPort(resources);
        for (Map<String, Object> deployment : ofKind(resources, "Deployment")) {
            String service = name(deployment);
            String where = "Deployment " + service + ": ";
            Map<String, Object> env = environment(resources, deployment);
            expect(problems, where, env, "KAFKA_BOOTSTRAP_SERVERS", cluster + "-kafka-bootstrap:" + port);
            expect(problems, where, env, "KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
            expect(problems, where, env, "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
            expect(problems, where, env, "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
            expectSecret(problems, where, env, "KAFKA_SASL_JAAS_CONFIG", service, "sasl.jaas.config");
            expectSecret(problems, where, env, "KAFKA_SSL_TRUSTSTORE_PASSWORD", cluster + "-cluster-ca-cert",
                    "ca.password");
            if (ofKind(resources, "KafkaUser").stream().noneMatch(u -> service.equals(name(u)))) {
                problems.add(where + "no KafkaUser " + service + " writes the Secret it reads");
            }
            String truststore = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION") instanceof String s ? s : "";
            if (!mountedFromSecret(deployment, truststore, cluster + "-cluster-ca-cert", "ca.p12")) {
                problems.add(where + "the truststore " + truststore + " is not ca.p12 of the Secret " + cluster
                        + "-cluster-ca-cert (Strimzi's cluster CA)");
            }
        }
        return problems;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceUsesItsOwnDatabaseRolesOverVerifiedTls(String overlay) {
        assertThat(databaseProblems(render(overlay))).as(overlay).isEmpty();
    }

    @Test
    void brokenDatabaseSettings() {
        assertThat(databaseProblems(broken("prod", r -> config(r).put("CFC_DB_URL",
                "jdbc:postgresql://tongyou-pg-rw:5432/tongyou?sslmode=require"))))
                .anyMatch(p -> p.contains("verify-full"));
        // facility-service runs as indicator-service's runtime role
        assertThat(databaseProblems(broken("prod", r -> secretRef(env(deployment(r, "facility-service"),
                "CFC_DB_USER")).put("name", "indicator-service-db-app"))))
                .anyMatch(p -> p.contains("facility-service") && p.contains("CFC_DB_USER"));
        // back to the shared database owner
        assertThat(databaseProblems(broken("prod", r -> secretRef(env(deployment(r, "task-service"),
                "CFC_DB_MIGRATION_PASSWORD")).put("name", "tongyou-pg-app"))))
                .anyMatch(p -> p.contains("CFC_DB_MIGRATION_PASSWORD"));
        // a managed role that may create roles
        assertThat(databaseProblems(broken("prod", r -> map(list(at(first(r, "Cluster"), "spec", "managed", "roles"))
                .get(0)).put("createrole", true)))).anyMatch(p -> p.contains("createrole"));
        // a schema no longer owned by its migration role
        assertThat(databaseProblems(broken("prod", r -> map(list(at(first(r, "Database"), "spec", "schemas")).get(0))
                .put("owner", "tongyou")))).anyMatch(p -> p.contains("schema facility"));
        // the CA file is not mounted where sslrootcert points
        assertThat(databaseProblems(broken("prod", r -> volume(deployment(r, "indicator-service"), "postgres-ca")
                .put("secret", Map.of("secretName", "tongyou-pg-server")))))
                .anyMatch(p -> p.contains("indicator-service") && p.contains("sslrootcert"));
    }

    static List<String> databaseProblems(List<Map<String, Object>> resources) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> cluster = first(resources, "Cluster");
        String clusterName = name(cluster);
        Map<String, Map<String, Object>> roles = new HashMap<>();
        for (Object role : list(at(cluster, "spec", "managed", "roles"))) {
            roles.put(str(at(role, "name")), map(role));
            for (String power : List.of("superuser", "createdb", "createrole", "replication", "bypassrls")) {
                if (Boolean.TRUE.equals(at(role, power))) {
                    problems.add("managed role " + at(role, "name") + ": " + power);
                }
            }
        }
        Map<String, String> schemaOwners = new HashMap<>();
        for (Map<String, Object> database : ofKind(resources, "Database")) {
            if (clusterName.equals(str(at(database, "spec", "cluster", "name")))) {
                list(at(database, "spec", "schemas")).forEach(s -> schemaOwners.put(str(at(s, "name")),
                        str(at(s, "owner"))));
            }
        }
        for (Map<String, Object> deployment : ofKind(resources, "Deployment")) {
            String service = name(deployment);
            String where = "Deployment " + service + ": ";
            String schema = Platform.resolve(Platform.applicationProperties(service), "quarkus.flyway.schemas");
            Map<String, Object> env = environment(resources, deployment);
            expectSecret(problems, where, env, "CFC_DB_USER", service + "-db-app", "username");
            expectSecret(problems, where, env, "CFC_DB_PASSWORD", service + "-db-app", "password");
            expectSecret(problems, where, env, "CFC_DB_MIGRATION_USER", service + "-db-owner", "username");
            expectSecret(problems, where, env, "CFC_DB_MIGRATION_PASSWORD", service + "-db-owner", "password");
            for (String override : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                    "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_FLYWAY_USERNAME", "QUARKUS_FLYWAY_PASSWORD")) {
                if (env.containsKey(override)) {
                    problems.add(where + override + " would override the CFC_DB_* settings");
                }
            }
            expectRole(problems, roles, schema + "_app", service + "-db-app");
            expectRole(problems, roles, schema + "_owner", service + "-db-owner");
            if (!(schema + "_owner").equals(schemaOwners.get(schema))) {
                problems.add("schema " + schema + " is owned by " + schemaOwners.get(schema) + ", not " + schema
                        + "_owner (a Database resource of " + clusterName + ")");
            }
            String url = env.get("CFC_DB_URL") instanceof String s ? s : "";
            if (!url.startsWith("jdbc:postgresql://" + clusterName + "-rw:5432/")) {
                problems.add(where + "CFC_DB_URL " + url + " is not the primary " + clusterName + "-rw:5432");
            }
            Map<String, String> parameters = new HashMap<>();
            int query = url.indexOf('?');
            if (query >= 0) {
                for (String pair : url.substring(query + 1).split("&")) {
                    int eq = pair.indexOf('=');
                    parameters.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
                }
            }
            if (!"verify-full".equals(parameters.get("sslmode"))) {
                problems.add(where + "CFC_DB_URL has sslmode=" + parameters.get("sslmode") + ", not verify-full");
            }
            String rootCert = parameters.getOrDefault("sslrootcert", "");
            if (!mountedFromSecret(deployment, rootCert, clusterName + "-ca", "ca.crt")) {
                problems.add(where + "sslrootcert " + rootCert + " is not ca.crt of the Secret " + clusterName
                        + "-ca (CloudNativePG's server CA)");
            }
        }
        return problems;
    }

    private static void expectRole(List<String> problems, Map<String, Map<String, Object>> roles, String role,
            String secret) {
        Map<String, Object> spec = roles.get(role);
        if (spec == null) {
            problems.add("no managed role " + role);
            return;
        }
        if (!Boolean.TRUE.equals(spec.get("login"))) {
            problems.add("managed role " + role + " cannot log in");
        }
        if (!secret.equals(str(at(spec, "passwordSecret", "name")))) {
            problems.add("managed role " + role + ": passwordSecret is " + at(spec, "passwordSecret", "name")
                    + ", not " + secret);
        }
    }

    // --- NetworkPolicies --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("overlays")
    void theNetworkPoliciesOpenExactlyThePlatformsPaths(String overlay) {
        assertThat(networkProblems(render(overlay))).as(overlay).isEmpty();
    }

    @Test
    void brokenNetworkPolicies() {
        // without the default deny, the namespace's other pods reach everything
        assertThat(networkProblems(broken("dev", r -> r.remove(policy(r, "default-deny")))))
                .anyMatch(p -> p.contains("no default-deny"))
                .anyMatch(p -> p.contains("open but not needed") && p.contains("-> stray-pod TCP/8080"));
        // a needed path closed
        assertThat(networkProblems(broken("dev", r -> r.remove(policy(r, "postgres-from-services")))))
                .anyMatch(p -> p.contains("needed but closed") && p.contains("facility-service -> postgres TCP/5432"));
        // the services may call each other
        assertThat(networkProblems(broken("dev", r -> live(at(list(at(policy(r, "services-from-prometheus"), "spec",
                "ingress")).get(0), "from")).clear())))
                .anyMatch(p -> p.contains("open but not needed: pod-elsewhere -> facility-service TCP/8081"));
        assertThat(networkProblems(broken("prod", r -> map(at(policy(r, "services-from-prometheus"), "spec"))
                .remove("ingress")))).anyMatch(p -> p.contains("prometheus -> reporting-service TCP/8084"));
    }

    /**
     * The pods and addresses the network checks reason about: the services as their Deployments describe them, and
     * the operators', the cluster's and strangers' pods with the labels they carry.
     */
    static List<Endpoint> endpoints(List<Map<String, Object>> resources) {
        String namespace = namespace(resources);
        Map<String, String> settings = networkSettings();
        String pg = name(first(resources, "Cluster"));
        String kafka = name(first(resources, "Kafka"));
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map<String, Object> deployment : ofKind(resources, "Deployment")) {
            Map<String, String> labels = stringMap(at(deployment, "spec", "template", "metadata", "labels"));
            Map<String, Integer> ports = new HashMap<>();
            Set<String> listens = new TreeSet<>();
            for (Map<String, Object> c : containers(podSpec(deployment), "containers")) {
                for (Object port : list(c.get("ports"))) {
                    int number = ((Number) at(port, "containerPort")).intValue();
                    ports.put(str(at(port, "name")), number);
                    listens.add("TCP/" + number);
                }
            }
            Endpoint service = new Endpoint(name(deployment), namespace, labels, true, "10.244.1.1", ports, listens);
            endpoints.add(service);
        }
        Endpoint postgres = pod("postgres", namespace, Map.of("cnpg.io/cluster", pg, "cnpg.io/podRole", "instance",
                "cnpg.io/instanceRole", "primary"), "TCP/5432", "TCP/8000");
        Endpoint brokers = pod("kafka", namespace, Map.of("strimzi.io/cluster", kafka, "strimzi.io/kind", "Kafka",
                "strimzi.io/name", kafka + "-kafka", "strimzi.io/broker-role", "true", "strimzi.io/controller-role",
                "true", "app.kubernetes.io/part-of", "tongyou"), "TCP/9090", "TCP/9091", "TCP/9093");
        Endpoint entityOperator = pod("entity-operator", namespace, Map.of("strimzi.io/cluster", kafka,
                "strimzi.io/kind", "Kafka", "strimzi.io/name", kafka + "-entity-operator"));
        // any other pod of the namespace, with the label Strimzi's old listener policy let in
        Endpoint other = pod("stray-pod", namespace, Map.of("app.kubernetes.io/part-of", "tongyou", "run", "debug"),
                "TCP/8080");
        Endpoint ingress = pod("ingress-controller", settings.get("ingressControllerNamespace"),
                Map.of("app.kubernetes.io/name", settings.get("ingressControllerPodName")));
        Endpoint prometheus = pod("prometheus", settings.get("prometheusNamespace"),
                Map.of("app.kubernetes.io/name", settings.get("prometheusPodName")));
        Endpoint cnpgOperator = pod("cnpg-operator", settings.get("cloudnativePgNamespace"),
                Map.of("app.kubernetes.io/name", "cloudnative-pg"));
        Endpoint strimziOperator = pod("strimzi-operator", settings.get("strimziNamespace"),
                Map.of("strimzi.io/kind", "cluster-operator", "name", "strimzi-cluster-operator"));
        Endpoint dns = pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"), "UDP/53", "TCP/53");
        Endpoint elsewhere = pod("pod-elsewhere", "default", Map.of("app.kubernetes.io/part-of", "tongyou"), "TCP/8080");
        Endpoint outside = new Endpoint("outside", null, Map.of(), false, "203.0.113.10", Map.of(),
                Set.of("TCP/443", "TCP/6443", "TCP/80"));
        endpoints.addAll(List.of(postgres, brokers, entityOperator, other, ingress, prometheus, cnpgOperator,
                strimziOperator, dns, elsewhere, outside));
        return endpoints;
    }

    private static String namespace(List<Map<String, Object>> resources) {
        return str(at(first(resources, "Deployment"), "metadata", "namespace"));
    }

    static List<String> networkProblems(List<Map<String, Object>> resources) {
        String namespace = namespace(resources);
        List<Endpoint> endpoints = endpoints(resources);
        List<Endpoint> services = endpoints.stream().filter(e -> SERVICES.contains(e.name())).toList();
        Set<String> needed = new TreeSet<>();
        Integer kafkaPort = scramListenerPort(resources);
        for (Endpoint service : services) {
            for (String port : service.listens()) {
                needed.add("ingress-controller -> " + service.name() + " " + port);
                needed.add("prometheus -> " + service.name() + " " + port);
            }
            needed.add(service.name() + " -> postgres TCP/5432");
            needed.add(service.name() + " -> kafka TCP/" + kafkaPort);
        }
        for (Endpoint local : endpoints) {
            if (local.pod() && namespace.equals(local.namespace())) {
                needed.add(local.name() + " -> kube-dns UDP/53");
                needed.add(local.name() + " -> kube-dns TCP/53");
            }
        }
        needed.addAll(List.of("cnpg-operator -> postgres TCP/8000", "cnpg-operator -> postgres TCP/5432",
                "postgres -> postgres TCP/5432", "postgres -> postgres TCP/8000",
                "postgres -> outside TCP/443", "postgres -> outside TCP/6443",
                "kafka -> kafka TCP/9090", "kafka -> kafka TCP/9091",
                "strimzi-operator -> kafka TCP/9090", "strimzi-operator -> kafka TCP/9091",
                "entity-operator -> kafka TCP/9091",
                "entity-operator -> outside TCP/443", "entity-operator -> outside TCP/6443"));
        // Outside the namespace, nothing here governs traffic among the cluster's own components.
        Set<String> open = new NetworkModel(namespace, resources).openPaths(endpoints);
        open.removeIf(path -> {
            String[] parts = path.split(" -> | ");
            Endpoint from = endpoints.stream().filter(e -> e.name().equals(parts[0])).findFirst().orElseThrow();
            Endpoint to = endpoints.stream().filter(e -> e.name().equals(parts[1])).findFirst().orElseThrow();
            return !namespace.equals(from.namespace()) && !namespace.equals(to.namespace());
        });
        List<String> problems = new ArrayList<>();
        if (ofKind(resources, "NetworkPolicy").stream().noneMatch(SecurityManifestsTest::isDefaultDeny)) {
            problems.add("no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)");
        }
        needed.stream().filter(p -> !open.contains(p)).forEach(p -> problems.add("needed but closed: " + p));
        open.stream().filter(p -> !needed.contains(p)).forEach(p -> problems.add("open but not needed: " + p));
        return problems;
    }

    @Test
    void theOperatorsKafkaClientMayOnlyReadAndReachesOnlyTheBrokers() {
        List<Map<String, Object>> ops = Platform.renderOps("kafka-cli");
        assertThat(crdProblems(ops)).isEmpty();
        assertThat(opsClientProblems(render("prod"), ops)).isEmpty();
    }

    @Test
    void brokenOperatorsKafkaClient() {
        List<Map<String, Object>> ops = Platform.renderOps("kafka-cli");
        List<Map<String, Object>> writing = new ArrayList<>();
        ops.forEach(r -> writing.add(Platform.cast((Map<?, ?>) deepCopy(r))));
        acls(first(writing, "KafkaUser")).add(acl("topic", "cfc.facilities", "literal", "Write"));
        assertThat(opsClientProblems(render("prod"), writing)).anyMatch(p -> p.contains("Write"));

        List<Map<String, Object>> wider = new ArrayList<>();
        ops.forEach(r -> wider.add(Platform.cast((Map<?, ?>) deepCopy(r))));
        map(at(policy(wider, "ops-kafka-cli"), "spec")).put("egress", List.of(Map.of()));
        assertThat(opsClientProblems(render("prod"), wider)).anyMatch(p -> p.contains("opened beyond the brokers: ops-kafka-cli -> outside TCP/443"));
    }

    /** The ops client's user is read-only, and applying it opens exactly one path: its pod to the brokers' listener. */
    static List<String> opsClientProblems(List<Map<String, Object>> platform, List<Map<String, Object>> ops) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> acl : acls(first(ops, "KafkaUser"))) {
            List<Object> operations = list(acl.get("operations"));
            if ("cluster".equals(str(at(acl, "resource", "type")))
                    || operations.stream().anyMatch(o -> !CONSUMER_OPERATIONS.contains(String.valueOf(o)))) {
                problems.add("KafkaUser " + name(first(ops, "KafkaUser")) + ": " + operations + " on "
                        + at(acl, "resource") + " (an inspection reads and describes, nothing else)");
            }
        }
        String namespace = namespace(platform);
        List<Map<String, Object>> combined = new ArrayList<>(platform);
        for (Map<String, Object> resource : ops) {
            Map<String, Object> placed = Platform.cast((Map<?, ?>) deepCopy(resource));
            map(placed.get("metadata")).put("namespace", namespace);
            combined.add(placed);
        }
        Map<String, Object> pod = first(ops, "Pod");
        List<Endpoint> endpoints = new ArrayList<>(endpoints(platform));
        endpoints.add(new Endpoint(name(pod), namespace, stringMap(at(pod, "metadata", "labels")), true, "10.244.2.2",
                Map.of(), Set.of()));
        Set<String> added = new TreeSet<>(new NetworkModel(namespace, combined).openPaths(endpoints));
        added.removeAll(new NetworkModel(namespace, platform).openPaths(endpoints));
        Set<String> expected = Set.of(name(pod) + " -> kafka TCP/" + scramListenerPort(platform));
        added.stream().filter(p -> !expected.contains(p)).forEach(p -> problems.add("opened beyond the brokers: " + p));
        expected.stream().filter(p -> !added.contains(p)).forEach(p -> problems.add("not opened: " + p));
        return problems;
    }

    private static boolean isDefaultDeny(Map<String, Object> policy) {
        return map(at(policy, "spec", "podSelector")).isEmpty()
                && list(at(policy, "spec", "policyTypes")).containsAll(List.of("Ingress", "Egress"))
                && at(policy, "spec", "ingress") == null && at(policy, "spec", "egress") == null;
    }

    private static Endpoint pod(String name, String namespace, Map<String, String> labels, String... listens) {
        return new Endpoint(name, namespace, labels, true, "10.244.0.1", Map.of(), new TreeSet<>(List.of(listens)));
    }

    /** The defaults of base/network-settings.yaml (an overlay may merge its own; none does). */
    static Map<String, String> networkSettings() {
        Map<String, String> settings = stringMap(Platform.parse(Platform.K8S.resolve("base/network-settings.yaml"))
                .get("data"));
        assertThat(settings).containsKeys("ingressControllerNamespace", "ingressControllerPodName",
                "prometheusNamespace", "prometheusPodName", "strimziNamespace", "cloudnativePgNamespace");
        return settings;
    }

    // --- backups ----------------------------------------------------------------------------------------------------

    @Test
    void prodBacksUpPostgresToAnObjectStoreWithPointInTimeRecovery() {
        assertThat(backupProblems(render("prod"))).isEmpty();
    }

    @Test
    void brokenBackups() {
        assertThat(backupProblems(render("dev"))).as("dev has no backups").isNotEmpty();
        assertThat(backupProblems(broken("prod", r -> map(at(first(r, "Cluster"), "spec", "backup"))
                .remove("retentionPolicy")))).anyMatch(p -> p.contains("retentionPolicy"));
        assertThat(backupProblems(broken("prod", r -> r.remove(first(r, "ScheduledBackup")))))
                .anyMatch(p -> p.contains("ScheduledBackup"));
        assertThat(backupProblems(broken("prod", r -> map(at(first(r, "Cluster"), "spec", "backup",
                "barmanObjectStore", "s3Credentials")).put("accessKeyId", Map.of("name", "", "key", "")))))
                .anyMatch(p -> p.contains("Secret"));
        // the API server's CIDR narrowed (README) and the object store's policy gone: backups cannot leave
        assertThat(backupProblems(broken("prod", r -> {
            r.remove(policy(r, "postgres-object-store"));
            map(at(list(at(list(at(policy(r, "postgres-operator-and-replication"), "spec", "egress")).get(1), "to"))
                    .get(0), "ipBlock")).put("cidr", "10.0.0.1/32");
        }))).anyMatch(p -> p.contains("object store"));
    }

    @Test
    void theRestoreOverlayRecoversProdFromItsArchiveAndArchivesAnew() {
        assertThat(backupProblems(render("prod-restore"))).isEmpty();
        assertThat(restoreProblems(render("prod"), render("prod-restore"))).isEmpty();
    }

    @Test
    void brokenRestore() {
        // the restored cluster would write into the archive it restores from
        assertThat(restoreProblems(render("prod"), broken("prod-restore", r -> map(at(first(r, "Cluster"), "spec",
                "backup", "barmanObjectStore")).put("serverName", "tongyou-pg"))))
                .anyMatch(p -> p.contains("serverName"));
        // a different bucket than prod's backups
        assertThat(restoreProblems(render("prod"), broken("prod-restore", r -> map(at(list(at(first(r, "Cluster"),
                "spec", "externalClusters")).get(0), "barmanObjectStore")).put("destinationPath", "s3://elsewhere"))))
                .anyMatch(p -> p.contains("destinationPath"));
        assertThat(restoreProblems(render("prod"), broken("prod-restore", r -> map(at(first(r, "Cluster"), "spec",
                "bootstrap", "recovery")).remove("recoveryTarget")))).anyMatch(p -> p.contains("targetTime"));
    }

    /** The restore overlay: prod's cluster bootstrapped from prod's archive up to a time, archiving under a new name. */
    static List<String> restoreProblems(List<Map<String, Object>> prod, List<Map<String, Object>> restore) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> source = first(prod, "Cluster");
        Map<String, Object> cluster = first(restore, "Cluster");
        if (at(cluster, "spec", "bootstrap", "initdb") != null) {
            problems.add("bootstrap still has initdb beside recovery");
        }
        if (!(at(cluster, "spec", "bootstrap", "recovery", "recoveryTarget", "targetTime") instanceof String)) {
            problems.add("bootstrap.recovery has no recoveryTarget.targetTime (point in time)");
        }
        String sourceName = str(at(cluster, "spec", "bootstrap", "recovery", "source"));
        Map<String, Object> archive = list(at(cluster, "spec", "externalClusters")).stream().map(Platform::map)
                .filter(e -> str(e.get("name")).equals(sourceName)).findFirst().orElse(Map.of());
        String prodPath = str(at(source, "spec", "backup", "barmanObjectStore", "destinationPath"));
        if (!String.valueOf(at(archive, "barmanObjectStore", "destinationPath")).equals(prodPath)) {
            problems.add("the recovery source's destinationPath is not prod's " + prodPath);
        }
        String prodServer = Objects.requireNonNullElse(
                str(at(source, "spec", "backup", "barmanObjectStore", "serverName")), name(source));
        if (!prodServer.equals(str(at(archive, "barmanObjectStore", "serverName")))) {
            problems.add("the recovery source's serverName is not " + prodServer + " (prod's archive)");
        }
        String newServer = Objects.requireNonNullElse(
                str(at(cluster, "spec", "backup", "barmanObjectStore", "serverName")), name(cluster));
        if (newServer.equals(prodServer)) {
            problems.add("the restored cluster archives under serverName " + newServer + ", the archive it restores "
                    + "from (CloudNativePG refuses a non-empty archive)");
        }
        return problems;
    }

    static List<String> backupProblems(List<Map<String, Object>> resources) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> cluster = first(resources, "Cluster");
        Map<String, Object> backup = map(at(cluster, "spec", "backup"));
        Map<String, Object> store = map(backup.get("barmanObjectStore"));
        if (str(store.get("destinationPath")) == null || !str(store.get("destinationPath")).matches("\\w+://.+")) {
            problems.add("Cluster " + name(cluster) + ": no barmanObjectStore.destinationPath");
        }
        if (!String.valueOf(backup.get("retentionPolicy")).matches("[1-9][0-9]*[dwm]")) {
            problems.add("Cluster " + name(cluster) + ": no retentionPolicy (e.g. 30d)");
        }
        if (!store.isEmpty() && store.get("wal") == null) {
            problems.add("Cluster " + name(cluster) + ": no wal section (WAL archiving, point-in-time recovery)");
        }
        List<String> references = new ArrayList<>();
        secretReferences(store, references);
        if (references.isEmpty() || references.stream().anyMatch(String::isBlank)) {
            problems.add("Cluster " + name(cluster) + ": object store credentials must name a Secret and key "
                    + references);
        }
        if (ofKind(resources, "ScheduledBackup").stream().noneMatch(b ->
                name(cluster).equals(str(at(b, "spec", "cluster", "name")))
                        && "barmanObjectStore".equals(str(at(b, "spec", "method")))
                        && str(at(b, "spec", "schedule")) != null)) {
            problems.add("no ScheduledBackup (method barmanObjectStore) of " + name(cluster));
        }
        String namespace = str(at(cluster, "metadata", "namespace"));
        Endpoint instance = pod("postgres", namespace, Map.of("cnpg.io/cluster", name(cluster)));
        Endpoint objectStore = new Endpoint("object store", null, Map.of(), false, "203.0.113.10", Map.of(),
                Set.of("TCP/443"));
        if (!new NetworkModel(namespace, resources).allowed(instance, objectStore, "TCP", 443)) {
            problems.add("the NetworkPolicies do not let " + name(cluster) + " reach the object store (HTTPS)");
        }
        return problems;
    }

    /** Each {name, key} Secret reference under the object store settings, as "name/key". */
    private static void secretReferences(Object node, List<String> references) {
        if (node instanceof Map<?, ?> m) {
            if (m.containsKey("name") && m.containsKey("key") && m.size() == 2) {
                references.add(str(m.get("name")).isBlank() || str(m.get("key")).isBlank() ? ""
                        : m.get("name") + "/" + m.get("key"));
                return;
            }
            m.values().forEach(v -> secretReferences(v, references));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> secretReferences(v, references));
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** A deep copy of the overlay's rendering with one change made by {@code change}. */
    static List<Map<String, Object>> broken(String overlay, Consumer<List<Map<String, Object>>> change) {
        List<Map<String, Object>> copy = new ArrayList<>();
        render(overlay).forEach(r -> copy.add(Platform.cast((Map<?, ?>) deepCopy(r))));
        change.accept(copy);
        return copy;
    }

    private static Object deepCopy(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (node instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return node;
    }

    static Map<String, Object> first(List<Map<String, Object>> resources, String kind) {
        return resources.stream().filter(r -> kind.equals(kind(r))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    private static Map<String, Object> deployment(List<Map<String, Object>> resources, String name) {
        return resources.stream().filter(r -> "Deployment".equals(kind(r)) && name.equals(name(r))).findFirst()
                .orElseThrow();
    }

    private static Map<String, Object> policy(List<Map<String, Object>> resources, String name) {
        return resources.stream().filter(r -> "NetworkPolicy".equals(kind(r)) && name.equals(name(r))).findFirst()
                .orElseThrow(() -> new AssertionError("no NetworkPolicy " + name));
    }

    private static Map<String, Object> user(List<Map<String, Object>> resources, String name) {
        return resources.stream().filter(r -> "KafkaUser".equals(kind(r)) && name.equals(name(r))).findFirst()
                .orElseThrow();
    }

    /** The list itself (Platform.list copies), for changing a broken copy. */
    @SuppressWarnings("unchecked")
    private static List<Object> live(Object node) {
        return (List<Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> acls(Map<String, Object> user) {
        Object acls = at(user, "spec", "authorization", "acls");
        return acls instanceof List<?> l ? (List<Map<String, Object>>) l : new ArrayList<>();
    }

    private static Map<String, Object> acl(String type, String name, String pattern, String operation) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", type);
        if (name != null) {
            resource.put("name", name);
        }
        if (pattern != null) {
            resource.put("patternType", pattern);
        }
        return new LinkedHashMap<>(Map.of("resource", resource, "operations", List.of(operation)));
    }

    /** The data of the generated ConfigMap tongyou-config (live, so that a broken copy can change it). */
    private static Map<String, Object> config(List<Map<String, Object>> resources) {
        return map(resources.stream().filter(r -> "ConfigMap".equals(kind(r)) && name(r).startsWith("tongyou-config"))
                .findFirst().orElseThrow().get("data"));
    }

    private static Map<String, Object> env(Map<String, Object> deployment, String variable) {
        return list(containers(podSpec(deployment), "containers").get(0).get("env")).stream().map(Platform::map)
                .filter(e -> variable.equals(str(e.get("name")))).findFirst().orElseThrow();
    }

    private static Map<String, Object> secretRef(Map<String, Object> envVar) {
        return map(at(envVar, "valueFrom", "secretKeyRef"));
    }

    private static Map<String, Object> volume(Map<String, Object> deployment, String name) {
        return list(podSpec(deployment).get("volumes")).stream().map(Platform::map)
                .filter(v -> name.equals(str(v.get("name")))).findFirst().orElseThrow();
    }

    /**
     * The environment of a Deployment's first container: the ConfigMaps it reads with envFrom, then its env entries
     * (a literal value as a String, a reference as its valueFrom map).
     */
    static Map<String, Object> environment(List<Map<String, Object>> resources, Map<String, Object> deployment) {
        Map<String, Object> container = containers(podSpec(deployment), "containers").get(0);
        Map<String, Object> env = new HashMap<>();
        for (Object source : list(container.get("envFrom"))) {
            String configMap = str(at(source, "configMapRef", "name"));
            ofKind(resources, "ConfigMap").stream().filter(cm -> name(cm).equals(configMap)).findFirst()
                    .ifPresent(cm -> map(cm.get("data")).forEach((k, v) -> env.put(k, str(v))));
        }
        for (Object entry : list(container.get("env"))) {
            Object valueFrom = at(entry, "valueFrom");
            env.put(str(at(entry, "name")), valueFrom != null ? valueFrom : str(at(entry, "value")));
        }
        return env;
    }

    private static void expect(List<String> problems, String where, Map<String, Object> env, String variable,
            String expected) {
        if (!expected.equals(env.get(variable))) {
            problems.add(where + variable + " is " + env.get(variable) + ", not " + expected);
        }
    }

    private static void expectSecret(List<String> problems, String where, Map<String, Object> env, String variable,
            String secret, String key) {
        Object value = env.get(variable);
        if (!secret.equals(str(at(value, "secretKeyRef", "name"))) || !key.equals(str(at(value, "secretKeyRef", "key")))) {
            problems.add(where + variable + " must come from the Secret " + secret + " key " + key + " (is " + value
                    + ")");
        }
    }

    /** Whether {@code file} is the key {@code key} of Secret {@code secret}, mounted in the first container. */
    private static boolean mountedFromSecret(Map<String, Object> deployment, String file, String secret, String key) {
        Map<String, Object> pod = podSpec(deployment);
        for (Object mount : list(containers(pod, "containers").get(0).get("volumeMounts"))) {
            String mountPath = str(at(mount, "mountPath"));
            if (mountPath == null || !file.startsWith(mountPath + "/")) {
                continue;
            }
            String relative = file.substring(mountPath.length() + 1);
            for (Object volume : list(pod.get("volumes"))) {
                if (!str(at(mount, "name")).equals(str(at(volume, "name")))
                        || !secret.equals(str(at(volume, "secret", "secretName")))) {
                    continue;
                }
                List<Object> items = list(at(volume, "secret", "items"));
                if (items.isEmpty() ? relative.equals(key) : items.stream().anyMatch(i ->
                        key.equals(str(at(i, "key"))) && relative.equals(str(at(i, "path"))))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, String> stringMap(Object node) {
        Map<String, String> result = new TreeMap<>();
        map(node).forEach((k, v) -> result.put(k, String.valueOf(v)));
        return result;
    }
}
