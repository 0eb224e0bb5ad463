package cn.tongyou.common.indicator;

import cn.tongyou.common.code.Coded;
import cn.tongyou.common.region.RegionLevel;

/**
 * An indicator whose value comes from facility data (儿童之家覆盖率, 母婴室配置率, 儿童友好公园数量), kept as data: the
 * reporting service computes it from its facility projection with the coverage rule of docs/design.md §6.4, and may send
 * the figure back as an observation.
 *
 * @param facilityType facility type code of the catalogue ({@code children-home}, {@code mother-baby-room} …)
 * @param measure      coverage (units with ≥ 1 open facility meeting the standard ÷ all units) or count
 * @param level        for coverage: the level of the units counted (village = 村/社区, township = 乡镇/街道 …)
 * @param area         urban or rural units only (城市社区 / 农村社区), or null for all
 * @param hostBased    for 母婴室: the denominator is the qualifying host places, not regions
 */
public record Derivation(String facilityType, Measure measure, RegionLevel level, String area, boolean hostBased) {

    public enum Measure implements Coded {
        COVERAGE("coverage"), COUNT("count");

        private final String code;

        Measure(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }

        public static Measure ofCode(String code) {
            return Coded.of(Measure.class, "measure", code);
        }
    }

    public Derivation {
        if (facilityType == null || facilityType.isBlank()) {
            throw new IllegalArgumentException("a derivation names a facility type");
        }
        if (measure == null) {
            throw new IllegalArgumentException("a derivation names a measure (coverage or count)");
        }
        if (area != null && !area.equals("urban") && !area.equals("rural")) {
            throw new IllegalArgumentException("area must be urban, rural or absent");
        }
    }

    /** The derived value is a ratio of units (covered ÷ eligible × 100), so it is reported and rolled up in parts. */
    public boolean hasParts() {
        return measure == Measure.COVERAGE;
    }
}
