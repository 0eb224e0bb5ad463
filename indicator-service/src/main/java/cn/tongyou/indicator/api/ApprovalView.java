package cn.tongyou.indicator.api;

import cn.tongyou.indicator.domain.Approval;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Where a region's values for a period stand on their way up the hierarchy, with every step. */
@Schema(name = "Approval")
public record ApprovalView(
        @Schema(example = "410182000000") String region,
        @Schema(enumeration = {"province", "prefecture", "county", "township", "village"}) String regionLevel,
        @Schema(example = "2026H2") String period,
        @Schema(enumeration = {"open", "submitted", "returned", "accepted"},
                description = "submitted and accepted lock the values the approval covers") String status,
        @Schema(description = "the level that accepts (the next of cfc.discipline.approval-levels); null: a nationwide token") String acceptorLevel,
        @Schema(description = "the ETag; 0 while nobody submitted") long version,
        Instant updatedAt,
        String updatedBy,
        @Schema(description = "every step, oldest first") List<Step> history) {

    @Schema(name = "ApprovalHistoryStep")
    public record Step(@Schema(enumeration = {"submitted", "accepted", "returned", "reopened"}) String action,
                       @Schema(description = "the level of the actor's token region; null for a nationwide token") String level,
                       String actor, Instant at, String comment,
                       @Schema(description = "returned: the values sent back to draft") List<UUID> observations) {
    }

    public static ApprovalView of(Approval a) {
        return new ApprovalView(a.region().value(), a.region().level().code(), a.period().toString(), a.status().code(),
                a.acceptorLevel() == null ? null : a.acceptorLevel().code(), a.version(), a.updatedAt(), a.updatedBy(),
                a.history().stream().map(s -> new Step(s.action().code(), s.level() == null ? null : s.level().code(), s.actor(),
                        s.at(), s.comment(), s.observations())).toList());
    }
}
