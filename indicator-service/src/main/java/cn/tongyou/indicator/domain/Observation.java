package cn.tongyou.indicator.domain;

import cn.tongyou.common.i18n.Explained;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.period.Period;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A value for (indicator, region, period) and where it stands in the approval workflow. Every change makes a new
 * version and leaves a {@link Revision}; nothing is overwritten without a trace (append-only history). The value that
 * counts is the latest approved one ({@link #approved}), kept while a reopened value is being corrected.
 * {@code firstSubmittedAt} is when the value was first handed in (submitted, or entered approved); it never changes
 * afterwards, so that timeliness (on time = by the period's deadline) is not undone by a later correction.
 */
public record Observation(UUID id, String indicatorCode, String regionCode, Period period, BigDecimal value, String text,
                          BigDecimal numerator, BigDecimal denominator, String source, String note,
                          ObservationStatus status, String reportedBy, String reportedUnit, Approved approved, long version,
                          Instant createdAt, Instant updatedAt, String updatedBy, Instant firstSubmittedAt) {

    /** The value as approved, with who approved it and the version it was approved at. */
    public record Approved(BigDecimal value, String text, BigDecimal numerator, BigDecimal denominator, long version,
                           String approvedBy, Instant approvedAt) {
    }

    /** One step of the history (one per version). */
    public record Revision(UUID observationId, long version, String action, BigDecimal value, String text,
                           BigDecimal numerator, BigDecimal denominator, String source, String note,
                           ObservationStatus status, String reason, String actor, UUID batchId, Instant at) {
    }

    /** A change and the history row it leaves. */
    public record Change(Observation observation, Revision revision) {
    }

    /** Thrown when the workflow does not allow a step; the message says why. */
    public static final class RefusedException extends RuntimeException implements Explained {
        private final transient Message explanation;

        public RefusedException(Message explanation) {
            super(explanation.english());
            this.explanation = explanation;
        }

        @Override
        public Message explanation() {
            return explanation;
        }
    }

    public ObservationRules.Checked checked() {
        return new ObservationRules.Checked(value, text, numerator, denominator);
    }

    /** A new value, in status draft or submitted (or approved, for a coordinator's bulk load). */
    public static Change create(UUID id, String indicatorCode, String regionCode, Period period, ObservationRules.Checked v,
                                String source, String note, ObservationStatus status, String actor, String unit,
                                UUID batchId, Instant now) {
        Approved approved = status == ObservationStatus.APPROVED
                ? new Approved(v.value(), v.text(), v.numerator(), v.denominator(), 1, actor, now) : null;
        Observation o = new Observation(id, indicatorCode, regionCode, period, v.value(), v.text(), v.numerator(),
                v.denominator(), source, note, status, actor, unit, approved, 1, now, now, actor,
                status == ObservationStatus.DRAFT ? null : now);
        return new Change(o, o.revision("created", null, batchId));
    }

    /**
     * A corrected value. Allowed while draft or submitted; the status becomes {@code after} (draft for a correction made
     * by hand, so that the new value is submitted again before anyone approves it).
     *
     * @throws RefusedException when the value is approved (locked until reopened)
     */
    public Change correct(ObservationRules.Checked v, String newSource, String newNote, String reason, ObservationStatus after,
                          String actor, UUID batchId, Instant now) {
        Message refusal = status.refuse(ObservationStatus.Action.CORRECT);
        if (refusal != null) {
            throw new RefusedException(refusal);
        }
        ObservationStatus next = after == null ? ObservationStatus.DRAFT : after;
        Approved nextApproved = next == ObservationStatus.APPROVED
                ? new Approved(v.value(), v.text(), v.numerator(), v.denominator(), version + 1, actor, now) : approved;
        Observation o = new Observation(id, indicatorCode, regionCode, period, v.value(), v.text(), v.numerator(),
                v.denominator(), newSource, newNote, next, reportedBy, reportedUnit, nextApproved, version + 1, createdAt, now, actor,
                handedIn(next, now));
        return new Change(o, o.revision("corrected", reason, batchId));
    }

    /**
     * A workflow step: submit, approve, return (with reason) or reopen (with reason).
     *
     * @throws RefusedException when the step is not possible from the current status
     */
    public Change transition(ObservationStatus.Action action, String reason, String actor, Instant now) {
        if (action == ObservationStatus.Action.CORRECT) {
            throw new IllegalArgumentException("a correction carries a value; use correct()");
        }
        Message refusal = status.refuse(action);
        if (refusal != null) {
            throw new RefusedException(refusal);
        }
        Approved nextApproved = action == ObservationStatus.Action.APPROVE
                ? new Approved(value, text, numerator, denominator, version + 1, actor, now) : approved;
        Observation o = new Observation(id, indicatorCode, regionCode, period, value, text, numerator, denominator, source,
                note, ObservationStatus.after(action), reportedBy, reportedUnit, nextApproved, version + 1, createdAt, now, actor,
                handedIn(ObservationStatus.after(action), now));
        return new Change(o, o.revision(action.recorded(), reason, null));
    }

    /** The first hand-in stays; a value handed in for the first time now gets {@code now}. */
    private Instant handedIn(ObservationStatus next, Instant now) {
        return firstSubmittedAt != null || next == ObservationStatus.DRAFT ? firstSubmittedAt : now;
    }

    private Revision revision(String action, String reason, UUID batchId) {
        return new Revision(id, version, action, value, text, numerator, denominator, source, note, status, reason,
                updatedBy, batchId, updatedAt);
    }
}
