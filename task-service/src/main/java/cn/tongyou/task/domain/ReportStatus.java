package cn.tongyou.task.domain;

import cn.tongyou.common.code.Coded;

import java.util.List;
import java.util.Optional;

/**
 * A progress report's review: submitted by a department, then accepted or returned (with a comment) by the
 * coordinator (妇儿工委办公室). A returned report is corrected and submitted again; an accepted one is final.
 */
public enum ReportStatus implements Coded {
    SUBMITTED("submitted"),
    ACCEPTED("accepted"),
    RETURNED("returned");

    private final String code;

    ReportStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static ReportStatus ofCode(String code) {
        return Coded.of(ReportStatus.class, "task.code.report-status", code);
    }

    public static Optional<ReportStatus> find(String code) {
        return Coded.find(ReportStatus.class, code);
    }

    public static List<String> codes() {
        return Coded.codes(ReportStatus.class);
    }

    /** @throws RuleConflict unless the report waits for review */
    public void requireReviewable() {
        if (this != SUBMITTED) {
            throw new RuleConflict("task.report.not-reviewable", code);
        }
    }

    /** @throws RuleConflict once accepted: the accepted report is the record */
    public void requireEditable() {
        if (this == ACCEPTED) {
            throw new RuleConflict("task.report.accepted-final");
        }
    }
}
