package cn.tongyou.task.store;

import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.ResultRow;
import cn.tongyou.common.store.SqlArray;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Tasks and their units. A task is read and written as an entity; task lists carry their milestone counts and
 * reporting state computed in the query: overdue and due-soon from today's date passed in, reports for the period
 * asked about. One statement per page, one for the page's units.
 */
@ApplicationScoped
public class TaskStore implements PanacheRepositoryBase<TaskEntity, UUID> {

    @Inject
    Jdbc jdbc;

    /**
     * Filters of the task list; null or empty means no filter. {@code statuses} are alternatives (any may hold):
     * overdue, due-soon, no-report-this-period, completed, open.
     */
    public record Filter(String regionPattern, UUID planId, String domain, Collection<UUID> unitIds, String unitRole,
                         Set<String> statuses, LocalDate dueBefore, String text) {
    }

    /** The dates and period the computed columns are relative to. */
    public record AsOf(LocalDate today, LocalDate dueSoonUntil, String period) {
    }

    /** One task of a list, with its computed counts. */
    public record Row(UUID id, UUID planId, String planTitle, String planStatus, String regionCode, int ordinal,
                      String number, String domain, String section, String title, long version, int total, int open,
                      int done, int cancelled, int overdue, int dueSoon, LocalDate nextDue, int reports) {
    }

    private static final String SELECT = """
            select t.id, t.plan_id, p.title as plan_title, p.status as plan_status, t.region_code, t.ordinal, t.number,
                   t.domain, t.section, t.title, t.version, coalesce(ms.total, 0) as total, coalesce(ms.open, 0) as open,
                   coalesce(ms.done, 0) as done, coalesce(ms.cancelled, 0) as cancelled, coalesce(ms.overdue, 0) as overdue,
                   coalesce(ms.due_soon, 0) as due_soon, ms.next_due, coalesce(rep.reports, 0) as reports
            """;

    public List<Row> search(Filter filter, AsOf asOf, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder q = new StringBuilder(SELECT);
        from(filter, asOf, q, params);
        q.append(" order by t.region_code, p.title, p.id, t.ordinal limit ? offset ?");
        params.add(limit);
        params.add(offset);
        return jdbc.list(q.toString(), params, TaskStore::row);
    }

    public long count(Filter filter, AsOf asOf) {
        List<Object> params = new ArrayList<>();
        StringBuilder q = new StringBuilder("select count(*)");
        from(filter, asOf, q, params);
        return jdbc.count(q.toString(), params);
    }

    /** One task with its computed counts (the detail view); the region keeps the aggregates to the task's region. */
    public Row one(UUID taskId, String regionCode, AsOf asOf) {
        List<Object> params = new ArrayList<>();
        StringBuilder q = new StringBuilder(SELECT);
        joins(asOf, q, params, regionCode);
        q.append(" where t.id = ?");
        params.add(taskId);
        return jdbc.first(q.toString(), params, TaskStore::row).orElse(null);
    }

    private static Row row(ResultRow row) throws SQLException {
        return new Row(row.uuid("id"), row.uuid("plan_id"), row.string("plan_title"), row.string("plan_status"),
                row.string("region_code"), row.intValue("ordinal"), row.string("number"), row.string("domain"),
                row.string("section"), row.string("title"), row.longValue("version"), row.intValue("total"),
                row.intValue("open"), row.intValue("done"), row.intValue("cancelled"), row.intValue("overdue"),
                row.intValue("due_soon"), row.date("next_due"), row.intValue("reports"));
    }

    private static void joins(AsOf asOf, StringBuilder q, List<Object> params, String regionPattern) {
        q.append("""
                 from task t join plan p on p.id = t.plan_id
                 left join (
                     select m.task_id, count(*) as total,
                            count(*) filter (where m.status = 'open') as open,
                            count(*) filter (where m.status = 'done') as done,
                            count(*) filter (where m.status = 'cancelled') as cancelled,
                            count(*) filter (where m.status = 'open' and m.due_date < ?) as overdue,
                            count(*) filter (where m.status = 'open' and m.due_date >= ? and m.due_date <= ?) as due_soon,
                            min(m.due_date) filter (where m.status = 'open' and m.due_date >= ?) as next_due
                     from milestone m join task mt on mt.id = m.task_id
                """);
        params.add(asOf.today());
        params.add(asOf.today());
        params.add(asOf.dueSoonUntil());
        params.add(asOf.today());
        if (regionPattern != null) {
            q.append(" where mt.region_code like ?");
            params.add(regionPattern);
        }
        q.append("""
                     group by m.task_id) ms on ms.task_id = t.id
                 left join (
                     select r.task_id, count(*) filter (where %s) as reports
                     from progress_report r join task rt on rt.id = r.task_id where r.period = ?
                """.formatted(ReportStore.RECEIVED));
        params.add(asOf.period());
        if (regionPattern != null) {
            q.append(" and rt.region_code like ?");
            params.add(regionPattern);
        }
        q.append(" group by r.task_id) rep on rep.task_id = t.id");
    }

