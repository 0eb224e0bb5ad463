package cn.tongyou.common.discipline;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * A period lock exception (例外): for {@code validUntil}, writes of {@code region} (and its subtree) for {@code period}
 * pass the period lock, for one data set or, when {@code dataSet} is null, for every data set.
 */
@Schema(name = "PeriodLockException")
public record LockException(
        UUID id,
        @Schema(description = "12-digit region code; the exception covers its subtree", example = "410182000000") String region,
        @Schema(example = "2026H1") String period,
        @Schema(description = "the data set (an indicator domain, or progress-reports); null: every data set", nullable = true) String dataSet,
        Instant validUntil,
        String reason,
        String grantedBy,
        Instant grantedAt,
        @Schema(nullable = true) Instant revokedAt,
        @Schema(nullable = true) String revokedBy,
        @Schema(nullable = true) String revokeReason,
        @Schema(description = "live (covers writes now), expired or revoked", enumeration = {"live", "expired", "revoked"}) String state) {

    /** Where an exception stands at a moment. */
    public static String stateAt(Instant revokedAt, Instant validUntil, Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return now.isBefore(validUntil) ? "live" : "expired";
    }
}
