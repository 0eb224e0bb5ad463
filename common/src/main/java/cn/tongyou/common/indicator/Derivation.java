package cn.tongyou.common.indicator;

import cn.tongyou.common.i18n.InvalidInput;
import cn.tongyou.common.code.Coded;
import cn.tongyou.common.region.RegionLevel;

import java.time.LocalDate;
import java.util.List;

/**
 * An indicator whose value comes from facility data (儿童之家覆盖率, 母婴室配置率, 儿童友好公园数量, 儿童之家达标率), kept as
 * data: the reporting service computes it from its facility projection with the rules of docs/design.md §6.4, and may
 * send the figure back as an observation. Producer (indicator-service) and consumer (reporting-service) read the same
 * record, so a qualified count ("新建", "市级示范", "城区") is its own indicator with its qualifiers spelt out here.
 *
 * @param facilityType     facility type code of the catalogue ({@code children-home}, {@code mother-baby-room} …)
 * @param measure          coverage (units with ≥ 1 open facility meeting the standard ÷ all units), count (open
 *                         facilities meeting their standard) or standard (open facilities meeting their type's
 *                         standard ÷ open facilities of the type)
 * @param level            for coverage: the level of the units counted (village = 村/社区, township = 乡镇/街道 …)
 * @param area             urban or rural units only (城市社区 / 农村社区), or null for all; for a count or standard: the
 *                         facilities in urban (城乡分类代码 1xx) or rural (2xx) villages only
 * @param hostBased        for 母婴室: the denominator is the qualifying host places, not regions
 * @param openedSince      for a count: only facilities opened on or after this day ("新建 … since the plan's start")
 * @param certifiedAtLeast for a count: only facilities certified (示范) at this level or above: county, prefecture, province
 * @param nameContains     for a count: only facilities whose name contains this word (a sub-kind the register does not
 *                         type: 幼儿园 among 儿童友好学校, 体育公园 among parks …)
 * @param standard         for a standard measure: the standard the facility service checks the type against (五有,
 *                         国卫指导发〔2016〕63号); null when the seeds define none, and then the target needs an assessment
 */
public record Derivation(String facilityType, Measure measure, RegionLevel level, String area, boolean hostBased,
                         LocalDate openedSince, String certifiedAtLeast, String nameContains, String standard) {

    /** Certification levels (示范) from lowest to highest, as the facility events write them. */
    public static final List<String> CERTIFICATION_LEVELS = List.of("county", "prefecture", "province");

    public enum Measure implements Coded {
        COVERAGE("coverage"), COUNT("count"), STANDARD("standard");

        private final String code;

        Measure(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }

        public static Measure ofCode(String code) {
            return Coded.of(Measure.class, "common.code.measure", code);
        }
    }

    public Derivation {
        if (facilityType == null || facilityType.isBlank()) {
            throw new InvalidInput("common.indicator.derivation.facility-type");
        }
        if (measure == null) {
            throw new InvalidInput("common.indicator.derivation.measure");
        }
        if (area != null && !area.equals("urban") && !area.equals("rural")) {
            throw new InvalidInput("common.indicator.derivation.area");
        }
        if (certifiedAtLeast != null && !CERTIFICATION_LEVELS.contains(certifiedAtLeast)) {
            throw new InvalidInput("common.indicator.derivation.certified", CERTIFICATION_LEVELS.toString());
        }
        if (nameContains != null && nameContains.isBlank()) {
            nameContains = null;
        }
        if (standard != null && standard.isBlank()) {
            standard = null;
        }
    }

    /** A coverage or unqualified count (the form before qualifiers existed). */
    public Derivation(String facilityType, Measure measure, RegionLevel level, String area, boolean hostBased) {
        this(facilityType, measure, level, area, hostBased, null, null, null, null);
    }

    /** The derived value is a ratio (covered ÷ eligible × 100, meeting ÷ open × 100), so it is reported and rolled up in parts. */
    public boolean hasParts() {
        return measure == Measure.COVERAGE || measure == Measure.STANDARD;
    }

    /** Whether a facility certified at {@code level} (null = not certified) passes {@link #certifiedAtLeast}. */
    public boolean certified(String level) {
        if (certifiedAtLeast == null) {
            return true;
        }
        int have = level == null ? -1 : CERTIFICATION_LEVELS.indexOf(level);
        return have >= CERTIFICATION_LEVELS.indexOf(certifiedAtLeast);
    }

    /** Whether any count qualifier is set. */
    public boolean qualified() {
        return openedSince != null || certifiedAtLeast != null || nameContains != null || area != null;
    }
}
