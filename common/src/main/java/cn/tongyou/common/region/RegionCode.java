package cn.tongyou.common.region;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A 12-digit statistical division code (统计用区划代码). Digits 1–2 are the province, 3–4 the prefecture, 5–6 the county
 * (= GB/T 2260), 7–9 the township and 10–12 the village. Level and ancestors follow from the digits alone, so any
 * service can validate a code and roll up by prefix without a lookup (docs/design.md §3).
 *
 * <p>Input may use the short forms 2, 4, 6, 9 or 12 digits; they are zero-padded to 12.
 */
public final class RegionCode implements Comparable<RegionCode> {

    public static final int LENGTH = 12;

    private final String value;
    private final RegionLevel level;

    private RegionCode(String value, RegionLevel level) {
        this.value = value;
        this.level = level;
    }

    /**
     * Parses and normalises a code.
     *
     * @throws InvalidRegionCodeException with a message fit for an API user when the code is malformed
     */
    public static RegionCode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidRegionCodeException("common.region.empty");
        }
        String code = raw.strip();
        int length = code.length();
        if (length != 2 && length != 4 && length != 6 && length != 9 && length != 12) {
            throw new InvalidRegionCodeException("common.region.length", raw);
        }
        for (int i = 0; i < length; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidRegionCodeException("common.region.digits", raw);
            }
        }
        String padded = length == LENGTH ? code : code + "0".repeat(LENGTH - length);
        if (padded.startsWith("00")) {
            throw new InvalidRegionCodeException("common.region.no-province", raw);
        }
        RegionLevel level = levelOf(padded);
        // A code such as 110000000001 skips levels: the village part is set while the township is zero. The one
        // gap the NBS uses is the county of a prefecture-level city without counties (不设区的地级市: 东莞, 中山,
        // 儋州), whose townships read 4419 00 003: they hang directly under the prefecture.
        for (RegionLevel above : RegionLevel.values()) {
            if (!above.isAbove(level)) {
                break;
            }
            if (above == RegionLevel.COUNTY && isZero(padded, 4, 6)) {
                continue;
            }
            if (isZero(padded, previousDigits(above), above.digits())) {
                throw new InvalidRegionCodeException("common.region.skips-level", raw, above.code());
            }
        }
        return new RegionCode(padded, level);
    }

    /** True when {@code raw} parses; for filters that want to tell bad input from unknown regions. */
    public static boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (InvalidRegionCodeException e) {
            return false;
        }
    }

    private static RegionLevel levelOf(String padded) {
        if (isZero(padded, 2, 12)) {
            return RegionLevel.PROVINCE;
        }
        if (isZero(padded, 4, 12)) {
            return RegionLevel.PREFECTURE;
        }
        if (isZero(padded, 6, 12)) {
            return RegionLevel.COUNTY;
        }
        if (isZero(padded, 9, 12)) {
            return RegionLevel.TOWNSHIP;
        }
        return RegionLevel.VILLAGE;
    }

    private static int previousDigits(RegionLevel level) {
        return level == RegionLevel.PROVINCE ? 0 : RegionLevel.values()[level.ordinal() - 1].digits();
    }

    private static boolean isZero(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    public String value() {
        return value;
    }

    public RegionLevel level() {
        return level;
    }

    /** The significant digits: "410182" for a county, "410182101" for a township. */
    public String prefix() {
        return value.substring(0, level.digits());
    }

    /** The SQL {@code LIKE} pattern matching this region and every descendant. */
    public String subtreePattern() {
        return prefix() + "%";
    }

    public RegionCode parent() {
        List<RegionCode> ancestors = ancestors();
        return ancestors.isEmpty() ? null : ancestors.get(ancestors.size() - 1);
    }

    /** True for a township or village of a prefecture-level city without counties (county digits 00). */
    public boolean skipsCounty() {
        return level.ordinal() > RegionLevel.COUNTY.ordinal() && isZero(value, 4, 6);
    }

    public RegionCode ancestorAt(RegionLevel ancestorLevel) {
        if (ancestorLevel == RegionLevel.COUNTY && skipsCounty()) {
            return ancestorAt(RegionLevel.PREFECTURE);
        }
        if (ancestorLevel.ordinal() > level.ordinal()) {
            throw new IllegalArgumentException(value + " is a " + level.code() + ", it has no " + ancestorLevel.code() + " ancestor");
        }
        String truncated = value.substring(0, ancestorLevel.digits()) + "0".repeat(LENGTH - ancestorLevel.digits());
        return new RegionCode(truncated, ancestorLevel);
    }

    /** Ancestors from the province down to the parent (without the county a {@link #skipsCounty} code lacks). */
    public List<RegionCode> ancestors() {
        List<RegionCode> result = new ArrayList<>();
        for (RegionLevel l : RegionLevel.values()) {
            if (!l.isAbove(level)) {
                break;
            }
            if (l == RegionLevel.COUNTY && skipsCounty()) {
                continue;
            }
            result.add(ancestorAt(l));
        }
        return result;
    }

    /** True when this region is {@code other} or lies inside its subtree. */
    public boolean isWithin(RegionCode other) {
        return level.ordinal() >= other.level.ordinal() && value.startsWith(other.prefix());
    }

    @Override
    public int compareTo(RegionCode o) {
        return value.compareTo(o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegionCode other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
