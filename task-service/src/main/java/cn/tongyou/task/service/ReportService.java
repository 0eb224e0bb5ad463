package cn.tongyou.task.service;

import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.security.Caller;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.idempotency.IdempotencyStore;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.task.api.ReportInput;
import cn.tongyou.task.api.ReportUpdate;
import cn.tongyou.task.api.ReportView;
import cn.tongyou.task.api.ReviewInput;
import cn.tongyou.task.api.UnitRef;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.task.domain.MilestoneLifecycle;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.MilestoneStatus;
import cn.tongyou.task.domain.ProgressConsistency;
import cn.tongyou.task.domain.ReportStatus;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.SqlArray;
import cn.tongyou.task.events.EventData;
import cn.tongyou.task.store.MilestoneEntity;
import cn.tongyou.task.store.PlanEntity;
import cn.tongyou.task.store.ReportEntity;
import cn.tongyou.task.store.TaskEntity;
import cn.tongyou.task.store.TaskQueries;
import cn.tongyou.task.store.TaskUnitRow;
import cn.tongyou.task.store.UnitEntity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Half-yearly progress reports (半年调度): a department files one per task and period, the coordinator accepts it
 * (the milestones it reports done become done) or returns it with a comment, and a returned report is corrected and
 * filed again. A reporter files only for its own unit (the token's unit claim) and within its region.
 */
@ApplicationScoped
public class ReportService {

    public static final String IDEMPOTENCY_SCOPE = "task-service.report";
    static final Set<String> UPDATE_STATUSES = Set.of("done", "in-progress", "blocked");

    @Inject
    Caller caller;

    @Inject
    UnitDirectory directory;

    @Inject
    TaskQueries queries;

    @Inject
    MilestoneSchedule schedule;

    @Inject
    ReportingCalendar calendar;

    @Inject
    MilestoneService milestones;

    @Inject
    OutboxWriter outbox;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Views views;

    @Inject
    Json json;

    @Inject
    Jdbc sql;

    @Inject
    Clock clock;

    /** A new report, or the stored answer to an earlier request with the same Idempotency-Key. */
    public record Outcome(ReportView report, IdempotencyStore.StoredResponse replay) {
    }

    @Transactional
    public Outcome submit(UUID taskId, ReportInput in, String idempotencyKey, String requestHash) {
        TaskEntity task = TaskService.require(taskId);
        caller.requireWrite(task.regionCode);
        if (idempotencyKey != null) {
            Optional<IdempotencyStore.StoredResponse> stored = idempotency.claim(IDEMPOTENCY_SCOPE, idempotencyKey, requestHash);
            if (stored.isPresent()) {
                return new Outcome(null, stored.get());
            }
        }
        PlanEntity plan = PlanService.require(task.planId);
        Period period = RequestParameters.halfYear("period", in.period());
        LocalDate today = schedule.today();
        if (!calendar.acceptsReports(period, today)) {
            throw ProblemException.invalidField("period", "period " + period + " starts on " + period.start()
                    + "; a report can be filed from the period's first day");
        }
        UnitEntity unit = reportingUnit(task, plan, in.unit());
        ReportEntity existing = ReportEntity.<ReportEntity>find("taskId = ?1 and period = ?2 and unitId = ?3",
                taskId, period.toString(), unit.id).firstResult();
        if (existing != null) {
            throw ProblemException.conflict(unit.name + " has filed its " + period + " report on this task already (report "
                    + existing.id + ", " + existing.status + "); change it with PUT /api/v1/reports/" + existing.id);
        }
        Checked checked = check(task, unit.id, period, in.percentComplete(), in.milestoneUpdates(), in.attachments(), today);
        Instant now = clock.instant();
        ReportEntity r = new ReportEntity();
        r.id = UUID.randomUUID();
        r.taskId = taskId;
        r.period = period.toString();
        r.unitId = unit.id;
        r.status = ReportStatus.SUBMITTED.code();
        r.firstSubmittedAt = now;
        r.late = calendar.isLate(period, today);
        r.version = 1;
        r.createdAt = now;
        apply(r, in.text(), in.percentComplete(), checked, now);
        r.persist();
        try {
            r.flush();
        } catch (PersistenceException e) {
            throw ProblemException.conflict(unit.name + " filed its " + period + " report on this task at the same moment; "
                    + "GET the task's reports and change that one instead");
        }
        outbox.append(EventData.report(r, task, unit.name, json::tree));
        ReportView view = views.report(r, task, new UnitRef(unit.id, unit.name, null));
        if (idempotencyKey != null) {
            try {
                idempotency.complete(IDEMPOTENCY_SCOPE, idempotencyKey, new IdempotencyStore.StoredResponse(201,
                        json.mapper().writeValueAsString(view), "api/v1/reports/" + view.id(), ETags.of(view.version())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Outcome(view, null);
    }

    /** A correction: before review, or after the report was returned. */
    @Transactional
    public ReportView update(UUID id, String ifMatch, ReportUpdate in) {
        ETags.versions(ifMatch);
        ReportEntity r = lock(id);
        TaskEntity task = TaskService.require(r.taskId);
        caller.requireWrite(task.regionCode);
        UnitEntity unit = UnitEntity.findById(r.unitId);
        if (!caller.actsForCoordinator()) {
            requireOwnUnit(task, PlanService.require(task.planId), unit);
        }
        ETags.requireMatch(ifMatch, r.version, "the report");
        ReportStatus status = ReportStatus.ofCode(r.status);
        Problems.rule(status::requireEditable);
        LocalDate today = schedule.today();
        Checked checked = check(task, r.unitId, Period.parseHalfYear(r.period), in.percentComplete(), in.milestoneUpdates(),
                in.attachments(), today);
        boolean same = status == ReportStatus.SUBMITTED && r.body.equals(in.text().strip())
                && r.percentComplete == in.percentComplete()
                && json.tree(r.milestoneUpdates).equals(json.tree(json.write(checked.updates())))
                && json.tree(r.attachments).equals(json.tree(json.write(checked.attachments())));
        if (!same) {
            Instant now = clock.instant();
            r.status = ReportStatus.SUBMITTED.code();
            apply(r, in.text(), in.percentComplete(), checked, now);
            r.version++;
            r.flush();
            outbox.append(EventData.report(r, task, unit.name, json::tree));
        }
        return views.report(r, task, new UnitRef(unit.id, unit.name, null));
    }

    /** Accepts a submitted report; the milestones it reports done (and that are still open) become done. */
    @Transactional
    public ReportView accept(UUID id, String ifMatch, ReviewInput in) {
        ETags.versions(ifMatch);
        ReportEntity r = lock(id);
        TaskEntity task = TaskService.require(r.taskId);
        caller.requireWrite(task.regionCode);
        ETags.requireMatch(ifMatch, r.version, "the report");
        Problems.rule(ReportStatus.ofCode(r.status)::requireReviewable);
        Instant now = clock.instant();
        r.status = ReportStatus.ACCEPTED.code();
        review(r, in == null ? null : in.comment(), now);
        List<ReportInput.MilestoneUpdate> updates = json.read(r.milestoneUpdates, new TypeReference<>() {
        });
        for (ReportInput.MilestoneUpdate u : updates) {
            if (!"done".equals(u.status())) {
                continue;
            }
            MilestoneEntity m = MilestoneService.lock(u.milestoneId());
            if (MilestoneStatus.ofCode(m.status) == MilestoneStatus.OPEN) {
                milestones.markDone(m, u.doneOn(), u.evidence(), r.id);
                milestones.changed(m, task);
            }
        }
        r.flush();
        UnitEntity unit = UnitEntity.findById(r.unitId);
        outbox.append(EventData.report(r, task, unit.name, json::tree));
        return views.report(r, task, new UnitRef(unit.id, unit.name, null));
    }

    /** Returns a submitted report to its unit with a comment saying what to correct. */
    @Transactional
    public ReportView giveBack(UUID id, String ifMatch, ReviewInput in) {
        ETags.versions(ifMatch);
        ReportEntity r = lock(id);
        TaskEntity task = TaskService.require(r.taskId);
        caller.requireWrite(task.regionCode);
        ETags.requireMatch(ifMatch, r.version, "the report");
        if (in == null || in.comment() == null || in.comment().isBlank()) {
            throw ProblemException.invalidField("comment", "say what the unit should correct: a returned report needs a comment");
        }
        Problems.rule(ReportStatus.ofCode(r.status)::requireReviewable);
        r.status = ReportStatus.RETURNED.code();
        review(r, in.comment(), clock.instant());
        r.flush();
        UnitEntity unit = UnitEntity.findById(r.unitId);
        outbox.append(EventData.report(r, task, unit.name, json::tree));
        return views.report(r, task, new UnitRef(unit.id, unit.name, null));
    }

    public ReportView get(UUID id) {
        ReportEntity r = ReportEntity.<ReportEntity>findByIdOptional(id).orElseThrow(() -> notFound(id));
        TaskEntity task = TaskService.require(r.taskId);
        UnitEntity unit = UnitEntity.findById(r.unitId);
        return views.report(r, task, new UnitRef(unit.id, unit.name, null));
    }

    /** Raw list parameters. */
    public record ListParams(String region, String task, String unit, String period, String status) {
    }

    public Page<ReportView> list(ListParams p, PageParams page, TaskService tasks) {
        List<Problem.Violation> violations = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" from progress_report r join task t on t.id = r.task_id where true");
        String pattern = null;
        if (notBlank(p.region())) {
            RegionCode region = RequestParameters.region("region", p.region(), violations);
            if (region != null) {
                pattern = region.subtreePattern();
                where.append(" and t.region_code like ?");
                params.add(pattern);
            }
        }
        if (notBlank(p.task())) {
            UUID taskId = RequestParameters.uuid("task", p.task(), "a task", violations);
            if (taskId != null) {
                params.add(taskId);
                where.append(" and r.task_id = ?");
            }
        }
        if (notBlank(p.period())) {
            Period period = RequestParameters.halfYear("period", p.period(), violations);
            if (period != null) {
                params.add(period.toString());
                where.append(" and r.period = ?");
            }
        }
        if (notBlank(p.status())) {
            if (ReportStatus.find(p.status()).isEmpty()) {
                violations.add(Problem.Violation.field("status", "one of " + String.join(", ", ReportStatus.codes())));
            } else {
                where.append(" and r.status = ?");
                params.add(p.status().strip());
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        if (notBlank(p.unit())) {
            where.append(" and r.unit_id = any(?)");
            params.add(SqlArray.uuid(tasks.unitIds(p.unit().strip(), pattern)));
        }
        long total = sql.count("select count(*)" + where, params);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.size);
        pageParams.add(page.offset());
        List<UUID> ids = new ArrayList<>();
        sql.forEach("select r.id" + where + " order by r.period desc, t.region_code, t.plan_id, t.ordinal, r.submitted_at, r.id limit ? offset ?",
                pageParams, row -> ids.add(row.uuid("id")));
        if (ids.isEmpty()) {
            return Page.of(List.of(), page, total);
        }
        Map<UUID, ReportEntity> reports = ReportEntity.<ReportEntity>list("id in ?1", ids).stream()
                .collect(Collectors.toMap(r -> r.id, Function.identity()));
        Map<UUID, TaskEntity> taskById = TaskEntity.<TaskEntity>list("id in ?1",
                reports.values().stream().map(r -> r.taskId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(t -> t.id, Function.identity()));
        Map<UUID, String> names = TaskService.unitNames(reports.values().stream().map(r -> r.unitId).collect(Collectors.toSet()));
        List<ReportView> items = ids.stream().map(reports::get)
                .map(r -> views.report(r, taskById.get(r.taskId), new UnitRef(r.unitId, names.get(r.unitId), null))).toList();
        return Page.of(items, page, total);
    }

    // --- rules --------------------------------------------------------------------------------------------------------

    /** The unit a report is filed for: a reporter's own (token claim), or the one a coordinator names. */
    private UnitEntity reportingUnit(TaskEntity task, PlanEntity plan, String named) {
        UnitDirectory.Resolver resolver = directory.resolver(task.regionCode, plan.regionName, caller.subject(), clock.instant());
        List<TaskUnitRow> taskUnits = queries.units(List.of(task.id));
        if (!caller.actsForCoordinator()) {
            UnitEntity own = requireOwnUnit(task, plan, null);
            if (named != null && !named.isBlank()) {
                Optional<UnitEntity> given = find(resolver, named);
                if (given.isEmpty() || !given.get().id.equals(own.id)) {
                    throw ProblemException.forbidden("a reporter files only for its own unit (" + own.name + "), not for "
                            + named.strip());
                }
            }
            return own;
        }
        if (named == null || named.isBlank()) {
            throw ProblemException.invalidField("unit", "name the unit the report is filed for (a coordinator files on a unit's behalf)");
        }
        UnitEntity unit = find(resolver, named).orElseThrow(() -> ProblemException.invalidField("unit",
                "'" + named.strip() + "' is not a unit of region " + task.regionCode));
        if (!taskUnits.isEmpty() && taskUnits.stream().noneMatch(u -> u.unitId().equals(unit.id))) {
            throw ProblemException.invalidField("unit", unit.name + " neither leads nor joins this task; its units are "
                    + taskUnits.stream().map(TaskUnitRow::unitName).distinct().collect(Collectors.joining(", ")));
        }
        return unit;
    }

    /**
     * The reporter's unit, which must be a unit of the task's region and, when the task names units, one of them.
     *
     * @param expected when not null, the unit the report belongs to (a correction): the reporter must be it
     */
    private UnitEntity requireOwnUnit(TaskEntity task, PlanEntity plan, UnitEntity expected) {
        String claim = caller.requireUnit();
        UnitDirectory.Resolver resolver = directory.resolver(task.regionCode, plan.regionName, caller.subject(), clock.instant());
        UnitEntity own = resolver.find(claim).orElseThrow(() -> ProblemException.forbidden("your unit " + claim
                + " is not a unit of region " + task.regionCode + "; a reporter files only for its own unit"));
        if (expected != null) {
            if (!expected.id.equals(own.id)) {
                throw ProblemException.forbidden("this report belongs to " + expected.name + "; a reporter changes only its own unit's reports");
            }
            return own;
        }
        List<TaskUnitRow> taskUnits = queries.units(List.of(task.id));
        if (!taskUnits.isEmpty() && taskUnits.stream().noneMatch(u -> u.unitId().equals(own.id))) {
            throw ProblemException.forbidden(own.name + " neither leads nor joins this task, so it cannot report on it");
        }
        return own;
    }

    private static Optional<UnitEntity> find(UnitDirectory.Resolver resolver, String named) {
        try {
            return resolver.byId(UUID.fromString(named.strip()));
        } catch (IllegalArgumentException notAnId) {
            return resolver.find(named);
        }
    }

    /** Checked milestone updates and attachments, and the warnings for the reviewer. */
    private record Checked(List<ReportInput.MilestoneUpdate> updates, List<ReportInput.Attachment> attachments,
                           List<String> warnings) {
    }

    private Checked check(TaskEntity task, UUID unitId, Period period, int percent,
                          List<ReportInput.MilestoneUpdate> updatesIn, List<ReportInput.Attachment> attachmentsIn, LocalDate today) {
        List<Issue> issues = new ArrayList<>();
        Map<UUID, MilestoneEntity> taskMilestones = MilestoneEntity.<MilestoneEntity>list("taskId", task.id).stream()
                .collect(Collectors.toMap(m -> m.id, Function.identity()));
        List<ReportInput.MilestoneUpdate> updates = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        Set<UUID> reportedDone = new HashSet<>();
        List<ReportInput.MilestoneUpdate> in = updatesIn == null ? List.of() : updatesIn;
        for (int i = 0; i < in.size(); i++) {
            ReportInput.MilestoneUpdate u = in.get(i);
            String path = "milestoneUpdates[" + i + "]";
            MilestoneEntity m = taskMilestones.get(u.milestoneId());
            if (m == null) {
                issues.add(new Issue(path + ".milestoneId", "not a milestone of this task"));
                continue;
            }
            if (!seen.add(m.id)) {
                issues.add(new Issue(path + ".milestoneId", "this milestone is updated twice in the report"));
                continue;
            }
            String status = u.status().strip();
            if (!UPDATE_STATUSES.contains(status)) {
                issues.add(new Issue(path + ".status", "one of done, in-progress, blocked"));
                continue;
            }
            if (MilestoneStatus.ofCode(m.status) == MilestoneStatus.CANCELLED) {
                issues.add(new Issue(path + ".milestoneId", "the milestone was cancelled (" + m.cancelReason + ")"));
                continue;
            }
            if (status.equals("done")) {
                MilestoneLifecycle.checkCompletion(u.doneOn(), u.evidence(), today)
                        .forEach(issue -> issues.add(issue.prefixed(path)));
                reportedDone.add(m.id);
            } else if (u.doneOn() != null) {
                issues.add(new Issue(path + ".doneOn", "only a milestone reported done has a done date"));
            }
            updates.add(new ReportInput.MilestoneUpdate(m.id, status, u.doneOn(),
                    PlanImportService.blankToNull(u.evidence()), PlanImportService.blankToNull(u.comment())));
        }
        List<ReportInput.Attachment> attachments = new ArrayList<>();
        List<ReportInput.Attachment> aIn = attachmentsIn == null ? List.of() : attachmentsIn;
        for (int i = 0; i < aIn.size(); i++) {
            ReportInput.Attachment a = aIn.get(i);
            String name = PlanImportService.blankToNull(a.name());
            String url = PlanImportService.blankToNull(a.url());
            if (name == null && url == null) {
                issues.add(new Issue("attachments[" + i + "]", "an attachment needs a name (file name) or a url"));
                continue;
            }
            if (url != null && !isWebUrl(url)) {
                issues.add(new Issue("attachments[" + i + "].url", "must be an http or https URL"));
                continue;
            }
            attachments.add(new ReportInput.Attachment(name, url));
        }
        int active = 0;
        int done = 0;
        for (MilestoneEntity m : taskMilestones.values()) {
            MilestoneStatus s = MilestoneStatus.ofCode(m.status);
            if (s == MilestoneStatus.CANCELLED) {
                continue;
            }
            active++;
            if (s == MilestoneStatus.DONE || reportedDone.contains(m.id)) {
                done++;
            }
        }
        ReportEntity lastAccepted = ReportEntity.<ReportEntity>find(
                "taskId = ?1 and unitId = ?2 and status = 'accepted' and period < ?3 order by period desc",
                task.id, unitId, period.toString()).firstResult();
        ProgressConsistency.Result consistency = ProgressConsistency.check(percent, active, done,
                lastAccepted == null ? null : lastAccepted.percentComplete);
        issues.addAll(consistency.errors());
        ProblemException.throwIfAny(issues);
        return new Checked(updates, attachments, consistency.warnings());
    }

    private void apply(ReportEntity r, String text, int percent, Checked checked, Instant now) {
        r.body = text.strip();
        r.percentComplete = percent;
        r.milestoneUpdates = json.write(checked.updates());
        r.attachments = json.write(checked.attachments());
        r.warnings = json.write(checked.warnings());
        r.submittedAt = now;
        r.submittedBy = caller.subject();
        r.updatedAt = now;
        r.updatedBy = caller.subject();
    }

    private void review(ReportEntity r, String comment, Instant now) {
        r.reviewedAt = now;
        r.reviewedBy = caller.subject();
        r.reviewComment = PlanImportService.blankToNull(comment);
        r.version++;
        r.updatedAt = now;
        r.updatedBy = caller.subject();
    }

    private static boolean isWebUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static ReportEntity lock(UUID id) {
        return ReportEntity.<ReportEntity>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> notFound(id));
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("no progress report " + id);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
