package cn.tongyou.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static cn.tongyou.deploy.Platform.at;
import static cn.tongyou.deploy.Platform.kind;
import static cn.tongyou.deploy.Platform.list;
import static cn.tongyou.deploy.Platform.map;
import static cn.tongyou.deploy.Platform.name;
import static cn.tongyou.deploy.Platform.str;

/**
 * The operators' custom resource definitions ({@code ../shared/k8s-crds}: Strimzi 1.0.1, CloudNativePG 1.30.0) and a
 * check of a rendered resource against the {@code openAPIV3Schema} of its version. Stricter than an API server: a field
 * the schema does not declare is an error here, where a cluster would prune it silently (a misspelt
 * {@code retentionPolicy} would leave backups unpruned without a word). Covers what these schemas use: types,
 * properties, additionalProperties, required, enum, items, int-or-string, preserve-unknown-fields, minimum/maximum,
 * pattern, anyOf/oneOf.
 */
final class CrdSchemas {

    private static final Map<String, Map<String, Object>> SCHEMAS = load();

    private CrdSchemas() {
    }

    /** {@code $CFC_SHARED_DIR/k8s-crds}, else {@code ../shared/k8s-crds} beside the repository. */
    static Path directory() {
        String shared = System.getenv("CFC_SHARED_DIR");
        Path base = shared != null && !shared.isBlank() ? Path.of(shared) : Platform.ROOT.resolve("../shared");
        return base.resolve("k8s-crds").toAbsolutePath().normalize();
    }

    private static Map<String, Map<String, Object>> load() {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            throw new AssertionError(dir + " not found: the custom resources are checked against the operators' CRDs "
                    + "(../shared/k8s-crds beside the repository, or $CFC_SHARED_DIR/k8s-crds)");
        }
        Map<String, Map<String, Object>> schemas = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Map<String, Object> crd : Platform.parseAll(Platform.read(file))) {
                    if (!"CustomResourceDefinition".equals(kind(crd))) {
                        continue;
                    }
                    String group = str(at(crd, "spec", "group"));
                    String crdKind = str(at(crd, "spec", "names", "kind"));
                    for (Object version : list(at(crd, "spec", "versions"))) {
                        schemas.put(group + "/" + str(at(version, "name")) + " " + crdKind,
                                map(at(version, "schema", "openAPIV3Schema")));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return schemas;
    }

    /** Whether a resource's apiVersion and kind belong to a definition here (the operators' kinds). */
    static boolean covers(Map<String, Object> resource) {
        String apiVersion = str(resource.get("apiVersion"));
        return apiVersion != null && (apiVersion.contains("strimzi.io/") || apiVersion.contains("cnpg.io/"));
    }

    /** Every way the resource departs from its schema; a Strimzi or CloudNativePG kind without a schema is one. */
    static List<String> problems(Map<String, Object> resource) {
        String where = kind(resource) + " " + name(resource);
        Map<String, Object> schema = SCHEMAS.get(str(resource.get("apiVersion")) + " " + kind(resource));
        List<String> problems = new ArrayList<>();
        if (schema == null) {
            problems.add(where + ": no CRD for " + resource.get("apiVersion") + " " + kind(resource) + " in "
                    + directory());
            return problems;
        }
        Map<String, Object> body = new HashMap<>(resource);
        // metadata is the API server's ObjectMeta, not described by the CRD schema
        body.remove("metadata");
        Map<String, Object> root = new HashMap<>(schema);
        Map<String, Object> properties = new HashMap<>(map(schema.get("properties")));
        properties.remove("metadata");
        root.put("properties", properties);
        root.put("required", list(schema.get("required")).stream().filter(r -> !"metadata".equals(r)).toList());
        check(body, root, where, problems, true);
        return problems;
    }

    private static void check(Object value, Map<String, Object> schema, String path, List<String> problems,
            boolean strict) {
        if (value == null) {
            if (!Boolean.TRUE.equals(schema.get("nullable"))) {
                problems.add(path + ": null");
            }
            return;
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            List<Object> branches = list(schema.get(combinator));
            if (!branches.isEmpty() && branches.stream().noneMatch(b -> {
                List<String> scratch = new ArrayList<>();
                check(value, map(b), path, scratch, false);
                return scratch.isEmpty();
            })) {
                problems.add(path + ": matches none of " + combinator + " " + branches);
            }
        }
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            if (!(value instanceof Integer || value instanceof Long || value instanceof String)) {
                problems.add(path + ": " + value + " is neither an integer nor a string");
            }
            return;
        }
        String type = str(schema.get("type"));
        if (type != null && !hasType(value, type)) {
            problems.add(path + ": " + describe(value) + " where the schema wants " + type);
            return;
        }
        List<Object> allowed = list(schema.get("enum"));
        if (!allowed.isEmpty() && allowed.stream().noneMatch(a -> String.valueOf(a).equals(String.valueOf(value)))) {
            problems.add(path + ": " + value + " is not one of " + allowed);
        }
        if (value instanceof Number number) {
            if (schema.get("minimum") instanceof Number min && number.doubleValue() < min.doubleValue()) {
                problems.add(path + ": " + value + " below the minimum " + min);
            }
            if (schema.get("maximum") instanceof Number max && number.doubleValue() > max.doubleValue()) {
                problems.add(path + ": " + value + " above the maximum " + max);
            }
        }
        if (value instanceof String text && schema.get("pattern") instanceof String pattern
                && !Pattern.compile(pattern).matcher(text).find()) {
            problems.add(path + ": \"" + text + "\" does not match " + pattern);
        }
        if (value instanceof Map<?, ?> object) {
            for (Object required : list(schema.get("required"))) {
                if (!object.containsKey(required)) {
                    problems.add(path + ": required field " + required + " missing");
                }
            }
            boolean preserveUnknown = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
            Map<String, Object> properties = map(schema.get("properties"));
            Object additional = schema.get("additionalProperties");
            for (Map.Entry<?, ?> field : object.entrySet()) {
                String key = String.valueOf(field.getKey());
                String fieldPath = path + "." + key;
                if (properties.containsKey(key)) {
                    check(field.getValue(), map(properties.get(key)), fieldPath, problems, strict);
                } else if (additional instanceof Map<?, ?> additionalSchema) {
                    check(field.getValue(), Platform.cast(additionalSchema), fieldPath, problems, strict);
                } else if (strict && !preserveUnknown && !Boolean.TRUE.equals(additional)) {
                    problems.add(fieldPath + ": unknown field (the API server would drop it silently)");
                }
            }
        }
        if (value instanceof List<?> items && schema.get("items") instanceof Map<?, ?> itemSchema) {
            for (int i = 0; i < items.size(); i++) {
                check(items.get(i), Platform.cast(itemSchema), path + "[" + i + "]", problems, strict);
            }
        }
    }

    private static boolean hasType(Object value, String type) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long
                    || value instanceof java.math.BigInteger;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> true;
        };
    }

    private static String describe(Object value) {
        return value.getClass().getSimpleName() + " " + value;
    }
}
