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
            issues.add(new Issue("doneOn", "the date the milestone was achieved is required"));
        } else if (doneOn.isAfter(today)) {
            issues.add(new Issue("doneOn", "must not be in the future (today is " + today + ")"));
        }
        if (evidence == null || evidence.isBlank()) {
            issues.add(new Issue("evidence", "evidence is required: what shows the milestone was achieved (a document, a list, a link)"));
        } else if (evidence.length() > MAX_TEXT) {
            issues.add(new Issue("evidence", "at most " + MAX_TEXT + " characters"));
        }
        return issues;
    }

    public static List<Issue> checkReason(String field, String reason) {
        if (reason == null || reason.isBlank()) {
            return List.of(new Issue(field, "a reason is required"));
        }
        if (reason.length() > MAX_TEXT) {
            return List.of(new Issue(field, "at most " + MAX_TEXT + " characters"));
        }
        return List.of();
    }

    /** @throws RuleConflict unless the milestone is open */
    public static void requireCompletable(MilestoneStatus current) {
        if (current != MilestoneStatus.OPEN) {
            throw new RuleConflict("the milestone is " + current.code() + "; only an open milestone can be completed"
                    + (current == MilestoneStatus.DONE ? " (reopen it first to correct the completion)" : ""));
        }
    }

    /** @throws RuleConflict unless the milestone is open: a delivered milestone stays delivered */
    public static void requireCancellable(MilestoneStatus current) {
        if (current != MilestoneStatus.OPEN) {
            throw new RuleConflict("the milestone is " + current.code() + "; only an open milestone can be cancelled");
        }
    }

    /** @throws RuleConflict when the milestone is already open */
    public static void requireReopenable(MilestoneStatus current) {
        if (current == MilestoneStatus.OPEN) {
            throw new RuleConflict("the milestone is already open");
        }
    }
}
