package cn.tongyou.indicator.domain;

import cn.tongyou.common.i18n.Explained;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The approval of one region's values for one period by the level above (逐级审核, DHIS2's data approval): the region
 * submits, the acceptor level accepts or returns it with a comment, and may reopen what it accepted. Plain state: the
 * service checks the token's scope and the values; this class decides which step is possible, by which level and by
 * whom (four eyes), and keeps every step.
 *
 * @param acceptorLevel the level that accepts (the next level of the chain); null: only a nationwide token accepts
 * @param history       every step, oldest first
 */
public record Approval(RegionCode region, Period period, RegionLevel acceptorLevel, ApprovalStatus status, long version,
                       Instant updatedAt, String updatedBy, List<Step> history) {

    public static final int MAX_COMMENT = 2000;

    public Approval {
        history = List.copyOf(history);
    }

    /** What was done, at which level (the actor's; null = nationwide), by whom, when, why, and which values it sent back. */
    public record Step(Action action, RegionLevel level, String actor, Instant at, String comment, List<UUID> observations) {
        public Step {
            observations = observations == null ? List.of() : List.copyOf(observations);
        }
    }

    /** The steps, as kept in the history. */
    public enum Action {
        SUBMITTED("submitted"), ACCEPTED("accepted"), RETURNED("returned"), REOPENED("reopened");

        private final String code;

        Action(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Action ofCode(String code) {
            for (Action a : values()) {
                if (a.code.equals(code)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown approval step " + code);
        }
    }

    /**
     * Who acts: the token's subject and the level of its region claim (null for a nationwide token, which stands above
     * every level).
     */
    public record Actor(String subject, RegionLevel level) {

        /** True when the actor's region is at {@code l} or above it. */
        boolean atOrAbove(RegionLevel l) {
            return level == null || (l != null && !l.isAbove(level));
        }
    }

    /**
     * Why a step was refused; the service answers 409 for a state, 403 for a level or four eyes, 400 for a comment
     * (checked first: a request without its comment is malformed whatever the state).
     */
    public enum Refusal { STATE, LEVEL, FOUR_EYES, COMMENT }

    /** A step that is not possible; the message says why. */
    public static final class RefusedException extends RuntimeException implements Explained {
        private final transient Message explanation;
        private final Refusal refusal;

        RefusedException(Refusal refusal, Message explanation) {
            super(explanation.english());
            this.refusal = refusal;
            this.explanation = explanation;
        }

        public Refusal refusal() {
            return refusal;
        }

        @Override
        public Message explanation() {
            return explanation;
        }
    }

    /** The state of a region and period nobody submitted yet (no row, version 0). */
    public static Approval open(RegionCode region, Period period, RegionLevel acceptorLevel) {
        return new Approval(region, period, acceptorLevel, ApprovalStatus.OPEN, 0, null, null, List.of());
    }

    /** The actor who submitted the round now in the hands of the level above (null when none is). */
    public String submitter() {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).action() == Action.SUBMITTED) {
                return history.get(i).actor();
            }
        }
        return null;
    }

    /** open or returned → submitted, by an actor at the region's level or above. */
    public Approval submit(Actor actor, String comment, Instant now) {
        requireFrom(Action.SUBMITTED, ApprovalStatus.OPEN, ApprovalStatus.RETURNED);
        if (!actor.atOrAbove(region.level())) {
            throw new RefusedException(Refusal.LEVEL, Message.of("indicator.approval.submit-level", region.level().code(),
                    region.value()));
        }
        return step(ApprovalStatus.SUBMITTED, new Step(Action.SUBMITTED, actor.level(), actor.subject(), now, comment(comment), null));
    }

    /** submitted → accepted, by the acceptor level or above, not by the submitter when four eyes apply. */
    public Approval accept(Actor actor, String comment, boolean fourEyes, Instant now) {
        requireFrom(Action.ACCEPTED, ApprovalStatus.SUBMITTED);
        requireAcceptor(actor);
        requireOtherThanSubmitter(actor, fourEyes);
        return step(ApprovalStatus.ACCEPTED, new Step(Action.ACCEPTED, actor.level(), actor.subject(), now, comment(comment), null));
    }

    /**
     * submitted → returned, with a comment, naming the values sent back to draft (may be none): by the acceptor level
     * or above, not by the submitter when four eyes apply.
     */
    public Approval giveBack(Actor actor, String comment, List<UUID> observations, boolean fourEyes, Instant now) {
        String c = requireComment(comment);
        requireFrom(Action.RETURNED, ApprovalStatus.SUBMITTED);
        requireAcceptor(actor);
        requireOtherThanSubmitter(actor, fourEyes);
        return step(ApprovalStatus.RETURNED, new Step(Action.RETURNED, actor.level(), actor.subject(), now, c,
                observations == null ? List.of() : observations.stream().distinct().toList()));
    }

    /** accepted → open, with a reason, by the acceptor level or above. */
    public Approval reopen(Actor actor, String reason, Instant now) {
        String c = requireComment(reason);
        requireFrom(Action.REOPENED, ApprovalStatus.ACCEPTED);
        requireAcceptor(actor);
        return step(ApprovalStatus.OPEN, new Step(Action.REOPENED, actor.level(), actor.subject(), now, c, null));
    }

    /**
     * accepted → open because a value it covers was corrected under a period lock exception: whoever corrected it, with
     * the correction's reason (the exception, granted by a higher level, is the authority).
     */
    public Approval reopenedByCorrection(Actor actor, String reason, Instant now) {
        requireFrom(Action.REOPENED, ApprovalStatus.ACCEPTED);
        return step(ApprovalStatus.OPEN, new Step(Action.REOPENED, actor.level(), actor.subject(), now, requireComment(reason), null));
    }

    private void requireFrom(Action action, ApprovalStatus... allowed) {
        for (ApprovalStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw new RefusedException(Refusal.STATE, Message.of("indicator.approval.refused", action.code(), region.value(), period,
                status.code()));
    }

    private void requireAcceptor(Actor actor) {
        boolean strictlyAbove = actor.level() == null || actor.level().isAbove(region.level());
        if (!strictlyAbove || !actor.atOrAbove(acceptorLevel)) {
            throw new RefusedException(Refusal.LEVEL, Message.of("indicator.approval.acceptor-level",
                    acceptorLevel == null ? Message.of("indicator.approval.national") : acceptorLevel.code(), region.value()));
        }
    }

    private void requireOtherThanSubmitter(Actor actor, boolean fourEyes) {
        if (fourEyes && actor.subject().equals(submitter())) {
            throw new RefusedException(Refusal.FOUR_EYES, Message.of("indicator.approval.four-eyes"));
        }
    }

    private static String comment(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String c = raw.strip();
        if (c.length() > MAX_COMMENT) {
            throw new RefusedException(Refusal.COMMENT, Message.of("indicator.field.at-most", MAX_COMMENT));
        }
        return c;
    }

    private static String requireComment(String raw) {
        String c = comment(raw);
        if (c == null) {
            throw new RefusedException(Refusal.COMMENT, Message.of("indicator.approval.comment-required"));
        }
        return c;
    }

    private Approval step(ApprovalStatus next, Step step) {
        List<Step> steps = new ArrayList<>(history);
        steps.add(step);
        return new Approval(region, period, acceptorLevel, next, version + 1, step.at(), step.actor(), steps);
    }
}
