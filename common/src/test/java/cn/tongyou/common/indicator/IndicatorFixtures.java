package cn.tongyou.common.indicator;


import cn.tongyou.common.period.Period;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small builders for the rule tests. */
public final class IndicatorFixtures {

    private IndicatorFixtures() {
    }

    public static Indicator percentage() {
        return new Indicator("rate", "覆盖率", null, "公共服务友好", "%", ValueType.PERCENTAGE, Direction.INCREASE, 2, List.of(),
                Obtained.COMPUTED, new Computation(100, null, null), null, true, Set.of(Period.Type.YEAR, Period.Type.HALF_YEAR));
    }

    public static Indicator perMille() {
        return new Indicator("mortality", "新生儿死亡率", null, "公共服务友好", "‰", ValueType.PER_MILLE, Direction.DECREASE, 2, List.of(),
                Obtained.COMPUTED, new Computation(1000, null, null), null, true, Set.of(Period.Type.YEAR));
    }

    public static Indicator number(String unit) {
        return new Indicator("number", "数值", null, "公共服务友好", unit, ValueType.NUMBER, Direction.INCREASE, 2, List.of(),
                Obtained.REPORTED, null, null, true, Set.of());
    }

    public static Indicator count() {
        return new Indicator("count", "数量", null, "公共服务友好", "人", ValueType.COUNT, Direction.INCREASE, 0, List.of(),
                Obtained.REPORTED, null, null, true, Set.of());
    }

    public static Indicator bool() {
        return new Indicator("yes-no", "是否建立", null, "社会政策友好", "是/否", ValueType.BOOLEAN, Direction.NONE, 0, List.of(),
                Obtained.REPORTED, null, null, true, Set.of());
    }

    public static Indicator text() {
        return new Indicator("text", "定性", null, "儿童与健康", null, ValueType.TEXT, Direction.NONE, 0, List.of(),
                Obtained.REPORTED, null, null, true, Set.of());
    }

    public static Indicator derivedCoverage() {
        return new Indicator("children-home-coverage", "城乡社区儿童之家覆盖率", null, "成长空间友好", "%", ValueType.PERCENTAGE,
                Direction.INCREASE, 2, List.of(), Obtained.DERIVED, null,
                new Derivation("children-home", Derivation.Measure.COVERAGE, cn.tongyou.common.region.RegionLevel.VILLAGE, null, false),
                true, Set.of());
    }

    /** A series from pairs: "2020", 80, "2023H1", 85 … */
    public static Series series(Object... pairs) {
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            BigDecimal value = v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
            figures.add(Figure.of(Period.parse((String) pairs[i]), value));
        }
        return Series.of(figures);
    }

    public static TargetSpec spec(TargetKind kind, String value) {
        return TargetSpec.of(kind, new BigDecimal(value));
    }

    public static BigDecimal d(String v) {
        return new BigDecimal(v);
    }
}
