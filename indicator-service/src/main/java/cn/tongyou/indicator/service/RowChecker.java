package cn.tongyou.indicator.service;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.region.InvalidRegionCodeException;
import cn.tongyou.indicator.domain.ObservationRules;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.period.Period;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The checks of one reported value, shared by POST /api/v1/observations and the bulk import so that both refuse the
 * same input with the same words: known indicator, valid region code within the caller's region, period of an allowed
 * type, unit-aware value.
 */
public final class RowChecker {

    static final int MAX_SOURCE = 500;
    static final int MAX_NOTE = 2000;

    private RowChecker() {
    }

    /** A row as it arrives; values are BigDecimal, Boolean or String (from JSON) or String (from CSV). */
    public record Raw(String indicator, String region, String period, Object value, Object numerator, Object denominator,
                      String source, String note) {
    }

    /** A row that passed. */
    public record Checked(Indicator indicator, RegionCode region, Period period, ObservationRules.Checked values,
                          String source, String note) {
    }

    public record Result(Checked row, List<Issue> issues) {
        public boolean ok() {
            return issues.isEmpty();
        }
    }

    public static Result check(Raw raw, Map<String, Indicator> indicators, Predicate<RegionCode> mayWrite) {
        List<Issue> issues = new ArrayList<>();
        Indicator indicator = null;
        if (blank(raw.indicator())) {
            issues.add(Issue.of("indicator", "common.field.required"));
        } else {
            indicator = indicators.get(raw.indicator().strip());
            if (indicator == null) {
                issues.add(Issue.of("indicator", "indicator.row.indicator-unknown", raw.indicator().strip()));
            }
        }
        RegionCode region = null;
        if (blank(raw.region())) {
            issues.add(Issue.of("region", "common.field.required"));
        } else {
            try {
                region = RegionCode.parse(raw.region());
                if (!mayWrite.test(region)) {
                    issues.add(Issue.of("region", "indicator.row.region-outside", region.value()));
                }
            } catch (InvalidRegionCodeException e) {
                issues.add(new Issue("region", Message.of(e)));
            }
        }
        Period period = null;
        if (blank(raw.period())) {
            issues.add(Issue.of("period", "indicator.row.period-required"));
        } else {
            try {
                period = Period.parse(raw.period());
            } catch (IllegalArgumentException e) {
                issues.add(new Issue("period", Message.of(e)));
            }
        }
        if (indicator != null && period != null) {
            issues.addAll(ObservationRules.checkPeriod(indicator, period));
        }
        ObservationRules.Checked values = null;
        if (indicator != null) {
            ObservationRules.Result r = ObservationRules.check(indicator, new ObservationRules.Raw(raw.value(), raw.numerator(), raw.denominator()));
            issues.addAll(r.issues());
            values = r.checked();
        }
        String source = trim(raw.source());
        String note = trim(raw.note());
        if (source != null && source.length() > MAX_SOURCE) {
            issues.add(Issue.of("source", "indicator.field.at-most", MAX_SOURCE));
        }
        if (note != null && note.length() > MAX_NOTE) {
            issues.add(Issue.of("note", "indicator.field.at-most", MAX_NOTE));
        }
        return new Result(issues.isEmpty() ? new Checked(indicator, region, period, values, source, note) : null, issues);
    }

    /** A JSON value as the rules take it: a number, a boolean, a string, or null; anything else is reported. */
    public static Object scalar(JsonNode node, String field, List<Issue> issues) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        issues.add(Issue.of(field, "indicator.row.scalar", node.getNodeType().name().toLowerCase()));
        return null;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
