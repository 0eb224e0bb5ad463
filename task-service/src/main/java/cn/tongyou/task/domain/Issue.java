package cn.tongyou.task.domain;

/**
 * One thing wrong with an input, found by a rule: the offending field (a JSON path such as
 * {@code tasks[3].milestones[0].value}) and what is wrong with it. The API turns these into problem violations.
 */
public record Issue(String field, String message) {

    public Issue prefixed(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        return new Issue(field == null || field.isEmpty() ? prefix : prefix + "." + field, message);
    }
}
