package cn.tongyou.indicator.domain;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.code.Coded;

import java.util.Set;

/**
 * The approval workflow of a value (审核): draft → submitted → approved, as in DHIS2's data approval, with one
 * difference: a reopened value does not disappear from analysis — the latest approved value keeps counting until
 * its correction is approved.
 */
public enum ObservationStatus implements Coded {
    DRAFT("draft"), SUBMITTED("submitted"), APPROVED("approved");

    private final String code;

    ObservationStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static ObservationStatus ofCode(String code) {
        return Coded.of(ObservationStatus.class, "indicator.code.observation-status", code);
    }

    /** What can be done to a value, and by whom. */
    public enum Action {
        /** Reporter or coordinator: a new value of a draft or submitted observation (back to draft when submitted). */
        CORRECT("corrected"),
        /** Reporter: hand a draft in for approval. */
        SUBMIT("submitted"),
        /** Coordinator: accept a submitted value; it then counts and is locked. */
        APPROVE("approved"),
        /** Coordinator: send a submitted value back to its reporter, with a reason. */
        RETURN("returned"),
        /** Coordinator: unlock an approved value for correction, with a reason; the approved value keeps counting. */
        REOPEN("reopened");

        private final String recorded;

        Action(String recorded) {
            this.recorded = recorded;
        }

        /** The word kept in the history. */
        public String recorded() {
            return recorded;
        }

        public boolean needsReason() {
            return this == RETURN || this == REOPEN || this == CORRECT;
        }
    }

    /** The statuses an action starts from. */
    public static Set<ObservationStatus> allowedFrom(Action action) {
        return switch (action) {
            case CORRECT -> Set.of(DRAFT, SUBMITTED);
            case SUBMIT -> Set.of(DRAFT);
            case APPROVE, RETURN -> Set.of(SUBMITTED);
            case REOPEN -> Set.of(APPROVED);
        };
    }

    /** The status after {@code action}. */
    public static ObservationStatus after(Action action) {
        return switch (action) {
            case CORRECT, RETURN, REOPEN -> DRAFT;
            case SUBMIT -> SUBMITTED;
            case APPROVE -> APPROVED;
        };
    }

    /** Why {@code action} is not possible from this status, or null when it is. */
    public Message refuse(Action action) {
        if (allowedFrom(action).contains(this)) {
            return null;
        }
        return switch (action) {
            case CORRECT -> Message.of("indicator.workflow.locked");
            case SUBMIT -> Message.of(this == SUBMITTED ? "indicator.workflow.already-submitted" : "indicator.workflow.submit-approved");
            case APPROVE -> Message.of(this == APPROVED ? "indicator.workflow.already-approved" : "indicator.workflow.approve-unsubmitted");
            case RETURN -> Message.of("indicator.workflow.return-unsubmitted");
            case REOPEN -> Message.of("indicator.workflow.reopen-unapproved");
        };
    }
}
