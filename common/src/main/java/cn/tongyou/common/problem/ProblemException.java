package cn.tongyou.common.problem;

import cn.tongyou.common.i18n.Message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Thrown by application code to answer with a problem detail. The services never build error responses by hand;
 * they throw this (or a standard exception that {@link ProblemMappers} translates).
 * <p>
 * Title, detail and violations are {@link Message}s (a bundle key and its arguments): the answer renders them in the
 * request's language, {@link #getMessage()} is the English detail for logs and the audit trail.
 */
public class ProblemException extends RuntimeException {

    /** How many violations a problem's detail lists. */
    public static final int LISTED = 5;

    private static final Message INVALID = Message.of("common.problem.title.invalid");

    private final int status;
    private final String type;
    private final Message title;
    /** Null for a detail that lists the violations (rendered with them). */
    private final Message detail;
    private final List<Issue> issues;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String type, Message title, Message detail, List<Issue> issues) {
        super(detail != null ? detail.english() : summary(issues, Locale.ENGLISH));
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.issues = issues == null ? List.of() : List.copyOf(issues);
    }

    public static ProblemException badRequest(String key, Object... args) {
        return new ProblemException(400, Problem.TYPE_BASE + "bad-request", INVALID, Message.of(key, args), List.of());
    }

    /** A 400 whose reason a parser or rule gave ({@link Message#of(Throwable)}). */
    public static ProblemException badRequest(Message detail) {
        return new ProblemException(400, Problem.TYPE_BASE + "bad-request", INVALID, detail, List.of());
    }

    public static ProblemException invalid(Message detail, List<Issue> issues) {
        return new ProblemException(400, Problem.TYPE_BASE + "validation", INVALID, detail, issues);
    }

    /** A 400 naming every offending field; the detail lists the first {@value #LISTED} and counts the rest. */
    public static ProblemException invalid(List<Issue> issues) {
        return invalid(null, issues);
    }

    /** {@link #invalid(List)} for rule issues. */
    public static ProblemException invalidIssues(List<Issue> issues) {
        return invalid(issues);
    }

    /** Throws {@link #invalidIssues} when there is any issue. */
    public static void throwIfAny(List<Issue> issues) {
        if (!issues.isEmpty()) {
            throw invalidIssues(issues);
        }
    }

    /** "field: message; …" for the first {@value #LISTED} violations, then "; and N more", in a language. */
    public static String summary(List<Issue> issues, Locale language) {
        return summary(issues).in(language);
    }

    /** "field: message; …" for the first {@value #LISTED} issues, then "; and N more", as a message. */
    public static Message summary(List<Issue> issues) {
        List<Message> listed = new ArrayList<>(issues.stream().limit(LISTED)
                .map(i -> i.field() == null || i.field().equals("$") ? i.message()
                        : Message.of("common.problem.summary.field", i.field(), i.message()))
                .toList());
        if (issues.size() > LISTED) {
            listed.add(Message.of("common.problem.summary.more", issues.size() - LISTED));
        }
        return Message.of("common.problem.summary", listed);
    }

    public static ProblemException invalidField(String field, Message message) {
        return invalid(List.of(new Issue(field, message)));
    }

    public static ProblemException invalidField(String field, String key, Object... args) {
        return invalidField(field, Message.of(key, args));
    }

    public static ProblemException notFound(String key, Object... args) {
        return new ProblemException(404, Problem.TYPE_BASE + "not-found", Message.of("common.problem.title.not-found"),
                Message.of(key, args), List.of());
    }

    public static ProblemException conflict(String key, Object... args) {
        return conflict(Message.of(key, args));
    }

    public static ProblemException conflict(Message detail) {
        return new ProblemException(409, Problem.TYPE_BASE + "conflict", Message.of("common.problem.title.conflict"),
                detail, List.of());
    }

    public static ProblemException forbidden(String key, Object... args) {
        return new ProblemException(403, Problem.TYPE_BASE + "forbidden", Message.of("common.problem.title.forbidden"),
                Message.of(key, args), List.of());
    }

    public static ProblemException preconditionFailed(String key, Object... args) {
        return new ProblemException(412, Problem.TYPE_BASE + "precondition-failed",
                Message.of("common.problem.title.precondition-failed"), Message.of(key, args), List.of());
    }

    public static ProblemException preconditionRequired(String key, Object... args) {
        return new ProblemException(428, Problem.TYPE_BASE + "precondition-required",
                Message.of("common.problem.title.precondition-required"), Message.of(key, args), List.of());
    }

    public static ProblemException tooLarge(String key, Object... args) {
        return new ProblemException(413, Problem.TYPE_BASE + "too-large", Message.of("common.problem.title.too-large"),
                Message.of(key, args), List.of());
    }

    /**
     * 429: something the server limits is busy; the answer carries {@code Retry-After: <seconds>}.
     *
     * @param retryAfterSeconds when to try again
     * @param key               what is busy, for the caller
     */
    public static ProblemException tooManyRequests(long retryAfterSeconds, String key, Object... args) {
        return new ProblemException(429, Problem.TYPE_BASE + "too-many-requests",
                Message.of("common.problem.title.too-many-requests"), Message.of(key, args), List.of())
                .header("Retry-After", String.valueOf(Math.max(0, retryAfterSeconds)));
    }

    public static ProblemException unprocessable(String type, Message title, Message detail, List<Issue> issues) {
        return new ProblemException(422, Problem.TYPE_BASE + type, title, detail, issues);
    }

    public int status() {
        return status;
    }

    /** Adds a response header to the answer (e.g. {@code Retry-After}); returns this exception. */
    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The response headers the answer carries besides Content-Type, in the order added. */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public String type() {
        return type;
    }

    public Message title() {
        return title;
    }

    /** The detail, or null when it is the list of the violations. */
    public Message detail() {
        return detail;
    }

    public List<Issue> issues() {
        return issues;
    }

    /** The violations in English. */
    public List<Problem.Violation> violations() {
        return issues.stream().map(Issue::toViolation).toList();
    }

    /** The problem in English. */
    public Problem toProblem(String instance) {
        return toProblem(instance, Locale.ENGLISH);
    }

    /** The problem with its texts in a language ({@link cn.tongyou.common.i18n.Messages#SUPPORTED}). */
    public Problem toProblem(String instance, Locale language) {
        return new Problem(type, title.in(language), status,
                detail != null ? detail.in(language) : summary(issues, language), instance,
                issues.stream().map(issue -> issue.toViolation(language)).toList());
    }
}
