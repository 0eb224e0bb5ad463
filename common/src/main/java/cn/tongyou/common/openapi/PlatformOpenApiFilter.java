package cn.tongyou.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.info.Info;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What every service's OpenAPI document says the same way, so that the four documents merge into one contract a
 * generated client can trust (api/ module): the problem responses each operation can give, derived from the
 * operation itself; a schema for every response header; page schemas named after what they hold instead of by
 * position; downloads as binary; every property of an answer required, null only where it may be; roles as x-roles;
 * the project's version, contact and servers. It runs when a service is built (stage BUILD), so the stored
 * document (target/openapi) and /q/openapi both have it: Quarkus runs a filter named by {@code mp.openapi.filter} only
 * at run time, after the document was stored.
 * <p>
 * An operation marked {@code @Extension(name = "x-concurrency-limit", value = "<limiter name>")} is one that common's
 * {@code ConcurrencyLimiter} may refuse with 429.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class PlatformOpenApiFilter implements OASFilter {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_REF = "#/components/schemas/Problem";
    public static final String CONCURRENCY_LIMIT = "x-concurrency-limit";
    /**
     * On a schema (a record with {@code @JsonInclude(NON_NULL)}, {@code NON_ABSENT} or {@code NON_EMPTY}) or on one
     * property: a null value is left out of the JSON rather than sent as null. Such a property is optional and, when
     * present, not null. Written as {@code @Schema(extensions = @Extension(name = OMITTED_WHEN_NULL, value = "true"))}.
     */
    public static final String OMITTED_WHEN_NULL = "x-omitted-when-null";
    /** The generic page record's name ({@code common.paging.Page}); each use of it becomes {@code <Item>Page}. */
    private static final Pattern POSITIONAL_PAGE = Pattern.compile("Page\\d*");
    private static final String SCHEMAS = "#/components/schemas/";

    /** What the filter writes into info and servers. */
    public record Settings(String version, String contactName, String contactEmail, String contactUrl,
                           List<String> servers, List<String> nullable, List<String> omittedWhenNull,
                           List<String> omittingSchemas, List<String> operationIdRenames) {
    }

    private final Settings settings;
    private final Set<String> renamed = new HashSet<>();

    /** Read from the build's configuration ({@code cfc.openapi.*}, {@code quarkus.application.version}). */
    public PlatformOpenApiFilter() {
        this(settings(ConfigProvider.getConfig()));
    }

    public PlatformOpenApiFilter(Settings settings) {
        this.settings = settings;
    }

    static Settings settings(Config config) {
        return new Settings(
                config.getOptionalValue("quarkus.application.version", String.class).orElse("0"),
                config.getOptionalValue("cfc.openapi.contact.name", String.class).orElse(null),
                config.getOptionalValue("cfc.openapi.contact.email", String.class).orElse(null),
                config.getOptionalValue("cfc.openapi.contact.url", String.class).orElse(null),
                config.getOptionalValues("cfc.openapi.servers", String.class).orElse(List.of()),
                java.util.stream.Stream.concat(
                        config.getOptionalValues("cfc.openapi.common-nullable", String.class).orElse(List.of()).stream(),
                        config.getOptionalValues("cfc.openapi.nullable", String.class).orElse(List.of()).stream()).toList(),
                config.getOptionalValues("cfc.openapi.omitted-when-null", String.class).orElse(List.of()),
                config.getOptionalValues("cfc.openapi.omitted-when-null-schemas", String.class).orElse(List.of()),
                config.getOptionalValues("cfc.openapi.operation-id-renames", String.class).orElse(List.of()));
    }

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        describe(openApi);
        Components components = openApi.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openApi.setComponents(components);
        }
        nameGenericPages(openApi, components);
        addSharedHeaders(components);
        if (openApi.getPaths() != null && openApi.getPaths().getPathItems() != null) {
            openApi.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                    .forEach((method, operation) -> documentProblems(path, method, operation)));
            Components finalComponents = components;
            openApi.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
                renameOperation(operation);
                typeResponseHeaders(operation);
                typeDownloads(operation);
                rolesAsExtension(operation, finalComponents);
            }));
        }
        markNulls(components);
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(PlatformOpenApiFilter::preferOneOfToRef);
        }
        requireWhatAnswersAlwaysCarry(openApi, components);
        List<String> unused = settings.operationIdRenames().stream().filter(r -> !renamed.contains(r)).toList();
        if (!unused.isEmpty()) {
            throw new IllegalStateException("cfc.openapi.operation-id-renames match no operation id: " + unused);
        }
    }

    /**
     * {@code cfc.openapi.operation-id-renames} ({@code from:to}, e.g. {@code PeriodLockException:ReportLockException}):
     * an operation a service inherits from a common resource (period lock exceptions) gets the service's own id, so
     * the platform's merged document keeps one owner per operation id. A rename that matches nothing fails the build.
     */
    private void renameOperation(Operation operation) {
        String id = operation.getOperationId();
        for (String rename : settings.operationIdRenames()) {
            int colon = rename.indexOf(':');
            if (colon <= 0 || colon == rename.length() - 1) {
                throw new IllegalStateException("cfc.openapi.operation-id-renames: '" + rename + "' is not from:to");
            }
            if (id != null && id.contains(rename.substring(0, colon))) {
                id = id.replace(rename.substring(0, colon), rename.substring(colon + 1));
                renamed.add(rename);
            }
        }
        operation.setOperationId(id);
    }

    /**
     * A JsonNode property annotated with the types it takes comes out as {@code $ref: AnyJson} beside its
     * {@code oneOf}; generators ignore the siblings of a {@code $ref} (typescript-fetch then imports a model it never
     * writes, and the client does not compile), so the {@code oneOf} alone stays.
     */
    static void preferOneOfToRef(Schema schema) {
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> {
                if (p.getRef() != null && p.getOneOf() != null && !p.getOneOf().isEmpty()) {
                    p.setRef(null);
                }
            });
        }
    }

    /**
     * Which answer properties may be null, for the records that carry no OpenAPI annotation (domain records stay free
     * of them): {@code Schema.property} lists in {@code cfc.openapi.nullable} (a service's; common's own records in
     * {@code cfc.openapi.common-nullable}) are sent as null when unknown; those in
     * {@code cfc.openapi.omitted-when-null} are left out instead, as are the nullable properties of the schemas named
     * in {@code cfc.openapi.omitted-when-null-schemas} ({@code @JsonInclude(NON_NULL)} records). A name that matches
     * nothing fails the build, so the lists cannot drift from the records.
     */
    private void markNulls(Components components) {
        List<String> unknown = new ArrayList<>();
        for (String entry : settings.nullable()) {
            property(components, entry).ifPresentOrElse(PlatformOpenApiFilter::allowNull, () -> unknown.add(entry));
        }
        for (String entry : settings.omittedWhenNull()) {
            property(components, entry).ifPresentOrElse(p -> p.addExtension(OMITTED_WHEN_NULL, "true"),
                    () -> unknown.add(entry));
        }
        for (String name : settings.omittingSchemas()) {
            Schema schema = components.getSchemas() == null ? null : components.getSchemas().get(name);
            if (schema == null) {
                unknown.add(name);
            } else {
                schema.addExtension(OMITTED_WHEN_NULL, "true");
            }
        }
        if (components.getSchemas() != null) {
            components.getSchemas().values().stream().filter(schema -> schema.getProperties() != null)
                    .flatMap(schema -> schema.getProperties().values().stream())
                    .forEach(PlatformOpenApiFilter::dropTypeBesideNullBranch);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("cfc.openapi.nullable / omitted-when-null(-schemas) name nothing in the document: "
                    + unknown);
        }
    }

    private static Optional<Schema> property(Components components, String entry) {
        int dot = entry.indexOf('.');
        Schema schema = dot < 0 || components.getSchemas() == null ? null : components.getSchemas().get(entry.substring(0, dot));
        return Optional.ofNullable(schema == null || schema.getProperties() == null ? null
                : schema.getProperties().get(entry.substring(dot + 1)));
    }

    /** string becomes [string, null]; a reference becomes anyOf [reference, null]; a oneOf gets a null branch. */
    static void allowNull(Schema property) {
        if (isNullable(property)) {
            return;
        }
        if (property.getRef() != null) {
            Schema ref = OASFactory.createSchema().ref(property.getRef());
            property.setRef(null);
            property.setType(null);
            property.addAnyOf(ref).addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
        } else if (property.getAllOf() != null && property.getAllOf().size() == 1) {
            property.addAnyOf(property.getAllOf().get(0)).addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
            property.setAllOf(null);
            property.setType(null);
        } else if (property.getType() != null && !property.getType().isEmpty()) {
            property.addType(Schema.SchemaType.NULL);
        } else if (property.getOneOf() != null && !property.getOneOf().isEmpty()) {
            property.addOneOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
        }
    }

    /**
     * SmallRye writes {@code @Schema(nullable = true)} on a reference as {@code type: object} beside
     * {@code anyOf: [reference, null]}; the type would refuse the null the union allows, so it goes.
     */
    static void dropTypeBesideNullBranch(Schema property) {
        boolean union = property.getAnyOf() != null || property.getOneOf() != null;
        if (union && property.getType() != null && !property.getType().contains(Schema.SchemaType.NULL)
                && isNullable(property)) {
            property.setType(null);
        }
    }

    private void describe(OpenAPI openApi) {
        Info info = openApi.getInfo();
        if (info == null) {
            info = OASFactory.createInfo();
            openApi.setInfo(info);
        }
        info.setVersion(settings.version());
        if (settings.contactName() != null || settings.contactEmail() != null || settings.contactUrl() != null) {
            info.setContact(OASFactory.createContact()
                    .name(settings.contactName()).email(settings.contactEmail()).url(settings.contactUrl()));
        }
        if (!settings.servers().isEmpty()) {
            openApi.setServers(new ArrayList<>(settings.servers().stream()
                    .map(url -> OASFactory.createServer().url(url)).toList()));
        }
    }

    // --- pages -------------------------------------------------------------------------------------------------

    /**
     * SmallRye names the instantiations of {@code Page<T>} Page1, Page2 … in the order it meets them, which changes
     * between services and releases; each becomes {@code <T>Page} (a page of Region is RegionPage). A service's own
     * {@code <T>Page} schema of the same name (FacilityPage) is used instead when it exists.
     */
    private static void nameGenericPages(OpenAPI openApi, Components components) {
        Map<String, Schema> schemas = components.getSchemas();
        if (schemas == null) {
            return;
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Map.Entry<String, Schema> entry : new TreeMap<>(schemas).entrySet()) {
            if (!POSITIONAL_PAGE.matcher(entry.getKey()).matches()) {
                continue;
            }
            itemName(entry.getValue()).ifPresent(item -> renamed.put(entry.getKey(), item + "Page"));
        }
        for (Map.Entry<String, String> rename : renamed.entrySet()) {
            Schema page = schemas.get(rename.getKey());
            String description = page.getDescription();
            if (!components.getSchemas().containsKey(rename.getValue())) {
                if (description == null || description.startsWith("a page of results")) {
                    page.setDescription("a page of " + rename.getValue().replaceAll("Page$", "")
                            + " with the total count");
                }
                components.addSchema(rename.getValue(), page);
            }
        }
        renamed.keySet().forEach(components::removeSchema);
        schemas = components.getSchemas();
        if (!renamed.isEmpty()) {
            forEachSchema(openApi, schema -> {
                if (schema.getRef() != null && schema.getRef().startsWith(SCHEMAS)) {
                    String target = renamed.get(schema.getRef().substring(SCHEMAS.length()));
                    if (target != null) {
                        schema.setRef(SCHEMAS + target);
                    }
                }
            });
        }
        // the generic record itself (items of any type) is what SmallRye lists for the annotation; nothing uses it
        Schema generic = schemas.get("Page");
        if (generic != null && itemName(generic).isEmpty() && !referenced(openApi, SCHEMAS + "Page")) {
            components.removeSchema("Page");
        }
    }

    private static Optional<String> itemName(Schema page) {
        Map<String, Schema> properties = page.getProperties();
        Schema items = properties == null || properties.get("items") == null ? null : properties.get("items").getItems();
        if (items == null) {
            return Optional.empty();
        }
        if (items.getRef() != null && items.getRef().startsWith(SCHEMAS)) {
            return Optional.of(items.getRef().substring(SCHEMAS.length()));
        }
        if (items.getType() != null && items.getType().size() == 1) {
            String type = items.getType().get(0).toString();
            return Optional.of(Character.toUpperCase(type.charAt(0)) + type.substring(1));
        }
        return Optional.empty();
    }

    private static boolean referenced(OpenAPI openApi, String ref) {
        boolean[] found = {false};
        forEachSchema(openApi, schema -> found[0] |= ref.equals(schema.getRef()));
        return found[0];
    }

    // --- required and nullable -----------------------------------------------------------------------------------

    /**
     * Jackson writes every property of an answer, null ones as null: so every property of a schema only answers use
     * is required, and the ones that may be null say so ({@code @Schema(nullable = true)}, a type union with null).
     * A property left out when null ({@link #OMITTED_WHEN_NULL}) is the exception: optional, never null. Schemas a
     * request body uses keep the required list their validation annotations gave them.
     */
    private static void requireWhatAnswersAlwaysCarry(OpenAPI openApi, Components components) {
        Map<String, Schema> schemas = components.getSchemas();
        if (schemas == null || openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        java.util.Set<String> requests = new java.util.HashSet<>();
        java.util.Set<String> answers = new java.util.HashSet<>();
        for (PathItem item : openApi.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getRequestBody() != null) {
                    reach(operation.getRequestBody().getContent(), schemas, requests);
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    operation.getResponses().getAPIResponses().values().forEach(r -> reach(r.getContent(), schemas, answers));
                }
            }
        }
        problemShape(schemas);
        for (String name : new TreeMap<>(schemas).keySet()) {
            Schema schema = schemas.get(name);
            if (PROBLEM_SCHEMAS.containsKey(name) || !answers.contains(name) || requests.contains(name) || schema.getProperties() == null) {
                continue;
            }
            boolean omitsNulls = isMarked(schema);
            if (schema.getExtensions() != null && schema.getExtensions().containsKey(OMITTED_WHEN_NULL)) {
                schema.removeExtension(OMITTED_WHEN_NULL);
            }
            schema.getProperties().forEach((property, propertySchema) -> {
                boolean omitted = isMarked(propertySchema) || (omitsNulls && isNullable(propertySchema));
                if (propertySchema.getExtensions() != null && propertySchema.getExtensions().containsKey(OMITTED_WHEN_NULL)) {
                    propertySchema.removeExtension(OMITTED_WHEN_NULL);
                }
                if (omitted) {
                    if (schema.getRequired() != null && schema.getRequired().contains(property)) {
                        schema.removeRequired(property);
                    }
                    notNull(propertySchema);
                } else if (schema.getRequired() == null || !schema.getRequired().contains(property)) {
                    schema.addRequired(property);
                }
            });
        }
        // a nullable enumeration must list null among its values, or null fails validation against the enum
        forEachSchema(openApi, schema -> {
            if (isNullable(schema) && schema.getEnumeration() != null && !schema.getEnumeration().contains(null)) {
                List<Object> values = new ArrayList<>(schema.getEnumeration());
                values.add(null); // addEnumeration ignores null
                schema.setEnumeration(values);
            }
        });
    }

    /**
     * common's problem record leaves out what is empty (RFC 9457 members are optional): type, title and status are
     * always there; a violation always has its message, its field and line only when known.
     */
    private static final Map<String, List<String>> PROBLEM_SCHEMAS = Map.of(
            "Problem", List.of("type", "title", "status"),
            "Violation", List.of("message"));

    private static void problemShape(Map<String, Schema> schemas) {
        PROBLEM_SCHEMAS.forEach((name, required) -> {
            Schema schema = schemas.get(name);
            if (schema != null && schema.getProperties() != null) {
                schema.setRequired(new ArrayList<>(required.stream().filter(schema.getProperties()::containsKey).toList()));
            }
        });
    }

    private static boolean isMarked(Schema schema) {
        return schema.getExtensions() != null && "true".equals(String.valueOf(schema.getExtensions().get(OMITTED_WHEN_NULL)));
    }

    static boolean isNullable(Schema schema) {
        if (schema.getType() != null && schema.getType().contains(Schema.SchemaType.NULL)) {
            return true;
        }
        for (List<Schema> union : java.util.Arrays.asList(schema.getAnyOf(), schema.getOneOf())) {
            if (union != null && union.stream().anyMatch(s -> s.getType() != null
                    && s.getType().equals(List.of(Schema.SchemaType.NULL)))) {
                return true;
            }
        }
        return false;
    }

    private static void notNull(Schema schema) {
        if (schema.getType() != null && schema.getType().contains(Schema.SchemaType.NULL)) {
            schema.removeType(Schema.SchemaType.NULL);
        }
        for (List<Schema> union : java.util.Arrays.asList(schema.getAnyOf(), schema.getOneOf())) {
            if (union != null) {
                new ArrayList<>(union).stream().filter(s -> s.getType() != null
                        && s.getType().equals(List.of(Schema.SchemaType.NULL))).forEach(s -> {
                    if (union == schema.getAnyOf()) {
                        schema.removeAnyOf(s);
                    } else {
                        schema.removeOneOf(s);
                    }
                });
            }
        }
        if (schema.getEnumeration() != null && schema.getEnumeration().contains(null)) {
            schema.removeEnumeration(null);
        }
    }

    /** Adds the names of the component schemas {@code content} reaches, through any chain of references. */
    private static void reach(Content content, Map<String, Schema> schemas, java.util.Set<String> reached) {
        java.util.Deque<Schema> pending = new java.util.ArrayDeque<>();
        walk(content, pending::push);
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(SCHEMAS)) {
                String name = ref.substring(SCHEMAS.length());
                if (reached.add(name) && schemas.get(name) != null) {
                    walk(schemas.get(name), pending::push);
                }
            }
        }
    }

    // --- problems ----------------------------------------------------------------------------------------------

    private static void documentProblems(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean write = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.DELETE;
        boolean body = operation.getRequestBody() != null;
        boolean ifMatch = hasParameter(operation, Parameter.In.HEADER, "If-Match");
        boolean byId = path.contains("{");
        boolean limited = operation.getExtensions() != null && operation.getExtensions().containsKey(CONCURRENCY_LIMIT);

        problem(responses, "400", "malformed request: a parameter or body value of the wrong type, out of range or "
                + "refused by the rules (each offending one named in violations)");
        problem(responses, "401", "no valid bearer token: missing, expired, badly signed or from another issuer");
        problem(responses, "403", "the token's role or region does not allow this");
        if (byId) {
            problem(responses, "404", "no such resource");
        }
        if (write) {
            problem(responses, "409", "conflicts with the current state of the resource");
            // every write publishes through the outbox, which refuses an event above cfc.outbox.max-event-bytes
            problem(responses, "422", "the change is refused as a whole: e.g. it would publish an event larger than "
                    + "the platform sends (event-too-large: shorten its free-form content)");
        }
        if (ifMatch) {
            problem(responses, "412", "If-Match does not name the current version (someone else changed it)");
            problem(responses, "428", "If-Match missing");
        }
        if (body) {
            problem(responses, "413", "body larger than the service accepts");
            problem(responses, "415", "body of a media type this operation does not accept");
        }
        if (limited) {
            APIResponse busy = problem(responses, "429", "the server is already running as many of these as it runs "
                    + "at once; retry after Retry-After seconds");
            if (busy.getHeaders() == null || !busy.getHeaders().containsKey("Retry-After")) {
                busy.addHeader("Retry-After", OASFactory.createHeader().ref("Retry-After"));
            }
        }
        problem(responses, "500", "unexpected server error (the X-Request-Id finds it in the logs)");
    }

    /** Adds the problem response, or gives an existing one (its own description kept) the problem body. */
    private static APIResponse problem(APIResponses responses, String status, String description) {
        APIResponse response = responses.getAPIResponse(status);
        if (response == null) {
            response = OASFactory.createAPIResponse().description(description);
            responses.addAPIResponse(status, response);
        } else if (response.getRef() != null) {
            return response;
        }
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(description);
        }
        Content content = response.getContent();
        if (content == null) {
            content = OASFactory.createContent();
            response.setContent(content);
        }
        Map<String, MediaType> types = content.getMediaTypes();
        if (types == null || types.isEmpty()) {
            content.addMediaType(PROBLEM_JSON, OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
        } else {
            types.values().forEach(type -> {
                if (type.getSchema() == null) {
                    type.setSchema(OASFactory.createSchema().ref(PROBLEM_REF));
                }
            });
        }
        return response;
    }

    private static boolean hasParameter(Operation operation, Parameter.In in, String name) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == in && name.equalsIgnoreCase(p.getName()));
    }

    // --- headers -----------------------------------------------------------------------------------------------

    private static void addSharedHeaders(Components components) {
        if (components.getHeaders() == null || !components.getHeaders().containsKey("X-Request-Id")) {
            components.addHeader("X-Request-Id", OASFactory.createHeader()
                    .description("the request's id (the caller's X-Request-Id if it sent a safe one, else a new one); "
                            + "audit records and logs carry it")
                    .schema(headerSchema("X-Request-Id")));
        }
        if (components.getHeaders() == null || !components.getHeaders().containsKey("Retry-After")) {
            components.addHeader("Retry-After", OASFactory.createHeader()
                    .description("seconds to wait before trying again")
                    .schema(headerSchema("Retry-After")));
        }
    }

    /** Every response header gets a schema, and every response the X-Request-Id the services always send. */
    private static void typeResponseHeaders(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
            if (response.getRef() != null) {
                continue;
            }
            if (response.getExtensions() != null && response.getExtensions().containsKey(CONCURRENCY_LIMIT)) {
                response.removeExtension(CONCURRENCY_LIMIT); // SmallRye copies the method's extension here too
            }
            Map<String, Header> headers = response.getHeaders();
            if (headers != null) {
                headers.forEach((name, header) -> {
                    if (header.getRef() == null && header.getSchema() == null && header.getContent() == null) {
                        header.setSchema(headerSchema(name));
                    }
                });
            }
            if (headers == null || !headers.containsKey("X-Request-Id")) {
                response.addHeader("X-Request-Id", OASFactory.createHeader().ref("X-Request-Id"));
            }
        }
    }

    static Schema headerSchema(String name) {
        Schema schema = OASFactory.createSchema();
        switch (name.toLowerCase()) {
            case "retry-after" -> schema.addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO);
            case "idempotent-replayed" -> schema.addType(Schema.SchemaType.BOOLEAN);
            case "location" -> schema.addType(Schema.SchemaType.STRING).format("uri-reference");
            case "etag" -> schema.addType(Schema.SchemaType.STRING).examples(List.of("\"3\""));
            case "content-disposition" -> schema.addType(Schema.SchemaType.STRING)
                    .examples(List.of("attachment; filename=\"compliance-410182-2025.xlsx\""));
            default -> schema.addType(Schema.SchemaType.STRING);
        }
        return schema;
    }

    // --- roles -------------------------------------------------------------------------------------------------

    /** The roles an operation allows ({@code @RolesAllowed}), listed for the reader instead of as scopes. */
    public static final String ROLES = "x-roles";

    /**
     * Quarkus lists an operation's roles as the scopes of its bearer-token requirement. Scopes belong to OAuth2 and
     * OpenID Connect schemes: linters flag them on an http scheme and generators would ask a token for them. They
     * move to {@value #ROLES}, so the document still says who may call.
     */
    private static void rolesAsExtension(Operation operation, Components components) {
        if (operation.getSecurity() == null) {
            return;
        }
        java.util.Set<String> roles = new java.util.LinkedHashSet<>();
        for (org.eclipse.microprofile.openapi.models.security.SecurityRequirement requirement : operation.getSecurity()) {
            if (requirement.getSchemes() == null) {
                continue;
            }
            for (Map.Entry<String, List<String>> scheme : new LinkedHashMap<>(requirement.getSchemes()).entrySet()) {
                var definition = components.getSecuritySchemes() == null ? null : components.getSecuritySchemes().get(scheme.getKey());
                boolean scoped = definition != null && (definition.getType() == org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.OAUTH2
                        || definition.getType() == org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.OPENIDCONNECT);
                if (!scoped && scheme.getValue() != null && !scheme.getValue().isEmpty()) {
                    roles.addAll(scheme.getValue());
                    requirement.removeScheme(scheme.getKey());
                    requirement.addScheme(scheme.getKey(), new ArrayList<>());
                }
            }
        }
        if (!roles.isEmpty()) {
            operation.addExtension(ROLES, new ArrayList<>(roles));
        }
    }

    // --- downloads ---------------------------------------------------------------------------------------------

    /**
     * A response body that is not JSON (CSV, XLSX) is a file to save as it came: {@code string/binary}, so that a
     * generated client hands over the bytes (a Blob) instead of decoding them as text, which corrupts a spreadsheet.
     */
    private static void typeDownloads(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
            if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
                continue;
            }
            response.getContent().getMediaTypes().forEach((type, media) -> {
                if (type.contains("json")) {
                    return;
                }
                Schema schema = media.getSchema();
                if (schema == null) {
                    media.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("binary"));
                } else if (schema.getRef() == null && (schema.getType() == null || schema.getType().isEmpty()
                        || schema.getType().equals(List.of(Schema.SchemaType.STRING)))) {
                    schema.setType(List.of(Schema.SchemaType.STRING));
                    schema.setFormat("binary");
                }
            });
        }
    }

    // --- walking every schema ----------------------------------------------------------------------------------

    /** Calls {@code visitor} on every schema of the document, nested ones included. */
    static void forEachSchema(OpenAPI openApi, Consumer<Schema> visitor) {
        Components components = openApi.getComponents();
        if (components != null) {
            if (components.getSchemas() != null) {
                components.getSchemas().values().forEach(s -> walk(s, visitor));
            }
            if (components.getHeaders() != null) {
                components.getHeaders().values().forEach(h -> walk(h.getSchema(), visitor));
            }
        }
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openApi.getPaths().getPathItems().values()) {
            if (item.getParameters() != null) {
                item.getParameters().forEach(p -> walk(p.getSchema(), visitor));
            }
            for (Operation operation : item.getOperations().values()) {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(p -> walk(p.getSchema(), visitor));
                }
                if (operation.getRequestBody() != null) {
                    walk(operation.getRequestBody().getContent(), visitor);
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                        walk(response.getContent(), visitor);
                        if (response.getHeaders() != null) {
                            response.getHeaders().values().forEach(h -> walk(h.getSchema(), visitor));
                        }
                    }
                }
            }
        }
    }

    private static void walk(Content content, Consumer<Schema> visitor) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(m -> walk(m.getSchema(), visitor));
        }
    }

    private static void walk(Schema schema, Consumer<Schema> visitor) {
        if (schema == null) {
            return;
        }
        visitor.accept(schema);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(s -> walk(s, visitor));
        }
        walk(schema.getItems(), visitor);
        walk(schema.getNot(), visitor);
        walk(schema.getAdditionalPropertiesSchema(), visitor);
        for (List<Schema> list : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf(),
                schema.getPrefixItems())) {
            if (list != null) {
                list.forEach(s -> walk(s, visitor));
            }
        }
    }
}
