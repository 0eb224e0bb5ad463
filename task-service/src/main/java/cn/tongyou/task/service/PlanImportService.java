package cn.tongyou.task.service;

import cn.tongyou.common.security.Caller;
import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.common.bulk.ReportingTransaction;
import cn.tongyou.common.bulk.SpooledBody;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.idempotency.IdempotencyStore;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.task.api.CatalogPlan;
import cn.tongyou.task.api.PlanImportReport;
import cn.tongyou.task.api.PlanView;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.schedule.MilestoneStatus;
import cn.tongyou.task.domain.PlanStatus;
import cn.tongyou.task.domain.RuleConflict;
import cn.tongyou.task.events.EventData;
import cn.tongyou.task.store.MilestoneEntity;
import cn.tongyou.task.store.PlanEntity;
import cn.tongyou.task.store.TaskEntity;
import cn.tongyou.task.store.TaskQueries;
import cn.tongyou.task.store.TaskUnitEntity;
import cn.tongyou.task.store.TaskUnitRow;
import cn.tongyou.task.store.UnitEntity;
import cn.tongyou.task.store.UnitQueries;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
    EntityManager em;

    @Inject
    UnitDirectory directory;

    @Inject
    OutboxWriter outbox;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Inject
    Json json;

    @Inject
    TaskQueries taskQueries;

    @Inject
    UnitQueries unitQueries;

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
            throw ProblemException.badRequest("the body must be a plan in the catalogue format (a JSON object)");
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
                Optional<IdempotencyStore.StoredResponse> stored = idempotency.claim(IDEMPOTENCY_SCOPE, idempotencyKey, requestHash);
                if (stored.isPresent()) {
                    return new Outcome(null, null, stored.get());
                }
            }
            Run run = new Run(doc, options, region);
            run.execute();
            PlanImportReport report = run.report((System.nanoTime() - started) / 1_000_000);
            PlanView view = views.plan(run.plan, run.tasksInFile + run.notInFileTasks, run.milestonesTotal());
            if (idempotencyKey != null && !options.dryRun()) {
                idempotency.complete(IDEMPOTENCY_SCOPE, idempotencyKey, options.mode() == Mode.CREATE
                        ? new IdempotencyStore.StoredResponse(201, json.mapper().writeValueAsString(view),
                                "api/v1/plans/" + view.id(), ETags.of(view.version()))
                        : IdempotencyStore.StoredResponse.of(200, json.mapper().writeValueAsString(report)));
            }
            return new Outcome(report, view, null);
        }, outcome -> !options.dryRun());
    }

    private static ProblemException rejected(Mode mode, List<Issue> issues) {
        List<Problem.Violation> violations = issues.stream().map(Issue::toViolation).toList();
        if (mode == Mode.CREATE) {
            return ProblemException.invalid(violations);
        }
        return ProblemException.unprocessable("plan-import-rejected", "Import rejected",
                issues.size() + " problem" + (issues.size() == 1 ? "" : "s") + " in the document, so nothing was imported: "
                        + ProblemException.summary(violations), violations);
    }

    static String taskKey(String domain, String number) {
        return domain.strip() + "\u001f" + number.strip();
    }

    /** One import. */
    private final class Run {
        final CatalogPlan doc;
        final Options options;
        final RegionCode region;
        final Instant now = clock.instant();
        final String subject = caller.subject();
        final List<DomainEvent> events = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final Set<UUID> named = new HashSet<>();
        PlanEntity plan;
        String planOutcome;
        int tasksInFile;
        int tasksInserted;
        int tasksUpdated;
        int tasksUnchanged;
        int notInFileTasks;
        int milestonesInFile;
        int milestonesInserted;
        int milestonesUpdated;
        int milestonesUnchanged;
        int milestonesNotInFile;
        UnitDirectory.Resolver units;

        Run(CatalogPlan doc, Options options, RegionCode region) {
            this.doc = doc;
            this.options = options;
            this.region = region;
        }

        int milestonesTotal() {
            return milestonesInFile + milestonesNotInFile;
        }

        void execute() {
            directory.lockRegion(region.value());
            String regionName = doc.region() == null || doc.region().name() == null ? null : doc.region().name().strip();
            plan(regionName);
            units = directory.resolver(region.value(), plan.regionName, subject, now);
            tasks();
            otherSections();
            em.flush();
            unitEvents();
            outbox.appendAll(events);
        }

        private void plan(String regionName) {
            String source = blankToNull(doc.source());
            String title = doc.document().strip();
            // locked: a concurrent edit of the plan (PUT) waits for the import, and the import compares fresh values
            PlanEntity existing = source != null
                    ? PlanEntity.<PlanEntity>find("sourceRef", source).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                    : PlanEntity.<PlanEntity>find("regionCode = ?1 and title = ?2 and sourceRef is null", region.value(), title)
                    .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
            if (existing != null && options.mode() == Mode.CREATE) {
                throw ProblemException.conflict("this plan exists already (id " + existing.id + ", version " + existing.version
                        + "); send the document to POST /api/v1/plans/import to update it");
            }
            if (existing != null && !existing.regionCode.equals(region.value())) {
                throw ProblemException.conflict("source " + source + " was imported for region " + existing.regionCode
                        + ", not " + region.value() + "; a plan never moves to another region");
            }
            List<Integer> horizon = doc.horizonYears() == null ? List.of() : doc.horizonYears();
            List<String> domains = doc.domains() == null ? List.of() : doc.domains().stream().map(String::strip).toList();
            String kind = doc.documentKind() == null ? "construction-plan" : doc.documentKind();
            if (existing == null) {
                plan = new PlanEntity();
                plan.id = UUID.randomUUID();
                plan.regionCode = region.value();
                plan.sourceRef = source;
                plan.status = (options.status() != null ? options.status() : PlanStatus.presumedFromTitle(title)).code();
                plan.version = 1;
                plan.createdAt = now;
                assign(plan, regionName, title, kind, horizon, domains);
                em.persist(plan);
                planOutcome = "created";
                events.add(EventData.plan(plan, horizon, domains));
                return;
            }
            plan = existing;
            PlanStatus status = PlanStatus.find(plan.status).orElseThrow();
            if (options.status() != null) {
                try {
                    status.requireTransitionTo(options.status());
                } catch (RuleConflict e) {
                    throw ProblemException.conflict(e.getMessage());
                }
                status = options.status();
            }
            boolean same = Objects.equals(plan.regionName, regionName) && plan.title.equals(title) && plan.kind.equals(kind)
                    && Objects.equals(plan.documentNumber, blankToNull(doc.issuerRef()))
                    && Objects.equals(plan.issuedOn, doc.issued()) && json.integers(plan.horizonYears).equals(horizon)
                    && json.strings(plan.domains).equals(domains) && plan.status.equals(status.code());
            if (same) {
                planOutcome = "unchanged";
                return;
            }
            plan.status = status.code();
            assign(plan, regionName, title, kind, horizon, domains);
            plan.version++;
            planOutcome = "updated";
            events.add(EventData.plan(plan, horizon, domains));
        }

        private void assign(PlanEntity p, String regionName, String title, String kind, List<Integer> horizon, List<String> domains) {
            p.regionName = regionName;
            p.title = title;
            p.kind = kind;
            p.documentNumber = blankToNull(doc.issuerRef());
            p.issuedOn = doc.issued();
            p.horizonYears = json.write(horizon);
            p.domains = json.write(domains);
            p.updatedAt = now;
            p.updatedBy = subject;
        }

        private void tasks() {
            Map<String, TaskEntity> existing = new HashMap<>();
            // the plan's tasks and milestones are locked as they are read, so edits over the API wait for the import
            for (TaskEntity t : TaskEntity.<TaskEntity>find("planId", plan.id).withLock(LockModeType.PESSIMISTIC_WRITE).list()) {
                existing.put(taskKey(t.domain, t.number), t);
            }
            Map<UUID, List<TaskUnitRow>> storedUnits = taskQueries.units(existing.values().stream().map(t -> t.id).toList())
                    .stream().collect(Collectors.groupingBy(TaskUnitRow::taskId));
            Map<UUID, List<MilestoneEntity>> storedMilestones = existing.isEmpty() ? Map.of()
                    : MilestoneEntity.<MilestoneEntity>find("taskId in ?1", existing.values().stream().map(t -> t.id).toList())
                    .withLock(LockModeType.PESSIMISTIC_WRITE).list().stream().collect(Collectors.groupingBy(m -> m.taskId));
            List<CatalogPlan.CatalogTask> tasks = doc.tasks() == null ? List.of() : doc.tasks();
            Set<String> inFile = new HashSet<>();
            for (int i = 0; i < tasks.size(); i++) {
                CatalogPlan.CatalogTask in = tasks.get(i);
                String key = taskKey(in.domain(), in.number());
                inFile.add(key);
                tasksInFile++;
                TaskEntity task = existing.get(key);
                List<TaskUnitRow> unitRows = resolveUnits(in);
                boolean isNew = task == null;
                if (isNew) {
                    task = new TaskEntity();
                    task.id = UUID.randomUUID();
                    task.planId = plan.id;
                    task.regionCode = plan.regionCode;
                    task.version = 1;
                    task.createdAt = now;
                    assign(task, i, in);
                    em.persist(task);
                    writeUnits(task, unitRows, false);
                    tasksInserted++;
                    events.add(EventData.task(task, withTask(task, unitRows)));
                } else {
                    boolean fieldsSame = task.ordinal == i && Objects.equals(task.section, blankToNull(in.section()))
                            && task.title.equals(in.title().strip()) && Objects.equals(task.summary, blankToNull(in.summary()));
                    boolean unitsSame = sameUnits(storedUnits.getOrDefault(task.id, List.of()), unitRows);
                    if (fieldsSame && unitsSame) {
                        tasksUnchanged++;
                    } else {
                        assign(task, i, in);
                        task.version++;
                        if (!unitsSame) {
                            writeUnits(task, unitRows, true);
                        }
                        tasksUpdated++;
                        events.add(EventData.task(task, withTask(task, unitRows)));
                    }
                }
                milestones(task, in, isNew ? List.of() : storedMilestones.getOrDefault(task.id, List.of()));
            }
            for (Map.Entry<String, TaskEntity> e : existing.entrySet()) {
                if (!inFile.contains(e.getKey())) {
                    notInFileTasks++;
                    milestonesNotInFile += storedMilestones.getOrDefault(e.getValue().id, List.of()).size();
                }
            }
            if (notInFileTasks > 0) {
                warnings.add(notInFileTasks + " stored task(s) of this plan are not in the file; they were kept");
            }
        }

        private void assign(TaskEntity task, int ordinal, CatalogPlan.CatalogTask in) {
            task.ordinal = ordinal;
            task.number = in.number().strip();
            task.domain = in.domain().strip();
            task.section = blankToNull(in.section());
            task.title = in.title().strip();
            task.summary = blankToNull(in.summary());
            task.updatedAt = now;
            task.updatedBy = subject;
        }

        /** The task's units in role and position order; a unit named twice in one role (two spellings) counts once. */
        private List<TaskUnitRow> resolveUnits(CatalogPlan.CatalogTask in) {
            List<TaskUnitRow> rows = new ArrayList<>();
            add(rows, TaskUnitEntity.LEAD, in.leadUnits());
            add(rows, TaskUnitEntity.PARTICIPATING, in.participatingUnits());
            return rows;
        }

        private void add(List<TaskUnitRow> rows, String role, List<String> names) {
            if (names == null) {
                return;
            }
            Set<UUID> seen = new HashSet<>();
            int position = 0;
            for (String name : names) {
                UnitEntity unit = units.resolve(name);
                named.add(unit.id);
                if (seen.add(unit.id)) {
                    rows.add(new TaskUnitRow(null, role, unit.id, position++, cn.tongyou.task.domain.UnitNames.clean(name), unit.name));
                }
            }
        }

        private List<TaskUnitRow> withTask(TaskEntity task, List<TaskUnitRow> rows) {
            return rows.stream().map(r -> new TaskUnitRow(task.id, r.role(), r.unitId(), r.position(), r.writtenName(),
                    units.byId(r.unitId()).map(u -> u.name).orElse(r.unitName()))).toList();
        }

        private boolean sameUnits(List<TaskUnitRow> stored, List<TaskUnitRow> wanted) {
            if (stored.size() != wanted.size()) {
                return false;
            }
            Map<String, TaskUnitRow> byKey = new LinkedHashMap<>();
            stored.forEach(r -> byKey.put(r.role() + r.unitId(), r));
            for (TaskUnitRow w : wanted) {
                TaskUnitRow s = byKey.get(w.role() + w.unitId());
                if (s == null || s.position() != w.position() || !s.writtenName().equals(w.writtenName())) {
                    return false;
                }
            }
            return true;
        }

        private void writeUnits(TaskEntity task, List<TaskUnitRow> rows, boolean replace) {
            if (replace) {
                em.flush();
                TaskUnitEntity.delete("taskId", task.id);
            }
            for (TaskUnitRow r : rows) {
                TaskUnitEntity e = new TaskUnitEntity();
                e.taskId = task.id;
                e.role = r.role();
                e.unitId = r.unitId();
                e.position = r.position();
                e.writtenName = r.writtenName();
                em.persist(e);
            }
        }

        private void milestones(TaskEntity task, CatalogPlan.CatalogTask in, List<MilestoneEntity> stored) {
            Map<String, MilestoneEntity> byKey = new HashMap<>();
            for (MilestoneEntity m : stored) {
                if (m.importKey != null) {
                    byKey.put(m.importKey, m);
                }
            }
            List<CatalogPlan.CatalogMilestone> list = in.milestones() == null ? List.of() : in.milestones();
            Map<String, Integer> occurrences = new HashMap<>();
            Set<String> inFile = new HashSet<>();
            for (int j = 0; j < list.size(); j++) {
                CatalogPlan.CatalogMilestone cm = list.get(j);
                milestonesInFile++;
                String base = cm.statement().strip() + "\u001f" + (cm.metric() == null ? "" : cm.metric().strip());
                int n = occurrences.merge(base, 1, Integer::sum);
                String key = n == 1 ? base : base + "\u001f#" + n;
                inFile.add(key);
                MilestoneEntity m = byKey.get(key);
                CatalogCheck.Value value = CatalogCheck.value(cm.value());
                if (m == null) {
                    m = new MilestoneEntity();
                    m.id = UUID.randomUUID();
                    m.taskId = task.id;
                    m.importKey = key;
                    m.status = MilestoneStatus.OPEN.code();
                    m.version = 1;
                    m.createdAt = now;
                    assign(m, j, cm, value);
                    em.persist(m);
                    milestonesInserted++;
                    events.add(EventData.milestone(m, task));
                } else if (same(m, j, cm, value)) {
                    milestonesUnchanged++;
                } else {
                    assign(m, j, cm, value);
                    m.version++;
                    milestonesUpdated++;
                    events.add(EventData.milestone(m, task));
                }
            }
            for (MilestoneEntity m : stored) {
                if (m.importKey == null || !inFile.contains(m.importKey)) {
                    milestonesNotInFile++;
                }
            }
        }

        private void assign(MilestoneEntity m, int ordinal, CatalogPlan.CatalogMilestone cm, CatalogCheck.Value value) {
            m.ordinal = ordinal;
            m.dueDate = cm.by();
            m.statement = cm.statement().strip();
            m.metric = blankToNull(cm.metric());
            m.comparator = cm.comparator();
            m.valueNumber = value.number();
            m.valueBoolean = value.bool();
            m.valueMax = cm.valueMax();
            m.unit = blankToNull(cm.unit());
            m.baselineYear = cm.baselineYear();
            m.facilityType = blankToNull(cm.facilityType());
            m.note = blankToNull(cm.note());
            m.updatedAt = now;
            m.updatedBy = subject;
        }

        private boolean same(MilestoneEntity m, int ordinal, CatalogPlan.CatalogMilestone cm, CatalogCheck.Value value) {
            return m.ordinal == ordinal && Objects.equals(m.dueDate, cm.by()) && m.statement.equals(cm.statement().strip())
                    && Objects.equals(m.metric, blankToNull(cm.metric())) && m.comparator.equals(cm.comparator())
                    && sameNumber(m.valueNumber, value.number()) && Objects.equals(m.valueBoolean, value.bool())
                    && sameNumber(m.valueMax, cm.valueMax()) && Objects.equals(m.unit, blankToNull(cm.unit()))
                    && Objects.equals(m.baselineYear, cm.baselineYear())
                    && Objects.equals(m.facilityType, blankToNull(cm.facilityType()))
                    && Objects.equals(m.note, blankToNull(cm.note()));
        }

        /** The departments named by the sections other services own (indicators, key projects, policies). */
        private void otherSections() {
            for (JsonNode section : new JsonNode[]{doc.indicators(), doc.keyProjects(), doc.policies()}) {
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
                            named.add(units.resolve(name.asText()).id);
                        }
                    }
                }
            }
        }

        private void unitEvents() {
            List<UnitEntity> changed = new ArrayList<>(units.created());
            changed.addAll(units.respelled());
            if (changed.isEmpty()) {
                return;
            }
            Map<UUID, List<String>> aliases = unitQueries.aliases(changed.stream().map(u -> u.id).toList());
            for (UnitEntity u : changed) {
                events.add(EventData.unit(u, aliases.getOrDefault(u.id, List.of())));
            }
        }

        PlanImportReport report(long durationMs) {
            return new PlanImportReport(plan.id, plan.sourceRef, plan.regionCode, plan.title, plan.status, options.dryRun(),
                    !options.dryRun(), planOutcome,
                    new PlanImportReport.Counts(tasksInFile, tasksInserted, tasksUpdated, tasksUnchanged, notInFileTasks),
                    new PlanImportReport.Counts(milestonesInFile, milestonesInserted, milestonesUpdated, milestonesUnchanged,
                            milestonesNotInFile),
                    new PlanImportReport.UnitCounts(named.size(), units.created().size(), units.aliasesAdded()),
                    events.size(), List.copyOf(warnings), durationMs);
        }
    }

    static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** For the idempotency hash of a request. */
    public static String hashOf(byte[] body, Options options) {
        return SpooledBody.requestHash(body, null, IDEMPOTENCY_SCOPE, options.mode().name(),
                options.status() == null ? "" : options.status().code(), options.region() == null ? "" : options.region());
    }
}
