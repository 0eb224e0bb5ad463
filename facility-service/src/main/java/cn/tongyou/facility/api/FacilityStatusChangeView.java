package cn.tongyou.facility.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

@Schema(name = "FacilityStatusChange", description = "one step of a facility's lifecycle; the registration has no 'from'")
public record FacilityStatusChangeView(
        @Schema(nullable = true, example = "under-construction") String from,
        @Schema(example = "open") String to,
        @Schema(description = "date the status took effect") LocalDate date,
        @Schema(nullable = true) String reason,
        @Schema(nullable = true, description = "subject of the token that made the change") String by,
        Instant recordedAt) {
}
