package cn.tongyou.common.discipline;

import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The approval chain (issue 15): the region levels at which a region's values are accepted, lowest first, e.g. county
 * → prefecture → province. A region at one level submits; the next level of the chain accepts. The levels are
 * configuration ({@code cfc.discipline.approval-levels}), not code.
 *
 * <p>An <em>approval unit</em> is a region at a chain level. A value of a region below the chain (a township, a
 * village) is covered by the unit of the nearest chain level above it; a township of a prefecture-level city without
 * counties (东莞) is covered by the prefecture when the chain has no other level between.
 */
public final class ApprovalLevels {

    private final List<RegionLevel> levels;

    /** @param levels lowest first, distinct, at least one */
    public ApprovalLevels(List<RegionLevel> levels) {
        if (levels == null || levels.isEmpty()) {
            throw new IllegalArgumentException("cfc.discipline.approval-levels must name at least one region level");
        }
        EnumSet<RegionLevel> seen = EnumSet.noneOf(RegionLevel.class);
        for (int i = 0; i < levels.size(); i++) {
            RegionLevel level = levels.get(i);
            if (level == null || !seen.add(level)) {
                throw new IllegalArgumentException("cfc.discipline.approval-levels names a level twice or an empty one: " + levels);
            }
            if (i > 0 && !level.isAbove(levels.get(i - 1))) {
                throw new IllegalArgumentException("cfc.discipline.approval-levels must go from the lowest level up "
                        + "(e.g. county,prefecture,province), was " + levels);
            }
        }
        this.levels = List.copyOf(levels);
    }

    /** The chain, lowest first. */
    public List<RegionLevel> levels() {
        return levels;
    }

    public boolean isApprovalLevel(RegionLevel level) {
        return levels.contains(level);
    }

    /** The level that accepts what {@code level} submits: the next one in the chain; empty at the top or off the chain. */
    public Optional<RegionLevel> above(RegionLevel level) {
        int at = levels.indexOf(level);
        return at < 0 || at == levels.size() - 1 ? Optional.empty() : Optional.of(levels.get(at + 1));
    }

    /**
     * The approval unit whose approval covers a value of {@code region}: the region itself when its level is in the
     * chain, else its ancestor at the nearest chain level above it; empty for a region above the chain's top level.
     */
    public Optional<RegionCode> coveringUnit(RegionCode region) {
        if (isApprovalLevel(region.level())) {
            return Optional.of(region);
        }
        for (RegionLevel level : levels) {
            if (!level.isAbove(region.level())) {
                continue;
            }
            RegionCode unit = region.ancestorAt(level);
            // a township without a county (东莞) reaches the prefecture here: covered by it only if the chain has it
            if (unit.level() == level || isApprovalLevel(unit.level())) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }

    /**
     * The approval unit covering {@code region} ({@link #coveringUnit}).
     *
     * @throws IllegalArgumentException for a region above the chain's top level, which no approval covers
     */
    public RegionCode unit(RegionCode region) {
        return coveringUnit(region).orElseThrow(() -> new IllegalArgumentException(
                region + " is a " + region.level().code() + ", above every approval level " + levels));
    }

    /** The level of the approval unit covering {@code region} ({@link #unit}). */
    public RegionLevel unitLevel(RegionCode region) {
        return unit(region).level();
    }
}
