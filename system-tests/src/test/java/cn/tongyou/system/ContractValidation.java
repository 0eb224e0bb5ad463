package cn.tongyou.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.oas.OpenApi30;
import com.networknt.schema.oas.OpenApi31;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every response the system tests receive, checked against the platform's one OpenAPI document
 * ({@code api/target/openapi/tongyou-api.yaml}, merged by the build from the four services' documents): the status must
 * be documented for the operation, the media type listed for that status, the headers it requires present, and a JSON
 * body must validate against its schema. A frontend's generated client and its strict validators (zod, ajv) trust
 * exactly this, so a mismatch fails the test with the validator's messages instead of surfacing on a frontend team's
 * first day.
 * <p>
 * The services' management endpoints ({@code /q/…}: health, metrics) are not part of the API and are not checked.
 */
final class ContractValidation implements Filter {

    /** Where {@code $ref}s of the loaded document resolve; answered from memory, never fetched. */
    private static final String DOCUMENT_IRI = "https://contract.tongyou.invalid/tongyou-api.json";
    /** Response schemas are copied under this prefix into the document's components so that one IRI addresses each. */
    private static final String RESPONSE_SCHEMA_PREFIX = "contract-check-response-";
    /** Marks a media type of the loaded copy with the key of its response schema. */
    private static final String SCHEMA_KEY = "x-contract-check";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final int BODY_EXCERPT = 600;
    private static final Pattern ARRAY_INDEX = Pattern.compile("\\[\\d+]");

    private static ContractValidation instance;

    /** The merged document first; the services' own documents only for what it leaves out. */
    private final List<Document> documents;

    private ContractValidation(List<Document> documents) {
        this.documents = documents;
    }

    /**
     * The filter for the documents the build made in this checkout, loaded once: the merged one, and each service's own
     * for the operations served inside the cluster only (audit, projections: not routed by the Ingress, so left out of
     * the platform's document, design §9.4). Those are common's resources, the same in every service that has them.
     */
    static synchronized ContractValidation ofTheMergedDocument() {
        if (instance == null) {
            Path repo = Path.of(System.getProperty("cfc.repo.dir", "..")).toAbsolutePath().normalize();
            List<Document> documents = new ArrayList<>();
            documents.add(new Document(repo.resolve("api/target/openapi/tongyou-api.yaml"), "the api module"));
            for (String service : List.of(Platform.FACILITY, Platform.INDICATOR, Platform.TASK, Platform.REPORTING)) {
                documents.add(new Document(repo.resolve(service).resolve("target/openapi/openapi.yaml"), service));
            }
            instance = new ContractValidation(List.copyOf(documents));
        }
        return instance;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        String path = URI.create(request.getURI()).getPath();
        String method = request.getMethod();
        // /q/… is health and metrics, not API; a CORS preflight is answered by the HTTP layer before any operation
        if (path.startsWith("/q/") || "OPTIONS".equals(method)) {
            return response;
        }
        Optional<Document> document = documents.stream().filter(d -> d.route(method, path).isPresent()).findFirst();
        List<String> problems = document.map(d -> d.check(method, path, response))
                .orElse(List.of("no operation " + method + " " + path + " in " + documents.get(0).file));
        if (!problems.isEmpty()) {
            String body = response.asString();
            throw new AssertionError(method + " " + path + " → " + response.statusCode() + " "
                    + response.contentType() + " does not match the API document "
                    + document.map(d -> d.file).orElse(documents.get(0).file) + ":\n  - "
                    + String.join("\n  - ", problems) + "\n  body: "
                    + (body.length() > BODY_EXCERPT ? body.substring(0, BODY_EXCERPT) + " …" : body));
        }
        return response;
    }

    /** One OpenAPI document: its operations and a validator for each response schema. */
    private static final class Document {
        final Path file;
        final List<Route> routes = new ArrayList<>();
        final JsonSchemaFactory factory;
        final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
        final ObjectMapper json = new ObjectMapper();

        Document(Path file, String madeBy) {
            this.file = file;
            if (!Files.isReadable(file)) {
                throw new IllegalStateException(file + " is missing: build " + madeBy
                        + " first (./mvnw -B verify -pl system-tests -am)");
            }
            JsonNode root;
            try {
                root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the API document " + file, e);
            }
            ObjectNode withResponseSchemas = root.deepCopy();
            ObjectNode componentSchemas = withResponseSchemas.withObject("/components").withObject("/schemas");
            int[] next = {0};
            withResponseSchemas.path("paths").fields().forEachRemaining(path -> path.getValue().fields()
                    .forEachRemaining(op -> {
                        if (METHODS.contains(op.getKey())) {
                            routes.add(new Route(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue()));
                            op.getValue().path("responses").forEach(r -> r.path("content").forEach(media -> {
                                if (media.has("schema")) {
                                    String key = RESPONSE_SCHEMA_PREFIX + next[0]++;
                                    componentSchemas.set(key, media.get("schema").deepCopy());
                                    ((ObjectNode) media).put(SCHEMA_KEY, key);
                                }
                            }));
                        }
                    }));
            if (routes.isEmpty()) {
                throw new IllegalStateException("the API document " + file + " has no operations");
            }
            boolean openApi30 = root.path("openapi").asText().startsWith("3.0");
            JsonMetaSchema dialect = openApi30 ? OpenApi30.getInstance() : OpenApi31.getInstance();
            String text;
            try {
                text = json.writeValueAsString(withResponseSchemas);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            factory = JsonSchemaFactory.getInstance(
                    openApi30 ? SpecVersion.VersionFlag.V4 : SpecVersion.VersionFlag.V202012,
                    b -> b.metaSchema(dialect).defaultMetaSchemaIri(dialect.getIri())
                            .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_IRI, text))));
        }

        Optional<Route> route(String method, String path) {
            return routes.stream().filter(r -> r.method.equals(method) && r.pattern.matcher(path).matches())
                    .max(Comparator.comparingInt(r -> r.literalSegments));
        }

        /** What does not match, in the validator's words; empty if the response is as documented. */
        List<String> check(String method, String path, Response response) {
            Route route = route(method, path).orElseThrow();
            JsonNode operation = route.operation;
            String name = operation.path("operationId").asText(method + " " + route.template);
            String status = String.valueOf(response.statusCode());
            JsonNode responses = operation.path("responses");
            JsonNode documented = responses.has(status) ? responses.get(status)
                    : responses.has(status.charAt(0) + "XX") ? responses.get(status.charAt(0) + "XX")
                    : responses.get("default");
            if (documented == null) {
                return List.of(name + " does not document status " + status + " (it documents "
                        + names(responses.fieldNames()) + ")");
            }
            List<String> problems = new ArrayList<>();
            documented.path("headers").fields().forEachRemaining(h -> {
                if (h.getValue().path("required").asBoolean(false) && response.header(h.getKey()) == null) {
                    problems.add(name + " " + status + " requires header " + h.getKey() + ", absent");
                }
            });
            byte[] body = response.asByteArray();
            JsonNode content = documented.path("content");
            if (content.isMissingNode() || content.isEmpty()) {
                if (body.length > 0) {
                    problems.add(name + " " + status + " documents no body, got " + body.length + " bytes of "
                            + response.contentType());
                }
                return problems;
            }
            String mediaType = Optional.ofNullable(response.contentType()).map(t -> t.split(";")[0].trim())
                    .orElse("").toLowerCase(Locale.ROOT);
            JsonNode media = mediaTypeOf(content, mediaType);
            if (media == null) {
                problems.add(name + " " + status + " documents " + names(content.fieldNames()) + ", got '"
                        + mediaType + "'");
                return problems;
            }
            String key = media.path(SCHEMA_KEY).asText(null);
            if (key != null && isJson(mediaType)) {
                JsonNode value;
                try {
                    value = json.readTree(body.length == 0 ? "null".getBytes(StandardCharsets.UTF_8) : body);
                } catch (IOException e) {
                    problems.add(name + " " + status + " body is not JSON: " + e.getMessage());
                    return problems;
                }
                JsonSchema schema = schemas.computeIfAbsent(key,
                        k -> factory.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#/components/schemas/" + k)));
                // one line per kind of mismatch, not per array element: $.items[*].validTo: null found … (×40)
                Map<String, Long> kinds = schema.validate(value).stream()
                        .map(m -> ARRAY_INDEX.matcher(m.getMessage()).replaceAll("[*]"))
                        .collect(Collectors.groupingBy(m -> m, TreeMap::new, Collectors.counting()));
                kinds.forEach((m, n) -> problems.add(name + " " + status + " " + mediaType + ": " + m
                        + (n > 1 ? " (×" + n + ")" : "")));
            }
            return problems;
        }
    }

    private static JsonNode mediaTypeOf(JsonNode content, String mediaType) {
        if (content.has(mediaType)) {
            return content.get(mediaType);
        }
        String wildcard = mediaType.contains("/") ? mediaType.substring(0, mediaType.indexOf('/')) + "/*" : "";
        return content.has(wildcard) ? content.get(wildcard) : content.get("*/*");
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static String names(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list.stream().collect(Collectors.joining(", ", "[", "]"));
    }

    /** An operation of the document and the request paths it answers ({@code {x}} is one path segment). */
    private static final class Route {
        final String method;
        final String template;
        final Pattern pattern;
        /** Literal segments win over templated ones: {@code /snapshots/diff} before {@code /snapshots/{id}}. */
        final int literalSegments;
        final JsonNode operation;

        Route(String method, String template, JsonNode operation) {
            this.method = method;
            this.template = template;
            this.operation = operation;
            StringBuilder regex = new StringBuilder();
            int literals = 0;
            for (String segment : template.substring(1).split("/", -1)) {
                regex.append('/');
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    regex.append("[^/]+");
                } else {
                    regex.append(Pattern.quote(segment));
                    literals++;
                }
            }
            this.pattern = Pattern.compile(regex.toString());
            this.literalSegments = literals;
        }
    }
}
