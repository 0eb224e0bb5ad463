package cn.tongyou.task.store;

import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.SqlArray;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Progress reports, and the report list. */
@ApplicationScoped
public class ReportStore implements PanacheRepositoryBase<ReportEntity, UUID> {

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
                              String reviewedBy, String reviewComment) {
    }

    /**
     * Keeps the report's current (flushed) state as a revision: every version of a report stays readable, so a
     * correction never loses the text it replaced, nor a later review the comment of an earlier one.
     */
    public void recordRevision(UUID reportId, String change, Instant at, String by) {
        jdbc.update("""
                insert into progress_report_revision (report_id, version, unit_id, body, percent_complete, milestone_updates,
                    attachments, warnings, status, submitted_at, submitted_by, reviewed_at, reviewed_by, review_comment,
                    changed_at, changed_by, change)
                select id, version, unit_id, body, percent_complete, milestone_updates, attachments, warnings, status,
                       submitted_at, submitted_by, reviewed_at, reviewed_by, review_comment, ?, ?, ?
                from progress_report where id = ?
                on conflict (report_id, version) do nothing""", Arrays.asList(Timestamp.from(at), by, change, reportId));
    }

    /** The kept versions of a report, oldest first. */
    public List<RevisionRow> revisions(UUID reportId) {
        return jdbc.list("""
                select version, change, changed_at, changed_by, unit_id, body, percent_complete, milestone_updates::text as mu,
                       attachments::text as att, warnings::text as warn, status, submitted_at, submitted_by, reviewed_at,
                       reviewed_by, review_comment
                from progress_report_revision where report_id = ? order by version""", List.of(reportId),
                row -> new RevisionRow(row.longValue("version"), row.string("change"), row.instant("changed_at"),
                        row.string("changed_by"), row.uuid("unit_id"), row.string("body"), row.intValue("percent_complete"),
                        row.string("mu"), row.string("att"), row.string("warn"), row.string("status"),
                        row.instant("submitted_at"), row.string("submitted_by"), row.instant("reviewed_at"),
                        row.string("reviewed_by"), row.string("review_comment")));
    }
}
