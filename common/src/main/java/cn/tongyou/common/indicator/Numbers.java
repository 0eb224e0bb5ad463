package cn.tongyou.common.indicator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Decimal helpers shared by the rules: exact arithmetic, and numbers written the way the plans write them. */
public final class Numbers {

    /** Intermediate results keep this many decimals. */
    public static final int SCALE = 6;

    private Numbers() {
    }

    public static BigDecimal round(BigDecimal v) {
        return v == null ? null : clean(v.setScale(SCALE, RoundingMode.HALF_UP));
    }

    /** Without trailing zeros, and never in exponent form (100, not 1E+2). */
    public static BigDecimal clean(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return a.divide(b, MathContext.DECIMAL64);
    }

    /** 4.2, 2, 0.85 — no trailing zeros, no exponent. */
    public static String plain(BigDecimal v) {
        if (v == null) {
            return "—";
        }
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() < 0) {
            s = s.setScale(0);
        }
        return s.toPlainString();
    }

    /** A value with its unit: 1.8‰, 85%, 4.2个, 是. */
    public static String withUnit(BigDecimal v, Indicator indicator) {
        if (v == null) {
            return "—";
        }
        if (indicator.valueType() == ValueType.BOOLEAN) {
            return v.signum() != 0 ? "是" : "否";
        }
        String unit = indicator.unit();
        return plain(v) + (unit == null || unit.equals("是/否") ? "" : unit);
    }
}
