package cn.tongyou.task.service;

import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.common.security.Caller;
import cn.tongyou.task.domain.UnitNames;
import cn.tongyou.task.events.EventData;
import cn.tongyou.task.store.MilestoneEntity;
import cn.tongyou.task.store.MilestoneStore;
import cn.tongyou.task.store.PlanEntity;
import cn.tongyou.task.store.ReportEntity;
import cn.tongyou.task.store.ReportStore;
import cn.tongyou.task.store.TaskEntity;
import cn.tongyou.task.store.TaskStore;
import cn.tongyou.task.store.TaskUnitEntity;
import cn.tongyou.task.store.TaskUnitRow;
import cn.tongyou.task.store.UnitEntity;
import cn.tongyou.task.store.UnitStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Task lists and details (with computed milestone and reporting state), and task edits by coordinators. */
@ApplicationScoped
public class TaskService {

    /** The values of the task list's status filter. */
    public static final List<String> STATUSES = List.of("overdue", "due-soon", "no-report-this-period", "completed", "open");

    @Inject
    TaskStore store;

    @Inject
    PlanService planService;

    @Inject
    MilestoneStore milestones;

    @Inject
    ReportStore reports;

    @Inject
    UnitStore unitStore;

    @Inject
    Views views;

    @Inject
    MilestoneSchedule schedule;

    @Inject
    ReportingCalendar calendar;

    @Inject
    Caller caller;

    @Inject
    UnitDirectory directory;

    @Inject
    OutboxWriter outbox;


    /** The raw query parameters of the task list. */
    public record ListParams(String region, String plan, String domain, String unit, String unitRole, String status,
                             String dueBefore, String period, String q) {
    }

