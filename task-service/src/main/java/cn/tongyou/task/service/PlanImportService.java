package cn.tongyou.task.service;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.bulk.ReportingTransaction;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.idempotency.IdempotencyStore;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.Caller;
import cn.tongyou.task.domain.PlanStatus;
import cn.tongyou.task.events.EventData;
import cn.tongyou.task.store.UnitEntity;
import cn.tongyou.task.store.UnitStore;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Brings a plan in the catalogue format into the service: the plan, its tasks and their lead and participating
 * units, the milestones, and the units the document's other sections name. Everything happens in one transaction
 * together with its outbox events (and the Idempotency-Key record), so an import commits whole or not at all.
 *
 * <p>Re-importing is idempotent. A plan is identified by its source reference (else by region and title), a task by
 * domain and number (上街区 restarts numbering in each domain), a milestone by its statement and metric within the
 * task (its position may change when one is inserted before it). What is unchanged is not written and publishes
 * nothing. What the file no longer holds is kept and counted as notInFile: an import never deletes history, such as
 * a task with reports. Lifecycle state is never overwritten: a milestone's done/cancelled status, and a plan's
 * status unless the caller names one.
 */
@ApplicationScoped
public class PlanImportService {

    public static final String IDEMPOTENCY_SCOPE = "task-service.plan-import";
    private static final int TRANSACTION_TIMEOUT_SECONDS = 600;

    @Inject
    UnitDirectory directory;

    @Inject
    UnitStore unitStore;

    @Inject
    PlanImporter planImporter;

    @Inject
    TaskImporter taskImporter;

    @Inject
    OutboxWriter outbox;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Caller caller;


    @Inject
    Json json;

    @Inject
    Views views;

    /** POST /plans creates (409 when the plan exists); POST /plans/import creates or updates. */
    public enum Mode { CREATE, IMPORT }

    /**
     * @param status the plan status to set; null keeps the stored one (a new plan: draft if its title says so,
     *               else in force)
     * @param region overrides (or supplies) the document's division_code
     */
    public record Options(Mode mode, boolean dryRun, PlanStatus status, String region) {
    }

    /** The report and the plan's view, or the stored answer to an earlier request with the same Idempotency-Key. */
    public record Outcome(PlanImportReport report, PlanView plan, IdempotencyStore.StoredResponse replay) {
    }

    public Outcome run(CatalogPlan doc, Options options, String idempotencyKey, String requestHash) {
        if (doc == null) {
            throw ProblemException.badRequest("task.import.not-object");
        }
        List<Issue> issues = new ArrayList<>();
        RegionCode region = CatalogCheck.region(doc, options.region(), issues);
        issues.addAll(CatalogCheck.check(doc));
        if (!issues.isEmpty()) {
            throw rejected(options.mode(), issues);
        }
        caller.requireWrite(region.value());
        long started = System.nanoTime();
        return ReportingTransaction.call(TRANSACTION_TIMEOUT_SECONDS, () -> {
            if (idempotencyKey != null) {
                Optional<IdempotencyStore.StoredResponse> stored = idempotency.claim(IDEMPOTENCY_SCOPE, caller.subject(), idempotencyKey, requestHash);
                if (stored.isPresent()) {
                    return new Outcome(null, null, stored.get());
                }
            }
            PlanImport run = new PlanImport(doc, options, region, Instant.now(), caller.subject());
            execute(run);
            PlanImportReport report = run.report((System.nanoTime() - started) / 1_000_000);
            PlanView view = views.plan(run.plan, run.tasks.total(), run.milestones.total());
            if (idempotencyKey != null && !options.dryRun()) {
                idempotency.complete(IDEMPOTENCY_SCOPE, caller.subject(), idempotencyKey, options.mode() == Mode.CREATE
                        ? new IdempotencyStore.StoredResponse(201, json.mapper().writeValueAsString(view),
                                "api/v1/plans/" + view.id(), ETags.of(view.version()))
                        : IdempotencyStore.StoredResponse.of(200, json.mapper().writeValueAsString(report)));
            }
            return new Outcome(report, view, null);
        }, outcome -> !options.dryRun());
    }

    private static ProblemException rejected(Mode mode, List<Issue> issues) {
        if (mode == Mode.CREATE) {
            return ProblemException.invalid(issues);
        }
        return ProblemException.unprocessable("plan-import-rejected", Message.of("task.import.title.rejected"),
                Message.of(issues.size() == 1 ? "task.import.rejected.one" : "task.import.rejected", issues.size(),
                        ProblemException.summary(issues)), issues);
    }

    private void execute(PlanImport run) {
        directory.lockRegion(run.region.value());
        String regionName = run.doc.region() == null || run.doc.region().name() == null ? null : run.doc.region().name().strip();
        planImporter.write(run, regionName);
        run.units = directory.resolver(run.region.value(), run.plan.regionName, run.subject, run.now);
        taskImporter.write(run);
        otherSections(run);
        unitStore.flush();
        unitEvents(run);
        outbox.appendAll(run.events);
    }

    /** The departments named by the sections other services own (indicators, key projects, policies). */
    private static void otherSections(PlanImport run) {
        for (JsonNode section : new JsonNode[]{run.doc.indicators(), run.doc.keyProjects(), run.doc.policies()}) {
            if (section == null || !section.isArray()) {
                continue;
            }
            for (JsonNode item : section) {
                JsonNode names = item.get("responsible_units");
                if (names == null || !names.isArray()) {
                    continue;
                }
                for (JsonNode name : names) {
                    if (name.isTextual() && !name.asText().isBlank() && name.asText().length() <= 100) {
                        run.named.add(run.units.resolve(name.asText()).id);
                    }
                }
            }
        }
    }

    private void unitEvents(PlanImport run) {
        List<UnitEntity> changed = new ArrayList<>(run.units.created());
        changed.addAll(run.units.respelled());
        if (changed.isEmpty()) {
            return;
        }
        Map<UUID, List<String>> aliases = unitStore.aliases(changed.stream().map(u -> u.id).toList());
        for (UnitEntity u : changed) {
            run.events.add(EventData.unit(u, aliases.getOrDefault(u.id, List.of())));
        }
    }

    /** The parameters that, with the body's digest, identify a request for its Idempotency-Key. */
    public static String[] hashParameters(Options options) {
        return new String[] {IDEMPOTENCY_SCOPE, options.mode().name(), options.status() == null ? "" : options.status().code(),
                options.region() == null ? "" : options.region()};
    }
}
