package cn.tongyou.common.indicator;

import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.period.Period;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Which parameters each target kind needs and allows, checked against the indicator's value type. Every problem is
 * reported (not just the first), each naming its field.
 */
public final class TargetRules {

    private TargetRules() {
    }

    public static List<Issue> validate(TargetSpec spec, int year, Indicator indicator) {
        List<Issue> issues = new ArrayList<>();
        if (spec.kind() == null) {
            issues.add(new Issue("kind", "is required (one of " + TargetKind.codes() + ")"));
            return issues;
        }
        if (year < Period.MIN_YEAR || year > Period.MAX_YEAR) {
            issues.add(new Issue("year", "must be between " + Period.MIN_YEAR + " and " + Period.MAX_YEAR));
        }
        if (spec.baselineYear() != null && (spec.baselineYear() < Period.MIN_YEAR || spec.baselineYear() >= year)) {
            issues.add(new Issue("baselineYear", "must be a year from " + Period.MIN_YEAR + " before the target year " + year));
        }
        ValueType type = indicator.valueType();
        TargetKind kind = spec.kind();
        switch (kind) {
            case AT_LEAST, ABOVE, AT_MOST, BELOW, EQUALS -> {
                numericIndicator(kind, type, issues);
                required(spec.value(), "value", kind, issues);
                inRange(spec.value(), "value", indicator, issues);
                absent(spec.valueMax(), "valueMax", kind, issues);
                absent(spec.boolValue(), "boolValue", kind, issues);
                absent(spec.reference(), "reference", kind, issues);
            }
            case RANGE -> {
                numericIndicator(kind, type, issues);
                required(spec.value(), "value", kind, issues);
                required(spec.valueMax(), "valueMax", kind, issues);
                inRange(spec.value(), "value", indicator, issues);
                inRange(spec.valueMax(), "valueMax", indicator, issues);
                if (spec.value() != null && spec.valueMax() != null && spec.value().compareTo(spec.valueMax()) > 0) {
                    issues.add(new Issue("valueMax", "must not be below value (the range is value … valueMax, both included)"));
                }
                absent(spec.boolValue(), "boolValue", kind, issues);
                absent(spec.reference(), "reference", kind, issues);
            }
            case BOOL -> {
                if (type != ValueType.BOOLEAN) {
                    issues.add(new Issue("kind", "a bool target needs a boolean (是/否) indicator; " + indicator.code()
                            + " is " + type.code()));
                }
                required(spec.boolValue(), "boolValue", kind, issues);
                absent(spec.value(), "value", kind, issues);
                absent(spec.valueMax(), "valueMax", kind, issues);
                absent(spec.reference(), "reference", kind, issues);
                absent(spec.baselineYear(), "baselineYear", kind, issues);
            }
            case INCREASE, DECREASE -> {
                numericIndicator(kind, type, issues);
                absent(spec.value(), "value", kind, issues);
                absent(spec.valueMax(), "valueMax", kind, issues);
                absent(spec.boolValue(), "boolValue", kind, issues);
                if (spec.reference() == TargetSpec.Reference.BASELINE && spec.baselineYear() == null) {
                    issues.add(new Issue("baselineYear", "is required when reference is baseline"));
                }
                if (spec.reference() == TargetSpec.Reference.PREVIOUS && spec.baselineYear() != null) {
                    issues.add(new Issue("baselineYear", "must be absent when reference is previous (the value one year earlier)"));
                }
            }
            case REDUCE_PCT_FROM_BASELINE -> {
                numericIndicator(kind, type, issues);
                required(spec.value(), "value", kind, issues);
                if (spec.value() != null && (spec.value().signum() <= 0 || spec.value().compareTo(BigDecimal.valueOf(100)) > 0)) {
                    issues.add(new Issue("value", "the reduction is a percent of the baseline value: more than 0, at most 100"));
                }
                if (spec.baselineYear() == null) {
                    issues.add(new Issue("baselineYear", "is required: the reduction is measured from the region's own value of that year"));
                }
                absent(spec.valueMax(), "valueMax", kind, issues);
                absent(spec.boolValue(), "boolValue", kind, issues);
                absent(spec.reference(), "reference", kind, issues);
            }
            case REDUCE_PP_PER_YEAR -> {
                if (type != ValueType.PERCENTAGE && type != ValueType.PER_MILLE) {
                    issues.add(new Issue("kind", "percentage points per year need a percentage or per-mille indicator; "
                            + indicator.code() + " is " + type.code()));
                }
                required(spec.value(), "value", kind, issues);
                if (spec.value() != null && spec.value().signum() <= 0) {
                    issues.add(new Issue("value", "the yearly reduction in points must be more than 0"));
                }
                absent(spec.valueMax(), "valueMax", kind, issues);
                absent(spec.boolValue(), "boolValue", kind, issues);
                absent(spec.reference(), "reference", kind, issues);
            }
            case QUALITATIVE -> {
                absent(spec.value(), "value", kind, issues);
                absent(spec.valueMax(), "valueMax", kind, issues);
                absent(spec.boolValue(), "boolValue", kind, issues);
                absent(spec.reference(), "reference", kind, issues);
                absent(spec.baselineYear(), "baselineYear", kind, issues);
            }
        }
        if (type == ValueType.TEXT && kind != TargetKind.QUALITATIVE && issues.stream().noneMatch(i -> "kind".equals(i.field()))) {
            issues.add(new Issue("kind", "a text indicator only has qualitative targets"));
        }
        return issues;
    }

    private static void numericIndicator(TargetKind kind, ValueType type, List<Issue> issues) {
        if (!type.numeric()) {
            issues.add(new Issue("kind", "'" + kind.code() + "' needs a numeric indicator; this one is " + type.code()
                    + (type == ValueType.BOOLEAN ? " (use kind bool)" : " (use kind qualitative)")));
        }
    }

    private static void required(Object value, String field, TargetKind kind, List<Issue> issues) {
        if (value == null) {
            issues.add(new Issue(field, "is required for a '" + kind.code() + "' target"));
        }
    }

    private static void absent(Object value, String field, TargetKind kind, List<Issue> issues) {
        if (value != null) {
            issues.add(new Issue(field, "does not apply to a '" + kind.code() + "' target"));
        }
    }

    private static void inRange(BigDecimal value, String field, Indicator indicator, List<Issue> issues) {
        if (value == null || !indicator.valueType().numeric()) {
            return;
        }
        if (value.signum() < 0) {
            issues.add(new Issue(field, "must not be negative"));
        }
        BigDecimal max = indicator.valueType().max();
        if (max != null && indicator.bounded() && value.compareTo(max) > 0) {
            issues.add(new Issue(field, "a " + indicator.valueType().code() + " is at most " + max));
        }
    }
}
