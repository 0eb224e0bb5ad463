package cn.tongyou.task.events;

import cn.tongyou.common.events.Topics;
import cn.tongyou.common.events.DomainEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The events of task-service (docs/design.md §5, docs/events.md): one topic per aggregate, keyed by the aggregate id,
 * each event carrying the aggregate's whole new state and version. Schemas: common's
 * {@code events/schemas/<type>.json}.
 *
 * <p>Milestone events carry the stored status (open, done, cancelled) and the due date, never "overdue": that
 * depends on the day it is read, so a consumer computes it (as the reporting service does for its snapshots) and
 * a compacted topic never holds a stale verdict.
 */
public final class TaskEvents {

    public static final String PLANS = Topics.PLANS;
    public static final String TASKS = Topics.TASKS;
    public static final String MILESTONES = Topics.MILESTONES;
    public static final String REPORTS = Topics.PROGRESS_REPORTS;
    public static final String UNITS = Topics.UNITS;

    public static final String PLAN_CHANGED = "cfc.plan.changed.v1";
    public static final String TASK_CHANGED = "cfc.task.changed.v1";
    public static final String MILESTONE_CHANGED = "cfc.milestone.changed.v1";
    public static final String REPORT_CHANGED = "cfc.progress-report.changed.v1";
    public static final String UNIT_CHANGED = "cfc.unit.changed.v1";
    public static final String UNIT_DELETED = "cfc.unit.deleted.v1";

    private TaskEvents() {
    }

    /** {@code cfc.plan.changed.v1}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PlanChanged(String id, String regionCode, String regionName, String title, String kind,
                              String documentNumber, String issuedOn, String status, List<Integer> horizonYears,
                              List<String> domains, String source, long version, String updatedAt) {
    }

    /** A unit as a task names it: the unit, its current name, and the spelling in the plan. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UnitRef(String id, String name, String writtenAs) {
    }

    /** {@code cfc.task.changed.v1}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TaskChanged(String id, String planId, String regionCode, int ordinal, String number, String domain,
                              String section, String title, String summary, List<UnitRef> leadUnits,
                              List<UnitRef> participatingUnits, long version, String updatedAt) {
    }

    /** {@code cfc.milestone.changed.v1}; {@code value} is a number, true/false (comparator bool) or null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MilestoneChanged(String id, String taskId, String planId, String regionCode, int ordinal,
                                   String dueDate, String statement, String metric, String comparator, Object value,
                                   BigDecimal valueMax, String unit, Integer baselineYear, String facilityType,
                                   String note, String status, String doneOn, String evidence, String cancelledOn,
                                   String cancelReason, String completedByReport, long version, String updatedAt) {
    }

    /** {@code cfc.progress-report.changed.v1}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReportChanged(String id, String taskId, String planId, String regionCode, String period,
                                String unitId, String unitName, String text, int percentComplete,
                                JsonNode milestoneUpdates, JsonNode attachments, JsonNode warnings, String status,
                                boolean late, String firstSubmittedAt, String submittedAt, String submittedBy,
                                String reviewedAt, String reviewedBy, String reviewComment, String reviewedLevel,
                                long version, String updatedAt) {
    }

    /** {@code cfc.unit.changed.v1}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UnitChanged(String id, String regionCode, String name, String kind, List<String> aliases,
                              long version, String updatedAt) {
    }

    /** {@code cfc.unit.deleted.v1}: the unit was merged into another (its tasks and reports moved there). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UnitDeleted(String id, String regionCode, String mergedInto, long version, String deletedAt) {
    }

    public static DomainEvent plan(PlanChanged data) {
        return DomainEvent.changed(PLANS, PLAN_CHANGED, data.id(), data.version(), data);
    }

    public static DomainEvent task(TaskChanged data) {
        return DomainEvent.changed(TASKS, TASK_CHANGED, data.id(), data.version(), data);
    }

    public static DomainEvent milestone(MilestoneChanged data) {
        return DomainEvent.changed(MILESTONES, MILESTONE_CHANGED, data.id(), data.version(), data);
    }

    public static DomainEvent report(ReportChanged data) {
        return DomainEvent.changed(REPORTS, REPORT_CHANGED, data.id(), data.version(), data);
    }

    public static DomainEvent unit(UnitChanged data) {
        return DomainEvent.changed(UNITS, UNIT_CHANGED, data.id(), data.version(), data);
    }

    public static DomainEvent unitDeleted(UnitDeleted data) {
        return DomainEvent.deleted(UNITS, UNIT_DELETED, data.id(), data.version(), data);
    }

    public static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    public static String timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
