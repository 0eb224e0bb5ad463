package cn.tongyou.common.bulk;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.ProblemException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The row errors of one bulk request: the first {@value #MAX_LISTED} are kept for the report, the rest only counted,
 * so that a file full of errors does not fill the memory or the answer.
 */
public final class RowErrors {

    public static final int MAX_LISTED = 1000;

    private final List<Issue> listed = new ArrayList<>();
    private long count;

    public void add(long line, String field, Message message) {
        count++;
        if (listed.size() < MAX_LISTED) {
            listed.add(Issue.row(line, field, message));
        }
    }

    public long count() {
        return count;
    }

    /** The kept errors by line (rows checked in batches may report out of order), in English. */
    public List<RowError> listed() {
        return listed(Locale.ENGLISH);
    }

    /** The kept errors by line, in a language. */
    public List<RowError> listed(Locale language) {
        return issues().stream().map(i -> new RowError(i.line(), i.field(), i.message().in(language))).toList();
    }

    private List<Issue> issues() {
        return listed.stream().sorted(Comparator.comparingLong(Issue::line)).toList();
    }

    public long notListed() {
        return count - listed.size();
    }

    /**
     * The 422 of an all-or-nothing request that had errors: nothing was written, the listed errors become violations.
     *
     * @param type the problem type's last segment, e.g. {@code import-rejected}
     */
    public ProblemException rejection(String type, Message title, long rejectedRows, long rowsRead) {
        return ProblemException.unprocessable(type, title, notListed() > 0
                        ? Message.of("common.bulk.rejected.some-listed", rejectedRows, rowsRead, MAX_LISTED, notListed())
                        : Message.of("common.bulk.rejected", rejectedRows, rowsRead),
                issues());
    }
}
