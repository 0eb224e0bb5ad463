package cn.tongyou.facility.domain;

import cn.tongyou.common.i18n.InvalidInput;
import cn.tongyou.common.region.RegionLevel;

import java.util.List;
import java.util.Set;

/**
 * The CSV layouts a region import accepts, told apart by their header: the five files of the NBS compilation
 * (provinces, cities, areas, streets, villages — see ../shared/data/divisions/README.md) and a generic
 * {@code code,name,parentCode[,urbanRuralCode][,validTo]} layout holding any mix of levels, parents first.
 */
public enum RegionCsvFormat {
    NBS_PROVINCES(RegionLevel.PROVINCE, null),
    NBS_CITIES(RegionLevel.PREFECTURE, "provinceCode"),
    NBS_AREAS(RegionLevel.COUNTY, "cityCode"),
    NBS_STREETS(RegionLevel.TOWNSHIP, "areaCode"),
    NBS_VILLAGES(RegionLevel.VILLAGE, "streetCode"),
    GENERIC(null, "parentCode");

    private final RegionLevel level;
    private final String parentColumn;

    RegionCsvFormat(RegionLevel level, String parentColumn) {
        this.level = level;
        this.parentColumn = parentColumn;
    }

    /** The level every row must have, or null when the rows may mix levels. */
    public RegionLevel level() {
        return level;
    }

    public String parentColumn() {
        return parentColumn;
    }

    /**
     * Recognises a header.
     *
     * @throws IllegalArgumentException naming the expected headers when it is none of them
     */
    public static RegionCsvFormat detect(List<String> header) {
        Set<String> columns = Set.copyOf(header);
        if (!columns.contains("code") || !columns.contains("name")) {
            throw new InvalidInput("facility.region-csv.header", header.toString());
        }
        if (columns.contains("parentCode")) {
            return GENERIC;
        }
        if (columns.contains("streetCode")) {
            return NBS_VILLAGES;
        }
        if (columns.contains("areaCode")) {
            return NBS_STREETS;
        }
        if (columns.contains("cityCode")) {
            return NBS_AREAS;
        }
        if (columns.contains("provinceCode")) {
            return NBS_CITIES;
        }
        return NBS_PROVINCES;
    }
}
