package cn.tongyou.task.service;

import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.MilestoneStatus;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.task.domain.PlanStatus;
import cn.tongyou.task.store.MilestoneEntity;
import cn.tongyou.task.store.PlanEntity;
import cn.tongyou.task.store.ReportEntity;
import cn.tongyou.task.store.TaskEntity;
import cn.tongyou.task.store.TaskStore;
import cn.tongyou.task.store.TaskUnitRow;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the services' results (the bodies the resources send) from stored rows, computing the date-dependent states
 * as of today. It sits in {@code service}, not {@code api}, because it reads entities and store rows, which {@code api}
 * may not see.
 */
@ApplicationScoped
public class Views {

    @Inject
    Json json;

    @Inject
    MilestoneSchedule schedule;

    @Inject
    ReportingCalendar calendar;

    public PlanView plan(PlanEntity p, long tasks, long milestones) {
        return new PlanView(p.id, p.regionCode, p.regionName, p.title, p.kind, p.documentNumber, p.issuedOn, p.status,
                json.integers(p.horizonYears), json.strings(p.domains), p.sourceRef, tasks, milestones, p.version,
                p.createdAt, p.updatedAt, p.updatedBy);
    }

    public MilestoneView milestone(MilestoneEntity m, TaskEntity t, LocalDate today) {
        MilestoneStatus status = MilestoneStatus.ofCode(m.status);
        return new MilestoneView(m.id, m.taskId, t == null ? null : t.number, t == null ? null : t.title,
                t == null ? null : t.planId, t == null ? null : t.regionCode, m.ordinal, m.dueDate, m.statement, m.metric,
                m.comparator, m.valueBoolean != null ? m.valueBoolean : m.valueNumber, m.valueMax, m.unit, m.baselineYear,
                m.facilityType, m.note, m.status, schedule.state(status, m.dueDate, today).code(),
                schedule.daysOverdue(status, m.dueDate, today), m.doneOn, m.evidence, m.cancelledOn, m.cancelReason,
                m.statusReport, m.version, m.updatedAt, m.updatedBy);
    }

    public ReportView report(ReportEntity r, TaskEntity t, UnitRef unit) {
        Period period = Period.parseHalfYear(r.period);
        return new ReportView(r.id, r.taskId, t == null ? null : t.number, t == null ? null : t.title,
                t == null ? null : t.planId, t == null ? null : t.regionCode,
                t == null ? null : RegionCode.parse(t.regionCode).level().code(), r.period, unit, r.body, r.percentComplete,
                json.read(r.milestoneUpdates, new TypeReference<List<ReportInput.MilestoneUpdate>>() {
                }),
                json.read(r.attachments, new TypeReference<List<ReportInput.Attachment>>() {
                }),
                json.strings(r.warnings), r.status, r.late, calendar.deadline(period), r.firstSubmittedAt, r.submittedAt,
                r.submittedBy, r.filedBy, r.reviewedAt, r.reviewedBy, r.reviewComment, r.reviewedLevel, r.version);
    }

    public static UnitRef ref(TaskUnitRow row) {
        return new UnitRef(row.unitId(), row.unitName(), row.writtenName());
    }

    public static MilestoneCounts counts(TaskStore.Row row) {
        return new MilestoneCounts(row.total(), row.open(), row.dueSoon(), row.overdue(), row.done(), row.cancelled(),
                row.nextDue());
    }

    public ReportingStatus reporting(TaskStore.Row row, Period period, LocalDate today) {
        return new ReportingStatus(period.toString(), calendar.state(period, today).code(), calendar.dueFrom(period),
                calendar.deadline(period), row.reports(), PlanStatus.IN_FORCE.code().equals(row.planStatus()));
    }

    /** What needs attention, in the words of the task list's status filter. */
    public static List<String> flags(TaskStore.Row row) {
        List<String> flags = new ArrayList<>();
        if (row.overdue() > 0) {
            flags.add("overdue");
        }
        if (row.dueSoon() > 0) {
            flags.add("due-soon");
        }
        if (PlanStatus.IN_FORCE.code().equals(row.planStatus()) && row.reports() == 0) {
            flags.add("no-report-this-period");
        }
        if (row.total() > row.cancelled() && row.open() == 0) {
            flags.add("completed");
        }
        return flags;
    }
}
