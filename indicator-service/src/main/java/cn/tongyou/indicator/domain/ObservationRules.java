package cn.tongyou.indicator.domain;

import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.indicator.Numbers;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.ValueType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Unit-aware checks of a reported value (数据校验): a percentage lies in 0 … 100, a per-mille in 0 … 1000, a count is a
 * non-negative whole number, a boolean is 是/否/true/false; a computed indicator takes numerator and denominator (the
 * value follows from them) and, unless it is a gross rate, the numerator may not exceed the denominator. The period
 * must be of a type the indicator allows.
 */
public final class ObservationRules {

    static final int MAX_DECIMALS = 6;
    static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1000000000000");
    static final int MAX_TEXT = 2000;

    private ObservationRules() {
    }

    /**
     * A value as it arrives: from JSON a {@link BigDecimal}, {@link Boolean} or {@link String}; from CSV a String;
     * null when absent.
     */
    public record Raw(Object value, Object numerator, Object denominator) {
    }

    /** A value as stored: the number (1/0 for booleans) or the text, and the parts of a computed indicator. */
    public record Checked(BigDecimal value, String text, BigDecimal numerator, BigDecimal denominator) {

        /** Same stored content (numbers compared by value). */
        public boolean sameAs(Checked o) {
            return o != null && eq(value, o.value) && java.util.Objects.equals(text, o.text)
                    && eq(numerator, o.numerator) && eq(denominator, o.denominator);
        }

        private static boolean eq(BigDecimal a, BigDecimal b) {
            return a == null ? b == null : b != null && a.compareTo(b) == 0;
        }
    }

    public record Result(Checked checked, List<Issue> issues) {
        public boolean ok() {
            return issues.isEmpty();
        }
    }

    public static List<Issue> checkPeriod(Indicator indicator, Period period) {
        if (!indicator.periodTypes().contains(period.type())) {
            return List.of(Issue.of("period", "indicator.observation.period-type", indicator.code(),
                    String.join("/", indicator.periodTypes().stream().map(Period.Type::code).sorted().toList()),
                    period.type().code(), period));
        }
        return List.of();
    }

    public static Result check(Indicator indicator, Raw raw) {
        List<Issue> issues = new ArrayList<>();
        ValueType type = indicator.valueType();
        boolean hasValue = present(raw.value());
        boolean hasNumerator = present(raw.numerator());
        boolean hasDenominator = present(raw.denominator());
        if (type == ValueType.TEXT || type == ValueType.BOOLEAN) {
            if (hasNumerator || hasDenominator) {
                issues.add(Issue.of(hasNumerator ? "numerator" : "denominator", "indicator.observation.no-parts", type.code()));
            }
            if (!hasValue) {
                issues.add(Issue.of("value", "common.field.required"));
                return new Result(null, issues);
            }
            if (type == ValueType.TEXT) {
                String text = raw.value().toString().strip();
                if (text.length() > MAX_TEXT) {
                    issues.add(Issue.of("value", "indicator.field.at-most", MAX_TEXT));
                }
                return new Result(issues.isEmpty() ? new Checked(null, text, null, null) : null, issues);
            }
            Boolean b = bool(raw.value());
            if (b == null) {
                issues.add(Issue.of("value", "indicator.observation.not-yes-no", raw.value()));
            }
            return new Result(issues.isEmpty() ? new Checked(b ? BigDecimal.ONE : BigDecimal.ZERO, null, null, null) : null, issues);
        }
        if (indicator.reportedInParts()) {
            BigDecimal numerator = hasNumerator ? number(raw.numerator(), "numerator", indicator, issues) : null;
            BigDecimal denominator = hasDenominator ? number(raw.denominator(), "denominator", indicator, issues) : null;
            if (!hasNumerator) {
                issues.add(Issue.of("numerator", "indicator.observation.parts-required", indicator.code(), indicator.scale()));
            }
            if (!hasDenominator) {
                issues.add(Issue.of("denominator", "indicator.observation.parts-required", indicator.code(), indicator.scale()));
            }
            if (numerator != null && numerator.signum() < 0) {
                issues.add(Issue.of("numerator", "common.target.negative"));
            }
            if (denominator != null && denominator.signum() <= 0) {
                issues.add(Issue.of("denominator", "indicator.observation.positive"));
            }
            if (!issues.isEmpty()) {
                return new Result(null, issues);
            }
            if (indicator.bounded() && numerator.compareTo(denominator) > 0) {
                issues.add(Issue.of("numerator", "indicator.observation.numerator-exceeds", Numbers.plain(numerator),
                        Numbers.plain(denominator)));
                return new Result(null, issues);
            }
            BigDecimal computed = Numbers.round(Numbers.divide(numerator, denominator).multiply(BigDecimal.valueOf(indicator.scale())));
            if (hasValue) {
                BigDecimal given = number(raw.value(), "value", indicator, issues);
                // a value sent with its parts must agree with them at the indicator's precision
                BigDecimal tolerance = BigDecimal.ONE.movePointLeft(indicator.precision()).divide(BigDecimal.valueOf(2));
                if (given != null && given.subtract(computed).abs().compareTo(tolerance) > 0) {
                    issues.add(Issue.of("value", "indicator.observation.value-mismatch", Numbers.plain(given), indicator.scale(),
                            Numbers.plain(computed)));
                }
            }
            rangeOf(computed, "value", indicator, issues);
            return new Result(issues.isEmpty() ? new Checked(computed, null, numerator, denominator) : null, issues);
        }
        if (hasNumerator || hasDenominator) {
            issues.add(Issue.of(hasNumerator ? "numerator" : "denominator", "indicator.observation.reported-as-value",
                    indicator.code()));
        }
        if (!hasValue) {
            issues.add(Issue.of("value", "common.field.required"));
            return new Result(null, issues);
        }
        BigDecimal value = number(raw.value(), "value", indicator, issues);
        if (value != null) {
            rangeOf(value, "value", indicator, issues);
            if (type == ValueType.COUNT && value.stripTrailingZeros().scale() > 0) {
                issues.add(Issue.of("value", "indicator.observation.count-whole", Numbers.plain(value)));
            }
        }
        return new Result(issues.isEmpty() ? new Checked(value, null, null, null) : null, issues);
    }

