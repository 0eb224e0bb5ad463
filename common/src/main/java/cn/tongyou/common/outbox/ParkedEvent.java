package cn.tongyou.common.outbox;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox event the broker refused for a reason that retrying cannot heal, as {@code GET /api/v1/outbox/parked}
 * lists it. The event's content is not repeated here: it is the audit record of its change
 * ({@code GET /api/v1/audit?aggregateId=…}).
 */
@Schema(name = "ParkedEvent", description = "an outbox event parked after refusals that cannot heal")
public record ParkedEvent(
        @Schema(description = "id of the parked entry; re-drive it with POST /api/v1/outbox/parked/{id}/redrive") long id,
        @Schema(description = "position of the event in the outbox; a re-drive puts it back there") long seq,
        @Schema(description = "CloudEvents id") UUID eventId,
        String topic,
        String eventType,
        String aggregateId,
        long aggregateVersion,
        @Schema(description = "a deletion (sent with a tombstone after it)") boolean tombstone,
        @Schema(description = "bytes of the event's data as jsonb text") long payloadBytes,
        Instant occurredAt,
        @Schema(description = "who caused the change") String actor,
        @Schema(description = "class of the broker's or producer's exception, e.g. org.apache.kafka.common.errors.RecordTooLargeException") String reasonClass,
        @Schema(description = "the exception's message") String reason,
        @Schema(description = "refusals before it was parked") int attempts,
        Instant firstFailureAt,
        Instant lastFailureAt,
        Instant parkedAt,
        @Schema(description = "when it was moved back to the outbox; null while parked") Instant redrivenAt,
        @Schema(description = "who re-drove it") String redrivenBy) {
}
