package cn.tongyou.indicator.domain;

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
        return Coded.of(ObservationStatus.class, "status", code);
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
    public String refuse(Action action) {
        if (allowedFrom(action).contains(this)) {
            return null;
        }
        return switch (action) {
            case CORRECT -> "an approved value is locked; a coordinator must reopen it (with a reason) before it is corrected";
            case SUBMIT -> this == SUBMITTED ? "the value is already submitted" : "an approved value cannot be submitted again; reopen it first";
            case APPROVE -> this == APPROVED ? "the value is already approved" : "only a submitted value can be approved; submit it first";
            case RETURN -> "only a submitted value can be returned to its reporter";
            case REOPEN -> "only an approved value can be reopened";
        };
    }
}
