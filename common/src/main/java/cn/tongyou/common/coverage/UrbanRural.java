package cn.tongyou.common.coverage;

import cn.tongyou.common.code.Coded;

import java.util.List;
import java.util.Optional;

/**
 * Urban or rural: the class a village (村级 unit) counts in for the urban / rural coverages a plan states
 * (城市/农村家长学校覆盖率, 农村儿童之家覆盖率 …). docs/design.md §3.
 *
 * <p>Two sources, the first that is known wins:
 * <ol>
 *   <li>the NBS 城乡分类代码 ({@code urbanRuralCode}: 1xx 城镇 — 111 主城区 … 123 特殊区域 — urban, 2xx 乡村 — 210 乡中心区,
 *       220 村庄 — rural), as a provincial system imports it ({@code urbanRuralSource = imported});</li>
 *   <li>otherwise the class derived from the village's name by {@link #fromName} ({@code derived}): the 2023 village
 *       table carries no 城乡分类代码, its names tell most units apart.</li>
 * </ol>
 * A unit of unknown class counts in neither the urban nor the rural coverage (it still counts in the overall one).
 */
public enum UrbanRural implements Coded {
    URBAN("urban"),
    RURAL("rural");

    /** Name endings of urban units (居民委员会, 社区): longer endings first, so that …村社区居委会 reads urban. */
    public static final List<String> URBAN_ENDINGS = List.of("居民委员会", "居委会", "社区");
    /** Name endings of rural units (村民委员会, 嘎查 = a village in Inner Mongolia). */
    public static final List<String> RURAL_ENDINGS = List.of("村民委员会", "村委会", "村委", "村", "嘎查");

    private final String code;

    UrbanRural(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** The class of an NBS 城乡分类代码: 1xx urban, 2xx rural; empty when there is no code or it is neither. */
    public static Optional<UrbanRural> ofCode(String urbanRuralCode) {
        if (urbanRuralCode == null || urbanRuralCode.isEmpty()) {
            return Optional.empty();
        }
        return switch (urbanRuralCode.charAt(0)) {
            case '1' -> Optional.of(URBAN);
            case '2' -> Optional.of(RURAL);
            default -> Optional.empty();
        };
    }

    /**
     * The heuristic for names without a code: a name ending in 居民委员会 / 居委会 / 社区 (e.g. 老城社区居委会) is urban,
     * one ending in 村民委员会 / 村委会 / 村委 / 村 / 嘎查 (e.g. 陈沟村村委会) is rural, any other (…生活区, …管理区, …大队,
     * a 农场 or 林场 unit) unknown. Only the ending counts: 东村社区居委会 is urban, 社区村委会 rural. Wrong for some units
     * (a 村 that has become a town quarter, a 社区 in a rural township); a provincial system corrects those by importing
     * the official 城乡分类代码.
     */
    public static Optional<UrbanRural> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip();
        // the longest matching ending decides (…社区居委会: 居委会, …社区村委会: 村委会)
        UrbanRural best = null;
        int bestLength = 0;
        for (UrbanRural c : values()) {
            for (String ending : c == URBAN ? URBAN_ENDINGS : RURAL_ENDINGS) {
                if (n.endsWith(ending) && ending.length() > bestLength) {
                    best = c;
                    bestLength = ending.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The class by its code ({@code urban}, {@code rural}); empty for null or anything else. */
    public static Optional<UrbanRural> ofClass(String urbanRural) {
        return Coded.find(UrbanRural.class, urbanRural);
    }

    /**
     * Whether a unit belongs to an area of a coverage.
     *
     * @param urbanRuralCode the unit's NBS 城乡分类代码, or null
     * @param urbanRural     the unit's class as recorded by the registry ({@code urban}/{@code rural}, imported or
     *                       derived), or null
     * @param area           {@code urban}, {@code rural}, or null for every unit
     */
    public static boolean inArea(String urbanRuralCode, String urbanRural, String area) {
        if (area == null) {
            return true;
        }
        Optional<UrbanRural> unit = ofCode(urbanRuralCode).or(() -> ofClass(urbanRural));
        return unit.isPresent() && unit.get().code.equals(area);
    }
}
