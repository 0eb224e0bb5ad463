package cn.tongyou.task.service;

import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.security.Caller;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.task.api.MilestoneActions;
import cn.tongyou.task.api.MilestoneInput;
import cn.tongyou.task.api.MilestoneView;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.task.domain.MilestoneLifecycle;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.MilestoneState;
import cn.tongyou.common.schedule.MilestoneStatus;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.SqlArray;
import cn.tongyou.task.domain.MilestoneTarget;
import cn.tongyou.task.events.EventData;
import cn.tongyou.task.store.MilestoneEntity;
import cn.tongyou.task.store.TaskEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Milestones: their definition (coordinators), their lifecycle (complete with date and evidence, cancel with
 * reason, reopen), and the milestone list with its state computed as of today.
 */
@ApplicationScoped
public class MilestoneService {

    @Inject
    MilestoneSchedule schedule;

    @Inject
    Views views;

    @Inject
    Caller caller;

    @Inject
    OutboxWriter outbox;

    @Inject
    Jdbc sql;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    TaskService tasks;

    public MilestoneView get(UUID id) {
        MilestoneEntity m = require(id);
        return views.milestone(m, TaskService.require(m.taskId), schedule.today());
    }

    /** Raw list parameters. */
    public record ListParams(String region, String plan, String task, String state, String dueBefore, String facilityType,
                             String unit) {
    }

    public Page<MilestoneView> list(ListParams p, PageParams page) {
        List<Problem.Violation> violations = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        LocalDate today = schedule.today();
        StringBuilder where = new StringBuilder(" from milestone m join task t on t.id = m.task_id where true");
        if (notBlank(p.region())) {
            RegionCode region = RequestParameters.region("region", p.region(), violations);
            if (region != null) {
                where.append(" and t.region_code like ?");
                params.add(region.subtreePattern());
            }
        }
        uuidFilter(p.plan(), "plan", "t.plan_id", where, params, violations);
        uuidFilter(p.task(), "task", "m.task_id", where, params, violations);
        if (notBlank(p.state())) {
            List<String> any = new ArrayList<>();
            for (String s : p.state().split(",")) {
                MilestoneState state = MilestoneState.find(s).orElse(null);
                if (state == null) {
                    violations.add(Problem.Violation.field("state", "'" + s.strip() + "' is not a milestone state; one or more of "
                            + String.join(", ", MilestoneState.codes())));
                    continue;
                }
                switch (state) {
                    case OVERDUE -> {
                        any.add("(m.status = 'open' and m.due_date < ?)");
                        params.add(today);
                    }
                    case DUE_SOON -> {
                        any.add("(m.status = 'open' and m.due_date >= ? and m.due_date <= ?)");
                        params.add(today);
                        params.add(schedule.dueSoonUntil(today));
                    }
                    case OPEN -> {
                        any.add("(m.status = 'open' and (m.due_date is null or m.due_date > ?))");
                        params.add(schedule.dueSoonUntil(today));
                    }
                    case DONE -> any.add("m.status = 'done'");
                    case CANCELLED -> any.add("m.status = 'cancelled'");
                }
            }
            if (!any.isEmpty()) {
                where.append(" and (").append(String.join(" or ", any)).append(")");
            }
        }
        if (notBlank(p.dueBefore())) {
            try {
                LocalDate date = LocalDate.parse(p.dueBefore().strip());
                where.append(" and m.due_date <= ?");
                params.add(date);
            } catch (DateTimeParseException e) {
                violations.add(Problem.Violation.field("due-before", "'" + p.dueBefore() + "' is not a date (ISO 8601, e.g. 2025-12-31)"));
            }
        }
        if (notBlank(p.facilityType())) {
            where.append(" and m.facility_type = ?");
            params.add(p.facilityType().strip());
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        if (notBlank(p.unit())) {
            String pattern = notBlank(p.region()) ? RegionCode.parse(p.region()).subtreePattern() : null;
            where.append(" and exists (select 1 from task_unit tu where tu.task_id = t.id and tu.role = 'lead' and tu.unit_id = any(?))");
            params.add(SqlArray.uuid(tasks.unitIds(p.unit().strip(), pattern)));
        }
        long total = sql.count("select count(*)" + where, params);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.size);
        pageParams.add(page.offset());
        List<UUID> ids = new ArrayList<>();
        sql.forEach("select m.id" + where + " order by t.region_code, t.plan_id, t.ordinal, m.ordinal, m.id limit ? offset ?",
                pageParams, row -> ids.add(row.uuid("id")));
        if (ids.isEmpty()) {
            return Page.of(List.of(), page, total);
        }
        Map<UUID, MilestoneEntity> byId = MilestoneEntity.<MilestoneEntity>list("id in ?1", ids).stream()
                .collect(Collectors.toMap(m -> m.id, Function.identity()));
        Set<UUID> taskIds = byId.values().stream().map(m -> m.taskId).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<UUID, TaskEntity> taskById = TaskEntity.<TaskEntity>list("id in ?1", taskIds).stream()
                .collect(Collectors.toMap(t -> t.id, Function.identity()));
        List<MilestoneView> items = ids.stream().map(byId::get)
                .map(m -> views.milestone(m, taskById.get(m.taskId), today)).toList();
        return Page.of(items, page, total);
    }

