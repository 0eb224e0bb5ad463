package cn.tongyou.indicator.domain.quality;

import cn.tongyou.common.code.Coded;

import java.math.BigDecimal;

/**
 * How the two sides of a rule compare. {@code <} and {@code >} are strict, {@code <=} and {@code >=} not; values are
 * exact decimals, so none of the four needs a tolerance. {@code ==} and {@code !=} allow {@link #TOLERANCE}: the
 * catalogue keeps at most six decimals (indicator precision 0–6), and a sum of rounded parts may miss its rounded
 * total by less than that.
 */
public enum Operator implements Coded {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    /** |left − right| at most this counts as equal. */
    public static final BigDecimal TOLERANCE = new BigDecimal("0.000001");

    private final String code;

    Operator(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public boolean holds(BigDecimal left, BigDecimal right) {
        int c = left.compareTo(right);
        boolean equal = left.subtract(right).abs().compareTo(TOLERANCE) <= 0;
        return switch (this) {
            case EQ -> equal;
            case NE -> !equal;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }
}
