package cn.tongyou.task.store;

import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.SqlArray;
import cn.tongyou.task.domain.ReviewCounts;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Progress reports, and the report list. */
@ApplicationScoped
public class ReportStore implements PanacheRepositoryBase<ReportEntity, UUID> {

    /*
     * The one expected-report rule, as SQL fragments the lists and counts share (README, "Whose reports are expected"):
     * one report per task and period from each lead unit, for tasks of plans in force; an expected report is missing
     * while nothing was filed for the period that was not returned (a returned report counts as missing until filed
     * again). The accountability view (UnitStore, per unit), the task list's no-report-this-period (TaskStore) and the
     * review summary (per region and level) all count with these, so they cannot drift apart.
     */

    /** The plan (alias {@code p}) expects reports. */
    static final String PLAN_EXPECTS = "p.status = 'in-force'";

    /** The task link (alias {@code tu}) is one whose unit owes the report. */
    static final String LEAD_LINK = "tu.role = 'lead'";

    /** A filed report (alias {@code r}) that counts as received: every status but returned. */
    static final String RECEIVED = "r.status <> 'returned'";

    /** The lead link {@code tu}'s report for the period (one parameter) is missing. */
    static final String MISSING = "not exists (select 1 from progress_report r where r.task_id = tu.task_id"
            + " and r.unit_id = tu.unit_id and r.period = ? and " + RECEIVED + ")";

    @Inject
    Jdbc jdbc;

    /** Filters of the report list; null means no filter. */
    public record Filter(String regionPattern, UUID taskId, String period, String status, Collection<UUID> unitIds) {
    }

    public long count(Filter filter) {
        List<Object> params = new ArrayList<>();
        return jdbc.count("select count(*)" + where(filter, params), params);
    }

    /** The ids of one page: newest period first, then in plan and task order. */
    public List<UUID> search(Filter filter, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(limit);
        params.add(offset);
        return jdbc.list("select r.id" + where + " order by r.period desc, t.region_code, t.plan_id, t.ordinal, r.submitted_at, r.id limit ? offset ?",
                params, row -> row.uuid("id"));
    }

    private static String where(Filter f, List<Object> params) {
        StringBuilder where = new StringBuilder(" from progress_report r join task t on t.id = r.task_id where true");
        if (f.regionPattern() != null) {
            where.append(" and t.region_code like ?");
            params.add(f.regionPattern());
        }
        if (f.taskId() != null) {
            where.append(" and r.task_id = ?");
            params.add(f.taskId());
        }
        if (f.period() != null) {
            where.append(" and r.period = ?");
            params.add(f.period());
        }
        if (f.status() != null) {
            where.append(" and r.status = ?");
            params.add(f.status());
        }
        if (f.unitIds() != null) {
            where.append(" and r.unit_id = any(?)");
            params.add(SqlArray.uuid(f.unitIds()));
        }
        return where.toString();
    }

    /**
     * The review counts of one period per plan region in the subtree (null pattern: everywhere): expected and missing
     * by the shared rule above, and the reports filed on tasks of plans not superseded by status.
     * Late counts the received reports (not returned) first filed after the deadline, as the accountability view does.
     */
    public Map<String, ReviewCounts> reviewCounts(String regionPattern, String period) {
        List<Object> params = new ArrayList<>();
        String region = regionPattern == null ? "" : " and t.region_code like ?";
        params.add(period);
        if (regionPattern != null) {
            params.add(regionPattern);
        }
        params.add(period);
        if (regionPattern != null) {
            params.add(regionPattern);
        }
        Map<String, ReviewCounts> result = new TreeMap<>();
        jdbc.forEach("""
                with owed as (
                    select t.region_code, count(*) as expected, count(*) filter (where %1$s) as missing
                    from task_unit tu join task t on t.id = tu.task_id join plan p on p.id = t.plan_id
                    where %2$s and %3$s%4$s
                    group by t.region_code),
                filed as (
                    select t.region_code, count(*) filter (where r.status = 'submitted') as submitted,
                           count(*) filter (where r.status = 'accepted') as accepted,
                           count(*) filter (where r.status = 'returned') as returned,
                           count(*) filter (where %5$s and r.late) as late
                    from progress_report r join task t on t.id = r.task_id join plan p on p.id = t.plan_id
                    where r.period = ? and p.status <> 'superseded'%4$s
                    group by t.region_code)
                select region_code, coalesce(o.expected, 0) as expected, coalesce(f.submitted, 0) as submitted,
                       coalesce(f.accepted, 0) as accepted, coalesce(f.returned, 0) as returned,
                       coalesce(o.missing, 0) as missing, coalesce(f.late, 0) as late
                from owed o full join filed f using (region_code)
                """.formatted(MISSING, LEAD_LINK, PLAN_EXPECTS, region,
                RECEIVED), params,
                row -> result.put(row.string("region_code"), new ReviewCounts(row.intValue("expected"),
                        row.intValue("submitted"), row.intValue("accepted"), row.intValue("returned"),
                        row.intValue("missing"), row.intValue("late"))));
        return result;
    }

