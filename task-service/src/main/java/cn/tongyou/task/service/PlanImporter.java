package cn.tongyou.task.service;

import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.task.domain.PlanStatus;
import cn.tongyou.task.events.EventData;
import cn.tongyou.task.store.PlanEntity;
import cn.tongyou.task.store.PlanStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The plan row of an import: found by its source reference (else by region and title), created or updated, its
 * status kept unless the caller names one.
 */
@ApplicationScoped
public class PlanImporter {

    @Inject
    PlanStore plans;

    @Inject
    Json json;

    void write(PlanImport run, String regionName) {
        CatalogPlan doc = run.doc;
        String source = Inputs.blankToNull(doc.source());
        String title = doc.document().strip();
        String region = run.region.value();
        // locked: a concurrent edit of the plan (PUT) waits for the import, and the import compares fresh values
        PlanEntity existing = plans.lockedForImport(source, region, title);
        if (existing != null && run.options.mode() == PlanImportService.Mode.CREATE) {
            throw ProblemException.conflict("task.plan.exists", existing.id, existing.version);
        }
        if (existing != null && !existing.regionCode.equals(region)) {
            throw ProblemException.conflict("task.plan.region-fixed", source, existing.regionCode, region);
        }
        List<Integer> horizon = doc.horizonYears() == null ? List.of() : doc.horizonYears();
        List<String> domains = doc.domains() == null ? List.of() : doc.domains().stream().map(String::strip).toList();
        String kind = doc.documentKind() == null ? "construction-plan" : doc.documentKind();
        if (existing == null) {
            PlanEntity plan = new PlanEntity();
            plan.id = UUID.randomUUID();
            plan.regionCode = region;
            plan.sourceRef = source;
            PlanStatus requested = run.options.status();
            plan.status = (requested != null ? requested : PlanStatus.presumedFromTitle(title)).code();
            plan.version = 1;
            plan.createdAt = run.now;
            assign(run, plan, regionName, title, kind, horizon, domains);
            plans.persist(plan);
            run.plan = plan;
            run.planOutcome = "created";
            run.events.add(EventData.plan(plan, horizon, domains));
            return;
        }
        PlanEntity plan = existing;
        run.plan = plan;
        PlanStatus status = nextStatus(plan, run.options.status());
        boolean same = Objects.equals(plan.regionName, regionName) && plan.title.equals(title) && plan.kind.equals(kind)
                && Objects.equals(plan.documentNumber, Inputs.blankToNull(doc.issuerRef()))
                && Objects.equals(plan.issuedOn, doc.issued()) && json.integers(plan.horizonYears).equals(horizon)
                && json.strings(plan.domains).equals(domains) && plan.status.equals(status.code());
        if (same) {
            run.planOutcome = "unchanged";
            return;
        }
        plan.status = status.code();
        assign(run, plan, regionName, title, kind, horizon, domains);
        plan.version++;
        run.planOutcome = "updated";
        run.events.add(EventData.plan(plan, horizon, domains));
    }

    /** The stored status, or the requested one when the plan's lifecycle allows the move (else 409). */
    private static PlanStatus nextStatus(PlanEntity plan, PlanStatus requested) {
        PlanStatus status = PlanStatus.find(plan.status).orElseThrow();
        if (requested == null) {
            return status;
        }
        RuleConflicts.asConflict(() -> status.requireTransitionTo(requested));
        return requested;
    }

    private void assign(PlanImport run, PlanEntity p, String regionName, String title, String kind, List<Integer> horizon,
                        List<String> domains) {
        p.regionName = regionName;
        p.title = title;
        p.kind = kind;
        p.documentNumber = Inputs.blankToNull(run.doc.issuerRef());
        p.issuedOn = run.doc.issued();
        p.horizonYears = json.write(horizon);
        p.domains = json.write(domains);
        p.updatedAt = run.now;
        p.updatedBy = run.subject;
    }
}
