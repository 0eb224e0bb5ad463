package cn.tongyou.common.i18n;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No problem, issue or refusal is written as an English sentence in code any more: the calls that make them take a
 * message key and arguments, so that every text an API user reads comes from the bundles in their language. A
 * sentence is a string literal with a space in it; an exception's own message passed on is also caught (it is
 * English: pass {@code Message.of(e)}, which keeps the key of an {@link Explained} exception).
 */
class NoLiteralTextsTest {

    /** The calls whose arguments become texts an API user reads. */
    private static final Pattern CALL = Pattern.compile(
            "(?:ProblemException\\.\\w+|new ProblemException|Message\\.of|Message\\.verbatim|Issue\\.of|Issue\\.row|new Issue|new InvalidInput"
                    + "|new RefusedChange|new InvalidRegionCodeException|\\.rejection|\\.refused|errors\\.add|requireMatch"
                    + "|requireNationwide(?:Admin)?|RequestParameters\\.uuid|Coded\\.of)\\s*\\(");

    private static final Pattern KEYED_METHOD = Pattern.compile("(\\w+)\\([^()]*String key, Object\\.\\.\\. args\\)");

    /** A key literal: an exception's message after it is an argument of the keyed text, not the text. */
    private static final Pattern KEY = Pattern.compile("\"[a-z]+(\\.[a-z0-9-]+)+\"");

    /** The only code that may pass a text as it is: the REST layer's mapping of library messages. */
    private static final String VERBATIM_ALLOWED = "common/src/main/java/cn/tongyou/common/problem/ProblemMappers.java";

    @Test
    void textsForApiUsersAreKeysNotSentences() {
        assertThat(findings(PlatformSources.allJavaSources())).isEmpty();
    }

    @Test
    void eachWayOfWritingASentenceIsCaught() {
        String code = """
                class Fixture {
                    static Result skip(long line, String key, Object... args) { return null; }
                    void bad(Exception e, String x) {
                        throw ProblemException.notFound("no facility " + x);
                        issues.add(Issue.of("name", e.getMessage()));
                        throw ProblemException.conflict(e.getMessage());
                        Message m = Message.verbatim(x);
                        skip(3, "the row has no name");
                    }
                    void good(Exception e, String x) {
                        throw ProblemException.notFound("facility.facility.not-found", x);
                        issues.add(new Issue("name", Message.of(e)));
                        throw ProblemException.badRequest("common.json.malformed", e.getMessage());
                        issues.add(Issue.of("type", "facility.type.unknown", x, String.join(", ", List.of("a", "b"))));
                        skip(3, "facility.region-csv.name-empty");
                        log.warn("not a problem text, so not checked");
                    }
                }
                """;
        assertThat(findings(Map.of(Path.of("Fixture.java"), code)))
                .containsExactly("Fixture.java:4: ProblemException.notFound(… \"no facility \" …)",
                        "Fixture.java:5: Issue.of passes an exception's English message on; use Message.of(e)",
                        "Fixture.java:6: ProblemException.conflict passes an exception's English message on; use Message.of(e)",
                        "Fixture.java:7: Message.verbatim outside the REST layer; use a key",
                        "Fixture.java:8: skip(… \"the row has no name\" …)");
    }

    /** Every call in {@code sources} that makes a problem text of an English sentence. */
    static List<String> findings(Map<Path, String> sources) {
        List<String> wrong = new ArrayList<>();
        // a method of the file taking (…, String key, Object... args) makes a message of its arguments, whatever its name
        for (Map.Entry<Path, String> source : sources.entrySet()) {
            String code = source.getValue();
            Set<String> keyed = new TreeSet<>();
            Matcher declaration = KEYED_METHOD.matcher(code);
            while (declaration.find()) {
                keyed.add(declaration.group(1));
            }
            keyed.remove("of");
            Pattern calls = Pattern.compile("(" + CALL.pattern() + (keyed.isEmpty() ? ""
                    : "|(?<![\\w.])(?:\\w+\\.)?(?:" + String.join("|", keyed) + ")\\s*\\(") + ")");
            Matcher call = calls.matcher(code);
            while (call.find()) {
                String args = arguments(code, call.end());
                String name = call.group(1).replaceAll("[\\s(]", "");
                for (String literal : literals(args)) {
                    // a sentence has words and spaces; a separator such as ", " has no letter
                    if (literal.chars().anyMatch(Character::isWhitespace) && literal.chars().anyMatch(Character::isLetter)) {
                        wrong.add(where(source.getKey(), code, call.start()) + ": " + name + "(… \"" + literal + "\" …)");
                    }
                }
                boolean verbatim = name.equals("Message.verbatim");
                boolean allowed = source.getKey().toString().replace('\\', '/').equals(VERBATIM_ALLOWED);
                if (verbatim && !allowed) {
                    wrong.add(where(source.getKey(), code, call.start()) + ": Message.verbatim outside the REST layer; use a key");
                }
                int message = args.indexOf(".getMessage()");
                boolean passedVerbatim = args.contains("Message.verbatim(") && allowed;
                if (!verbatim && !passedVerbatim && message >= 0 && !KEY.matcher(args.substring(0, message)).find()) {
                    wrong.add(where(source.getKey(), code, call.start()) + ": " + name
                            + " passes an exception's English message on; use Message.of(e)");
                }
            }
        }
        return wrong;
    }

    @Test
    void beanValidationMessagesAreKeys() {
        Pattern message = Pattern.compile("message\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\")");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<Path, String> source : PlatformSources.allJavaSources().entrySet()) {
            Matcher m = message.matcher(source.getValue());
            while (m.find()) {
                String literal = m.group(1);
                // a bean-validation annotation's message is "{key}"; other message = "…" assignments are not annotations
                boolean annotation = source.getValue().lastIndexOf('@', m.start()) > source.getValue().lastIndexOf(';', m.start());
                if (annotation && !literal.matches("\"\\{[a-z0-9.-]+}\"")) {
                    wrong.add(where(source.getKey(), source.getValue(), m.start()) + ": message = " + literal);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The contents of the string literals in a piece of code. */
    static List<String> literals(String code) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\'') {
                i = code.indexOf('\'', i + (code.charAt(i + 1) == '\\' ? 3 : 2));
            } else if (c == '"') {
                int end = i + 1;
                while (code.charAt(end) != '"') {
                    end += code.charAt(end) == '\\' ? 2 : 1;
                }
                found.add(code.substring(i + 1, end));
                i = end;
            }
        }
        return found;
    }

    /** The argument text of a call from just after its opening parenthesis to the matching one. */
    static String arguments(String code, int from) {
        int depth = 1;
        StringBuilder args = new StringBuilder();
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < code.length() && code.charAt(end) != '"') {
                    end += code.charAt(end) == '\\' ? 2 : 1;
                }
                args.append(code, i, Math.min(end + 1, code.length()));
                i = end;
                continue;
            }
            if (c == '\'') {
                int end = code.indexOf('\'', i + (code.charAt(i + 1) == '\\' ? 3 : 2));
                args.append(code, i, end + 1);
                i = end;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return args.toString();
            }
            args.append(c);
        }
        return args.toString();
    }

    private static String where(Path file, String code, int at) {
        return file + ":" + (code.substring(0, at).chars().filter(c -> c == '\n').count() + 1);
    }
}
