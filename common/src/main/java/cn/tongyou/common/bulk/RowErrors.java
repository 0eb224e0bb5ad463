package cn.tongyou.common.bulk;

import cn.tongyou.common.problem.ProblemException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The row errors of one bulk request: the first {@value #MAX_LISTED} are kept for the report, the rest only counted,
 * so that a file full of errors does not fill the memory or the answer.
 */
public final class RowErrors {

    public static final int MAX_LISTED = 1000;

    private final List<RowError> listed = new ArrayList<>();
    private long count;

    public void add(long line, String field, String message) {
        count++;
        if (listed.size() < MAX_LISTED) {
            listed.add(new RowError(line, field, message));
        }
    }

    public long count() {
        return count;
    }

    /** The kept errors by line (rows checked in batches may report out of order). */
    public List<RowError> listed() {
        return listed.stream().sorted(Comparator.comparingLong(RowError::line)).toList();
    }

    public long notListed() {
        return count - listed.size();
    }

    /**
     * The 422 of an all-or-nothing request that had errors: nothing was written, the listed errors become violations.
     *
     * @param type the problem type's last segment, e.g. {@code import-rejected}
     */
    public ProblemException rejection(String type, String title, long rejectedRows, long rowsRead) {
        return ProblemException.unprocessable(type, title,
                rejectedRows + " of " + rowsRead + " rows have errors, so nothing was written (onError=reject)"
                        + (notListed() > 0 ? "; the first " + MAX_LISTED + " errors are listed, " + notListed() + " more are not" : "")
                        + ". Fix them, or send onError=skip to write the valid rows.",
                listed().stream().map(RowError::toViolation).toList());
    }
}
