package cn.tongyou.common.indicator;

import cn.tongyou.common.period.Period;
import java.math.BigDecimal;

/**
 * One value of an indicator for one region and period, as the evaluation uses it: a stored observation, or the
 * roll-up of the region's children.
 *
 * @param value        the number (1/0 for 是/否), null for text
 * @param text         the statement of a text indicator
 * @param numerator    numerator when reported in parts
 * @param denominator  denominator when reported in parts
 * @param source       where it came from
 * @param contributors regions whose values were summed (1 for an observation)
 */
public record Figure(Period period, BigDecimal value, String text, BigDecimal numerator, BigDecimal denominator,
                     Source source, long contributors) {

    public enum Source {
        OBSERVATION("observation"), ROLLUP("rollup");

        private final String code;

        Source(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public static Figure of(Period period, BigDecimal value) {
        return new Figure(period, value, null, null, null, Source.OBSERVATION, 1);
    }

    public static Figure of(String period, double value) {
        return of(Period.parse(period), BigDecimal.valueOf(value));
    }
}
