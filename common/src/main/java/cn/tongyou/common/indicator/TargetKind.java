package cn.tongyou.common.indicator;

import cn.tongyou.common.code.Coded;

import java.util.List;

/**
 * The forms a target takes in the plans (docs/design.md §6.1). Strict and non-strict comparisons differ: "<2‰" is not met by
 * 2.0, "≤2‰" is.
 */
public enum TargetKind implements Coded {
    AT_LEAST(">="),
    ABOVE(">"),
    AT_MOST("<="),
    BELOW("<"),
    EQUALS("=="),
    /** value … valueMax, both inclusive. */
    RANGE("range"),
    /** 是/否. */
    BOOL("bool"),
    /** More than the previous period (one year earlier) or than a named baseline year. */
    INCREASE("increase"),
    /** Less than the previous period or than a named baseline year. */
    DECREASE("decrease"),
    /** value % below the region's own value of the baseline year ("以2020年为基数下降20%"). */
    REDUCE_PCT_FROM_BASELINE("reduce-pct-from-baseline"),
    /**
     * value percentage points lower every year: from the baseline year's value when one is named, else year on year
     * ("每年降低0.5个百分点").
     */
    REDUCE_PP_PER_YEAR("reduce-pp-per-year"),
    /** No measurable value; assessed by a person with a recorded verdict and reason. */
    QUALITATIVE("qualitative");

    private final String code;

    TargetKind(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static TargetKind ofCode(String code) {
        return Coded.of(TargetKind.class, "common.code.target-kind", code);
    }

    public static List<String> codes() {
        return Coded.codes(TargetKind.class);
    }

    /** The four comparisons and ==: a threshold value decides. */
    public boolean isComparison() {
        return this == AT_LEAST || this == ABOVE || this == AT_MOST || this == BELOW || this == EQUALS;
    }

    public boolean isStrict() {
        return this == ABOVE || this == BELOW;
    }

    /** The direction this kind of target asks for. */
    public Direction direction() {
        return switch (this) {
            case AT_LEAST, ABOVE, INCREASE -> Direction.INCREASE;
            case AT_MOST, BELOW, DECREASE, REDUCE_PCT_FROM_BASELINE, REDUCE_PP_PER_YEAR -> Direction.DECREASE;
            case EQUALS, RANGE -> Direction.TARGET;
            case BOOL, QUALITATIVE -> Direction.NONE;
        };
    }

    /** ≥ 4.2, &lt; 2, 0–17 … as written in an explanation. */
    public String symbol() {
        return switch (this) {
            case AT_LEAST -> "≥";
            case ABOVE -> ">";
            case AT_MOST -> "≤";
            case BELOW -> "<";
            case EQUALS -> "=";
            default -> code;
        };
    }
}
