package cn.tongyou.task.service;

import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.schedule.MilestoneStatus;
import cn.tongyou.task.domain.MilestoneLifecycle;
import cn.tongyou.task.domain.ProgressConsistency;
import cn.tongyou.task.store.MilestoneEntity;
import cn.tongyou.task.store.MilestoneStore;
import cn.tongyou.task.store.ReportEntity;
import cn.tongyou.task.store.ReportStore;
import cn.tongyou.task.store.TaskEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a report says, checked against the task before it is stored: its milestone updates, its attachments, and
 * whether its percent complete fits the milestones done and the unit's last accepted report (errors, or warnings
 * for the reviewer). Every problem is named by its field, and all of them at once.
 */
@ApplicationScoped
public class ReportContentCheck {

    static final Set<String> UPDATE_STATUSES = Set.of("done", "in-progress", "blocked");

    @Inject
    MilestoneStore milestones;

    @Inject
    ReportStore reports;

    /** Checked milestone updates and attachments, and the warnings for the reviewer. */
    record Checked(List<ReportInput.MilestoneUpdate> updates, List<ReportInput.Attachment> attachments,
                   List<String> warnings) {
    }

    Checked check(TaskEntity task, UUID unitId, Period period, int percent, List<ReportInput.MilestoneUpdate> updatesIn,
                  List<ReportInput.Attachment> attachmentsIn, LocalDate today) {
        List<Issue> issues = new ArrayList<>();
        Map<UUID, MilestoneEntity> taskMilestones = milestones.ofTask(task.id).stream()
                .collect(Collectors.toMap(m -> m.id, Function.identity()));
        Set<UUID> reportedDone = new HashSet<>();
        List<ReportInput.MilestoneUpdate> updates = milestoneUpdates(updatesIn, taskMilestones, today, reportedDone, issues);
        List<ReportInput.Attachment> attachments = attachments(attachmentsIn, issues);
        ProgressConsistency.Result consistency = consistency(task, unitId, period, percent, taskMilestones, reportedDone);
        issues.addAll(consistency.errors());
        ProblemException.throwIfAny(issues);
        return new Checked(updates, attachments, consistency.warnings());
    }

    /** The updates as stored; adds to {@code reportedDone} the milestones the report says are done. */
    private static List<ReportInput.MilestoneUpdate> milestoneUpdates(List<ReportInput.MilestoneUpdate> updatesIn,
                                                                      Map<UUID, MilestoneEntity> taskMilestones, LocalDate today,
                                                                      Set<UUID> reportedDone, List<Issue> issues) {
        List<ReportInput.MilestoneUpdate> updates = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        List<ReportInput.MilestoneUpdate> in = updatesIn == null ? List.of() : updatesIn;
        for (int i = 0; i < in.size(); i++) {
            ReportInput.MilestoneUpdate u = in.get(i);
            String path = "milestoneUpdates[" + i + "]";
            MilestoneEntity m = taskMilestones.get(u.milestoneId());
            if (m == null) {
                issues.add(Issue.of(path + ".milestoneId", "task.report.not-task-milestone"));
                continue;
            }
            if (!seen.add(m.id)) {
                issues.add(Issue.of(path + ".milestoneId", "task.report.milestone-twice"));
                continue;
            }
            String status = u.status().strip();
            if (!UPDATE_STATUSES.contains(status)) {
                issues.add(Issue.of(path + ".status", "task.report.update-status"));
                continue;
            }
            if (MilestoneStatus.ofCode(m.status) == MilestoneStatus.CANCELLED) {
                issues.add(Issue.of(path + ".milestoneId", "task.report.milestone-cancelled", m.cancelReason));
                continue;
            }
            if (status.equals("done")) {
                MilestoneLifecycle.checkCompletion(u.doneOn(), u.evidence(), today)
                        .forEach(issue -> issues.add(issue.prefixed(path)));
                reportedDone.add(m.id);
            } else if (u.doneOn() != null) {
                issues.add(Issue.of(path + ".doneOn", "task.report.done-on"));
            }
            updates.add(new ReportInput.MilestoneUpdate(m.id, status, u.doneOn(),
                    Inputs.blankToNull(u.evidence()), Inputs.blankToNull(u.comment())));
        }
        return updates;
    }

    private static List<ReportInput.Attachment> attachments(List<ReportInput.Attachment> attachmentsIn, List<Issue> issues) {
        List<ReportInput.Attachment> attachments = new ArrayList<>();
        List<ReportInput.Attachment> in = attachmentsIn == null ? List.of() : attachmentsIn;
        for (int i = 0; i < in.size(); i++) {
            ReportInput.Attachment a = in.get(i);
            String name = Inputs.blankToNull(a.name());
            String url = Inputs.blankToNull(a.url());
            if (name == null && url == null) {
                issues.add(Issue.of("attachments[" + i + "]", "task.report.attachment-name"));
                continue;
            }
            if (url != null && !isWebUrl(url)) {
                issues.add(Issue.of("attachments[" + i + "].url", "task.report.attachment-url"));
                continue;
            }
            attachments.add(new ReportInput.Attachment(name, url));
        }
        return attachments;
    }

    /** Percent complete against the milestones done (stored or reported now) and the unit's last accepted report. */
    private ProgressConsistency.Result consistency(TaskEntity task, UUID unitId, Period period, int percent,
                                                   Map<UUID, MilestoneEntity> taskMilestones, Set<UUID> reportedDone) {
        int active = 0;
        int done = 0;
        for (MilestoneEntity m : taskMilestones.values()) {
            MilestoneStatus s = MilestoneStatus.ofCode(m.status);
            if (s == MilestoneStatus.CANCELLED) {
                continue;
            }
            active++;
            if (s == MilestoneStatus.DONE || reportedDone.contains(m.id)) {
                done++;
            }
        }
        ReportEntity lastAccepted = reports.lastAcceptedBefore(task.id, unitId, period.toString());
        return ProgressConsistency.check(percent, active, done, lastAccepted == null ? null : lastAccepted.percentComplete);
    }

    private static boolean isWebUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