    @Transactional
    public MilestoneView create(UUID taskId, MilestoneInput in) {
        TaskEntity task = TaskEntity.<TaskEntity>findByIdOptional(taskId).orElseThrow(() -> TaskService.notFound(taskId));
        caller.requireWrite(task.regionCode);
        Definition d = definition(in);
        Instant now = clock.instant();
        MilestoneEntity m = new MilestoneEntity();
        m.id = UUID.randomUUID();
        m.taskId = taskId;
        Integer last = em.createQuery("select max(m.ordinal) from MilestoneEntity m where m.taskId = ?1", Integer.class)
                .setParameter(1, taskId).getSingleResult();
        m.ordinal = last == null ? 0 : last + 1;
        m.status = MilestoneStatus.OPEN.code();
        m.version = 1;
        m.createdAt = now;
        d.applyTo(m);
        touch(m, now);
        m.persist();
        m.flush();
        outbox.append(EventData.milestone(m, task));
        return views.milestone(m, task, schedule.today());
    }

    /** Replaces the definition; the status is left as it is (it changes only through complete, cancel, reopen). */
    @Transactional
    public MilestoneView update(UUID id, String ifMatch, MilestoneInput in) {
        ETags.versions(ifMatch);
        MilestoneEntity m = lock(id);
        TaskEntity task = TaskService.require(m.taskId);
        caller.requireWrite(task.regionCode);
        ETags.requireMatch(ifMatch, m.version, "the milestone");
        Definition d = definition(in);
        if (!d.sameAs(m)) {
            d.applyTo(m);
            changed(m, task);
        }
        return views.milestone(m, task, schedule.today());
    }

    @Transactional
    public MilestoneView complete(UUID id, String ifMatch, MilestoneActions.Completion in) {
        ETags.versions(ifMatch);
        MilestoneEntity m = lock(id);
        TaskEntity task = TaskService.require(m.taskId);
        caller.requireWrite(task.regionCode);
        ETags.requireMatch(ifMatch, m.version, "the milestone");
        ProblemException.throwIfAny(MilestoneLifecycle.checkCompletion(in == null ? null : in.doneOn(), in == null ? null : in.evidence(),
                schedule.today()));
        Problems.rule(() -> MilestoneLifecycle.requireCompletable(MilestoneStatus.ofCode(m.status)));
        markDone(m, in.doneOn(), in.evidence().strip(), null);
        changed(m, task);
        return views.milestone(m, task, schedule.today());
    }

    @Transactional
    public MilestoneView cancel(UUID id, String ifMatch, MilestoneActions.Reason in) {
        ETags.versions(ifMatch);
        MilestoneEntity m = lock(id);
        TaskEntity task = TaskService.require(m.taskId);
        caller.requireWrite(task.regionCode);
        ETags.requireMatch(ifMatch, m.version, "the milestone");
        ProblemException.throwIfAny(MilestoneLifecycle.checkReason("reason", in == null ? null : in.reason()));
        Problems.rule(() -> MilestoneLifecycle.requireCancellable(MilestoneStatus.ofCode(m.status)));
        m.status = MilestoneStatus.CANCELLED.code();
        m.cancelledOn = schedule.today();
        m.cancelReason = in.reason().strip();
        changed(m, task);
        return views.milestone(m, task, schedule.today());
    }