    /** A task's reports, newest period first. */
    public List<ReportEntity> ofTask(UUID taskId) {
        return list("taskId = ?1 order by period desc, submittedAt desc", taskId);
    }

    /** The report of a unit on a task for a period; null when none was filed. */
    public ReportEntity of(UUID taskId, String period, UUID unitId) {
        return find("taskId = ?1 and period = ?2 and unitId = ?3", taskId, period, unitId).firstResult();
    }

    /** The unit's latest accepted report on the task before the period; null when none. */
    public ReportEntity lastAcceptedBefore(UUID taskId, UUID unitId, String period) {
        return find("taskId = ?1 and unitId = ?2 and status = 'accepted' and period < ?3 order by period desc",
                taskId, unitId, period).firstResult();
    }

    public List<ReportEntity> byIds(Collection<UUID> ids) {
        return list("id in ?1", ids);
    }

    /** One kept version of a report, as it was written. */
    public record RevisionRow(long version, String change, Instant changedAt, String changedBy, UUID unitId, String body,
                              int percentComplete, String milestoneUpdates, String attachments, String warnings,
                              String status, Instant submittedAt, String submittedBy, Instant reviewedAt,
                              String reviewedBy, String reviewComment, String reviewedLevel, UUID lockExceptionId) {
    }

    /**
     * Keeps the report's current (flushed) state as a revision: every version of a report stays readable, so a
     * correction never loses the text it replaced, nor a later review the comment of an earlier one.
     */
    public void recordRevision(UUID reportId, String change, Instant at, String by, UUID underLockException) {
        jdbc.update("""
                insert into progress_report_revision (report_id, version, unit_id, body, percent_complete, milestone_updates,
                    attachments, warnings, status, submitted_at, submitted_by, reviewed_at, reviewed_by, review_comment,
                    reviewed_level, lock_exception_id, changed_at, changed_by, change)
                select id, version, unit_id, body, percent_complete, milestone_updates, attachments, warnings, status,
                       submitted_at, submitted_by, reviewed_at, reviewed_by, review_comment, reviewed_level, ?, ?, ?, ?
                from progress_report where id = ?
                on conflict (report_id, version) do nothing""",
                Arrays.asList(underLockException, Timestamp.from(at), by, change, reportId));
    }

    /** The kept versions of a report, oldest first. */
    public List<RevisionRow> revisions(UUID reportId) {
        return jdbc.list("""
                select version, change, changed_at, changed_by, unit_id, body, percent_complete, milestone_updates::text as mu,
                       attachments::text as att, warnings::text as warn, status, submitted_at, submitted_by, reviewed_at,
                       reviewed_by, review_comment, reviewed_level, lock_exception_id
                from progress_report_revision where report_id = ? order by version""", List.of(reportId),
                row -> new RevisionRow(row.longValue("version"), row.string("change"), row.instant("changed_at"),
                        row.string("changed_by"), row.uuid("unit_id"), row.string("body"), row.intValue("percent_complete"),
                        row.string("mu"), row.string("att"), row.string("warn"), row.string("status"),
                        row.instant("submitted_at"), row.string("submitted_by"), row.instant("reviewed_at"),
                        row.string("reviewed_by"), row.string("review_comment"), row.string("reviewed_level"),
                        row.uuid("lock_exception_id")));
    }
}
