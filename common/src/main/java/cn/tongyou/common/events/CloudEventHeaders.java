package cn.tongyou.common.events;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode: the event's attributes
 * travel as {@code ce_*} headers and the record value is the data itself.
 */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** Extension attribute: the aggregate version the data carries, so a consumer can skip old events unread. */
    public static final String AGGREGATE_VERSION = "ce_aggregateversion";
    /** Extension attribute: the subject who caused the change ({@code system:<job>} for work no request caused). */
    public static final String ACTOR = "ce_actor";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";
    public static final String SCHEMA_BASE = "https://tongyou.cn/events/schemas/";

    private CloudEventHeaders() {
    }
}
