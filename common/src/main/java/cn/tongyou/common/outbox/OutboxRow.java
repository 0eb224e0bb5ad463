package cn.tongyou.common.outbox;

import java.time.Instant;
import java.util.UUID;

/** A pending outbox row as the relay reads it; {@code tombstoneRecord} rows are sent with a null value. */
public record OutboxRow(long seq, UUID eventId, String topic, String eventType, String aggregateId,
                        long aggregateVersion, String payload, boolean tombstoneRecord, Instant occurredAt) {
}
