package cn.tongyou.common.region;

/**
 * The whole country as a scope beside {@link RegionCode}. It is deliberately not a region code: {@code 00…} stays
 * refused by {@link RegionCode#parse} (no province), so an ordinary input can never widen to the country by accident;
 * only an explicit {@value #CODE} (the same value a nationwide token's {@code region} claim carries) names it, and
 * only where an operation accepts the country (issue 16: the country snapshot, computed province by province).
 */
public final class Country {

    /** How a request, a token's region claim and a stored snapshot name the whole country. */
    public static final String CODE = "CN";
    /** The country's name in a view (a province's regionName comes from the region projection). */
    public static final String NAME = "全国";
    /** The level a country view reports ({@link RegionLevel} starts at the province). */
    public static final String LEVEL = "country";

    private Country() {
    }

    /** True when {@code raw} names the whole country: exactly {@value #CODE}, surrounding blanks ignored. */
    public static boolean names(String raw) {
        return raw != null && CODE.equals(raw.strip());
    }
}
