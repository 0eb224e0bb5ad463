package cn.tongyou.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static cn.tongyou.deploy.Platform.at;
import static cn.tongyou.deploy.Platform.list;
import static cn.tongyou.deploy.Platform.map;
import static cn.tongyou.deploy.Platform.str;

/**
 * Kubernetes NetworkPolicy semantics over a handful of endpoints, so that a test can list every connection the rendered
 * policies let through and compare it with the paths the platform needs. A connection from A to B on a port is open
 * when A's egress allows it (or no egress policy selects A, or A is outside the namespace) and B's ingress allows it
 * (likewise). Selectors: matchLabels and matchExpressions; namespaceSelector with and without podSelector; named and
 * numbered ports with protocol and endPort. ipBlock is taken to match endpoints outside the pod network only (what
 * it is meant for; on some CNIs it also matches pod addresses, which the policies here open only on 443/6443).
 */
final class NetworkModel {

    /** A pod (or, with {@code pod} false, an address outside the cluster) and the ports it listens on. */
    record Endpoint(String name, String namespace, Map<String, String> labels, boolean pod, String ip,
            Map<String, Integer> namedPorts, Set<String> listens) {

        Map<String, String> namespaceLabels() {
            return namespace == null ? Map.of() : Map.of("kubernetes.io/metadata.name", namespace);
        }
    }

    private final String namespace;
    private final List<Map<String, Object>> policies;

    NetworkModel(String namespace, List<Map<String, Object>> resources) {
        this.namespace = namespace;
        this.policies = Platform.ofKind(resources, "NetworkPolicy").stream()
                .filter(p -> namespace.equals(str(at(p, "metadata", "namespace")))).toList();
    }

    /** Every open connection among the endpoints, as {@code "source -> destination PROTOCOL/port"}. */
    Set<String> openPaths(List<Endpoint> endpoints) {
        Set<String> open = new TreeSet<>();
        for (Endpoint from : endpoints) {
            for (Endpoint to : endpoints) {
                for (String port : to.listens()) {
                    String[] protocolAndPort = port.split("/");
                    int number = Integer.parseInt(protocolAndPort[1]);
                    if (allowed(from, to, protocolAndPort[0], number)) {
                        open.add(from.name() + " -> " + to.name() + " " + port);
                    }
                }
            }
        }
        return open;
    }

    boolean allowed(Endpoint from, Endpoint to, String protocol, int port) {
        return direction(from, to, to, "Egress", "egress", "to", protocol, port)
                && direction(to, from, to, "Ingress", "ingress", "from", protocol, port);
    }

    /** Whether the policies selecting {@code subject} in this direction let {@code peer} through. */
    private boolean direction(Endpoint subject, Endpoint peer, Endpoint destination, String type, String rulesKey,
            String peersKey, String protocol, int port) {
        if (!subject.pod() || !namespace.equals(subject.namespace())) {
            return true;
        }
        List<Map<String, Object>> selecting = policies.stream()
                .filter(p -> policyTypes(p).contains(type)
                        && selects(map(at(p, "spec", "podSelector")), subject.labels()))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (Map<String, Object> policy : selecting) {
            for (Object rule : list(at(policy, "spec", rulesKey))) {
                if (peersMatch(list(at(rule, peersKey)), peer, rule, peersKey)
                        && portsMatch(list(at(rule, "ports")), destination, protocol, port)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> policyTypes(Map<String, Object> policy) {
        List<Object> declared = list(at(policy, "spec", "policyTypes"));
        Set<String> types = new TreeSet<>();
        if (declared.isEmpty()) {
            types.add("Ingress");
            if (at(policy, "spec", "egress") != null) {
                types.add("Egress");
            }
        } else {
            declared.forEach(t -> types.add(String.valueOf(t)));
        }
        return types;
    }

    private boolean peersMatch(List<Object> peers, Endpoint peer, Object rule, String peersKey) {
        if (at(rule, peersKey) == null || peers.isEmpty()) {
            return true;
        }
        for (Object candidate : peers) {
            Map<String, Object> p = map(candidate);
            if (p.containsKey("ipBlock")) {
                if (!peer.pod() && peer.ip() != null && inCidr(peer.ip(), str(at(p, "ipBlock", "cidr")))
                        && list(at(p, "ipBlock", "except")).stream().noneMatch(e -> inCidr(peer.ip(), str(e)))) {
                    return true;
                }
                continue;
            }
            if (!peer.pod()) {
                continue;
            }
            boolean namespaceOk = p.containsKey("namespaceSelector")
                    ? selects(map(p.get("namespaceSelector")), peer.namespaceLabels())
                    : namespace.equals(peer.namespace());
            boolean podOk = !p.containsKey("podSelector") || selects(map(p.get("podSelector")), peer.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean portsMatch(List<Object> ports, Endpoint destination, String protocol, int port) {
        if (ports.isEmpty()) {
            return true;
        }
        for (Object candidate : ports) {
            String wantedProtocol = str(at(candidate, "protocol"));
            if (!(wantedProtocol == null ? "TCP" : wantedProtocol).equals(protocol)) {
                continue;
            }
            Object wanted = at(candidate, "port");
            if (wanted == null) {
                return true;
            }
            Integer first = wanted instanceof Number n ? Integer.valueOf(n.intValue())
                    : destination.namedPorts().get(String.valueOf(wanted));
            if (first == null) {
                continue;
            }
            int last = at(candidate, "endPort") instanceof Number end ? end.intValue() : first;
            if (port >= first && port <= last) {
                return true;
            }
        }
        return false;
    }

    /** matchLabels and matchExpressions; an empty selector selects everything. */
    static boolean selects(Map<String, Object> selector, Map<String, String> labels) {
        for (Map.Entry<String, Object> e : map(selector.get("matchLabels")).entrySet()) {
            if (!String.valueOf(e.getValue()).equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Object expression : list(selector.get("matchExpressions"))) {
            String key = str(at(expression, "key"));
            List<String> values = new ArrayList<>();
            list(at(expression, "values")).forEach(v -> values.add(String.valueOf(v)));
            String value = labels.get(key);
            boolean ok = switch (String.valueOf(at(expression, "operator"))) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator in " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean inCidr(String ip, String cidr) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(ip) & mask) == (ipv4(parts[0]) & mask);
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }
}
