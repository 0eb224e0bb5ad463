package cn.tongyou.common.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Thrown by application code to answer with a problem detail. The services never build error responses by hand;
 * they throw this (or a standard exception that {@link ProblemMappers} translates).
 */
public class ProblemException extends RuntimeException {

    /** How many violations a problem's detail lists. */
    public static final int LISTED = 5;

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.Violation> violations;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String type, String title, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, Problem.TYPE_BASE + "bad-request", "Request is not valid", detail, List.of());
    }

    public static ProblemException invalid(String detail, List<Problem.Violation> violations) {
        return new ProblemException(400, Problem.TYPE_BASE + "validation", "Request is not valid", detail, violations);
    }

    /** A 400 naming every offending field; the detail lists the first {@value #LISTED} and counts the rest. */
    public static ProblemException invalid(List<Problem.Violation> violations) {
        return invalid(summary(violations), violations);
    }

    /** {@link #invalid(List)} for rule issues. */
    public static ProblemException invalidIssues(List<Issue> issues) {
        return invalid(issues.stream().map(Issue::toViolation).toList());
    }

    /** Throws {@link #invalidIssues} when there is any issue. */
    public static void throwIfAny(List<Issue> issues) {
        if (!issues.isEmpty()) {
            throw invalidIssues(issues);
        }
    }

    /** "field: message; …" for the first {@value #LISTED} violations, then "; and N more". */
    public static String summary(List<Problem.Violation> violations) {
        String detail = violations.stream().limit(LISTED)
                .map(v -> (v.field() == null || v.field().equals("$") ? "" : v.field() + ": ") + v.message())
                .collect(Collectors.joining("; "));
        return violations.size() > LISTED ? detail + "; and " + (violations.size() - LISTED) + " more" : detail;
    }

    public static ProblemException invalidField(String field, String message) {
        return invalid(field + ": " + message, List.of(Problem.Violation.field(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, Problem.TYPE_BASE + "not-found", "Resource not found", detail, List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, Problem.TYPE_BASE + "conflict", "Conflict with the current state", detail, List.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, Problem.TYPE_BASE + "forbidden", "Forbidden", detail, List.of());
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, Problem.TYPE_BASE + "precondition-failed", "Precondition failed", detail, List.of());
    }

    public static ProblemException preconditionRequired(String detail) {
        return new ProblemException(428, Problem.TYPE_BASE + "precondition-required", "Precondition required", detail, List.of());
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, Problem.TYPE_BASE + "too-large", "Request too large", detail, List.of());
    }

    /**
     * 429: something the server limits is busy; the answer carries {@code Retry-After: <seconds>}.
     *
     * @param detail            what is busy, for the caller
     * @param retryAfterSeconds when to try again
     */
    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(429, Problem.TYPE_BASE + "too-many-requests", "Too many requests", detail, List.of())
                .header("Retry-After", String.valueOf(Math.max(0, retryAfterSeconds)));
    }

    public static ProblemException unprocessable(String type, String title, String detail, List<Problem.Violation> violations) {
        return new ProblemException(422, Problem.TYPE_BASE + type, title, detail, violations);
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

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, violations);
    }
}
