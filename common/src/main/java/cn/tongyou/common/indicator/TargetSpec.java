package cn.tongyou.common.indicator;

import cn.tongyou.common.code.Coded;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a target asks for: its kind and the parameters the kind needs (see {@link TargetRules} for which).
 *
 * @param kind         the form of the target
 * @param value        the threshold (≥ 4.2), the lower bound of a range, the percent of a reduction, the points per year
 * @param valueMax     the upper bound of a range
 * @param boolValue    the answer a {@code bool} target wants (是 = true)
 * @param baselineYear the region's own year of reference: for reductions, for increase/decrease against a baseline,
 *                     and as the start of the trajectory of a comparison
 * @param reference    for increase/decrease: the previous period (one year earlier) or the baseline year
 */
public record TargetSpec(TargetKind kind, BigDecimal value, BigDecimal valueMax, Boolean boolValue, Integer baselineYear,
                         Reference reference) {

    /** What increase/decrease compares with. */
    public enum Reference implements Coded {
        PREVIOUS("previous"), BASELINE("baseline");

        private final String code;

        Reference(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }

        public static Reference ofCode(String code) {
            return Coded.of(Reference.class, "common.code.reference", code);
        }
    }

    public static TargetSpec of(TargetKind kind, BigDecimal value) {
        return new TargetSpec(kind, value, null, null, null, null);
    }

    public static TargetSpec of(TargetKind kind, double value) {
        return of(kind, BigDecimal.valueOf(value));
    }

    /** The same target with numbers compared by value (4.20 = 4.2), for "did anything change". */
    public boolean sameAs(TargetSpec o) {
        return o != null && kind == o.kind && numEq(value, o.value) && numEq(valueMax, o.valueMax)
                && Objects.equals(boolValue, o.boolValue) && Objects.equals(baselineYear, o.baselineYear)
                && effectiveReference() == o.effectiveReference();
    }

    /** increase/decrease compare with the previous period unless told otherwise. */
    public Reference effectiveReference() {
        if (kind != TargetKind.INCREASE && kind != TargetKind.DECREASE) {
            return null;
        }
        return reference != null ? reference : (baselineYear != null ? Reference.BASELINE : Reference.PREVIOUS);
    }

    private static boolean numEq(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