    @Transactional
    public MilestoneView reopen(UUID id, String ifMatch, MilestoneActions.Reason in) {
        ETags.versions(ifMatch);
        MilestoneEntity m = lock(id);
        TaskEntity task = TaskService.require(m.taskId);
        caller.requireWrite(task.regionCode);
        ETags.requireMatch(ifMatch, m.version, "the milestone");
        ProblemException.throwIfAny(MilestoneLifecycle.checkReason("reason", in == null ? null : in.reason()));
        Problems.rule(() -> MilestoneLifecycle.requireReopenable(MilestoneStatus.ofCode(m.status)));
        m.status = MilestoneStatus.OPEN.code();
        m.doneOn = null;
        m.evidence = null;
        m.statusReport = null;
        m.cancelledOn = null;
        m.cancelReason = null;
        changed(m, task);
        return views.milestone(m, task, schedule.today());
    }

    /** Completes an open milestone (also when an accepted report says it is done). */
    void markDone(MilestoneEntity m, LocalDate doneOn, String evidence, UUID report) {
        m.status = MilestoneStatus.DONE.code();
        m.doneOn = doneOn;
        m.evidence = evidence;
        m.statusReport = report;
        m.cancelledOn = null;
        m.cancelReason = null;
    }

    /** Bumps the version and writes the event, in the caller's transaction. */
    void changed(MilestoneEntity m, TaskEntity task) {
        m.version++;
        touch(m, clock.instant());
        m.flush();
        outbox.append(EventData.milestone(m, task));
    }

    private void touch(MilestoneEntity m, Instant now) {
        m.updatedAt = now;
        m.updatedBy = caller.subject();
    }

    static MilestoneEntity lock(UUID id) {
        return MilestoneEntity.<MilestoneEntity>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> notFound(id));
    }

    static MilestoneEntity require(UUID id) {
        return MilestoneEntity.<MilestoneEntity>findByIdOptional(id).orElseThrow(() -> notFound(id));
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("no milestone " + id);
    }

    /** A checked milestone definition. */
    private record Definition(LocalDate dueDate, String statement, String metric, String comparator, BigDecimal number,
                              Boolean bool, BigDecimal valueMax, String unit, Integer baselineYear, String facilityType,
                              String note) {

        void applyTo(MilestoneEntity m) {
            m.dueDate = dueDate;
            m.statement = statement;
            m.metric = metric;
            m.comparator = comparator;
            m.valueNumber = number;
            m.valueBoolean = bool;
            m.valueMax = valueMax;
            m.unit = unit;
            m.baselineYear = baselineYear;
            m.facilityType = facilityType;
            m.note = note;
        }

        boolean sameAs(MilestoneEntity m) {
            return Objects.equals(m.dueDate, dueDate) && m.statement.equals(statement) && Objects.equals(m.metric, metric)
                    && m.comparator.equals(comparator) && PlanImportService.sameNumber(m.valueNumber, number)
                    && Objects.equals(m.valueBoolean, bool) && PlanImportService.sameNumber(m.valueMax, valueMax)
                    && Objects.equals(m.unit, unit) && Objects.equals(m.baselineYear, baselineYear)
                    && Objects.equals(m.facilityType, facilityType) && Objects.equals(m.note, note);
        }
    }

    private static Definition definition(MilestoneInput in) {
        if (in == null) {
            throw ProblemException.badRequest("a JSON body describing the milestone is required");
        }
        CatalogCheck.Value value = CatalogCheck.value(in.value());
        if (value == null) {
            throw ProblemException.invalidField("value", "must be a number, true/false or null");
        }
        MilestoneTarget target = new MilestoneTarget(in.comparator().strip(), value.number(), value.bool(), in.valueMax(),
                PlanImportService.blankToNull(in.unit()), in.baselineYear(), PlanImportService.blankToNull(in.facilityType()));
        List<Issue> issues = target.check();
        ProblemException.throwIfAny(issues);
        return new Definition(in.dueDate(), in.statement().strip(), PlanImportService.blankToNull(in.metric()),
                target.comparator(), value.number(), value.bool(), in.valueMax(), target.unit(), in.baselineYear(),
                target.facilityType(), PlanImportService.blankToNull(in.note()));
    }

    private static void uuidFilter(String raw, String field, String column, StringBuilder where, List<Object> params,
                                   List<Problem.Violation> violations) {
        if (!notBlank(raw)) {
            return;
        }
        UUID id = RequestParameters.uuid(field, raw, "a " + field, violations);
        if (id != null) {
            where.append(" and ").append(column).append(" = ?");
            params.add(id);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
