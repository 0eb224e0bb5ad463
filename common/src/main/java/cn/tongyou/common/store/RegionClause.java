package cn.tongyou.common.store;

import cn.tongyou.common.region.RegionCode;

import java.util.List;

/**
 * The region part of a list's {@code where}: one region's rows, or its whole subtree by code prefix (the
 * {@code varchar_pattern_ops} indexes on {@code region_code} serve the {@code like}).
 */
public final class RegionClause {

    private RegionClause() {
    }

    /** Adds the clause on {@code region_code} and its parameter; nothing when {@code region} is null. */
    public static void add(List<String> clauses, List<Object> params, RegionCode region, boolean descendants) {
        if (region == null) {
            return;
        }
        if (descendants) {
            clauses.add("region_code like ?");
            params.add(region.subtreePattern());
        } else {
            clauses.add("region_code = ?");
            params.add(region.value());
        }
    }
}
