package cn.tongyou.common.indicator;

import cn.tongyou.common.period.Period;
import java.math.BigDecimal;

/**
 * The verdict on one target and everything it was based on, so that it can be explained and checked.
 *
 * @param status      the verdict
 * @param reason      a stable code for NO_DATA and the like ({@code no-value}, {@code baseline-missing},
 *                    {@code reference-missing}, {@code derived-not-reported}, {@code not-assessed}), else null
 * @param inputs      the values used
 * @param explanation a short Chinese and English explanation
 */
public record Evaluation(Status status, String reason, Inputs inputs, Explanation explanation) {

    /**
     * @param value         the value judged (latest up to the cut-off), or null
     * @param baseline      the start of the trajectory or the base of a reduction, or null
     * @param baselineBasis where the baseline comes from: {@code target-baseline-year} (named by the target) or
     *                      {@code earliest-value} (the first value reported before the judged one)
     * @param reference     the value an increase/decrease or a yearly reduction is compared with, or null
     * @param targetValue   the value to reach (threshold, or computed from the baseline for reductions), or null
     * @param expected      the value the linear trajectory asks for at the judged value's period, or null
     * @param cutoff        the latest period considered: the target year, or asOf when earlier
     * @param finalValue    true when the judged value is the target period's own (MET/NOT_MET)
     */
    public record Inputs(Figure value, Figure baseline, String baselineBasis, Figure reference, BigDecimal targetValue,
                         BigDecimal expected, Period cutoff, boolean finalValue) {

        public static Inputs none(Period cutoff) {
            return new Inputs(null, null, null, null, null, null, cutoff, false);
        }
    }

    public record Explanation(String zh, String en) {
    }
}
