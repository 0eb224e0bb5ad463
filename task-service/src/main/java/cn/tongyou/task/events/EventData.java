package cn.tongyou.task.events;

import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.task.store.MilestoneEntity;
import cn.tongyou.task.store.PlanEntity;
import cn.tongyou.task.store.ReportEntity;
import cn.tongyou.task.store.TaskEntity;
import cn.tongyou.task.store.TaskUnitRow;
import cn.tongyou.task.store.UnitEntity;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static cn.tongyou.task.events.TaskEvents.date;
import static cn.tongyou.task.events.TaskEvents.timestamp;

/** Builds each aggregate's event from its stored state (whole state + version). */
public final class EventData {

    private EventData() {
    }

    public static DomainEvent plan(PlanEntity p, List<Integer> horizonYears, List<String> domains) {
        return TaskEvents.plan(new TaskEvents.PlanChanged(p.id.toString(), p.regionCode, p.regionName, p.title, p.kind,
                p.documentNumber, date(p.issuedOn), p.status, horizonYears, domains, p.sourceRef, p.version,
                timestamp(p.updatedAt)));
    }

    /** @param units the task's units in role and position order */
    public static DomainEvent task(TaskEntity t, List<TaskUnitRow> units) {
        List<TaskEvents.UnitRef> lead = units.stream().filter(TaskUnitRow::lead).map(EventData::ref).toList();
        List<TaskEvents.UnitRef> participating = units.stream().filter(u -> !u.lead()).map(EventData::ref).toList();
        return TaskEvents.task(new TaskEvents.TaskChanged(t.id.toString(), t.planId.toString(), t.regionCode, t.ordinal,
                t.number, t.domain, t.section, t.title, t.summary, lead, participating, t.version, timestamp(t.updatedAt)));
    }

    public static DomainEvent milestone(MilestoneEntity m, TaskEntity task) {
        Object value = m.valueBoolean != null ? m.valueBoolean : m.valueNumber;
        return TaskEvents.milestone(new TaskEvents.MilestoneChanged(m.id.toString(), m.taskId.toString(),
                task.planId.toString(), task.regionCode, m.ordinal, date(m.dueDate), m.statement, m.metric, m.comparator,
                value, m.valueMax, m.unit, m.baselineYear, m.facilityType, m.note, m.status, date(m.doneOn), m.evidence,
                date(m.cancelledOn), m.cancelReason, m.statusReport == null ? null : m.statusReport.toString(), m.version,
                timestamp(m.updatedAt)));
    }

    public static DomainEvent report(ReportEntity r, TaskEntity task, String unitName, Function<String, JsonNode> json) {
        return TaskEvents.report(new TaskEvents.ReportChanged(r.id.toString(), r.taskId.toString(), task.planId.toString(),
                task.regionCode, r.period, r.unitId.toString(), unitName, r.body, r.percentComplete,
                json.apply(r.milestoneUpdates), json.apply(r.attachments), json.apply(r.warnings), r.status, r.late,
                timestamp(r.firstSubmittedAt), timestamp(r.submittedAt), r.submittedBy, timestamp(r.reviewedAt),
                r.reviewedBy, r.reviewComment, r.reviewedLevel, r.version, timestamp(r.updatedAt)));
    }

    public static DomainEvent unit(UnitEntity u, List<String> aliases) {
        return TaskEvents.unit(new TaskEvents.UnitChanged(u.id.toString(), u.regionCode, u.name, u.kind, aliases,
                u.version, timestamp(u.updatedAt)));
    }

    /** A merged unit's last version: one more than the state it ends. */
    public static DomainEvent unitMerged(UnitEntity u, UnitEntity into, Instant at) {
        long version = u.version + 1;
        return TaskEvents.unitDeleted(new TaskEvents.UnitDeleted(u.id.toString(), u.regionCode, into.id.toString(),
                version, timestamp(at)));
    }

    private static TaskEvents.UnitRef ref(TaskUnitRow row) {
        return new TaskEvents.UnitRef(row.unitId().toString(), row.unitName(), row.writtenName());
    }
}
