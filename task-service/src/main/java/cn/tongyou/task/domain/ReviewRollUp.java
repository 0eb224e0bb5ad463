package cn.tongyou.task.domain;

import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rolls the report counts of plan regions up the approval levels: the counts of the region asked for (its whole
 * subtree), and for each approval level below it the counts of every region of that level in the subtree that has any.
 * A region's counts are the sum of the plan regions inside it, so a city's figures are its counties' sums plus those
 * of its own plans; a plan region above a level (the city's own plan) has no row at that level.
 */
public final class ReviewRollUp {

    /** One region at one level, with the counts of its subtree. */
    public record Row(RegionCode region, ReviewCounts counts) {
    }

    /** The regions of one approval level, by code. */
    public record Level(RegionLevel level, List<Row> regions) {
    }

    /**
     * @param totals the counts of the whole subtree asked for
     * @param levels the approval levels below the region asked for, highest first
     */
    public record Summary(ReviewCounts totals, List<Level> levels) {
    }

    private ReviewRollUp() {
    }

    /**
     * @param root          the region asked for; null for the whole country
     * @param approvalLevels the approval chain (configuration), in any order
     * @param byPlanRegion  the counts of each plan region inside {@code root}
     */
    public static Summary of(RegionCode root, List<RegionLevel> approvalLevels, Map<RegionCode, ReviewCounts> byPlanRegion) {
        ReviewCounts totals = byPlanRegion.values().stream().reduce(ReviewCounts.NONE, ReviewCounts::plus);
        List<RegionLevel> below = approvalLevels.stream().distinct()
                .filter(level -> root == null || root.level().isAbove(level))
                .sorted(Comparator.comparingInt(RegionLevel::depth)).toList();
        List<Level> levels = new ArrayList<>();
        for (RegionLevel level : below) {
            Map<RegionCode, ReviewCounts> sums = new TreeMap<>();
            byPlanRegion.forEach((region, counts) -> {
                if (level.isAbove(region.level()) || level == region.level()) {
                    RegionCode at = region.ancestorAt(level);
                    // a township of a city without counties has no county: its plan has no row at county level
                    if (at.level() == level) {
                        sums.merge(at, counts, ReviewCounts::plus);
                    }
                }
            });
            levels.add(new Level(level, sums.entrySet().stream().map(e -> new Row(e.getKey(), e.getValue())).toList()));
        }
        return new Summary(totals, levels);
    }
}
