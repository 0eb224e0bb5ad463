package cn.tongyou.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event contract: one JSON Schema per CloudEvents type under {@code events/schemas/<type>.json}, with an example
 * under {@code events/examples/<type>.json}. Producers' tests validate what they emit here; consumers validate what
 * they read (docs/design.md §5.1).
 */
public final class EventSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** Problems found in {@code data} against the schema of {@code type}; empty when it conforms. */
    public static List<String> validate(String type, JsonNode data) {
        JsonSchema schema = CACHE.computeIfAbsent(type, EventSchemas::load);
        return schema.validate(data).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /**
     * Whether {@code data} conforms to the schema of {@code type}: the same check as {@link #validate}, stopping at the
     * first problem without describing it (a consumer's hot path; {@link #validate} then says why).
     */
    public static boolean conforms(String type, JsonNode data) {
        return CACHE.computeIfAbsent(type, EventSchemas::load).validate(data, OutputFormat.BOOLEAN);
    }

    public static boolean exists(String type) {
        return EventSchemas.class.getClassLoader().getResource(schemaPath(type)) != null;
    }

    public static JsonNode example(String type) {
        return read("events/examples/" + type + ".json");
    }

    private static JsonSchema load(String type) {
        if (!exists(type)) {
            throw new IllegalArgumentException("no JSON Schema for event type " + type);
        }
        return FACTORY.getSchema(read(schemaPath(type)));
    }

    private static String schemaPath(String type) {
        return "events/schemas/" + type + ".json";
    }

    private static JsonNode read(String path) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing resource " + path);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
