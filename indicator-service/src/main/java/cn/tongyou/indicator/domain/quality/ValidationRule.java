package cn.tongyou.indicator.domain.quality;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A validation rule as data: left side, operator, right side over the values of one region and period, with its
 * importance, whether a violation blocks submission, and the missing-value strategy. A rule comparing one indicator's
 * value with a number is a bound (kind {@code bounds}); any other is kind {@code rule}.
 */
public record ValidationRule(String code, String name, String description, Expression left, Operator operator,
                             Expression right, Importance importance, boolean blocking, MissingValueStrategy missingValues,
                             long version, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    public enum Kind {
        RULE("rule"), BOUNDS("bounds"), OUTLIER("outlier");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public Kind kind() {
        boolean bound = left.isSingleReference() && right.isConstant() || right.isSingleReference() && left.isConstant();
        return bound ? Kind.BOUNDS : Kind.RULE;
    }

    /** Every value the rule reads, left side first. */
    public Set<Expression.Ref> references() {
        Set<Expression.Ref> refs = new LinkedHashSet<>(left.references());
        refs.addAll(right.references());
        return refs;
    }

    /** The indicators the rule reads, in order of appearance. */
    public List<String> indicatorCodes() {
        return references().stream().map(Expression.Ref::indicator).distinct().toList();
    }

    public boolean reads(String indicatorCode) {
        return references().stream().anyMatch(r -> r.indicator().equals(indicatorCode));
    }

    /** "#{a} <= #{b}" */
    public String text() {
        return left.text() + " " + operator.code() + " " + right.text();
    }
}
