package cn.tongyou.common.http;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;

import java.util.List;

/**
 * Control characters have no place in what people type: a NUL byte breaks PostgreSQL text ({@code invalid byte
 * sequence}) and other controls hide text from whoever reads it later. Text values (JSON strings, CSV cells) may carry
 * tab, line feed and carriage return and nothing else of U+0000–U+001F and U+007F; paths and query strings none at all.
 * <p>
 * JSON bodies are checked by {@link ControlCharacterJson}, paths and queries by {@link ControlCharacterFilter}; a CSV
 * reader calls {@link #issue} or {@link #check} for each cell.
 */
public final class ControlCharacters {

    public static final String TYPE = Problem.TYPE_BASE + "control-character";

    private ControlCharacters() {
    }

    /** Whether {@code c} is refused in a text value: U+0000–U+001F except tab, LF, CR; and U+007F. */
    public static boolean refusedInText(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
    }

    /** Whether {@code c} is refused in a path or query: U+0000–U+001F and U+007F. */
    public static boolean refusedInUri(char c) {
        return c < 0x20 || c == 0x7F;
    }

    /** Index of the first character of {@code value} refused in text, -1 when none (or null). */
    public static int firstInText(String value) {
        if (value == null) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (refusedInText(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first character of {@code value} refused in a path or query, -1 when none (or null). */
    public static int firstInUri(String value) {
        if (value == null) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (refusedInUri(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** "contains the control character U+0000 at position 4; …" for the first refused character at {@code index}. */
    public static Message message(String value, int index, boolean text) {
        return Message.of(text ? "common.control.in-text" : "common.control.in-uri",
                String.format("U+%04X", (int) value.charAt(index)), index + 1);
    }

    /** The issue with a text value ({@code field} names it), or null when it has no refused character. */
    public static Issue issue(String field, String value) {
        int at = firstInText(value);
        return at < 0 ? null : new Issue(field, message(value, at, true));
    }

    /**
     * Checks a text value.
     *
     * @return the value, unchanged
     * @throws ProblemException 400 (type {@code control-character}) naming {@code field}
     */
    public static String check(String field, String value) {
        int at = firstInText(value);
        if (at >= 0) {
            throw refused(field, message(value, at, true));
        }
        return value;
    }

    /** The 400 for a refused character in {@code where} (a field, "path", "query parameter 'x'"). */
    public static ProblemException refused(String where, Message message) {
        return new ProblemException(400, TYPE, Message.of("common.control.title"), null, List.of(new Issue(where, message)));
    }
}
