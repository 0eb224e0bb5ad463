package cn.tongyou.common.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One audit record as the audit API shows it; {@code before} is the aggregate's previous recorded state. */
@Schema(name = "AuditRecord", description = "who changed what, when, through which request (留痕)")
public record AuditRecordView(
        long id,
        Instant recordedAt,
        @Schema(description = "CHANGED (a committed change) or REFUSED (a request refused for lack of rights)") String outcome,
        @Schema(description = "the HTTP operation and the resource method that served it") String operation,
        String eventType,
        @Schema(description = "the event topic of the aggregate, e.g. cfc.facilities") String aggregateType,
        String aggregateId,
        Long aggregateVersion,
        String regionCode,
        @Schema(description = "the aggregate's state before the change (its previous audit record), null for the first") @JsonRawValue String before,
        @Schema(description = "the aggregate's state after the change") @JsonRawValue String after,
        String detail,
        String actorSubject,
        String actorRoles,
        String actorRegion,
        String actorUnit,
        String requestId,
        String clientAddress,
        @Schema(description = "position in the service's hash chain; null until sealed (a few seconds)") Long chainPosition,
        String hash) {
}
