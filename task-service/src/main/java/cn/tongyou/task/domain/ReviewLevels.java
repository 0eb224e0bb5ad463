package cn.tongyou.task.domain;

import cn.tongyou.common.region.RegionCode;

/**
 * The level a review of a progress report was made from: the reviewer's token region level, or nationwide for a
 * token of the whole country. Recorded with each review so that reports show at which level of the hierarchy they
 * were accepted or returned (a county office, the city above it, the province).
 */
public final class ReviewLevels {

    public static final String NATIONWIDE = "nationwide";

    private ReviewLevels() {
    }

    /** @param scopeRoot the root of the reviewer's region scope; null for a nationwide token */
    public static String of(RegionCode scopeRoot) {
        return scopeRoot == null ? NATIONWIDE : scopeRoot.level().code();
    }
}