    public Page<TaskSummary> list(ListParams p, PageParams page) {
        List<Issue> violations = new ArrayList<>();
        String pattern = null;
        if (notBlank(p.region())) {
            RegionCode code = RequestParameters.region("region", p.region(), violations);
            pattern = code == null ? null : code.subtreePattern();
        }
        UUID planId = null;
        if (notBlank(p.plan())) {
            planId = RequestParameters.uuid("plan", p.plan(), "task.noun.a-plan", violations);
        }
        String role = null;
        if (notBlank(p.unitRole()) && !p.unitRole().strip().equals("any")) {
            role = p.unitRole().strip();
            if (!role.equals(TaskUnitEntity.LEAD) && !role.equals(TaskUnitEntity.PARTICIPATING)) {
                violations.add(Issue.of("unit-role", "task.task.unit-role"));
            }
        }
        Set<String> statuses = new LinkedHashSet<>();
        if (notBlank(p.status())) {
            for (String s : p.status().split(",")) {
                String status = s.strip();
                if (!STATUSES.contains(status)) {
                    violations.add(Issue.of("status", "task.task.status-unknown", status, String.join(", ", STATUSES)));
                } else {
                    statuses.add(status);
                }
            }
        }
        LocalDate dueBefore = null;
        if (notBlank(p.dueBefore())) {
            try {
                dueBefore = LocalDate.parse(p.dueBefore().strip());
            } catch (DateTimeParseException e) {
                violations.add(Issue.of("due-before", "task.parameter.date", p.dueBefore()));
            }
        }
        LocalDate today = schedule.today();
        Period period = calendar.currentPeriod(today);
        if (notBlank(p.period())) {
            period = RequestParameters.halfYear("period", p.period(), violations);
        }
        if (notBlank(p.q()) && p.q().length() > 100) {
            violations.add(Issue.of("q", "task.parameter.q-length"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        List<UUID> unitIds = notBlank(p.unit()) ? unitIds(p.unit().strip(), pattern) : null;
        TaskStore.Filter filter = new TaskStore.Filter(pattern, planId, notBlank(p.domain()) ? p.domain().strip() : null,
                unitIds, role, statuses, dueBefore, notBlank(p.q()) ? p.q().strip() : null);
        TaskStore.AsOf asOf = new TaskStore.AsOf(today, schedule.dueSoonUntil(today), period.toString());
        List<TaskStore.Row> rows = store.search(filter, asOf, Math.toIntExact(page.offset()), page.size);
        long total = rows.isEmpty() && page.page == 1 ? 0 : store.count(filter, asOf);
        List<UUID> ids = rows.stream().map(TaskStore.Row::id).toList();
        Map<UUID, List<TaskUnitRow>> units = store.units(ids).stream().collect(Collectors.groupingBy(TaskUnitRow::taskId));
        Map<UUID, Integer> percent = store.latestAcceptedPercent(ids);
        List<TaskSummary> items = new ArrayList<>();
        for (TaskStore.Row row : rows) {
            List<TaskUnitRow> u = units.getOrDefault(row.id(), List.of());
            items.add(new TaskSummary(row.id(), row.planId(), row.planTitle(), row.planStatus(), row.regionCode(), row.number(),
                    row.domain(), row.section(), row.title(), refs(u, true), refs(u, false), Views.counts(row),
                    views.reporting(row, period, today), percent.get(row.id()), Views.flags(row), row.version()));
        }
        return Page.of(items, page, total);
    }

    /** A unit filter: a unit id, or a name in any known spelling (matching in every region of the filter). */
    List<UUID> unitIds(String unit, String regionPattern) {
        try {
            return List.of(UUID.fromString(unit));
        } catch (IllegalArgumentException notAnId) {
            Set<String> keys = new HashSet<>();
            keys.add(UnitNames.forRegion(null, null).key(unit));
            unitStore.regionNames(regionPattern).forEach((code, name) -> keys.add(UnitNames.forRegion(code, name).key(unit)));
            return unitStore.byKeys(regionPattern, keys);
        }
    }

    public TaskView get(UUID id) {
        TaskEntity task = require(id);
        return view(task);
    }

    /** The task with its milestones and reports, as of today. */
    public TaskView view(TaskEntity task) {
        LocalDate today = schedule.today();
        Period period = calendar.currentPeriod(today);
        TaskStore.Row row = store.one(task.id, task.regionCode, new TaskStore.AsOf(today, schedule.dueSoonUntil(today), period.toString()));
        List<TaskUnitRow> units = store.units(List.of(task.id));
        List<MilestoneEntity> taskMilestones = milestones.ofTask(task.id);
        // tasks are public (政务公开); the progress reports' text and review comments only inside the caller's subtree
        List<ReportEntity> taskReports = caller.scope().covers(task.regionCode) ? reports.ofTask(task.id) : List.of();
        Map<UUID, String> unitNames = unitStore.names(taskReports.stream().map(r -> r.unitId).collect(Collectors.toSet()));
        List<ReportView> reportViews = taskReports.stream()
                .map(r -> views.report(r, task, new UnitRef(r.unitId, unitNames.get(r.unitId), null))).toList();
        return new TaskView(task.id, task.planId, row.planTitle(), row.planStatus(), task.regionCode, task.ordinal,
                task.number, task.domain, task.section, task.title, task.summary, refs(units, true), refs(units, false),
                Views.counts(row), views.reporting(row, period, today), Views.flags(row),
                taskMilestones.stream().map(m -> views.milestone(m, task, today)).toList(), reportViews, task.version,
                task.createdAt, task.updatedAt, task.updatedBy);
    }

    private static List<UnitRef> refs(List<TaskUnitRow> rows, boolean lead) {
        return rows.stream().filter(r -> r.lead() == lead).sorted(Comparator.comparingInt(TaskUnitRow::position))
                .map(Views::ref).toList();
    }

    @Transactional
    public TaskView create(UUID planId, TaskInput in) {
        PlanEntity plan = planService.require(planId);
        caller.requireWrite(plan.regionCode);
        String number = in.number().strip();
        String domain = in.domain().strip();
        if (store.hasNumber(planId, domain, number)) {
            throw ProblemException.conflict("task.task.number-taken", number, domain);
        }
        directory.lockRegion(plan.regionCode);
        Instant now = Instant.now();
        UnitDirectory.Resolver resolver = directory.resolver(plan.regionCode, plan.regionName, caller.subject(), now);
        TaskEntity task = new TaskEntity();
        task.id = UUID.randomUUID();
        task.planId = planId;
        task.regionCode = plan.regionCode;
        task.ordinal = store.nextOrdinal(planId);
        task.version = 1;
        task.createdAt = now;
        assign(task, in, now);
        store.persist(task);
        List<TaskUnitRow> units = TaskUnits.resolve(resolver, task.id, in.leadUnits(), in.participatingUnits());
        store.writeUnits(task.id, units, false);
        store.flush();
        publishUnits(resolver);
        outbox.append(EventData.task(task, units));
        return view(task);
    }

    @Transactional
    public TaskView update(UUID id, String ifMatch, TaskInput in) {
        ETags.versions(ifMatch);
        TaskEntity task = store.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> notFound(id));
        caller.requireWrite(task.regionCode);
        ETags.requireMatch(ifMatch, task.version, "task.noun.the-task");
        String number = in.number().strip();
        String domain = in.domain().strip();
        if (!(number.equals(task.number) && domain.equals(task.domain))
                && store.hasNumber(task.planId, domain, number)) {
            throw ProblemException.conflict("task.task.number-taken", number, domain);
        }
        PlanEntity plan = planService.require(task.planId);
        directory.lockRegion(plan.regionCode);
        Instant now = Instant.now();
        UnitDirectory.Resolver resolver = directory.resolver(plan.regionCode, plan.regionName, caller.subject(), now);
        List<TaskUnitRow> wanted = TaskUnits.resolve(resolver, task.id, in.leadUnits(), in.participatingUnits());
        List<TaskUnitRow> stored = store.units(List.of(task.id));
        boolean unitsSame = TaskUnits.same(stored, wanted);
        boolean fieldsSame = task.number.equals(number) && task.domain.equals(domain)
                && Objects.equals(task.section, Inputs.blankToNull(in.section()))
                && task.title.equals(in.title().strip()) && Objects.equals(task.summary, Inputs.blankToNull(in.summary()));
        if (!(unitsSame && fieldsSame)) {
            assign(task, in, now);
            task.version++;
            if (!unitsSame) {
                store.writeUnits(task.id, wanted, true);
            }
            store.flush();
            publishUnits(resolver);
            outbox.append(EventData.task(task, wanted));
        }
        return view(task);
    }

    private void assign(TaskEntity task, TaskInput in, Instant now) {
        task.number = in.number().strip();
        task.domain = in.domain().strip();
        task.section = Inputs.blankToNull(in.section());
        task.title = in.title().strip();
        task.summary = Inputs.blankToNull(in.summary());
        task.updatedAt = now;
        task.updatedBy = caller.subject();
    }

    private void publishUnits(UnitDirectory.Resolver resolver) {
        List<UnitEntity> changed = new ArrayList<>(resolver.created());
        changed.addAll(resolver.respelled());
        if (changed.isEmpty()) {
            return;
        }
        Map<UUID, List<String>> aliases = unitStore.aliases(changed.stream().map(u -> u.id).toList());
        changed.forEach(u -> outbox.append(EventData.unit(u, aliases.getOrDefault(u.id, List.of()))));
    }

    public TaskEntity require(UUID id) {
        return store.findByIdOptional(id).orElseThrow(() -> notFound(id));
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("task.task.not-found", id);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
