package cn.tongyou.task.store;

import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.SqlArray;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Units and their spellings (aliases). Also the accountability view: per unit, the tasks it leads and joins, the overdue and due-soon milestones of the
 * tasks it leads, and its reports for one period. Tasks of superseded plans do not count; reports are expected only
 * for tasks of plans in force, from their lead units.
 */
@ApplicationScoped
public class UnitStore implements PanacheRepositoryBase<UnitEntity, UUID> {

    @Inject
    Jdbc jdbc;

    /**
     * Filters; null means none. {@code ids}: only these units. {@code includeMerged}: also the units merged into
     * another (kept for history, hidden by default).
     */
    public record Filter(String regionPattern, String text, String kind, Collection<UUID> ids, boolean includeMerged) {
    }

    /** How the list is ordered. */
    public enum Sort {
        /** Who is behind first: overdue milestones, then missing reports, then tasks led. */
        BEHIND("milestones_overdue desc, reports_missing desc, tasks_led desc, region_code, name, id"),
        NAME("region_code, name, id"),
        TASKS("tasks_led desc, tasks_participating desc, region_code, name, id");

        final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    /** One unit with its counts. */
    public record Row(UUID id, String regionCode, String name, String kind, UUID mergedInto, long version, int tasksLed,
                      int tasksParticipating, int milestonesOverdue, int milestonesDueSoon, int reportsExpected,
                      int reportsSubmitted, int reportsMissing, int reportsLate) {
    }

    public List<Row> search(Filter filter, LocalDate today, LocalDate dueSoonUntil, String period, Sort sort, int offset,
                            int limit) {
        List<Object> params = new ArrayList<>();
        String q = """
                select * from (
                  select u.id, u.region_code, u.name, u.kind, u.merged_into, u.version,
                         coalesce(l.tasks_led, 0) as tasks_led, coalesce(pa.tasks_participating, 0) as tasks_participating,
                         coalesce(l.overdue, 0) as milestones_overdue, coalesce(l.due_soon, 0) as milestones_due_soon,
                         coalesce(l.expected, 0) as reports_expected, coalesce(rs.submitted, 0) as reports_submitted,
                         coalesce(l.missing, 0) as reports_missing, coalesce(rs.late, 0) as reports_late
                  from unit u
                  left join lateral (
                      select count(*) as tasks_led, sum(ms.overdue) as overdue, sum(ms.due_soon) as due_soon,
                             count(*) filter (where %1$s) as expected,
                             count(*) filter (where %1$s and %2$s) as missing
                      from task_unit tu join task t on t.id = tu.task_id join plan p on p.id = t.plan_id
                      left join lateral (
                          select count(*) filter (where m.due_date < ?) as overdue,
                                 count(*) filter (where m.due_date >= ? and m.due_date <= ?) as due_soon
                          from milestone m where m.task_id = t.id and m.status = 'open') ms on true
                      where tu.unit_id = u.id and %3$s and p.status <> 'superseded') l on true
                  left join lateral (
                      select count(*) as tasks_participating
                      from task_unit tu join task t on t.id = tu.task_id join plan p on p.id = t.plan_id
                      where tu.unit_id = u.id and tu.role = 'participating' and p.status <> 'superseded') pa on true
                  left join lateral (
                      select count(*) filter (where %4$s) as submitted,
                             count(*) filter (where %4$s and r.late) as late
                      from progress_report r where r.unit_id = u.id and r.period = ?) rs on true
                """.formatted(ReportStore.PLAN_EXPECTS, ReportStore.MISSING, ReportStore.LEAD_LINK,
                ReportStore.RECEIVED);
        params.add(period);
        params.add(today);
        params.add(today);
        params.add(dueSoonUntil);
        params.add(period);
        StringBuilder b = new StringBuilder(q);
        where(filter, b, params);
        b.append(") x order by ").append(sort.orderBy).append(" limit ? offset ?");
        params.add(limit);
        params.add(offset);
        return jdbc.list(b.toString(), params, row -> new Row(row.uuid("id"), row.string("region_code"), row.string("name"),
                row.string("kind"), row.uuid("merged_into"), row.longValue("version"), row.intValue("tasks_led"), row.intValue("tasks_participating"),
                row.intValue("milestones_overdue"), row.intValue("milestones_due_soon"), row.intValue("reports_expected"),
                row.intValue("reports_submitted"), row.intValue("reports_missing"), row.intValue("reports_late")));
    }

    public long count(Filter filter) {
        List<Object> params = new ArrayList<>();
        StringBuilder b = new StringBuilder("select count(*) from unit u");
        where(filter, b, params);
        return jdbc.count(b.toString(), params);
    }

    private static void where(Filter f, StringBuilder b, List<Object> params) {
        b.append(" where true");
        if (!f.includeMerged()) {
            b.append(" and u.merged_into is null");
        }
        if (f.regionPattern() != null) {
            b.append(" and u.region_code like ?");
            params.add(f.regionPattern());
        }
        if (f.kind() != null) {
            b.append(" and u.kind = ?");
            params.add(f.kind());
        }
        if (f.ids() != null) {
            b.append(" and u.id = any(?)");
            params.add(SqlArray.uuid(f.ids()));
        }
        if (f.text() != null) {
            String like = "%" + f.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            b.append(" and (u.name like ? or exists (select 1 from unit_alias a where a.unit_id = u.id and a.written_name like ?))");
            params.add(like);
            params.add(like);
        }
    }

