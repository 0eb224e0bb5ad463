package cn.tongyou.reporting.domain;

import cn.tongyou.common.events.Topics;
import cn.tongyou.common.events.CloudEventHeaders;
import cn.tongyou.common.events.EventSchemas;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one Kafka record into something the projections can apply, or refuses it with the reason (it then goes to the
 * dead-letter topic). Plain Java: the topic decides which event types are allowed, the type decides the JSON Schema.
 */
public final class EventDecoder {

    /** Trailing tokens refused: the record's text, stored as is, must be exactly the one JSON value validated. */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * What one topic carries: its projection table, the field holding the aggregate id (or the fields, comma-separated,
     * whose values joined by {@code :} are the id: an approval's {@code region:period}), its event types.
     */
    public record TopicSpec(String topic, String table, String idField, String changedType, String deletedType) {
        Set<String> types() {
            return deletedType == null ? Set.of(changedType) : Set.of(changedType, deletedType);
        }

        /** The aggregate id of an event's data: the record key and the CloudEvents subject it must match. */
        public String idOf(JsonNode data) {
            StringBuilder id = new StringBuilder();
            for (String field : idField.split(",")) {
                id.append(id.isEmpty() ? "" : ":").append(data.path(field).asText());
            }
            return id.toString();
        }
    }

    public static final List<TopicSpec> TOPICS = List.of(
            new TopicSpec(Topics.REGIONS, "region_projection", "code", "cfc.region.changed.v1", null),
            new TopicSpec(Topics.FACILITIES, "facility_projection", "id", "cfc.facility.changed.v1", "cfc.facility.deleted.v1"),
            new TopicSpec(Topics.INDICATORS, "indicator_projection", "code", "cfc.indicator.changed.v1", null),
            new TopicSpec(Topics.TARGETS, "target_projection", "id", "cfc.target.changed.v1", "cfc.target.deleted.v1"),
            new TopicSpec(Topics.OBSERVATIONS, "observation_projection", "id", "cfc.observation.changed.v1", null),
            new TopicSpec(Topics.PLANS, "plan_projection", "id", "cfc.plan.changed.v1", null),
            new TopicSpec(Topics.TASKS, "task_projection", "id", "cfc.task.changed.v1", null),
            new TopicSpec(Topics.MILESTONES, "milestone_projection", "id", "cfc.milestone.changed.v1", null),
            new TopicSpec(Topics.PROGRESS_REPORTS, "progress_report_projection", "id", "cfc.progress-report.changed.v1", null),
            new TopicSpec(Topics.UNITS, "unit_projection", "id", "cfc.unit.changed.v1", "cfc.unit.deleted.v1"),
            new TopicSpec(Topics.APPROVALS, "approval_projection", "region,period", "cfc.approval.changed.v1", null),
            new TopicSpec(Topics.QUALITY_FINDINGS, "quality_finding_projection", "id", "cfc.quality-finding.changed.v1", null));

    public enum Kind { CHANGED, DELETED, TOMBSTONE }

    /**
     * A readable, valid event (or a tombstone, which has no type, version nor data). {@code json} is the record's value
     * as it came, UTF-8: exactly one JSON value, stored as is.
     */
    public record Decoded(Kind kind, TopicSpec spec, String id, long version, String type, byte[] json) {
    }

    /** The event cannot be applied; the message is the reason written to the dead-letter topic. */
    public static final class InvalidEvent extends RuntimeException {
        public InvalidEvent(String message) {
            super(message);
        }
    }

    private EventDecoder() {
    }

    public static TopicSpec spec(String topic) {
        return TOPICS.stream().filter(t -> t.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new InvalidEvent("topic " + topic + " is not consumed by the reporting service"));
    }

    public static Decoded decode(String topic, String key, Map<String, String> headers, byte[] value) {
        TopicSpec spec = spec(topic);
        if (value == null) {
            if (key == null || key.isBlank()) {
                throw new InvalidEvent("tombstone without a key on " + topic);
            }
            return new Decoded(Kind.TOMBSTONE, spec, key, 0, null, null);
        }
        String type = headers.get(CloudEventHeaders.TYPE);
        if (type == null || type.isBlank()) {
            throw new InvalidEvent("no " + CloudEventHeaders.TYPE + " header (CloudEvents binary mode expected)");
        }
        if (!spec.types().contains(type)) {
            throw new InvalidEvent("event type " + type + " does not belong on " + topic + " (expected one of " + spec.types() + ")");
        }
        JsonNode data;
        try {
            data = MAPPER.readTree(value);
        } catch (Exception e) {
            throw new InvalidEvent("value is not JSON: " + e.getMessage());
        }
        if (data == null || !data.isObject()) {
            throw new InvalidEvent("value is not a JSON object");
        }
        if (!EventSchemas.conforms(type, data)) {
            throw new InvalidEvent("does not match the schema of " + type + ": "
                    + String.join("; ", EventSchemas.validate(type, data)));
        }
        String id = spec.idOf(data);
        String subject = headers.get(CloudEventHeaders.SUBJECT);
        if (subject != null && !subject.equals(id)) {
            throw new InvalidEvent(CloudEventHeaders.SUBJECT + " " + subject + " differs from the data's " + spec.idField() + " " + id);
        }
        if (key != null && !key.equals(id)) {
            throw new InvalidEvent("record key " + key + " differs from the data's " + spec.idField() + " " + id);
        }
        long version = data.path("version").asLong();
        String headerVersion = headers.get(CloudEventHeaders.AGGREGATE_VERSION);
        if (headerVersion != null && !headerVersion.equals(Long.toString(version))) {
            throw new InvalidEvent(CloudEventHeaders.AGGREGATE_VERSION + " " + headerVersion + " differs from the data's version " + version);
        }
        // the record's own bytes (not re-serialised: that costs as much as the parse, and jsonb normalises anyway)
        return new Decoded(type.equals(spec.deletedType()) ? Kind.DELETED : Kind.CHANGED, spec, id, version, type, value);
    }
}
