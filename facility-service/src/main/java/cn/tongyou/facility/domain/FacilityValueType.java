package cn.tongyou.facility.domain;

import cn.tongyou.common.i18n.InvalidInput;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.code.Coded;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The type of a checklist item or a declared attribute value. */
public enum FacilityValueType implements Coded {
    BOOLEAN("boolean"),
    NUMBER("number"),
    INTEGER("integer"),
    TEXT("text");

    private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "是", "有", "√");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "否", "无", "×");

    private final String code;

    FacilityValueType(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static FacilityValueType ofCode(String code) {
        return Coded.of(FacilityValueType.class, "facility.code.value-type", code);
    }

    /** Why {@code value} (as read from JSON) is not of this type; empty when it is (null is always accepted). */
    public Optional<Message> problem(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (this) {
            case BOOLEAN -> value instanceof Boolean ? Optional.empty() : Optional.of(Message.of("facility.value.boolean"));
            case NUMBER -> value instanceof Number n && Double.isFinite(n.doubleValue())
                    ? Optional.empty() : Optional.of(Message.of("facility.value.number"));
            case INTEGER -> isIntegral(value) ? Optional.empty() : Optional.of(Message.of("facility.value.integer"));
            case TEXT -> value instanceof String ? Optional.empty() : Optional.of(Message.of("facility.value.text"));
        };
    }

    /**
     * Parses a CSV cell: booleans accept true/false, yes/no, 1/0, 是/否, 有/无; numbers use a dot as decimal separator.
     *
     * @return the value (null for an empty cell)
     * @throws IllegalArgumentException with a message for the API user when the cell cannot be read
     */
    public Object parseText(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        switch (this) {
            case BOOLEAN -> {
                String lower = s.toLowerCase(Locale.ROOT);
                if (TRUE.contains(lower)) {
                    return Boolean.TRUE;
                }
                if (FALSE.contains(lower)) {
                    return Boolean.FALSE;
                }
                throw new InvalidInput("facility.value.not-yes-no", s);
            }
            case NUMBER, INTEGER -> {
                BigDecimal number;
                try {
                    number = new BigDecimal(s);
                } catch (NumberFormatException e) {
                    throw new InvalidInput("facility.value.not-number", s);
                }
                Object normalised = FacilityValues.normaliseNumber(number);
                if (this == INTEGER && !(normalised instanceof Long)) {
                    throw new InvalidInput("facility.value.not-integer", s);
                }
                return normalised;
            }
            default -> {
                return s;
            }
        }
    }

    private static boolean isIntegral(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof java.math.BigInteger) {
            return true;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) && d == Math.rint(d);
        }
        return false;
    }
}
