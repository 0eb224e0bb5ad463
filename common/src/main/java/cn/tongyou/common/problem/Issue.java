package cn.tongyou.common.problem;

import cn.tongyou.common.i18n.Message;

import java.util.Locale;

/**
 * One thing wrong with an input, found by a rule: the offending field (a JSON path such as
 * {@code tasks[3].milestones[0].value}, null for the whole input), what is wrong with it for an API user (rendered in
 * the reader's language when answered), and for bulk input the 1-based line.
 */
public record Issue(String field, Message message, Long line) {

    public Issue(String field, Message message) {
        this(field, message, null);
    }

    public static Issue of(String field, String key, Object... args) {
        return new Issue(field, Message.of(key, args));
    }

    public static Issue row(long line, String field, Message message) {
        return new Issue(field, message, line);
    }

    /** The same issue inside a larger input: {@code value} under {@code tasks[3]} is {@code tasks[3].value}. */
    public Issue prefixed(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        return new Issue(field == null || field.isEmpty() ? prefix : prefix + "." + field, message, line);
    }

    /** The same issue on a line of a bulk input. */
    public Issue atLine(long line) {
        return new Issue(field, message, line);
    }

    /** The English text, for logs and tests. */
    public String text() {
        return message.english();
    }

    /** The problem violation in English; the whole input is {@code $} unless the issue is a row's. */
    public Problem.Violation toViolation() {
        return toViolation(Locale.ENGLISH);
    }

    /** The problem violation naming the field, in the reader's language; the whole input is {@code $}. */
    public Problem.Violation toViolation(Locale language) {
        String text = message.in(language);
        return line != null ? Problem.Violation.row(line, field, text)
                : Problem.Violation.field(field == null ? "$" : field, text);
    }
}
