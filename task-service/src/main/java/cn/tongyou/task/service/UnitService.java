package cn.tongyou.task.service;

import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.i18n.Message;
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
import cn.tongyou.task.domain.UnitKind;
import cn.tongyou.task.domain.UnitNames;
import cn.tongyou.task.events.EventData;
import cn.tongyou.task.store.PlanStore;
import cn.tongyou.task.store.ReportEntity;
import cn.tongyou.task.store.ReportStore;
import cn.tongyou.task.store.TaskEntity;
import cn.tongyou.task.store.TaskStore;
import cn.tongyou.task.store.UnitAliasEntity;
import cn.tongyou.task.store.UnitEntity;
import cn.tongyou.task.store.UnitStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

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
    UnitStore store;

    @Inject
    TaskStore taskStore;

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
    PlanStore plans;

    @Inject
    ReportStore reports;

    @Inject
    Json json;


    /**
     * The accountability view ("who is behind"): scoped to the caller's subtree (the region defaults to it; a region
     * outside it is 403), merged units left out unless asked for.
     */
    public Page<UnitView> list(String region, String q, String kind, String period, String sort, boolean includeMerged,
                               PageParams page) {
        List<Issue> violations = new ArrayList<>();
        RegionCode code = null;
        if (region != null && !region.isBlank()) {
            code = RequestParameters.region("region", region, violations);
        }
        String kindCode = null;
        if (kind != null && !kind.isBlank()) {
            try {
                kindCode = UnitKind.ofCode(kind.strip()).code();
            } catch (IllegalArgumentException e) {
                violations.add(new Issue("kind", Message.of(e)));
            }
        }
        UnitStore.Sort order = UnitStore.Sort.BEHIND;
        if (sort != null && !sort.isBlank()) {
            try {
                order = UnitStore.Sort.valueOf(sort.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(Issue.of("sort", "task.unit.sort"));
            }
        }
        Period reportPeriod = period(period, violations);
        if (q != null && q.length() > 100) {
            violations.add(Issue.of("q", "task.parameter.q-length"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        String pattern = caller.scope().listRegion(code).map(RegionCode::subtreePattern).orElse(null);
        UnitStore.Filter filter = new UnitStore.Filter(pattern, q == null || q.isBlank() ? null : q.strip(), kindCode, null,
                includeMerged);
        List<UnitStore.Row> rows = search(filter, reportPeriod, order, Math.toIntExact(page.offset()), page.size);
        long total = rows.isEmpty() && page.page == 1 ? 0 : store.count(filter);
        return Page.of(views(rows, reportPeriod), page, total);
    }

    public UnitView get(UUID id, String period) {
        List<Issue> violations = new ArrayList<>();
        Period reportPeriod = period(period, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        List<UnitStore.Row> rows = search(new UnitStore.Filter(null, null, null, List.of(id), true), reportPeriod,
                UnitStore.Sort.NAME, 0, 1);
        // a unit's counts are its ranking: outside the caller's subtree the unit does not exist (404)
        if (rows.isEmpty() || !caller.scope().visible(rows.get(0).regionCode())) {
            throw notFound(id);
        }
        return views(rows, reportPeriod).get(0);
    }

    private List<UnitStore.Row> search(UnitStore.Filter filter, Period period, UnitStore.Sort sort, int offset, int limit) {
        LocalDate today = schedule.today();
        return store.search(filter, today, schedule.dueSoonUntil(today), period.toString(), sort, offset, limit);
    }

    private List<UnitView> views(List<UnitStore.Row> rows, Period period) {
        Map<UUID, List<String>> aliases = store.aliases(rows.stream().map(UnitStore.Row::id).toList());
        LocalDate today = schedule.today();
        return rows.stream().map(r -> new UnitView(r.id(), r.regionCode(), r.name(), r.kind(),
                aliases.getOrDefault(r.id(), List.of()),
                new UnitView.Accountability(r.tasksLed(), r.tasksParticipating(), r.milestonesOverdue(), r.milestonesDueSoon(),
                        period.toString(), calendar.state(period, today).code(), calendar.deadline(period),
                        r.reportsExpected(), r.reportsSubmitted(), r.reportsMissing(), r.reportsLate()),
                r.mergedInto(), r.version())).toList();
    }

    private Period period(String period, List<Issue> violations) {
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
        requireStanding(unit);
        ETags.requireMatch(ifMatch, unit.version, "task.noun.the-unit");
        UnitKind kind;
        try {
            kind = UnitKind.ofCode(in.kind().strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("kind", Message.of(e));
        }
        String name = UnitNames.clean(in.name());
        if (!name.equals(unit.name) || !kind.code().equals(unit.kind)) {
            directory.lockRegion(unit.regionCode);
            Instant now = Instant.now();
            if (!name.equals(unit.name)) {
                UnitDirectory.Resolver resolver = resolver(unit, now);
                resolver.find(name).filter(other -> !other.id.equals(unit.id)).ifPresent(other -> {
                    throw ProblemException.conflict("task.unit.name-taken", name, other.name, other.id);
                });
                addSpelling(unit, name, resolver.names().key(name));
            }
            unit.name = name;
            unit.kind = kind.code();
            unit.version++;
            unit.updatedAt = now;
            unit.updatedBy = caller.subject();
            store.flush();
            publish(unit);
            republishTasks(taskStore.idsOfUnit(unit.id), now);
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
        UnitEntity target = store.findByIdOptional(id).orElseThrow(() -> notFound(id));
        caller.requireWrite(target.regionCode);
        directory.lockRegion(target.regionCode);
        store.refreshLocked(target);
        requireStanding(target);
        ETags.requireMatch(ifMatch, target.version, "task.noun.the-unit");
        Instant now = Instant.now();
        String name = UnitNames.clean(in.name());
        UnitDirectory.Resolver resolver = resolver(target, now);
        UnitAliasEntity existing = store.alias(target.regionCode, name);
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
        store.flush();
        publish(target);
        return get(id, null);
    }

    private void merge(UnitEntity from, UnitEntity into, Instant now) {
        store.refreshLocked(from);
        List<String> clashes = store.sharedReports(from.id, into.id);
        if (!clashes.isEmpty()) {
            String listed = String.join("; ", clashes);
            throw ProblemException.conflict("task.unit.merge-clash", listed);
        }
        store.flush();
        List<UUID> tasks = taskStore.idsOfUnit(from.id);
        List<UUID> movedReports = store.moveAll(from.id, into.id);
        outbox.append(EventData.unitMerged(from, into, now));
        // kept, not deleted (no lost history): marked merged into the survivor, hidden from lists and name lookups
        from.mergedInto = into.id;
        from.mergedAt = now;
        from.mergedBy = caller.subject();
        from.version++;
        from.updatedAt = now;
        from.updatedBy = caller.subject();
        store.flush();
        republishTasks(tasks, now);
        for (UUID reportId : movedReports) {
            ReportEntity r = reports.findByIdOptional(reportId, LockModeType.PESSIMISTIC_WRITE).orElseThrow();
            r.version++;
            r.updatedAt = now;
            reports.flush();
            reports.recordRevision(r.id, "moved", now, caller.subject(), null);
            outbox.append(EventData.report(r, taskStore.findById(r.taskId), into.name, json::tree));
        }
    }

    /** The tasks name the unit by its new name (or name the unit it was merged into): a new version of each. */
    private void republishTasks(List<UUID> taskIds, Instant now) {
        for (UUID taskId : taskIds) {
            TaskEntity task = taskStore.findByIdOptional(taskId, LockModeType.PESSIMISTIC_WRITE).orElseThrow();
            task.version++;
            task.updatedAt = now;
            task.updatedBy = caller.subject();
            taskStore.flush();
            outbox.append(EventData.task(task, taskStore.units(List.of(taskId))));
        }
    }

    private void addSpelling(UnitEntity unit, String written, String key) {
        if (store.alias(unit.regionCode, written) != null) {
            return;
        }
        UnitAliasEntity alias = new UnitAliasEntity();
        alias.regionCode = unit.regionCode;
        alias.writtenName = written;
        alias.nameKey = key;
        alias.unitId = unit.id;
        store.persistAlias(alias);
    }

    private UnitDirectory.Resolver resolver(UnitEntity unit, Instant now) {
        return directory.resolver(unit.regionCode, plans.regionName(unit.regionCode), caller.subject(), now);
    }

    private void publish(UnitEntity unit) {
        UnitEntity fresh = store.isPersistent(unit) ? unit : store.findById(unit.id);
        outbox.append(EventData.unit(fresh, store.aliases(List.of(fresh.id)).getOrDefault(fresh.id, List.of())));
    }

    /** A unit merged into another is kept for history only: changes go to the unit it was merged into (409). */
    private static void requireStanding(UnitEntity unit) {
        if (unit.mergedInto != null) {
            throw ProblemException.conflict("task.unit.merged", unit.name, unit.mergedInto);
        }
    }

    private UnitEntity lock(UUID id) {
        return store.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> notFound(id));
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("task.unit.not-found", id);
    }
}
