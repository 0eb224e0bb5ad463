package cn.tongyou.task.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * What an import did (or, with dryRun, would do). A re-import of an unchanged file reports everything unchanged
 * and publishes no event.
 */
@Schema(name = "PlanImportReport")
public record PlanImportReport(
        UUID planId,
        String source,
        String regionCode,
        String title,
        @Schema(description = "the plan's status after the import") String status,
        boolean dryRun,
        @Schema(description = "false for a dry run") boolean committed,
        @Schema(enumeration = {"created", "updated", "unchanged"}) String plan,
        Counts tasks,
        Counts milestones,
        UnitCounts units,
        @Schema(description = "events written to the outbox") int events,
        @Schema(description = "things worth knowing that did not stop the import") List<String> warnings,
        long durationMs) {

    /** Rows of one kind. notInFile: stored but no longer in the file; they are kept (a plan's history is not deleted by an import). */
    @Schema(name = "PlanImportCounts")
    public record Counts(int inFile, int inserted, int updated, int unchanged, int notInFile) {
    }

    /** Units: the distinct units the file names, how many were new, and new spellings of known units. */
    @Schema(name = "PlanImportUnitCounts")
    public record UnitCounts(int named, int inserted, int aliasesAdded) {
    }
}
