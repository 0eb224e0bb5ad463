package cn.tongyou.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges the services' stored OpenAPI documents into the platform's one document, refusing what would make it
 * ambiguous: a path served by two services, an operation without an {@code operationId} or an id used twice, a
 * component name two services define differently. Identical components (the common module's {@code Problem},
 * {@code BulkReport} …) are kept once; components no remaining operation reaches are dropped.
 * <p>
 * Usage: {@code MergeDocuments --out=<file without extension> --version=<v> --server=<url> --internal=<prefix,…>
 * <service document>=<its local URL> …}; writes {@code <out>.yaml} and {@code <out>.json}.
 */
public final class MergeDocuments {

    static final String TITLE = "童友 platform API";
    static final String DESCRIPTION = """
            The child-friendly city monitoring platform's public API in one document: regions and facilities \
            (facility-service), the indicator catalogue, targets, observations and evaluations (indicator-service), \
            plans, tasks, units, milestones and progress reports (task-service), compliance and snapshots \
            (reporting-service). One host routes every path to its service; each path also names the service's \
            address in a local run (deploy/local). Every operation needs a bearer JWT; every error is \
            application/problem+json (RFC 9457).""";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern REF = Pattern.compile("^#/components/([^/]+)/(.+)$");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private MergeDocuments() {
    }

    /** One service's stored document and the address it answers at in a local run. */
    public record Source(String name, JsonNode document, String localUrl) {
    }

