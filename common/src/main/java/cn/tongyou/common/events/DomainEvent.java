package cn.tongyou.common.events;

import java.util.Objects;

/**
 * One change of an aggregate, as it will travel on Kafka: the whole new state ({@code data}) and the version it
 * reached (event-carried state transfer, docs/design.md §5.1). The record key and the CloudEvents {@code subject} are the
 * aggregate id, so one aggregate's events stay on one partition, in order.
 *
 * @param topic       one topic per aggregate type, e.g. {@code cfc.facilities}
 * @param type        CloudEvents type, e.g. {@code cfc.facility.changed.v1}; a JSON Schema of that name exists
 * @param aggregateId the aggregate's stable id
 * @param version     the aggregate's version after the change (starts at 1, grows by one per change)
 * @param data        the whole new state, serialised as JSON
 * @param tombstone   also publish a null-valued record after this one so that a compacted topic forgets the key
 */
public record DomainEvent(String topic, String type, String aggregateId, long version, Object data, boolean tombstone) {

    public DomainEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateId, "aggregateId");
        if (version < 1) {
            throw new IllegalArgumentException("event version starts at 1");
        }
    }

    public static DomainEvent changed(String topic, String type, String aggregateId, long version, Object data) {
        return new DomainEvent(topic, type, aggregateId, version, data, false);
    }

    public static DomainEvent deleted(String topic, String type, String aggregateId, long version, Object data) {
        return new DomainEvent(topic, type, aggregateId, version, data, true);
    }
}
