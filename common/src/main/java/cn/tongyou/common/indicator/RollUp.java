package cn.tongyou.common.indicator;

import cn.tongyou.common.period.Period;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parent region's value formed from its children (汇总): numerators and denominators are summed and the ratio is
 * computed from the sums; counts are summed. Ratios are never averaged (docs/design.md §6.3).
 *
 * <p>Which values below a child region count: the shallowest level that has values within that child — the child's
 * own value when it has one, else its children's, and so on. A township that reported its own figure is therefore
 * never counted twice with its villages. (Exact when each child reports an indicator at one level, which is how
 * the statistics are collected.)
 */
public final class RollUp {

    private RollUp() {
    }

    /**
     * Sums of the values at one level below one child region, for one period (one row of a GROUP BY).
     *
     * @param child       the child region of the parent the sums lie in
     * @param depth       the level of the regions summed (1 province … 5 village)
     * @param numerator   sum of numerators (parts indicators), or null
     * @param denominator sum of denominators, or null
     * @param value       sum of values (count indicators), or null
     * @param regions     how many regions' values were summed
     */
    public record LevelSum(String child, int depth, Period period, BigDecimal numerator, BigDecimal denominator,
                           BigDecimal value, long regions) {
    }

    /** One figure per period for the parent, from the sums below it. */
    public static List<Figure> combine(Indicator indicator, Collection<LevelSum> sums) {
        if (!indicator.rollsUp()) {
            return List.of();
        }
        Map<Period, Map<String, LevelSum>> chosen = chosen(indicator, sums);
        List<Figure> figures = new ArrayList<>();
        chosen.forEach((period, byChild) -> {
            Figure f = figure(indicator, period, byChild.values());
            if (f != null) {
                figures.add(f);
            }
        });
        return figures;
    }

    /** Per period, per child region: the sums of the shallowest level that has values in that child. */
    public static Map<Period, Map<String, LevelSum>> chosen(Indicator indicator, Collection<LevelSum> sums) {
        Map<Period, Map<String, LevelSum>> chosen = new TreeMap<>();
        for (LevelSum s : sums) {
            if (indicator.reportedInParts() ? s.numerator() == null || s.denominator() == null : s.value() == null) {
                continue;
            }
            Map<String, LevelSum> byChild = chosen.computeIfAbsent(s.period(), p -> new HashMap<>());
            LevelSum current = byChild.get(s.child());
            if (current == null || s.depth() < current.depth()) {
                byChild.put(s.child(), s);
            }
        }
        return chosen;
    }

    /** The figure of summed sums (null when the denominators sum to 0). */
    public static Figure figure(Indicator indicator, Period period, Collection<LevelSum> sums) {
        BigDecimal numerator = BigDecimal.ZERO;
        BigDecimal denominator = BigDecimal.ZERO;
        BigDecimal value = BigDecimal.ZERO;
        long regions = 0;
        for (LevelSum s : sums) {
            regions += s.regions();
            if (indicator.reportedInParts()) {
                numerator = numerator.add(s.numerator());
                denominator = denominator.add(s.denominator());
            } else {
                value = value.add(s.value());
            }
        }
        if (indicator.reportedInParts()) {
            if (denominator.signum() == 0) {
                return null;
            }
            BigDecimal ratio = Numbers.round(Numbers.divide(numerator, denominator).multiply(BigDecimal.valueOf(indicator.scale())));
            return new Figure(period, ratio, null, Numbers.clean(numerator), Numbers.clean(denominator), Figure.Source.ROLLUP, regions);
        }
        return new Figure(period, Numbers.clean(value), null, null, null, Figure.Source.ROLLUP, regions);
    }
}
