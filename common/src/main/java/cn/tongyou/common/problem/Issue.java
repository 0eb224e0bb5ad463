package cn.tongyou.common.problem;

/**
 * One thing wrong with an input, found by a rule: the offending field (a JSON path such as
 * {@code tasks[3].milestones[0].value}, null for the whole input) and what is wrong with it, for an API user.
 */
public record Issue(String field, String message) {

    /** The same issue inside a larger input: {@code value} under {@code tasks[3]} is {@code tasks[3].value}. */
    public Issue prefixed(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        return new Issue(field == null || field.isEmpty() ? prefix : prefix + "." + field, message);
    }

    /** The problem violation naming the field; the whole input is {@code $}. */
    public Problem.Violation toViolation() {
        return Problem.Violation.field(field == null ? "$" : field, message);
    }
}
