package cn.tongyou.task.service;

import cn.tongyou.common.http.ETags;
import cn.tongyou.common.idempotency.IdempotencyStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.MilestoneState;
import cn.tongyou.common.schedule.MilestoneStatus;
import cn.tongyou.common.security.Caller;
import cn.tongyou.task.domain.MilestoneLifecycle;
import cn.tongyou.task.domain.MilestoneTarget;
import cn.tongyou.task.events.EventData;
import cn.tongyou.task.store.MilestoneEntity;
import cn.tongyou.task.store.MilestoneStore;
import cn.tongyou.task.store.TaskEntity;
import cn.tongyou.task.store.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    public static final String IDEMPOTENCY_SCOPE = "task-service.milestone";

    /** A new milestone, or the stored answer to an earlier request with the same Idempotency-Key. */
    public record Outcome(MilestoneView milestone, IdempotencyStore.StoredResponse replay) {
    }

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Json json;

    @Inject
    MilestoneSchedule schedule;

    @Inject
    Views views;

    @Inject
    Caller caller;

    @Inject
    OutboxWriter outbox;

    @Inject
    MilestoneStore store;

    @Inject
    TaskStore taskStore;


    @Inject
    TaskService tasks;

    public MilestoneView get(UUID id) {
        MilestoneEntity m = require(id);
        return views.milestone(m, tasks.require(m.taskId), schedule.today());
    }

    /** Raw list parameters. */
    public record ListParams(String region, String plan, String task, String state, String dueBefore, String facilityType,
                             String unit) {
    }

    public Page<MilestoneView> list(ListParams p, PageParams page) {
        MilestoneStore.Filter filter = filter(p);
        LocalDate today = schedule.today();
        MilestoneStore.AsOf asOf = new MilestoneStore.AsOf(today, schedule.dueSoonUntil(today));
        long total = store.count(filter, asOf);
        List<UUID> ids = store.search(filter, asOf, Math.toIntExact(page.offset()), page.size);
        if (ids.isEmpty()) {
            return Page.of(List.of(), page, total);
        }
        Map<UUID, MilestoneEntity> byId = store.byIds(ids).stream()
                .collect(Collectors.toMap(m -> m.id, Function.identity()));
        Set<UUID> taskIds = byId.values().stream().map(m -> m.taskId).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<UUID, TaskEntity> taskById = taskStore.byIds(taskIds).stream()
                .collect(Collectors.toMap(t -> t.id, Function.identity()));
        List<MilestoneView> items = ids.stream().map(byId::get)
                .map(m -> views.milestone(m, taskById.get(m.taskId), today)).toList();
        return Page.of(items, page, total);
    }

    /** The list's filter from its raw parameters; 400 naming every bad one. */
    private MilestoneStore.Filter filter(ListParams p) {
        List<Issue> violations = new ArrayList<>();
        RegionCode region = notBlank(p.region()) ? RequestParameters.region("region", p.region(), violations) : null;
        UUID planId = notBlank(p.plan()) ? RequestParameters.uuid("plan", p.plan(), "task.noun.a-plan", violations) : null;
        UUID taskId = notBlank(p.task()) ? RequestParameters.uuid("task", p.task(), "task.noun.a-task", violations) : null;
        List<MilestoneState> states = new ArrayList<>();
        if (notBlank(p.state())) {
            for (String s : p.state().split(",")) {
                MilestoneState state = MilestoneState.find(s).orElse(null);
                if (state == null) {
                    violations.add(Issue.of("state", "task.milestone.state-unknown", s.strip(), String.join(", ", MilestoneState.codes())));
                } else {
                    states.add(state);
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
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        String pattern = region == null ? null : region.subtreePattern();
        List<UUID> leadUnits = notBlank(p.unit()) ? tasks.unitIds(p.unit().strip(), pattern) : null;
        return new MilestoneStore.Filter(pattern, planId, taskId, states, dueBefore,
                notBlank(p.facilityType()) ? p.facilityType().strip() : null, leadUnits);
    }

    @Transactional
    public Outcome create(UUID taskId, MilestoneInput in, String idempotencyKey, String requestHash) {
        TaskEntity task = tasks.require(taskId);
        caller.requireWrite(task.regionCode);
        if (idempotencyKey != null) {
            Optional<IdempotencyStore.StoredResponse> stored = idempotency.claim(IDEMPOTENCY_SCOPE, caller.subject(), idempotencyKey, requestHash);
            if (stored.isPresent()) {
                return new Outcome(null, stored.get());
            }
        }
        Definition d = definition(in);
        Instant now = Instant.now();
        MilestoneEntity m = new MilestoneEntity();
        m.id = UUID.randomUUID();
        m.taskId = taskId;
        m.ordinal = store.nextOrdinal(taskId);
        m.status = MilestoneStatus.OPEN.code();
        m.version = 1;
        m.createdAt = now;
        d.applyTo(m);
        touch(m, now);
        store.persist(m);
        store.flush();
        outbox.append(EventData.milestone(m, task));
        MilestoneView view = views.milestone(m, task, schedule.today());
        if (idempotencyKey != null) {
            try {
                idempotency.complete(IDEMPOTENCY_SCOPE, caller.subject(), idempotencyKey, new IdempotencyStore.StoredResponse(201,
                        json.mapper().writeValueAsString(view), "api/v1/milestones/" + view.id(), ETags.of(view.version())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Outcome(view, null);
    }

    /** Replaces the definition; the status is left as it is (it changes only through complete, cancel, reopen). */
    @Transactional
    public MilestoneView update(UUID id, String ifMatch, MilestoneInput in) {
        ETags.versions(ifMatch);
        MilestoneEntity m = lock(id);
        TaskEntity task = tasks.require(m.taskId);
        caller.requireWrite(task.regionCode);
        ETags.requireMatch(ifMatch, m.version, "task.noun.the-milestone");
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
        TaskEntity task = tasks.require(m.taskId);
        caller.requireWrite(task.regionCode);
        ETags.requireMatch(ifMatch, m.version, "task.noun.the-milestone");
        ProblemException.throwIfAny(MilestoneLifecycle.checkCompletion(in == null ? null : in.doneOn(), in == null ? null : in.evidence(),
                schedule.today()));
        RuleConflicts.asConflict(() -> MilestoneLifecycle.requireCompletable(MilestoneStatus.ofCode(m.status)));
        markDone(m, in.doneOn(), in.evidence().strip(), null);
        changed(m, task);
        return views.milestone(m, task, schedule.today());
    }

    @Transactional
    public MilestoneView cancel(UUID id, String ifMatch, MilestoneActions.Reason in) {
        ETags.versions(ifMatch);
        MilestoneEntity m = lock(id);
        TaskEntity task = tasks.require(m.taskId);
        caller.requireWrite(task.regionCode);
        ETags.requireMatch(ifMatch, m.version, "task.noun.the-milestone");
        ProblemException.throwIfAny(MilestoneLifecycle.checkReason("reason", in == null ? null : in.reason()));
        RuleConflicts.asConflict(() -> MilestoneLifecycle.requireCancellable(MilestoneStatus.ofCode(m.status)));
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
        TaskEntity task = tasks.require(m.taskId);
        caller.requireWrite(task.regionCode);
        ETags.requireMatch(ifMatch, m.version, "task.noun.the-milestone");
        ProblemException.throwIfAny(MilestoneLifecycle.checkReason("reason", in == null ? null : in.reason()));
        RuleConflicts.asConflict(() -> MilestoneLifecycle.requireReopenable(MilestoneStatus.ofCode(m.status)));
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
        touch(m, Instant.now());
        store.flush();
        outbox.append(EventData.milestone(m, task));
    }

    private void touch(MilestoneEntity m, Instant now) {
        m.updatedAt = now;
        m.updatedBy = caller.subject();
    }

    MilestoneEntity lock(UUID id) {
        return store.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> notFound(id));
    }

    private MilestoneEntity require(UUID id) {
        return store.findByIdOptional(id).orElseThrow(() -> notFound(id));
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("task.milestone.not-found", id);
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
                    && m.comparator.equals(comparator) && Inputs.sameNumber(m.valueNumber, number)
                    && Objects.equals(m.valueBoolean, bool) && Inputs.sameNumber(m.valueMax, valueMax)
                    && Objects.equals(m.unit, unit) && Objects.equals(m.baselineYear, baselineYear)
                    && Objects.equals(m.facilityType, facilityType) && Objects.equals(m.note, note);
        }
    }

    private static Definition definition(MilestoneInput in) {
        if (in == null) {
            throw ProblemException.badRequest("task.milestone.body-required");
        }
        CatalogCheck.Value value = CatalogCheck.value(in.value());
        if (value == null) {
            throw ProblemException.invalidField("value", "task.milestone.value-type");
        }
        MilestoneTarget target = new MilestoneTarget(in.comparator().strip(), value.number(), value.bool(), in.valueMax(),
                Inputs.blankToNull(in.unit()), in.baselineYear(), Inputs.blankToNull(in.facilityType()));
        List<Issue> issues = target.check();
        ProblemException.throwIfAny(issues);
        return new Definition(in.dueDate(), in.statement().strip(), Inputs.blankToNull(in.metric()),
                target.comparator(), value.number(), value.bool(), in.valueMax(), target.unit(), in.baselineYear(),
                target.facilityType(), Inputs.blankToNull(in.note()));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
