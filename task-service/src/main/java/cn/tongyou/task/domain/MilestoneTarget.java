package cn.tongyou.task.domain;

import cn.tongyou.common.problem.Issue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The measurable part of a milestone, as the catalogue writes it ("建成儿童友好学校20所" → {@code >=} 20 所,
 * facility type {@code child-friendly-school}), and the rules that keep it meaningful: each comparator needs the
 * values it compares with, and nothing else. The facility type is kept as data (a code) for the reporting service,
 * which checks such milestones against the facility register.
 */
public record MilestoneTarget(String comparator, BigDecimal value, Boolean booleanValue, BigDecimal valueMax,
                              String unit, Integer baselineYear, String facilityType) {

    /** The comparators of the catalogue (../shared/catalog/SCHEMA.md). "maintain" is written as {@code >=}. */
    public static final List<String> COMPARATORS = List.of(">=", "<=", ">", "<", "==", "range", "bool", "increase",
            "decrease", "reduce-pct-from-baseline", "reduce-pp-per-year", "qualitative");
    private static final Set<String> NUMERIC = Set.of(">=", "<=", ">", "<", "==", "reduce-pct-from-baseline", "reduce-pp-per-year");
    private static final Pattern FACILITY_TYPE = Pattern.compile("^[a-z][a-z0-9-]{0,49}$");

    /** Problems with this target; fields are named as in the API ({@code value}, {@code valueMax} …). */
    public List<Issue> check() {
        return check("value", "valueMax", "baselineYear", "facilityType", "unit");
    }

    /** Problems with this target, naming the fields as the caller's format does (catalogue: {@code value_max}). */
    public List<Issue> check(String valueField, String maxField, String baselineField, String facilityField, String unitField) {
        List<Issue> issues = new ArrayList<>();
        if (comparator == null || !COMPARATORS.contains(comparator)) {
            issues.add(Issue.of("comparator", "task.milestone.comparator-unknown", comparator, String.join(", ", COMPARATORS)));
            return issues;
        }
        if (NUMERIC.contains(comparator)) {
            if (value == null) {
                issues.add(Issue.of(valueField, "task.milestone.needs-number", comparator));
            }
        } else if (comparator.equals("range")) {
            if (value == null || valueMax == null) {
                issues.add(Issue.of(value == null ? valueField : maxField, "task.milestone.range-needs", valueField, maxField));
            } else if (value.compareTo(valueMax) > 0) {
                issues.add(Issue.of(maxField, "task.milestone.range-order", valueMax.toPlainString(), value.toPlainString()));
            }
        } else if (comparator.equals("bool")) {
            if (value != null) {
                issues.add(Issue.of(valueField, "task.milestone.bool-number"));
            }
        } else if (comparator.equals("qualitative")) {
            if (value != null || booleanValue != null) {
                issues.add(Issue.of(valueField, "task.milestone.qualitative-value"));
            }
        }
        if (booleanValue != null && !comparator.equals("bool")) {
            issues.add(Issue.of(valueField, "task.milestone.bool-only"));
        }
        if (valueMax != null && !comparator.equals("range")) {
            issues.add(Issue.of(maxField, "task.milestone.max-only-range"));
        }
        if (comparator.equals("reduce-pct-from-baseline") && baselineYear == null) {
            issues.add(Issue.of(baselineField, "task.milestone.baseline-required"));
        }
        if (baselineYear != null && (baselineYear < 1949 || baselineYear > 2100)) {
            issues.add(Issue.of(baselineField, "task.field.year"));
        }
        if (facilityType != null && !FACILITY_TYPE.matcher(facilityType).matches()) {
            issues.add(Issue.of(facilityField, "task.milestone.facility-type", facilityType));
        }
        if (unit != null && unit.length() > 50) {
            issues.add(Issue.of(unitField, "task.field.at-most", 50));
        }
        return issues;
    }
}
