package cn.tongyou.task.domain;

import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.schedule.MilestoneStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The milestone lifecycle: open → done (with date and evidence) or cancelled (with reason); done or cancelled → open
 * again (reopen, with reason) when a completion was recorded in error or a cancelled deliverable comes back.
 */
public final class MilestoneLifecycle {

    public static final int MAX_TEXT = 2000;

    private MilestoneLifecycle() {
    }

    /** Problems with completing: the date is required and not in the future; evidence is required. */
    public static List<Issue> checkCompletion(LocalDate doneOn, String evidence, LocalDate today) {
        List<Issue> issues = new ArrayList<>();
        if (doneOn == null) {
            issues.add(Issue.of("doneOn", "task.milestone.done-on-required"));
        } else if (doneOn.isAfter(today)) {
            issues.add(Issue.of("doneOn", "task.milestone.done-on-future", today));
        }
        if (evidence == null || evidence.isBlank()) {
            issues.add(Issue.of("evidence", "task.milestone.evidence-required"));
        } else if (evidence.length() > MAX_TEXT) {
            issues.add(Issue.of("evidence", "task.field.at-most", MAX_TEXT));
        }
        return issues;
    }

    public static List<Issue> checkReason(String field, String reason) {
        if (reason == null || reason.isBlank()) {
            return List.of(Issue.of(field, "task.milestone.reason-required"));
        }
        if (reason.length() > MAX_TEXT) {
            return List.of(Issue.of(field, "task.field.at-most", MAX_TEXT));
        }
        return List.of();
    }

    /** @throws RuleConflict unless the milestone is open */
    public static void requireCompletable(MilestoneStatus current) {
        if (current != MilestoneStatus.OPEN) {
            throw new RuleConflict(current == MilestoneStatus.DONE ? "task.milestone.complete-done" : "task.milestone.complete-not-open",
                    current.code());
        }
    }

    /** @throws RuleConflict unless the milestone is open: a delivered milestone stays delivered */
    public static void requireCancellable(MilestoneStatus current) {
        if (current != MilestoneStatus.OPEN) {
            throw new RuleConflict("task.milestone.cancel-not-open", current.code());
        }
    }

    /** @throws RuleConflict when the milestone is already open */
    public static void requireReopenable(MilestoneStatus current) {
        if (current == MilestoneStatus.OPEN) {
            throw new RuleConflict("task.milestone.already-open");
        }
    }
}
