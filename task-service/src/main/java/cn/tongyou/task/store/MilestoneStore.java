package cn.tongyou.task.store;

import cn.tongyou.common.schedule.MilestoneState;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.SqlArray;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Milestones, and the milestone list filtered by their state as of a day. */
@ApplicationScoped
public class MilestoneStore implements PanacheRepositoryBase<MilestoneEntity, UUID> {

    @Inject
    Jdbc jdbc;

    /**
     * Filters of the milestone list; null or empty means no filter. {@code states} are alternatives (any may hold);
     * {@code leadUnitIds}: milestones of tasks one of these units leads.
     */
    public record Filter(String regionPattern, UUID planId, UUID taskId, List<MilestoneState> states, LocalDate dueBefore,
                         String facilityType, Collection<UUID> leadUnitIds) {
    }

    /** The day the states are computed for, and the last day that is still "due soon". */
    public record AsOf(LocalDate today, LocalDate dueSoonUntil) {
    }

    public long count(Filter filter, AsOf asOf) {
        List<Object> params = new ArrayList<>();
        return jdbc.count("select count(*)" + where(filter, asOf, params), params);
    }

    /** The ids of one page, in plan and task order. */
    public List<UUID> search(Filter filter, AsOf asOf, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, asOf, params);
        params.add(limit);
        params.add(offset);
        return jdbc.list("select m.id" + where + " order by t.region_code, t.plan_id, t.ordinal, m.ordinal, m.id limit ? offset ?",
                params, row -> row.uuid("id"));
    }

    private static String where(Filter f, AsOf asOf, List<Object> params) {
        StringBuilder where = new StringBuilder(" from milestone m join task t on t.id = m.task_id where true");
        if (f.regionPattern() != null) {
            where.append(" and t.region_code like ?");
            params.add(f.regionPattern());
        }
        if (f.planId() != null) {
            where.append(" and t.plan_id = ?");
            params.add(f.planId());
        }
        if (f.taskId() != null) {
            where.append(" and m.task_id = ?");
            params.add(f.taskId());
        }
        if (!f.states().isEmpty()) {
            List<String> any = new ArrayList<>();
            for (MilestoneState state : f.states()) {
                switch (state) {
                    case OVERDUE -> {
                        any.add("(m.status = 'open' and m.due_date < ?)");
                        params.add(asOf.today());
                    }
                    case DUE_SOON -> {
                        any.add("(m.status = 'open' and m.due_date >= ? and m.due_date <= ?)");
                        params.add(asOf.today());
                        params.add(asOf.dueSoonUntil());
                    }
                    case OPEN -> {
                        any.add("(m.status = 'open' and (m.due_date is null or m.due_date > ?))");
                        params.add(asOf.dueSoonUntil());
                    }
                    case DONE -> any.add("m.status = 'done'");
                    case CANCELLED -> any.add("m.status = 'cancelled'");
                }
            }
            where.append(" and (").append(String.join(" or ", any)).append(")");
        }
        if (f.dueBefore() != null) {
            where.append(" and m.due_date <= ?");
            params.add(f.dueBefore());
        }
        if (f.facilityType() != null) {
            where.append(" and m.facility_type = ?");
            params.add(f.facilityType());
        }
        if (f.leadUnitIds() != null) {
            where.append(" and exists (select 1 from task_unit tu where tu.task_id = t.id and tu.role = 'lead' and tu.unit_id = any(?))");
            params.add(SqlArray.uuid(f.leadUnitIds()));
        }
        return where.toString();
    }

    /** A task's milestones in their order. */
    public List<MilestoneEntity> ofTask(UUID taskId) {
        return list("taskId = ?1 order by ordinal, createdAt, id", taskId);
    }

    /** The milestones of the tasks, locked as they are read. */
    public List<MilestoneEntity> lockedOfTasks(Collection<UUID> taskIds) {
        return find("taskId in ?1", taskIds).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public List<MilestoneEntity> byIds(Collection<UUID> ids) {
        return list("id in ?1", ids);
    }

    /** The position after the task's last milestone. */
    public int nextOrdinal(UUID taskId) {
        Integer last = getEntityManager().createQuery("select max(m.ordinal) from MilestoneEntity m where m.taskId = ?1", Integer.class)
                .setParameter(1, taskId).getSingleResult();
        return last == null ? 0 : last + 1;
    }
}