    /** What a document must not contain to be merged; the message lists every offence at once. */
    public static final class MergeException extends RuntimeException {
        MergeException(List<String> problems) {
            super("the services' OpenAPI documents cannot be merged:\n  - " + String.join("\n  - ", problems));
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        List<Source> sources = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else {
                int eq = arg.indexOf("=http");
                Path file = Path.of(arg.substring(0, eq));
                if (!Files.isRegularFile(file)) {
                    throw new IllegalStateException(file + " is missing: build the service first (it stores its "
                            + "document at build time, quarkus.smallrye-openapi.store-schema-directory)");
                }
                String service = file.getParent().getParent().getParent().getFileName().toString();
                sources.add(new Source(service, json.readTree(file.toFile()), arg.substring(eq + 1)));
            }
        }
        List<String> internal = Arrays.stream(options.getOrDefault("internal", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        ObjectNode merged = merge(sources, options.get("version"), options.get("server"), internal);

        Path out = Path.of(options.get("out"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build());
        Path yamlFile = Path.of(out + ".yaml");
        yaml.writeValue(yamlFile.toFile(), merged);
        json.enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(out + ".json").toFile(), merged);
        System.out.println("[api] merged " + sources.size() + " documents: " + countOperations(merged)
                + " operations, " + merged.path("components").path("schemas").size() + " schemas -> " + yamlFile);
    }

    /**
     * The platform's document.
     *
     * @param version          the project version (info.version)
     * @param server           the public URL every path is served at
     * @param internalPrefixes paths served inside the cluster only (left to the services' own documents)
     */
    public static ObjectNode merge(List<Source> sources, String version, String server, List<String> internalPrefixes) {
        List<String> problems = new ArrayList<>();
        ObjectNode out = NODES.objectNode();
        String openapi = null;
        for (Source source : sources) {
            String v = source.document().path("openapi").asText();
            if (openapi == null) {
                openapi = v;
            } else if (!openapi.equals(v)) {
                problems.add(source.name() + " is OpenAPI " + v + ", the others " + openapi);
            }
        }
        out.put("openapi", openapi);

        ObjectNode info = out.putObject("info");
        info.put("title", TITLE);
        info.put("version", version);
        info.put("description", DESCRIPTION);
        JsonNode contact = sources.isEmpty() ? null : sources.get(0).document().path("info").get("contact");
        for (Source source : sources) {
            JsonNode c = source.document().path("info").get("contact");
            if (c == null) {
                problems.add(source.name() + " has no info.contact");
            } else if (!c.equals(contact)) {
                problems.add(source.name() + " names another info.contact than " + sources.get(0).name());
            }
        }
        if (contact != null) {
            info.set("contact", contact.deepCopy());
        }
        out.putArray("servers").addObject().put("url", server)
                .put("description", "the platform's public host (deploy/k8s Ingress)");

        ObjectNode paths = NODES.objectNode();
        Map<String, String> pathOwner = new LinkedHashMap<>();
        Map<String, String> operationOwner = new LinkedHashMap<>();
        ObjectNode tags = NODES.objectNode();
        Map<String, String> tagOwner = new LinkedHashMap<>();
        Map<String, ObjectNode> components = new LinkedHashMap<>();
        Map<String, String> componentOwner = new LinkedHashMap<>();
        JsonNode security = null;

        for (Source source : sources) {
            JsonNode doc = source.document();
            ObjectNode kept = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> path = it.next();
                if (internalPrefixes.stream().anyMatch(p -> path.getKey().equals(p) || path.getKey().startsWith(p + "/"))) {
                    continue;
                }
                String owner = pathOwner.putIfAbsent(path.getKey(), source.name());
                if (owner != null) {
                    problems.add("path " + path.getKey() + " is served by both " + owner + " and " + source.name());
                    continue;
                }
                ObjectNode item = (ObjectNode) path.getValue().deepCopy();
                ArrayNode servers = item.putArray("servers");
                servers.addObject().put("url", server).put("description", "the platform's public host");
                servers.addObject().put("url", source.localUrl()).put("description", source.name() + " in a local run");
                item.fields().forEachRemaining(op -> {
                    if (!METHODS.contains(op.getKey())) {
                        return;
                    }
                    String where = op.getKey().toUpperCase() + " " + path.getKey() + " (" + source.name() + ")";
                    String id = op.getValue().path("operationId").asText("");
                    if (id.isEmpty()) {
                        problems.add(where + " has no operationId");
                    } else {
                        String other = operationOwner.putIfAbsent(id, where);
                        if (other != null) {
                            problems.add("operationId " + id + " is used by both " + other + " and " + where);
                        }
                    }
                });
                paths.set(path.getKey(), item);
                kept.set(path.getKey(), item);
            }
            for (JsonNode tag : doc.path("tags")) {
                String name = tag.path("name").asText();
                JsonNode known = tags.get(name);
                if (known == null) {
                    tags.set(name, tag.deepCopy());
                    tagOwner.put(name, source.name());
                } else if (!known.equals(tag)) {
                    problems.add("tag " + name + " is described differently by " + tagOwner.get(name) + " and "
                            + source.name());
                }
            }
            // only what this service's public paths use: a component of the internal paths (its audit records) or
            // one nothing uses is no part of the platform's contract, so it cannot clash
            Map<String, ObjectNode> own = new LinkedHashMap<>();
            doc.path("components").fields().forEachRemaining(k -> own.put(k.getKey(), (ObjectNode) k.getValue()));
            Iterator<Map.Entry<String, JsonNode>> kinds = keepReachable(kept, own).fields();
            while (kinds.hasNext()) {
                Map.Entry<String, JsonNode> kind = kinds.next();
                ObjectNode target = components.computeIfAbsent(kind.getKey(), k -> NODES.objectNode());
                kind.getValue().fields().forEachRemaining(component -> {
                    String key = kind.getKey() + "/" + component.getKey();
                    JsonNode known = target.get(component.getKey());
                    if (known == null) {
                        target.set(component.getKey(), component.getValue().deepCopy());
                        componentOwner.put(key, source.name());
                    } else if (!known.equals(component.getValue())) {
                        problems.add("components/" + key + " differs between " + componentOwner.get(key) + " and "
                                + source.name() + ": give one of them another name");
                    }
                });
            }
            JsonNode s = doc.get("security");
            if (s != null) {
                if (security != null && !security.equals(s)) {
                    problems.add(source.name() + " has another top-level security requirement");
                }
                security = s;
            }
        }
        if (!problems.isEmpty()) {
            throw new MergeException(problems);
        }
        if (security != null) {
            out.set("security", security.deepCopy());
        }

        ObjectNode sortedPaths = out.putObject("paths");
        new TreeSet<>(pathOwner.keySet()).stream().filter(paths::has).forEach(p -> sortedPaths.set(p, paths.get(p)));

        Set<String> usedTags = new LinkedHashSet<>();
        sortedPaths.forEach(item -> item.fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                op.getValue().path("tags").forEach(t -> usedTags.add(t.asText()));
            }
        }));
        ArrayNode tagList = NODES.arrayNode();
        new TreeSet<>(usedTags).forEach(t -> tagList.add(tags.has(t) ? tags.get(t) : NODES.objectNode().put("name", t)));
        if (!tagList.isEmpty()) {
            out.set("tags", tagList);
        }

        ObjectNode keptComponents = keepReachable(sortedPaths, components);
        if (!keptComponents.isEmpty()) {
            out.set("components", keptComponents);
        }
        return out;
    }

    /** The components the paths reach (through any chain of $refs) and every security scheme, names sorted. */
    private static ObjectNode keepReachable(JsonNode paths, Map<String, ObjectNode> components) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(paths));
        while (!pending.isEmpty()) {
            collectRefs(pending.pop(), ref -> {
                Matcher m = REF.matcher(ref);
                if (m.matches() && reached.add(m.group(1) + "/" + m.group(2))) {
                    ObjectNode kind = components.get(m.group(1));
                    JsonNode target = kind == null ? null : kind.get(m.group(2));
                    if (target == null) {
                        throw new MergeException(List.of("$ref " + ref + " names no component"));
                    }
                    pending.push(target);
                }
            });
        }
        ObjectNode kept = NODES.objectNode();
        components.forEach((kind, members) -> {
            ObjectNode out = NODES.objectNode();
            Set<String> names = new TreeSet<>();
            members.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> {
                if (kind.equals("securitySchemes") || reached.contains(kind + "/" + name)) {
                    out.set(name, members.get(name));
                }
            });
            if (!out.isEmpty()) {
                kept.set(kind, out);
            }
        });
        return kept;
    }

    private static void collectRefs(JsonNode node, java.util.function.Consumer<String> sink) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                sink.accept(ref.asText());
            }
            node.forEach(child -> collectRefs(child, sink));
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, sink));
        }
    }

    static int countOperations(JsonNode document) {
        int n = 0;
        for (JsonNode item : document.path("paths")) {
            Iterator<String> names = item.fieldNames();
            while (names.hasNext()) {
                if (METHODS.contains(names.next())) {
                    n++;
                }
            }
        }
        return n;
    }
}
