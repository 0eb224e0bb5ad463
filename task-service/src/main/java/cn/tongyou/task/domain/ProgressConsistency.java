package cn.tongyou.task.domain;

import cn.tongyou.common.problem.Issue;
import java.util.ArrayList;
import java.util.List;

/**
 * Percent complete against the milestones (done milestones imply progress). Refused:
 * <ul>
 *   <li>a value outside 0–100;</li>
 *   <li>0 % while a milestone of the task is done (or reported done in this report);</li>
 *   <li>100 % while a milestone is still open: the task is not complete until every milestone that was not cancelled
 *       is done.</li>
 * </ul>
 * Warned (accepted, shown to the reviewer): less than the share of done milestones (3 of 4 done but 20 %), since
 * milestones are not of equal weight this is a hint and not a rule; and less than the unit's last accepted figure.
 */
public final class ProgressConsistency {

    /** Errors refuse the report; warnings travel with it to the reviewer. */
    public record Result(List<Issue> errors, List<String> warnings) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private ProgressConsistency() {
    }

    /**
     * @param percent              the figure reported
     * @param activeMilestones     milestones of the task that are not cancelled
     * @param doneMilestones       of those, done now or reported done in this report
     * @param lastAcceptedPercent  the reporting unit's last accepted figure for the task, or null
     */
    public static Result check(int percent, int activeMilestones, int doneMilestones, Integer lastAcceptedPercent) {
        if (doneMilestones < 0 || activeMilestones < 0 || doneMilestones > activeMilestones) {
            throw new IllegalArgumentException("done milestones must be between 0 and the active ones");
        }
        List<Issue> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (percent < 0 || percent > 100) {
            errors.add(Issue.of("percentComplete", "task.report.percent-range"));
            return new Result(errors, warnings);
        }
        if (percent == 0 && doneMilestones > 0) {
            errors.add(Issue.of("percentComplete", "task.report.percent-zero", doneMilestones, activeMilestones));
        }
        int open = activeMilestones - doneMilestones;
        if (percent == 100 && open > 0) {
            errors.add(Issue.of("percentComplete", "task.report.percent-full", open, activeMilestones));
        }
        if (errors.isEmpty() && activeMilestones > 0) {
            int share = doneMilestones * 100 / activeMilestones;
            if (percent < share) {
                warnings.add(doneMilestones + " of " + activeMilestones + " milestones are done (" + share
                        + " %) but the report says " + percent + " %");
            }
        }
        if (errors.isEmpty() && lastAcceptedPercent != null && percent < lastAcceptedPercent) {
            warnings.add("lower than the last accepted report of this unit (" + lastAcceptedPercent + " %)");
        }
        return new Result(errors, warnings);
    }
}