    /** Every spelling of each unit other than its name, sorted. */
    public Map<UUID, List<String>> aliases(Collection<UUID> unitIds) {
        Map<UUID, List<String>> result = new HashMap<>();
        if (unitIds.isEmpty()) {
            return result;
        }
        jdbc.forEach("""
                select a.unit_id, a.written_name from unit_alias a join unit u on u.id = a.unit_id
                where a.unit_id = any(?) and a.written_name <> u.name order by a.unit_id, a.written_name
                """, List.of(SqlArray.uuid(unitIds)),
                row -> result.computeIfAbsent(row.uuid("unit_id"), k -> new ArrayList<>()).add(row.string("written_name")));
        return result;
    }

    /** Units whose spelling in a region (any region when regionPattern is null) has one of the keys. */
    public List<UUID> byKeys(String regionPattern, Collection<String> keys) {
        List<Object> params = new ArrayList<>();
        StringBuilder q = new StringBuilder("select distinct unit_id from unit_alias where name_key = any(?)");
        params.add(SqlArray.text(keys));
        if (regionPattern != null) {
            q.append(" and region_code like ?");
            params.add(regionPattern);
        }
        return jdbc.list(q.toString(), params, row -> row.uuid("unit_id"));
    }

    /** Regions that have units, with the name a plan gives them, for normalising names across regions. */
    public Map<String, String> regionNames(String regionPattern) {
        Map<String, String> result = new HashMap<>();
        List<Object> params = new ArrayList<>();
        StringBuilder q = new StringBuilder("select distinct on (u.region_code) u.region_code, p.region_name from unit u "
                + "left join plan p on p.region_code = u.region_code");
        if (regionPattern != null) {
            q.append(" where u.region_code like ?");
            params.add(regionPattern);
        }
        q.append(" order by u.region_code, p.created_at");
        jdbc.forEach(q.toString(), params, row -> result.put(row.string("region_code"), row.string("region_name")));
        return result;
    }

    /** Serialises unit changes of one region until the transaction ends. */
    public void lockRegion(String regionCode) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "task-service.units:" + regionCode).getSingleResult();
    }

    /** Reads the unit again, locked. */
    public void refreshLocked(UnitEntity unit) {
        getEntityManager().refresh(unit, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The region's units, without those merged into another. */
    public List<UnitEntity> ofRegion(String regionCode) {
        return list("regionCode = ?1 and mergedInto is null", regionCode);
    }

    public List<UnitAliasEntity> aliasesOfRegion(String regionCode) {
        return getEntityManager().createQuery("from UnitAliasEntity where regionCode = ?1", UnitAliasEntity.class)
                .setParameter(1, regionCode).getResultList();
    }

    /** The spelling's alias row in the region; null when the spelling is new. */
    public UnitAliasEntity alias(String regionCode, String writtenName) {
        return getEntityManager().createQuery("from UnitAliasEntity where regionCode = ?1 and writtenName = ?2", UnitAliasEntity.class)
                .setParameter(1, regionCode).setParameter(2, writtenName).getResultStream().findFirst().orElse(null);
    }

    public void persistAlias(UnitAliasEntity alias) {
        getEntityManager().persist(alias);
    }

    /** The names of the units. */
    public Map<UUID, String> names(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, String> result = new HashMap<>();
        list("id in ?1", ids).forEach(u -> result.put(u.id, u.name));
        return result;
    }

    /** Tasks and periods on which both units filed a report, as "task … period" texts. */
    @SuppressWarnings("unchecked")
    public List<String> sharedReports(UUID one, UUID other) {
        List<Object[]> both = getEntityManager().createNativeQuery("""
                select a.task_id, a.period from progress_report a join progress_report b
                  on b.task_id = a.task_id and b.period = a.period
                where a.unit_id = ?1 and b.unit_id = ?2""").setParameter(1, one).setParameter(2, other).getResultList();
        return both.stream().map(row -> "task " + row[0] + " " + row[1]).toList();
    }

    /**
     * Moves the task links, reports and spellings of one unit to another. A task naming both units keeps one link per
     * role: the absorbed unit's link goes where the other has one.
     *
     * @return the reports that moved
     */
    @SuppressWarnings("unchecked")
    public List<UUID> moveAll(UUID from, UUID into) {
        getEntityManager().createNativeQuery("""
                delete from task_unit f using task_unit i
                where f.unit_id = ?1 and i.unit_id = ?2 and i.task_id = f.task_id and i.role = f.role""")
                .setParameter(1, from).setParameter(2, into).executeUpdate();
        getEntityManager().createNativeQuery("update task_unit set unit_id = ?2 where unit_id = ?1")
                .setParameter(1, from).setParameter(2, into).executeUpdate();
        List<UUID> reports = getEntityManager().createNativeQuery("update progress_report set unit_id = ?2 where unit_id = ?1 returning id", UUID.class)
                .setParameter(1, from).setParameter(2, into).getResultList();
        getEntityManager().createNativeQuery("update unit_alias set unit_id = ?2 where unit_id = ?1")
                .setParameter(1, from).setParameter(2, into).executeUpdate();
        return reports;
    }
}
