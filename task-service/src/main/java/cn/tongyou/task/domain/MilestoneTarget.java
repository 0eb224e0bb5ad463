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
            issues.add(new Issue("comparator", "'" + comparator + "' is not a comparator; one of " + String.join(", ", COMPARATORS)
                    + " (保持在…以上 is >=)"));
            return issues;
        }
        if (NUMERIC.contains(comparator)) {
            if (value == null) {
                issues.add(new Issue(valueField, "comparator " + comparator + " needs a number"));
            }
        } else if (comparator.equals("range")) {
            if (value == null || valueMax == null) {
                issues.add(new Issue(value == null ? valueField : maxField, "comparator range needs a number in "
                        + valueField + " (lower bound) and in " + maxField + " (upper bound)"));
            } else if (value.compareTo(valueMax) > 0) {
                issues.add(new Issue(maxField, "the upper bound " + valueMax.toPlainString() + " is below the lower bound "
                        + value.toPlainString()));
            }
        } else if (comparator.equals("bool")) {
            if (value != null) {
                issues.add(new Issue(valueField, "comparator bool takes true or false, not a number"));
            }
        } else if (comparator.equals("qualitative")) {
            if (value != null || booleanValue != null) {
                issues.add(new Issue(valueField, "a qualitative milestone has no value; keep the wording in the statement"));
            }
        }
        if (booleanValue != null && !comparator.equals("bool")) {
            issues.add(new Issue(valueField, "true/false is only a value of comparator bool"));
        }
        if (valueMax != null && !comparator.equals("range")) {
            issues.add(new Issue(maxField, "only comparator range has an upper bound"));
        }
        if (comparator.equals("reduce-pct-from-baseline") && baselineYear == null) {
            issues.add(new Issue(baselineField, "comparator reduce-pct-from-baseline needs the baseline year (以2020年为基数 → 2020)"));
        }
        if (baselineYear != null && (baselineYear < 1949 || baselineYear > 2100)) {
            issues.add(new Issue(baselineField, "must be a year between 1949 and 2100"));
        }
        if (facilityType != null && !FACILITY_TYPE.matcher(facilityType).matches()) {
            issues.add(new Issue(facilityField, "'" + facilityType + "' is not a facility type code (lower-case ASCII with hyphens, e.g. children-home)"));
        }
        if (unit != null && unit.length() > 50) {
            issues.add(new Issue(unitField, "at most 50 characters"));
        }
        return issues;
    }
}
