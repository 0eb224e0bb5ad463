package cn.tongyou.indicator.domain.quality;

import cn.tongyou.common.i18n.Explained;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.period.Period;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A violation of a rule, a bound or an outlier flag for one region and period, and its follow-up: {@code open} while
 * the values violate, {@code resolved} when a later check passes, {@code cleared} when a coordinator accepted the
 * values as they are (with a comment). One finding per (kind, subject, region, period): the subject is the rule's code,
 * or the indicator's for an outlier; the same finding opens again when the values violate again.
 */
public record QualityFinding(UUID id, ValidationRule.Kind kind, String ruleCode, String subject, Importance importance,
                             boolean blocking, String regionCode, Period period, List<String> indicatorCodes,
                             List<Value> values, String message, String messageZh, Double score, Status status,
                             Instant detectedAt, Instant updatedAt, String clearedBy, Instant clearedAt, String comment,
                             long version) {

    public static final int MAX_COMMENT = 2000;

    public enum Status {
        OPEN("open"), RESOLVED("resolved"), CLEARED("cleared");

        private final String code;

        Status(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Status ofCode(String code) {
            for (Status s : values()) {
                if (s.code.equals(code)) {
                    return s;
                }
            }
            throw new IllegalArgumentException(code);
        }
    }

    /** A value involved; {@code observationId} null when it was not reported (counted as 0 by a never-skip rule). */
    public record Value(String indicator, String part, BigDecimal value, UUID observationId) {

        boolean same(Value o) {
            return indicator.equals(o.indicator) && part.equals(o.part) && Objects.equals(observationId, o.observationId)
                    && (value == null ? o.value == null : o.value != null && value.compareTo(o.value) == 0);
        }
    }

    /** What a check found wrong, before it becomes (or updates) a finding. */
    public record Detection(ValidationRule.Kind kind, String ruleCode, String subject, Importance importance, boolean blocking,
                            String regionCode, Period period, List<String> indicatorCodes, List<Value> values,
                            String message, String messageZh, Double score) {
    }

    /** Thrown when the follow-up step is not possible; the message says why. */
    public static final class RefusedException extends RuntimeException implements Explained {
        private final transient Message explanation;

        RefusedException(Message explanation) {
            super(explanation.english());
            this.explanation = explanation;
        }

        @Override
        public Message explanation() {
            return explanation;
        }
    }

    public static QualityFinding open(UUID id, Detection d, Instant now) {
        return new QualityFinding(id, d.kind(), d.ruleCode(), d.subject(), d.importance(), d.blocking(), d.regionCode(),
                d.period(), d.indicatorCodes(), d.values(), d.message(), d.messageZh(), d.score(), Status.OPEN, now, now,
                null, null, null, 1);
    }

    /**
     * Detected again. An open finding changes only if what it shows changed; a resolved one opens again; a cleared one
     * stays cleared while the values are those the coordinator accepted, and opens again when they changed.
     */
    public Optional<QualityFinding> detectedAgain(Detection d, Instant now) {
        boolean sameValues = sameValues(d.values());
        if (status == Status.CLEARED && sameValues) {
            return Optional.empty();
        }
        if (status == Status.OPEN && sameValues && d.message().equals(message) && d.importance() == importance
                && d.blocking() == blocking && Objects.equals(d.score(), score)) {
            return Optional.empty();
        }
        Instant detected = status == Status.OPEN ? detectedAt : now;
        return Optional.of(new QualityFinding(id, kind, d.ruleCode(), subject, d.importance(), d.blocking(), regionCode, period,
                d.indicatorCodes(), d.values(), d.message(), d.messageZh(), d.score(), Status.OPEN, detected, now,
                null, null, null, version + 1));
    }

    /** The check passed (or was skipped for missing values): an open finding is resolved. */
    public Optional<QualityFinding> passed(Instant now) {
        if (status != Status.OPEN) {
            return Optional.empty();
        }
        return Optional.of(withStatus(Status.RESOLVED, now, null, null, null));
    }

    /**
     * A coordinator accepts the values as they are.
     *
     * @throws RefusedException unless the finding is open
     */
    public QualityFinding clear(String actor, String comment, Instant now) {
        if (status != Status.OPEN) {
            throw new RefusedException(Message.of("indicator.quality.finding.not-open", status.code()));
        }
        return withStatus(Status.CLEARED, now, actor, now, comment);
    }

    private QualityFinding withStatus(Status next, Instant now, String by, Instant at, String text) {
        return new QualityFinding(id, kind, ruleCode, subject, importance, blocking, regionCode, period, indicatorCodes, values,
                message, messageZh, score, next, detectedAt, now, by, at, text, version + 1);
    }

    private boolean sameValues(List<Value> other) {
        if (other.size() != values.size()) {
            return false;
        }
        for (int k = 0; k < other.size(); k++) {
            if (!values.get(k).same(other.get(k))) {
                return false;
            }
        }
        return true;
    }
}