    private static void rangeOf(BigDecimal value, String field, Indicator indicator, List<Issue> issues) {
        if (value.signum() < 0) {
            issues.add(Issue.of(field, "indicator.observation.negative", Numbers.plain(value)));
            return;
        }
        BigDecimal max = indicator.valueType().max();
        if (max != null && indicator.bounded() && value.compareTo(max) > 0) {
            issues.add(Issue.of(field, "indicator.observation.range", indicator.valueType().code(), max, Numbers.plain(value)));
        }
    }

    private static BigDecimal number(Object raw, String field, Indicator indicator, List<Issue> issues) {
        BigDecimal n;
        if (raw instanceof BigDecimal d) {
            n = d;
        } else if (raw instanceof Number num) {
            n = new BigDecimal(num.toString());
        } else if (raw instanceof String s) {
            String text = s.strip();
            // a provincial file may write 85% or 1.8‰ for a percentage or per-mille value
            if ("value".equals(field) && indicator.valueType() == ValueType.PERCENTAGE && text.endsWith("%")) {
                text = text.substring(0, text.length() - 1).strip();
            } else if ("value".equals(field) && indicator.valueType() == ValueType.PER_MILLE && text.endsWith("‰")) {
                text = text.substring(0, text.length() - 1).strip();
            }
            try {
                n = new BigDecimal(text);
            } catch (NumberFormatException e) {
                issues.add(Issue.of(field, "indicator.observation.not-number", s));
                return null;
            }
        } else {
            issues.add(Issue.of(field, "indicator.observation.not-number", raw));
            return null;
        }
        if (n.abs().compareTo(MAX_MAGNITUDE) >= 0) {
            issues.add(Issue.of(field, "indicator.observation.too-large"));
            return null;
        }
        if (n.stripTrailingZeros().scale() > MAX_DECIMALS) {
            issues.add(Issue.of(field, "indicator.observation.decimals", MAX_DECIMALS));
            return null;
        }
        return n;
    }

    static Boolean bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "是", "true" -> Boolean.TRUE;
                case "否", "false" -> Boolean.FALSE;
                default -> null;
            };
        }
        return null;
    }

    private static boolean present(Object o) {
        return o != null && !(o instanceof String s && s.isBlank());
    }
}
