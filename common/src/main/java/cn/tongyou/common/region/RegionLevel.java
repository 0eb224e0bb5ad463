package cn.tongyou.common.region;

import cn.tongyou.common.code.Coded;

/**
 * The five levels of the statistical division code (统计用区划代码). The numeric depth is 1 for a province and 5 for a
 * village; {@link #digits()} is how many leading digits of the 12-digit code identify a region of this level.
 */
public enum RegionLevel implements Coded {
    PROVINCE("province", "省级", 2),
    PREFECTURE("prefecture", "地级", 4),
    COUNTY("county", "县级", 6),
    TOWNSHIP("township", "乡级", 9),
    VILLAGE("village", "村级", 12);

    private final String code;
    private final String chineseName;
    private final int digits;

    RegionLevel(String code, String chineseName, int digits) {
        this.code = code;
        this.chineseName = chineseName;
        this.digits = digits;
    }

    /** Stable ASCII name used in the API ({@code level=village}). */
    @Override
    public String code() {
        return code;
    }

    public String chineseName() {
        return chineseName;
    }

    public int digits() {
        return digits;
    }

    public int depth() {
        return ordinal() + 1;
    }

    public boolean isAbove(RegionLevel other) {
        return ordinal() < other.ordinal();
    }

    public RegionLevel below() {
        if (this == VILLAGE) {
            throw new IllegalStateException("a village has no level below it");
        }
        return values()[ordinal() + 1];
    }

    public static RegionLevel ofCode(String code) {
        return Coded.of(RegionLevel.class, "common.code.region-level", code);
    }

    public static RegionLevel ofDepth(int depth) {
        if (depth < 1 || depth > 5) {
            throw new IllegalArgumentException("region depth must be 1..5");
        }
        return values()[depth - 1];
    }
}
