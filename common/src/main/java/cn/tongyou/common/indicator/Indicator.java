package cn.tongyou.common.indicator;

import cn.tongyou.common.i18n.InvalidInput;
import cn.tongyou.common.period.Period;
import java.util.List;
import java.util.Set;

/**
 * An indicator (指标) of the catalogue, as the rules see it.
 *
 * @param code        stable ASCII code ({@code neonatal-mortality-rate})
 * @param name        Chinese name as in the plans
 * @param nameEn      English name, may be null
 * @param domain      the domain (领域) it belongs to, e.g. 公共服务友好 or 儿童与健康
 * @param unit        display unit ({@code %}, {@code ‰}, {@code 个}, {@code 是/否} …), may be null
 * @param valueType   decides validation
 * @param direction   which way is better
 * @param precision   decimals shown
 * @param departments responsible departments (责任单位)
 * @param obtained    reported, computed or derived
 * @param computation for computed indicators (and derived coverage, which is reported in parts too)
 * @param derivation  for derived indicators
 * @param bounded     false for gross rates whose numerator may exceed the denominator (毛入园率 &gt; 100%)
 * @param periodTypes the period types a value may be reported for
 */
public record Indicator(String code, String name, String nameEn, String domain, String unit, ValueType valueType,
                        Direction direction, int precision, List<String> departments, Obtained obtained,
                        Computation computation, Derivation derivation, boolean bounded, Set<Period.Type> periodTypes) {

    public Indicator {
        departments = departments == null ? List.of() : List.copyOf(departments);
        periodTypes = periodTypes == null || periodTypes.isEmpty() ? Set.of(Period.Type.YEAR, Period.Type.HALF_YEAR)
                : Set.copyOf(periodTypes);
        if (obtained == Obtained.COMPUTED && computation == null) {
            throw new InvalidInput("common.indicator.computation-required");
        }
        if (obtained == Obtained.DERIVED && derivation == null) {
            throw new InvalidInput("common.indicator.derivation-required");
        }
    }

    /** Values come as numerator and denominator (computed indicators and derived coverage). */
    public boolean reportedInParts() {
        return obtained == Obtained.COMPUTED || (obtained == Obtained.DERIVED && derivation.hasParts());
    }

    /** The factor from numerator ÷ denominator to the value, when reported in parts. */
    public int scale() {
        if (computation != null) {
            return computation.scale();
        }
        return valueType == ValueType.PER_MILLE ? 1000 : 100;
    }

    /** Whether a parent's value can be formed from its children's: summed parts, or summed counts. */
    public boolean rollsUp() {
        return reportedInParts() || valueType == ValueType.COUNT
                || (obtained == Obtained.DERIVED && derivation.measure() == Derivation.Measure.COUNT);
    }
}
