package cn.tongyou.common.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A pending outbox row as the relay reads it; {@code tombstoneRecord} rows are sent with a null value. {@code actor}
 * is the subject who caused the change (null for rows written before actors were recorded).
 */
public record OutboxRow(long seq, UUID eventId, String topic, String eventType, String aggregateId,
                        long aggregateVersion, String payload, boolean tombstoneRecord, Instant occurredAt,
                        String actor) {
}
