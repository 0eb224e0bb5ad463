package cn.tongyou.task.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A progress report's review: submitted by a department, then accepted or returned (with a comment) by the
 * coordinator (妇儿工委办公室). A returned report is corrected and submitted again; an accepted one is final.
 */
public enum ReportStatus {
    SUBMITTED("submitted"),
    ACCEPTED("accepted"),
    RETURNED("returned");

    private final String code;

    ReportStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ReportStatus> parse(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code == null ? null : code.strip())).findFirst();
    }

    public static ReportStatus of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("unknown report status " + code));
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(ReportStatus::code).toList();
    }

    /** @throws RuleConflict unless the report waits for review */
    public void requireReviewable() {
        if (this != SUBMITTED) {
            throw new RuleConflict("the report is " + code + "; only a submitted report can be accepted or returned");
        }
    }

    /** @throws RuleConflict once accepted: the accepted report is the record */
    public void requireEditable() {
        if (this == ACCEPTED) {
            throw new RuleConflict("the report was accepted and can no longer be changed; file the next period's report instead");
        }
    }
}
