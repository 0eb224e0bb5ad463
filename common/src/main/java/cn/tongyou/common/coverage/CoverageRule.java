package cn.tongyou.common.coverage;

import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Coverage of a region by a facility type (docs/design.md §6.4): the share of eligible units (villages, townships … or, for
 * 母婴室, the public places obliged to host one) that are covered. Totals and the per-child-region figures are sums of
 * counts; a ratio is always covered ÷ eligible of the same scope, never an average of child ratios, and null when
 * nothing is eligible.
 */
public final class CoverageRule {

    private CoverageRule() {
    }

    /** A child region of the scope, listed even when it has no eligible unit. */
    public record ChildRegion(String code, String name) {
    }

    /** Counts of one child region. */
    public record ChildCoverage(String code, String name, long eligible, long covered, Double ratio) {
    }

    /**
     * @param eligible   units that should be covered
     * @param covered    of those, the covered ones
     * @param ratio      covered ÷ eligible in 0..1, null when nothing is eligible
     * @param children   per child region of the scope, ordered by code
     * @param unassigned eligible units located at the scope itself, above every child (counted in the totals only)
     */
    public record Result(long eligible, long covered, Double ratio, List<ChildCoverage> children, long unassigned) {
    }

    public static Double ratio(long covered, long eligible) {
        if (covered < 0 || covered > eligible) {
            throw new IllegalArgumentException("covered must be within 0.." + eligible + ", was " + covered);
        }
        return eligible == 0 ? null : (double) covered / eligible;
    }

    /**
     * Coverage of {@code scope} where the units are regions: {@code eligibleUnits} are their codes (duplicates count
     * once), {@code coveredUnits} the covered ones (codes that are not eligible are ignored).
     *
     * @param childLevel the level of the child regions to report, or null for none (a scope at the unit level)
     */
    public static Result compute(RegionCode scope, Collection<String> eligibleUnits, Set<String> coveredUnits,
                                 RegionLevel childLevel) {
        Tally tally = new Tally(scope, childLevel, List.of());
        for (String unit : new LinkedHashSet<>(eligibleUnits)) {
            tally.add(unit, coveredUnits.contains(unit));
        }
        return tally.result();
    }

    /**
     * Streaming form: add each eligible unit once, with the region it lies in and whether it is covered, in any order.
     * Memory is one counter pair per child region.
     */
    public static final class Tally {
        private final RegionCode scope;
        private final RegionLevel childLevel;
        private final Map<String, String> names = new TreeMap<>();
        private final Map<String, long[]> counts = new TreeMap<>();
        private long eligible;
        private long covered;
        private long unassigned;

        /**
         * @param scope      the region whose coverage is computed
         * @param childLevel level of the child regions to report (normally the level just below the scope), or null
         * @param children   the child regions to list even when they have no eligible unit, with their names
         */
        public Tally(RegionCode scope, RegionLevel childLevel, Collection<ChildRegion> children) {
            if (childLevel != null && !scope.level().isAbove(childLevel)) {
                throw new IllegalArgumentException("child level " + childLevel.code() + " is not below " + scope.level().code());
            }
            this.scope = scope;
            this.childLevel = childLevel;
            for (ChildRegion child : children) {
                RegionCode code = RegionCode.parse(child.code());
                if (childLevel == null || code.level() != childLevel || !code.isWithin(scope)) {
                    throw new IllegalArgumentException(child.code() + " is not a " + (childLevel == null ? "child" : childLevel.code())
                            + " of " + scope.value());
                }
                names.put(code.value(), child.name());
                counts.put(code.value(), new long[2]);
            }
        }

        /**
         * Counts one eligible unit located in region {@code location} (the unit's own code for region units).
         *
         * @throws IllegalArgumentException when the location is not inside the scope
         */
        public Tally add(String location, boolean isCovered) {
            RegionCode code = RegionCode.parse(location);
            if (!code.isWithin(scope)) {
                throw new IllegalArgumentException(location + " is not inside " + scope.value());
            }
            eligible++;
            if (isCovered) {
                covered++;
            }
            if (childLevel == null || code.level().isAbove(childLevel)) {
                unassigned++;
                return this;
            }
            long[] child = counts.computeIfAbsent(code.ancestorAt(childLevel).value(), k -> new long[2]);
            child[0]++;
            if (isCovered) {
                child[1]++;
            }
            return this;
        }

        public Result result() {
            List<ChildCoverage> children = new ArrayList<>(counts.size());
            counts.forEach((code, c) -> children.add(new ChildCoverage(code, names.get(code), c[0], c[1], ratio(c[1], c[0]))));
            return new Result(eligible, covered, ratio(covered, eligible), List.copyOf(children), unassigned);
        }
    }
}