    private static void from(Filter f, AsOf asOf, StringBuilder q, List<Object> params) {
        joins(asOf, q, params, f.regionPattern());
        q.append(" where true");
        if (f.regionPattern() != null) {
            q.append(" and t.region_code like ?");
            params.add(f.regionPattern());
        }
        if (f.planId() != null) {
            q.append(" and t.plan_id = ?");
            params.add(f.planId());
        }
        if (f.domain() != null) {
            q.append(" and t.domain = ?");
            params.add(f.domain());
        }
        if (f.unitIds() != null) {
            q.append(" and exists (select 1 from task_unit tu where tu.task_id = t.id and tu.unit_id = any(?)");
            params.add(SqlArray.uuid(f.unitIds()));
            if (f.unitRole() != null) {
                q.append(" and tu.role = ?");
                params.add(f.unitRole());
            }
            q.append(")");
        }
        if (f.dueBefore() != null) {
            q.append(" and exists (select 1 from milestone dm where dm.task_id = t.id and dm.status = 'open' and dm.due_date <= ?)");
            params.add(f.dueBefore());
        }
        if (f.text() != null) {
            q.append(" and (t.title like ? or t.summary like ? or t.section like ?)");
            String like = "%" + f.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
            params.add(like);
        }
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            List<String> any = new ArrayList<>();
            for (String status : f.statuses()) {
                any.add(switch (status) {
                    case "overdue" -> "coalesce(ms.overdue, 0) > 0";
                    case "due-soon" -> "coalesce(ms.due_soon, 0) > 0";
                    // expected (plan in force) and nothing filed that was not returned
                    case "no-report-this-period" -> "(" + ReportStore.PLAN_EXPECTS + " and coalesce(rep.reports, 0) = 0)";
                    case "completed" -> "(coalesce(ms.total, 0) > coalesce(ms.cancelled, 0) and coalesce(ms.open, 0) = 0)";
                    case "open" -> "not (coalesce(ms.total, 0) > coalesce(ms.cancelled, 0) and coalesce(ms.open, 0) = 0)";
                    default -> throw new IllegalArgumentException("unknown task status " + status);
                });
            }
            q.append(" and (").append(String.join(" or ", any)).append(")");
        }
    }

    /** The units of the given tasks, lead units first, in the plan's order. */
    public List<TaskUnitRow> units(Collection<UUID> taskIds) {
        if (taskIds.isEmpty()) {
            return new ArrayList<>();
        }
        return jdbc.list("""
                select tu.task_id, tu.role, tu.unit_id, tu.position, tu.written_name, u.name
                from task_unit tu join unit u on u.id = tu.unit_id
                where tu.task_id = any(?) order by tu.task_id, tu.role, tu.position
                """, List.of(SqlArray.uuid(taskIds)), row -> new TaskUnitRow(row.uuid("task_id"), row.string("role"),
                row.uuid("unit_id"), row.intValue("position"), row.string("written_name"), row.string("name")));
    }

    /** Percent complete of each task's latest accepted report (latest period, then latest review). */
    public Map<UUID, Integer> latestAcceptedPercent(Collection<UUID> taskIds) {
        Map<UUID, Integer> result = new HashMap<>();
        if (taskIds.isEmpty()) {
            return result;
        }
        jdbc.forEach("""
                select distinct on (task_id) task_id, percent_complete from progress_report
                where task_id = any(?) and status = 'accepted' order by task_id, period desc, reviewed_at desc
                """, List.of(SqlArray.uuid(taskIds)), row -> result.put(row.uuid("task_id"), row.intValue("percent_complete")));
        return result;
    }

    /** Tasks and milestones per plan. */
    public Map<UUID, long[]> planSizes(Collection<UUID> planIds) {
        Map<UUID, long[]> result = new HashMap<>();
        if (planIds.isEmpty()) {
            return result;
        }
        jdbc.forEach("""
                select t.plan_id, count(distinct t.id) as tasks, count(m.id) as milestones
                from task t left join milestone m on m.task_id = t.id
                where t.plan_id = any(?) group by t.plan_id
                """, List.of(SqlArray.uuid(planIds)), row -> result.put(row.uuid("plan_id"),
                new long[]{row.longValue("tasks"), row.longValue("milestones")}));
        return result;
    }

    public boolean hasNumber(UUID planId, String domain, String number) {
        return count("planId = ?1 and domain = ?2 and number = ?3", planId, domain, number) > 0;
    }

    /** The position after the plan's last task. */
    public int nextOrdinal(UUID planId) {
        Integer last = getEntityManager().createQuery("select max(t.ordinal) from TaskEntity t where t.planId = ?1", Integer.class)
                .setParameter(1, planId).getSingleResult();
        return last == null ? 0 : last + 1;
    }

    /** The plan's tasks, locked as they are read. */
    public List<TaskEntity> lockedOfPlan(UUID planId) {
        return find("planId", planId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public List<TaskEntity> byIds(Collection<UUID> ids) {
        return list("id in ?1", ids);
    }

    /** The tasks a unit leads or joins. */
    @SuppressWarnings("unchecked")
    public List<UUID> idsOfUnit(UUID unitId) {
        return getEntityManager().createNativeQuery("select distinct task_id from task_unit where unit_id = ?1", UUID.class)
                .setParameter(1, unitId).getResultList();
    }

    /** Writes a task's units; with replace, the stored ones are deleted first. */
    public void writeUnits(UUID taskId, List<TaskUnitRow> rows, boolean replace) {
        if (replace) {
            flush();
            getEntityManager().createQuery("delete from TaskUnitEntity u where u.taskId = ?1").setParameter(1, taskId)
                    .executeUpdate();
        }
        for (TaskUnitRow r : rows) {
            TaskUnitEntity e = new TaskUnitEntity();
            e.taskId = taskId;
            e.role = r.role();
            e.unitId = r.unitId();
            e.position = r.position();
            e.writtenName = r.writtenName();
            getEntityManager().persist(e);
        }
    }
}
