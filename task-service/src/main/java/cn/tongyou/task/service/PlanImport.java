package cn.tongyou.task.service;

import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.task.store.PlanEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One import of a catalogue document while it runs: what it was asked, what it wrote so far, the events it owes. */
final class PlanImport {

    final CatalogPlan doc;
    final PlanImportService.Options options;
    final RegionCode region;
    final Instant now;
    final String subject;
    final List<DomainEvent> events = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    /** The distinct units the document names, in tasks and in the other sections. */
    final Set<UUID> named = new HashSet<>();
    final ImportCounts tasks = new ImportCounts();
    final ImportCounts milestones = new ImportCounts();
    PlanEntity plan;
    /** created, updated or unchanged. */
    String planOutcome;
    UnitDirectory.Resolver units;

    PlanImport(CatalogPlan doc, PlanImportService.Options options, RegionCode region, Instant now, String subject) {
        this.doc = doc;
        this.options = options;
        this.region = region;
        this.now = now;
        this.subject = subject;
    }

    PlanImportReport report(long durationMs) {
        return new PlanImportReport(plan.id, plan.sourceRef, plan.regionCode, plan.title, plan.status, options.dryRun(),
                !options.dryRun(), planOutcome, tasks.report(), milestones.report(),
                new PlanImportReport.UnitCounts(named.size(), units.created().size(), units.aliasesAdded()),
                events.size(), List.copyOf(warnings), durationMs);
    }
}
