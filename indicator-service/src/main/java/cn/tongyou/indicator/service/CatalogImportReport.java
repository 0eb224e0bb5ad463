package cn.tongyou.indicator.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** What a catalogue import did (or would do, on a dry run). */
@Schema(name = "CatalogImportReport")
public record CatalogImportReport(
        @Schema(example = "梅州市儿童友好城市建设实施方案") String document,
        @Schema(example = "002_44e085699cbce390.txt") String source,
        @Schema(example = "441400000000") String regionCode,
        boolean dryRun,
        @Schema(description = "true when the changes were committed") boolean committed,
        @Schema(description = "what the document holds: indicator-table rows, milestones, facility targets") Map<String, Integer> read,
        Counts domains,
        @Schema(description = "indicators created, updated (a further source, department or alias) or unchanged") Counts indicators,
        @Schema(description = "the region's own targets") Counts targets,
        @Schema(description = "national, provincial and prefecture targets stored beside them") Counts referenceTargets,
        @Schema(description = "targets by where they were read: indicator-table, milestone, facility-target, reference") Map<String, Integer> targetsBySource,
        @Schema(description = "entries that gave no target, by kind") Map<String, Integer> skippedBySource,
        @Schema(description = "each skipped entry with the reason (qualitative milestone, facility deliverable, duplicate …), at most 500") List<Skipped> skipped,
        @Schema(description = "true when the caller is a catalogue steward (coordinator or admin with a nationwide token): only then "
                + "does the import add new spellings (aliases) to shared indicators") boolean aliasesApplied,
        @Schema(description = "new spellings of indicators already in the catalogue that this import proposes but did not apply (a "
                + "region's import: the caller is not a catalogue steward), at most 500") List<ProposedAlias> proposedAliases,
        List<String> warnings,
        @Schema(description = "facility targets of the document by kind and where they live: measured (a target judged from the "
                + "register), assessed (a target that needs an assessment, with the reason as its note), unhomed (none; goal 0)")
        Map<String, Map<String, Integer>> facilityTargets,
        @Schema(description = "every item of the document (indicator-table row, reference target, milestone, facility target) with "
                + "where it lives now (targets with their id, the milestone task-service keeps) or the reasons it has no home")
        List<ItemHome> homes,
        long durationMs) {

    @Schema(name = "CatalogItemHome")
    public record ItemHome(@Schema(enumeration = {"indicator-table", "reference", "milestone", "facility-target"}) String item,
                           String number, String what, String facilityType,
                           @Schema(enumeration = {"count", "coverage", "standard"}) String facilityKind,
                           @Schema(enumeration = {"measured", "assessed", "milestone", "unhomed"}) String status,
                           List<Place> places, List<String> reasons) {
    }

    @Schema(name = "CatalogItemPlace")
    public record Place(@Schema(enumeration = {"target", "milestone"}) String kind, String targetId, String indicatorCode,
                        Integer year, String level, boolean assessed, String note) {
    }

    @Schema(name = "ImportCounts")
    public record Counts(int inserted, int updated, int unchanged) {
        public int total() {
            return inserted + updated + unchanged;
        }
    }

    @Schema(name = "ProposedAlias")
    public record ProposedAlias(@Schema(example = "neonatal-mortality-rate") String indicator, @Schema(example = "新生儿死亡率") String name,
                                @Schema(example = "新生儿死亡率(‰)") String alias) {
    }

    @Schema(name = "SkippedEntry")
    public record Skipped(String source, String number, String what, String reason) {
    }
}
