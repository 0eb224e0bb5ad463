package cn.tongyou.task.service;

import cn.tongyou.common.discipline.LockException;
import cn.tongyou.common.discipline.PeriodLockGuard;
import cn.tongyou.common.discipline.PeriodLocks;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.idempotency.IdempotencyStore;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.MilestoneStatus;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.common.security.Caller;
import cn.tongyou.task.domain.ReportStatus;
import cn.tongyou.task.domain.ReviewLevels;
import cn.tongyou.task.events.EventData;
import cn.tongyou.task.store.MilestoneEntity;
import cn.tongyou.task.store.PlanEntity;
import cn.tongyou.task.store.ReportEntity;
import cn.tongyou.task.store.ReportStore;
import cn.tongyou.task.store.TaskEntity;
import cn.tongyou.task.store.TaskStore;
import cn.tongyou.task.store.UnitEntity;
import cn.tongyou.task.store.UnitStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    @Inject
    Caller caller;

    @Inject
    MilestoneSchedule schedule;

    @Inject
    ReportingCalendar calendar;

    @Inject
    MilestoneService milestones;

    @Inject
    TaskService tasks;

    @Inject
    PlanService plans;

    @Inject
    ReportStore store;

    @Inject
    TaskStore taskStore;

    @Inject
    ReportingUnits reportingUnits;

    @Inject
    ReportContentCheck contentCheck;

    @Inject
    UnitStore units;

    @Inject
    OutboxWriter outbox;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Views views;

    @Inject
    PeriodLockGuard lockGuard;

    @Inject
    Json json;


    /** A new report, or the stored answer to an earlier request with the same Idempotency-Key. */
    public record Outcome(ReportView report, IdempotencyStore.StoredResponse replay) {
    }

    @Transactional
    public Outcome submit(UUID taskId, ReportInput in, String idempotencyKey, String requestHash) {
        TaskEntity task = tasks.require(taskId);
        caller.requireWrite(task.regionCode);
        if (idempotencyKey != null) {
            Optional<IdempotencyStore.StoredResponse> stored = idempotency.claim(IDEMPOTENCY_SCOPE, caller.subject(), idempotencyKey, requestHash);
            if (stored.isPresent()) {
                return new Outcome(null, stored.get());
            }
        }
        PlanEntity plan = plans.require(task.planId);
        Period period = RequestParameters.halfYear("period", in.period());
        LocalDate today = schedule.today();
        if (!calendar.acceptsReports(period, today)) {
            throw ProblemException.invalidField("period", "task.report.period-not-started", period, period.start());
        }
        UUID underException = underLockException(task, period);
        UnitEntity unit = reportingUnits.of(task, plan, in.unit());
        ReportEntity existing = store.of(taskId, period.toString(), unit.id);
        if (existing != null) {
            throw ProblemException.conflict("task.report.already-filed", unit.name, period, existing.id, existing.status);
        }
        ReportContentCheck.Checked checked = contentCheck.check(task, unit.id, period, in.percentComplete(), in.milestoneUpdates(), in.attachments(), today);
        Instant now = Instant.now();
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
        r.filedBy = caller.subject();
        store.persist(r);
        try {
            store.flush();
        } catch (PersistenceException e) {
            throw ProblemException.conflict("task.report.concurrent", unit.name, period);
        }
        store.recordRevision(r.id, "filed", now, caller.subject(), underException);
        outbox.append(EventData.report(r, task, unit.name, json::tree));
        ReportView view = views.report(r, task, new UnitRef(unit.id, unit.name, null));
        if (idempotencyKey != null) {
            try {
                idempotency.complete(IDEMPOTENCY_SCOPE, caller.subject(), idempotencyKey, new IdempotencyStore.StoredResponse(201,
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
        TaskEntity task = tasks.require(r.taskId);
        caller.requireWrite(task.regionCode);
        UnitEntity unit = units.findById(r.unitId);
        if (!caller.actsForCoordinator()) {
            reportingUnits.requireOwn(task, plans.require(task.planId), unit);
        }
        ETags.requireMatch(ifMatch, r.version, "task.noun.the-report");
        ReportStatus status = ReportStatus.ofCode(r.status);
        RuleConflicts.asConflict(status::requireEditable);
        LocalDate today = schedule.today();
        ReportContentCheck.Checked checked = contentCheck.check(task, r.unitId, Period.parseHalfYear(r.period), in.percentComplete(), in.milestoneUpdates(),
                in.attachments(), today);
        boolean same = status == ReportStatus.SUBMITTED && r.body.equals(in.text().strip())
                && r.percentComplete == in.percentComplete()
                && json.tree(r.milestoneUpdates).equals(json.tree(json.write(checked.updates())))
                && json.tree(r.attachments).equals(json.tree(json.write(checked.attachments())));
        if (!same) {
            UUID underException = underLockException(task, Period.parseHalfYear(r.period));
            Instant now = Instant.now();
            r.status = ReportStatus.SUBMITTED.code();
            apply(r, in.text(), in.percentComplete(), checked, now);
            r.version++;
            store.flush();
            store.recordRevision(r.id, "corrected", now, caller.subject(), underException);
            outbox.append(EventData.report(r, task, unit.name, json::tree));
        }
        return views.report(r, task, new UnitRef(unit.id, unit.name, null));
    }

    /** Accepts a submitted report; the milestones it reports done (and that are still open) become done. */
    @Transactional
    public ReportView accept(UUID id, String ifMatch, ReviewInput in) {
        ETags.versions(ifMatch);
        ReportEntity r = lock(id);
        TaskEntity task = tasks.require(r.taskId);
        caller.requireWrite(task.regionCode);
        caller.requireFourEyes(r.filedBy, r.submittedBy);
        ETags.requireMatch(ifMatch, r.version, "task.noun.the-report");
        RuleConflicts.asConflict(ReportStatus.ofCode(r.status)::requireReviewable);
        Instant now = Instant.now();
        r.status = ReportStatus.ACCEPTED.code();
        review(r, in == null ? null : in.comment(), now);
        List<ReportInput.MilestoneUpdate> updates = json.read(r.milestoneUpdates, new TypeReference<>() {
        });
        for (ReportInput.MilestoneUpdate u : updates) {
            if (!"done".equals(u.status())) {
                continue;
            }
            MilestoneEntity m = milestones.lock(u.milestoneId());
            if (MilestoneStatus.ofCode(m.status) == MilestoneStatus.OPEN) {
                milestones.markDone(m, u.doneOn(), u.evidence(), r.id);
                milestones.changed(m, task);
            }
        }
        store.flush();
        store.recordRevision(r.id, "accepted", now, caller.subject(), null);
        UnitEntity unit = units.findById(r.unitId);
        outbox.append(EventData.report(r, task, unit.name, json::tree));
        return views.report(r, task, new UnitRef(unit.id, unit.name, null));
    }

    /** Returns a submitted report to its unit with a comment saying what to correct. */
    @Transactional
    public ReportView giveBack(UUID id, String ifMatch, ReviewInput in) {
        ETags.versions(ifMatch);
        ReportEntity r = lock(id);
        TaskEntity task = tasks.require(r.taskId);
        caller.requireWrite(task.regionCode);
        ETags.requireMatch(ifMatch, r.version, "task.noun.the-report");
        if (in == null || in.comment() == null || in.comment().isBlank()) {
            throw ProblemException.invalidField("comment", "task.report.return-comment");
        }
        RuleConflicts.asConflict(ReportStatus.ofCode(r.status)::requireReviewable);
        r.status = ReportStatus.RETURNED.code();
        Instant now = Instant.now();
        review(r, in.comment(), now);
        store.flush();
        store.recordRevision(r.id, "returned", now, caller.subject(), null);
        UnitEntity unit = units.findById(r.unitId);
        outbox.append(EventData.report(r, task, unit.name, json::tree));
        return views.report(r, task, new UnitRef(unit.id, unit.name, null));
    }

    /** A report by id: its text and review are scoped, so outside the caller's subtree it does not exist (404). */
    public ReportView get(UUID id) {
        ReportEntity r = store.findByIdOptional(id).orElseThrow(() -> notFound(id));
        TaskEntity task = tasks.require(r.taskId);
        if (!caller.scope().visible(task.regionCode)) {
            throw notFound(id);
        }
        UnitEntity unit = units.findById(r.unitId);
        return views.report(r, task, new UnitRef(unit.id, unit.name, null));
    }

    /** Every kept version of a report, oldest first; scoped like the report (404 outside the caller's subtree). */
    public List<ReportRevisionView> revisions(UUID id) {
        ReportEntity r = store.findByIdOptional(id).orElseThrow(() -> notFound(id));
        TaskEntity task = tasks.require(r.taskId);
        if (!caller.scope().visible(task.regionCode)) {
            throw notFound(id);
        }
        List<ReportStore.RevisionRow> rows = store.revisions(id);
        Map<UUID, String> names = units.names(rows.stream().map(ReportStore.RevisionRow::unitId).collect(Collectors.toSet()));
        return rows.stream().map(row -> new ReportRevisionView(row.version(), row.change(), row.changedAt(), row.changedBy(),
                new UnitRef(row.unitId(), names.get(row.unitId()), null), row.body(), row.percentComplete(),
                json.read(row.milestoneUpdates(), new TypeReference<List<ReportInput.MilestoneUpdate>>() {
                }),
                json.read(row.attachments(), new TypeReference<List<ReportInput.Attachment>>() {
                }),
                json.strings(row.warnings()), row.status(), row.submittedAt(), row.submittedBy(), row.reviewedAt(),
                row.reviewedBy(), row.reviewComment(), row.reviewedLevel(), row.lockExceptionId())).toList();
    }

    /** Raw list parameters. */
    public record ListParams(String region, String task, String unit, String period, String status) {
    }

    public Page<ReportView> list(ListParams p, PageParams page) {
        ReportStore.Filter filter = filter(p);
        long total = store.count(filter);
        List<UUID> ids = store.search(filter, Math.toIntExact(page.offset()), page.size);
        if (ids.isEmpty()) {
            return Page.of(List.of(), page, total);
        }
        Map<UUID, ReportEntity> reports = store.byIds(ids).stream()
                .collect(Collectors.toMap(r -> r.id, Function.identity()));
        Map<UUID, TaskEntity> taskById = taskStore.byIds(reports.values().stream().map(r -> r.taskId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(t -> t.id, Function.identity()));
        Map<UUID, String> names = units.names(reports.values().stream().map(r -> r.unitId).collect(Collectors.toSet()));
        List<ReportView> items = ids.stream().map(reports::get)
                .map(r -> views.report(r, taskById.get(r.taskId), new UnitRef(r.unitId, names.get(r.unitId), null))).toList();
        return Page.of(items, page, total);
    }

    /** The list's filter from its raw parameters; 400 naming every bad one. */
    private ReportStore.Filter filter(ListParams p) {
        List<Issue> violations = new ArrayList<>();
        RegionCode region = notBlank(p.region()) ? RequestParameters.region("region", p.region(), violations) : null;
        UUID taskId = notBlank(p.task()) ? RequestParameters.uuid("task", p.task(), "task.noun.a-task", violations) : null;
        Period period = notBlank(p.period()) ? RequestParameters.halfYear("period", p.period(), violations) : null;
        String status = null;
        if (notBlank(p.status())) {
            if (ReportStatus.find(p.status()).isEmpty()) {
                violations.add(Issue.of("status", "task.report.status-unknown", String.join(", ", ReportStatus.codes())));
            } else {
                status = p.status().strip();
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        // report text and review comments are scoped: the list defaults to the caller's subtree (403 outside it)
        String pattern = caller.scope().listRegion(region).map(RegionCode::subtreePattern).orElse(null);
        List<UUID> unitIds = notBlank(p.unit()) ? tasks.unitIds(p.unit().strip(), pattern) : null;
        return new ReportStore.Filter(pattern, taskId, period == null ? null : period.toString(), status, unitIds);
    }

    /**
     * The period lock of progress reports: filing or correcting a report of a closed period (PeriodLocks, data set
     * progress-reports, by the business date) is refused with 409 unless an exception a higher level granted covers the
     * plan's region. Reviews are not writes of the reporting unit and stay possible: the level above may still act.
     *
     * @return the exception the write passes under, kept in the report's revision; null while the period is open
     */
    private UUID underLockException(TaskEntity task, Period period) {
        return lockGuard.requireOpen(RegionCode.parse(task.regionCode), period, PeriodLocks.PROGRESS_REPORTS)
                .map(LockException::id).orElse(null);
    }

    private void apply(ReportEntity r, String text, int percent, ReportContentCheck.Checked checked, Instant now) {
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
        r.reviewComment = Inputs.blankToNull(comment);
        r.reviewedLevel = ReviewLevels.of(caller.scope().root().orElse(null));
        r.version++;
        r.updatedAt = now;
        r.updatedBy = caller.subject();
    }

    private ReportEntity lock(UUID id) {
        return store.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> notFound(id));
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("task.report.not-found", id);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
