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
import cn.tongyou.task.api.UnitInputs;
import cn.tongyou.task.api.UnitView;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.task.domain.UnitKind;
import cn.tongyou.task.domain.UnitNames;
import cn.tongyou.task.events.EventData;
import cn.tongyou.task.store.ReportEntity;
import cn.tongyou.task.store.TaskEntity;
import cn.tongyou.task.store.TaskQueries;
import cn.tongyou.task.store.UnitAliasEntity;
import cn.tongyou.task.store.UnitEntity;
import cn.tongyou.task.store.UnitQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The units (departments) and what each answers for: the accountability view. Also the unit's spellings: a
 * coordinator who sees that two units are one department adds the one's name as an alias of the other, which
 * merges them (tasks, reports and spellings move; the absorbed unit is deleted).
 */
@ApplicationScoped
public class UnitService {

    @Inject
    UnitQueries queries;

    @Inject
    TaskQueries taskQueries;

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

    @Inject
    EntityManager em;

    @Inject
    Json json;

    @Inject
    Clock clock;

    public Page<UnitView> list(String region, String q, String kind, String period, String sort, PageParams page) {
        List<Problem.Violation> violations = new ArrayList<>();
        String pattern = null;
        if (region != null && !region.isBlank()) {
            RegionCode code = RequestParameters.region("region", region, violations);
            pattern = code == null ? null : code.subtreePattern();
        }
        String kindCode = null;
        if (kind != null && !kind.isBlank()) {
            try {
                kindCode = UnitKind.ofCode(kind.strip()).code();
            } catch (IllegalArgumentException e) {
                violations.add(Problem.Violation.field("kind", e.getMessage()));
            }
        }
        UnitQueries.Sort order = UnitQueries.Sort.BEHIND;
        if (sort != null && !sort.isBlank()) {
            try {
                order = UnitQueries.Sort.valueOf(sort.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(Problem.Violation.field("sort", "one of behind, name, tasks"));
            }
        }
        Period reportPeriod = period(period, violations);
        if (q != null && q.length() > 100) {
            violations.add(Problem.Violation.field("q", "at most 100 characters"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        UnitQueries.Filter filter = new UnitQueries.Filter(pattern, q == null || q.isBlank() ? null : q.strip(), kindCode, null);
        List<UnitQueries.Row> rows = search(filter, reportPeriod, order, page.offset(), page.size);
        long total = rows.isEmpty() && page.page == 1 ? 0 : queries.count(filter);
        return Page.of(views(rows, reportPeriod), page, total);
    }

    public UnitView get(UUID id, String period) {
        List<Problem.Violation> violations = new ArrayList<>();
        Period reportPeriod = period(period, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        List<UnitQueries.Row> rows = search(new UnitQueries.Filter(null, null, null, List.of(id)), reportPeriod,
                UnitQueries.Sort.NAME, 0, 1);
        if (rows.isEmpty()) {
            throw notFound(id);
        }
        return views(rows, reportPeriod).get(0);
    }

    private List<UnitQueries.Row> search(UnitQueries.Filter filter, Period period, UnitQueries.Sort sort, int offset, int limit) {
        LocalDate today = schedule.today();
        return queries.search(filter, today, schedule.dueSoonUntil(today), period.toString(), sort, offset, limit);
    }

    private List<UnitView> views(List<UnitQueries.Row> rows, Period period) {
        Map<UUID, List<String>> aliases = queries.aliases(rows.stream().map(UnitQueries.Row::id).toList());
        LocalDate today = schedule.today();
        return rows.stream().map(r -> new UnitView(r.id(), r.regionCode(), r.name(), r.kind(),
                aliases.getOrDefault(r.id(), List.of()),
                new UnitView.Accountability(r.tasksLed(), r.tasksParticipating(), r.milestonesOverdue(), r.milestonesDueSoon(),
                        period.toString(), calendar.state(period, today).code(), calendar.deadline(period),
                        r.reportsExpected(), r.reportsSubmitted(), r.reportsMissing(), r.reportsLate()),
                r.version())).toList();
    }

    private Period period(String period, List<Problem.Violation> violations) {
        if (period == null || period.isBlank()) {
            return calendar.currentPeriod(schedule.today());
        }
        return RequestParameters.halfYear("period", period, violations);
    }

    /** Renames or reclassifies a unit; its old name stays as an alias. */
    @Transactional
    public UnitView update(UUID id, String ifMatch, UnitInputs.Update in) {
        ETags.versions(ifMatch);
        UnitEntity unit = lock(id);
        caller.requireWrite(unit.regionCode);
        ETags.requireMatch(ifMatch, unit.version, "the unit");
        UnitKind kind;
        try {
            kind = UnitKind.ofCode(in.kind().strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("kind", e.getMessage());
        }
        String name = UnitNames.clean(in.name());
        if (!name.equals(unit.name) || !kind.code().equals(unit.kind)) {
            directory.lockRegion(unit.regionCode);
            Instant now = clock.instant();
            if (!name.equals(unit.name)) {
                UnitDirectory.Resolver resolver = resolver(unit, now);
                resolver.find(name).filter(other -> !other.id.equals(unit.id)).ifPresent(other -> {
                    throw ProblemException.conflict("'" + name + "' names another unit (" + other.name + ", " + other.id
                            + "); add it as an alias to merge the two units instead");
                });
                addSpelling(unit, name, resolver.names().key(name));
            }
            unit.name = name;
            unit.kind = kind.code();
            unit.version++;
            unit.updatedAt = now;
            unit.updatedBy = caller.subject();
            em.flush();
            publish(unit);
            republishTasksOf(unit, now);
        }
        return get(id, null);
    }

    /**
     * Adds a spelling. When the spelling already names another unit of the region, that unit is merged into this one:
     * its task links, reports and spellings move here and it is deleted (cfc.unit.deleted.v1 with mergedInto).
     */
    @Transactional
    public UnitView addAlias(UUID id, String ifMatch, UnitInputs.Alias in) {
        ETags.versions(ifMatch);
        UnitEntity target = UnitEntity.<UnitEntity>findByIdOptional(id).orElseThrow(() -> notFound(id));
        caller.requireWrite(target.regionCode);
        directory.lockRegion(target.regionCode);
        em.refresh(target, LockModeType.PESSIMISTIC_WRITE);
        ETags.requireMatch(ifMatch, target.version, "the unit");
        Instant now = clock.instant();
        String name = UnitNames.clean(in.name());
        UnitDirectory.Resolver resolver = resolver(target, now);
        UnitAliasEntity existing = UnitAliasEntity.find("regionCode = ?1 and writtenName = ?2", target.regionCode, name).firstResult();
        UnitEntity other = resolver.find(name).orElse(null);
        if (existing != null && existing.unitId.equals(target.id)) {
            return get(id, null);
        }
        if (other != null && !other.id.equals(target.id)) {
            merge(other, target, now);
        }
        if (existing == null) {
            addSpelling(target, name, resolver.names().key(name));
        }
        target.version++;
        target.updatedAt = now;
        target.updatedBy = caller.subject();
        em.flush();
        publish(target);
        return get(id, null);
    }

    private void merge(UnitEntity from, UnitEntity into, Instant now) {
        em.refresh(from, LockModeType.PESSIMISTIC_WRITE);
        List<String> clashes = new ArrayList<>();
        List<Object[]> both = em.createNativeQuery("""
                select a.task_id, a.period from progress_report a join progress_report b
                  on b.task_id = a.task_id and b.period = a.period
                where a.unit_id = ?1 and b.unit_id = ?2""").setParameter(1, from.id).setParameter(2, into.id).getResultList();
        for (Object[] row : both) {
            clashes.add("task " + row[0] + " " + row[1]);
        }
        if (!clashes.isEmpty()) {
            throw ProblemException.conflict("both units filed a report for the same task and period (" + String.join("; ", clashes)
                    + "); the reports cannot be merged automatically");
        }
        em.flush();
        List<UUID> tasks = em.createNativeQuery("select distinct task_id from task_unit where unit_id = ?1", UUID.class)
                .setParameter(1, from.id).getResultList();
        // a task naming both units keeps one link per role: the absorbed unit's link goes where the other has one
        em.createNativeQuery("""
                delete from task_unit f using task_unit i
                where f.unit_id = ?1 and i.unit_id = ?2 and i.task_id = f.task_id and i.role = f.role""")
                .setParameter(1, from.id).setParameter(2, into.id).executeUpdate();
        em.createNativeQuery("update task_unit set unit_id = ?2 where unit_id = ?1")
                .setParameter(1, from.id).setParameter(2, into.id).executeUpdate();
        List<UUID> reports = em.createNativeQuery("update progress_report set unit_id = ?2 where unit_id = ?1 returning id", UUID.class)
                .setParameter(1, from.id).setParameter(2, into.id).getResultList();
        em.createNativeQuery("update unit_alias set unit_id = ?2 where unit_id = ?1")
                .setParameter(1, from.id).setParameter(2, into.id).executeUpdate();
        outbox.append(EventData.unitMerged(from, into, now));
        em.remove(from);
        em.flush();
        for (UUID taskId : tasks) {
            TaskEntity task = TaskEntity.<TaskEntity>findByIdOptional(taskId, LockModeType.PESSIMISTIC_WRITE).orElseThrow();
            task.version++;
            task.updatedAt = now;
            task.updatedBy = caller.subject();
            em.flush();
            outbox.append(EventData.task(task, taskQueries.units(List.of(taskId))));
        }
        for (UUID reportId : reports) {
            ReportEntity r = ReportEntity.<ReportEntity>findByIdOptional(reportId, LockModeType.PESSIMISTIC_WRITE).orElseThrow();
            r.version++;
            r.updatedAt = now;
            em.flush();
            outbox.append(EventData.report(r, TaskEntity.findById(r.taskId), into.name, json::tree));
        }
    }

    private void republishTasksOf(UnitEntity unit, Instant now) {
        List<UUID> tasks = em.createNativeQuery("select distinct task_id from task_unit where unit_id = ?1", UUID.class)
                .setParameter(1, unit.id).getResultList();
        for (UUID taskId : tasks) {
            TaskEntity task = TaskEntity.<TaskEntity>findByIdOptional(taskId, LockModeType.PESSIMISTIC_WRITE).orElseThrow();
            task.version++;
            task.updatedAt = now;
            task.updatedBy = caller.subject();
            em.flush();
            outbox.append(EventData.task(task, taskQueries.units(List.of(taskId))));
        }
    }

    private void addSpelling(UnitEntity unit, String written, String key) {
        if (UnitAliasEntity.count("regionCode = ?1 and writtenName = ?2", unit.regionCode, written) > 0) {
            return;
        }
        UnitAliasEntity alias = new UnitAliasEntity();
        alias.regionCode = unit.regionCode;
        alias.writtenName = written;
        alias.nameKey = key;
        alias.unitId = unit.id;
        em.persist(alias);
    }

    private UnitDirectory.Resolver resolver(UnitEntity unit, Instant now) {
        return directory.resolver(unit.regionCode, taskQueries.regionName(unit.regionCode), caller.subject(), now);
    }

    private void publish(UnitEntity unit) {
        UnitEntity fresh = em.contains(unit) ? unit : UnitEntity.findById(unit.id);
        outbox.append(EventData.unit(fresh, queries.aliases(List.of(fresh.id)).getOrDefault(fresh.id, List.of())));
    }

    static UnitEntity lock(UUID id) {
        return UnitEntity.<UnitEntity>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> notFound(id));
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("no unit " + id);
    }
}
