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
            issues.add(Issue.of("kind", "common.target.kind-required", TargetKind.codes().toString()));
            return issues;
        }
        if (year < Period.MIN_YEAR || year > Period.MAX_YEAR) {
            issues.add(Issue.of("year", "common.target.year", Period.MIN_YEAR, Period.MAX_YEAR));
        }
        if (spec.baselineYear() != null && (spec.baselineYear() < Period.MIN_YEAR || spec.baselineYear() >= year)) {
            issues.add(Issue.of("baselineYear", "common.target.baseline-year", Period.MIN_YEAR, year));
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
                    issues.add(Issue.of("valueMax", "common.target.range-order"));
                }
                absent(spec.boolValue(), "boolValue", kind, issues);
                absent(spec.reference(), "reference", kind, issues);
            }
            case BOOL -> {
                if (type != ValueType.BOOLEAN) {
                    issues.add(Issue.of("kind", "common.target.bool-needs-boolean", indicator.code(), type.code()));
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
                    issues.add(Issue.of("baselineYear", "common.target.baseline-required"));
                }
                if (spec.reference() == TargetSpec.Reference.PREVIOUS && spec.baselineYear() != null) {
                    issues.add(Issue.of("baselineYear", "common.target.baseline-absent"));
                }
            }
            case REDUCE_PCT_FROM_BASELINE -> {
                numericIndicator(kind, type, issues);
                required(spec.value(), "value", kind, issues);
                if (spec.value() != null && (spec.value().signum() <= 0 || spec.value().compareTo(BigDecimal.valueOf(100)) > 0)) {
                    issues.add(Issue.of("value", "common.target.reduction-percent"));
                }
                if (spec.baselineYear() == null) {
                    issues.add(Issue.of("baselineYear", "common.target.reduction-baseline"));
                }
                absent(spec.valueMax(), "valueMax", kind, issues);
                absent(spec.boolValue(), "boolValue", kind, issues);
                absent(spec.reference(), "reference", kind, issues);
            }
            case REDUCE_PP_PER_YEAR -> {
                if (type != ValueType.PERCENTAGE && type != ValueType.PER_MILLE) {
                    issues.add(Issue.of("kind", "common.target.points-need-percentage", indicator.code(), type.code()));
                }
                required(spec.value(), "value", kind, issues);
                if (spec.value() != null && spec.value().signum() <= 0) {
                    issues.add(Issue.of("value", "common.target.points-positive"));
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
            issues.add(Issue.of("kind", "common.target.text-qualitative"));
        }
        return issues;
    }

    private static void numericIndicator(TargetKind kind, ValueType type, List<Issue> issues) {
        if (!type.numeric()) {
            issues.add(Issue.of("kind", type == ValueType.BOOLEAN ? "common.target.numeric-use-bool"
                    : "common.target.numeric-use-qualitative", kind.code(), type.code()));
        }
    }

    private static void required(Object value, String field, TargetKind kind, List<Issue> issues) {
        if (value == null) {
            issues.add(Issue.of(field, "common.target.required-for", kind.code()));
        }
    }

    private static void absent(Object value, String field, TargetKind kind, List<Issue> issues) {
        if (value != null) {
            issues.add(Issue.of(field, "common.target.not-for", kind.code()));
        }
    }

    private static void inRange(BigDecimal value, String field, Indicator indicator, List<Issue> issues) {
        if (value == null || !indicator.valueType().numeric()) {
            return;
        }
        if (value.signum() < 0) {
            issues.add(Issue.of(field, "common.target.negative"));
        }
        BigDecimal max = indicator.valueType().max();
        if (max != null && indicator.bounded() && value.compareTo(max) > 0) {
            issues.add(Issue.of(field, "common.target.at-most", indicator.valueType().code(), max));
        }
    }
}
