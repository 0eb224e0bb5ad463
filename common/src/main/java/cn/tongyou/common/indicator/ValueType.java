package cn.tongyou.common.indicator;

import cn.tongyou.common.code.Coded;

/**
 * What kind of value an indicator takes (值类型). The unit is free text for display; the value type decides the rules.
 */
public enum ValueType implements Coded {
    /** Any non-negative decimal: 元, 岁, 小时, ratios such as 托位/千人. */
    NUMBER("number"),
    /** 0 … 100 (%). */
    PERCENTAGE("percentage"),
    /** 0 … 1000 (‰). */
    PER_MILLE("per-mille"),
    /** A non-negative whole number: 个, 名, 人, 起, 场次, 座, 所. */
    COUNT("count"),
    /** 是/否. */
    BOOLEAN("boolean"),
    /** A statement, assessed by a person. */
    TEXT("text");

    private final String code;

    ValueType(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public boolean numeric() {
        return this != BOOLEAN && this != TEXT;
    }

    /** The largest value the type allows, or null when unbounded. */
    public java.math.BigDecimal max() {
        return switch (this) {
            case PERCENTAGE -> java.math.BigDecimal.valueOf(100);
            case PER_MILLE -> java.math.BigDecimal.valueOf(1000);
            default -> null;
        };
    }

    public static ValueType ofCode(String code) {
        return Coded.of(ValueType.class, "common.code.value-type", code);
    }
}
