package cn.tongyou.task.domain;

import cn.tongyou.common.code.Coded;

import java.util.List;
import java.util.Optional;

/**
 * A plan's standing: a draft (征求意见稿) becomes in force when issued, and in force until a newer plan supersedes
 * it. Superseded is final: a superseded plan is history, and its tasks no longer count in the accountability view.
 */
public enum PlanStatus implements Coded {
    DRAFT("draft"),
    IN_FORCE("in-force"),
    SUPERSEDED("superseded");

    /** Words in a title that mark a draft (征求意见稿, 草案, 讨论稿, 送审稿). */
    private static final List<String> DRAFT_MARKERS = List.of("征求意见稿", "草案", "讨论稿", "送审稿", "（稿）");

    private final String code;

    PlanStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Optional<PlanStatus> find(String code) {
        return Coded.find(PlanStatus.class, code);
    }

    public static List<String> codes() {
        return Coded.codes(PlanStatus.class);
    }

    /** The status a newly imported document gets when the caller does not say: a draft if its title says so. */
    public static PlanStatus presumedFromTitle(String title) {
        if (title != null && DRAFT_MARKERS.stream().anyMatch(title::contains)) {
            return DRAFT;
        }
        return IN_FORCE;
    }

    /** @throws RuleConflict for a step backwards (in force → draft, out of superseded) */
    public void requireTransitionTo(PlanStatus next) {
        if (next == this) {
            return;
        }
        boolean allowed = switch (this) {
            case DRAFT -> true;
            case IN_FORCE -> next == SUPERSEDED;
            case SUPERSEDED -> false;
        };
        if (!allowed) {
            throw new RuleConflict("task.plan.transition", code, next.code);
        }
    }
}
