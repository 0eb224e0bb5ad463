package cn.tongyou.reporting.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * What a reminder scan looks at, read from the projections: open milestones with the lead units of their task,
 * progress reports and approvals waiting for acceptance, expected items not received, and open work of periods that
 * are about to close for entry.
 */
public record ReminderFacts(List<Milestone> milestones, List<Report> submittedReports, List<Approval> submittedApprovals,
                            List<Missing> missing, List<OpenWork> openWork) {

    public ReminderFacts {
        milestones = List.copyOf(milestones);
        submittedReports = List.copyOf(submittedReports);
        submittedApprovals = List.copyOf(submittedApprovals);
        missing = List.copyOf(missing);
        openWork = List.copyOf(openWork);
    }

    /** A unit a reminder goes to (a task's lead unit, a report's unit). */
    public record Unit(String id, String name) {
    }

    /** An open milestone of a task of a plan in force, with the task's lead units. */
    public record Milestone(String id, String taskId, String taskTitle, String region, LocalDate dueDate,
                            String statement, List<Unit> leadUnits) {
    }

    /** A progress report in status submitted: the region's office reviews it. */
    public record Report(String id, String taskId, String region, String period, Unit unit, LocalDate submittedOn) {
    }

    /** A region-period approval in status submitted; the acceptor is the region's ancestor at {@code acceptorLevel}. */
    public record Approval(String region, String period, String regionLevel, String acceptorLevel, LocalDate submittedOn) {
    }

    /**
     * Expected items not received for a period whose report is due: {@code count} values or reports of a region, for a
     * unit when one is responsible (null: the region's office).
     */
    public record Missing(String dataSet, String region, String period, Unit unit, LocalDate deadline, int count) {
    }

    /** Items of a region, period and data set not yet final (values not approved, reports returned for rework). */
    public record OpenWork(String region, String period, String dataSet, int count) {
    }
}
