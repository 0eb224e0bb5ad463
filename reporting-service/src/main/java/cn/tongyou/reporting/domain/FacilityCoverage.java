package cn.tongyou.reporting.domain;

import cn.tongyou.common.coverage.CoverageRule;
import cn.tongyou.common.coverage.UrbanRural;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.reporting.domain.Compliance.FacilityItem;
import cn.tongyou.reporting.domain.Compliance.RegionRef;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Facility coverage and counts over subtrees of one {@link Facts} (docs/design.md §6.4), for one computation. A province view
 * asks for the coverage of itself and of every child, each up to three times (the facility item and derived
 * indicators), over 50,000 villages: so the regions are indexed once by level in code order (a subtree is then a
 * contiguous range, found by binary search on its code prefix) and by parent, the covered units once per facility type
 * and level, and each answer is kept.
 */
final class FacilityCoverage {

    static final String PUBLIC_PLACE = "public-place";

    private final Facts facts;
    private final Map<String, Facts.Region[]> byLevel = new HashMap<>();
    private final Map<String, String[]> codesByLevel = new HashMap<>();
    private final Map<String, List<Facts.Region>> byParent = new HashMap<>();
    private final Map<String, boolean[]> coveredUnits = new HashMap<>();
    private final Map<String, FacilityItem> items = new HashMap<>();
    private final Map<String, List<Facts.Facility>> countedByType = new HashMap<>();
    private List<Facts.Facility> hosts;
    private final Map<String, Set<String>> hostedBy = new HashMap<>();

    FacilityCoverage(Facts facts) {
        this.facts = facts;
        Map<String, List<String>> levels = new HashMap<>();
        for (Facts.Region r : facts.regions().values()) {
            if (r.level() != null) {
                levels.computeIfAbsent(r.level(), k -> new ArrayList<>()).add(r.code());
            }
            if (r.parentCode() != null) {
                byParent.computeIfAbsent(r.parentCode(), k -> new ArrayList<>()).add(r);
            }
        }
        levels.forEach((level, list) -> {
            // plain String order (no comparator lambda): sorting 50,000 codes is then a matter of milliseconds
            String[] codes = list.toArray(String[]::new);
            Arrays.sort(codes);
            codesByLevel.put(level, codes);
            byLevel.put(level, Arrays.stream(codes).map(c -> facts.regions().get(c)).toArray(Facts.Region[]::new));
        });
        byParent.values().forEach(l -> l.sort(Comparator.comparing(Facts.Region::code)));
    }

    /** The direct children of a region that are not retired, by code. */
    List<Facts.Region> children(String code) {
        return byParent.getOrDefault(code, List.of()).stream().filter(r -> !r.retired()).toList();
    }

    /**
     * Coverage of {@code scope} by a facility type at a unit level: the units are the subtree's regions at that level
     * that are not retired (and in the area, when one is named: 城乡分类代码 1xx urban, 2xx rural, else the class derived
     * from the name; a unit of unknown class is in neither); a unit is covered when
     * an open facility of the type that meets its standard lies in it or below it. Null when the scope is not above
     * the level.
     */
    FacilityItem of(RegionCode scope, String type, RegionLevel unitLevel, String area) {
        if (!scope.level().isAbove(unitLevel)) {
            return null;
        }
        return items.computeIfAbsent(scope.value() + "|" + type + "|" + unitLevel.code() + "|" + area,
                k -> compute(scope, type, unitLevel, area));
    }

    private FacilityItem compute(RegionCode scope, String type, RegionLevel unitLevel, String area) {
        boolean[] covered = coveredUnits(type, unitLevel);
        RegionLevel childLevel = scope.level().below() == unitLevel ? null : scope.level().below();
        List<CoverageRule.ChildRegion> children = new ArrayList<>();
        if (childLevel != null) {
            for (Facts.Region r : children(scope.value())) {
                if (childLevel.code().equals(r.level())) {
                    children.add(new CoverageRule.ChildRegion(r.code(), r.name()));
                }
            }
        }
        CoverageRule.Tally tally = new CoverageRule.Tally(scope, childLevel, children);
        List<RegionRef> uncovered = new ArrayList<>();
        Facts.Region[] units = byLevel.getOrDefault(unitLevel.code(), new Facts.Region[0]);
        String[] codes = codesByLevel.getOrDefault(unitLevel.code(), new String[0]);
        String prefix = scope.prefix();
        for (int i = from(codes, prefix); i < codes.length && codes[i].startsWith(prefix); i++) {
            Facts.Region r = units[i];
            if (r.retired() || !inArea(r, area)) {
                continue;
            }
            boolean isCovered = covered[i];
            tally.add(r.code(), isCovered);
            if (!isCovered) {
                uncovered.add(new RegionRef(r.code(), r.name()));
            }
        }
        CoverageRule.Result result = tally.result();
        return new FacilityItem(type, unitLevel.code(), result.eligible(), result.covered(), result.ratio(), uncovered,
                result.children().stream().map(c -> new Compliance.ChildCoverage(c.code(), c.name(), c.eligible(), c.covered(), c.ratio())).toList());
    }

    /**
     * Host-based coverage (母婴室): the eligible units are the open public places of the subtree obliged to host one
     * ({@code hostRequired}, decided by the facility service from floor area or daily visitors ≥ 10,000); a place is
     * covered when an open facility of {@code hostedType} that meets its standard names it as host.
     *
     * @return eligible and covered
     */
    long[] hosts(RegionCode scope, String hostedType) {
        if (hosts == null) {
            hosts = facts.facilities().stream()
                    .filter(f -> f.type().equals(PUBLIC_PLACE) && "open".equals(f.status()) && Boolean.TRUE.equals(f.hostRequired()))
                    .toList();
        }
        Set<String> hosted = hostedBy.computeIfAbsent(hostedType, t -> {
            Set<String> ids = new HashSet<>();
            for (Facts.Facility f : facts.facilities()) {
                if (f.type().equals(t) && f.countsForCoverage() && f.hostFacilityId() != null) {
                    ids.add(f.hostFacilityId());
                }
            }
            return ids;
        });
        long eligible = 0;
        long covered = 0;
        for (Facts.Facility place : hosts) {
            if (within(place.regionCode(), scope)) {
                eligible++;
                if (hosted.contains(place.id())) {
                    covered++;
                }
            }
        }
        return new long[]{eligible, covered};
    }

    /** Open facilities of a type that meet their standard, in the subtree. */
    long count(RegionCode scope, String type) {
        List<Facts.Facility> counted = countedByType.computeIfAbsent(type,
                t -> facts.facilities().stream().filter(f -> f.type().equals(t) && f.countsForCoverage()).toList());
        return counted.stream().filter(f -> within(f.regionCode(), scope)).count();
    }

    /**
     * A derived count with the qualifiers of its derivation (docs/design.md §6.4): open facilities of the type that meet
     * their standard in the subtree — on {@code day} (null: as they are now; a day: as their opening and closing dates
     * tell) — opened on or after {@code openedSince} (a facility without an opening date is never counted as new),
     * certified at {@code certifiedAtLeast} or above, named with {@code nameContains}, in an urban or rural village.
     */
    long count(RegionCode scope, cn.tongyou.common.indicator.Derivation d, java.time.LocalDate day) {
        if (!d.qualified() && day == null) {
            return count(scope, d.facilityType());
        }
        long n = 0;
        for (Facts.Facility f : facts.facilities()) {
            if (!f.type().equals(d.facilityType()) || !within(f.regionCode(), scope)) {
                continue;
            }
            boolean counted = day == null ? f.countsForCoverage() : f.countedOn(day);
            if (counted && qualifies(f, d)) {
                n++;
            }
        }
        return n;
    }

    private boolean qualifies(Facts.Facility f, cn.tongyou.common.indicator.Derivation d) {
        if (d.openedSince() != null && (f.openedOn() == null || f.openedOn().isBefore(d.openedSince()))) {
            return false;
        }
        if (!d.certified(f.certificationLevel())) {
            return false;
        }
        if (d.nameContains() != null && (f.name() == null || !f.name().contains(d.nameContains()))) {
            return false;
        }
        if (d.area() != null) {
            Facts.Region r = facts.regions().get(f.regionCode());
            return r != null && inArea(r, d.area());
        }
        return true;
    }

    /** The open facilities of a type in the subtree (qualified as the derivation says) and those of them below standard. */
    record Standard(long open, long meeting, List<Facts.Facility> failing) {
    }

    Standard standard(RegionCode scope, cn.tongyou.common.indicator.Derivation d) {
        long open = 0;
        long meeting = 0;
        List<Facts.Facility> failing = new ArrayList<>();
        for (Facts.Facility f : facts.facilities()) {
            if (!f.type().equals(d.facilityType()) || !"open".equals(f.status()) || !within(f.regionCode(), scope)) {
                continue;
            }
            if (d.area() != null) {
                Facts.Region r = facts.regions().get(f.regionCode());
                if (r == null || !inArea(r, d.area())) {
                    continue;
                }
            }
            open++;
            if (f.meetsStandard()) {
                meeting++;
            } else {
                failing.add(f);
            }
        }
        failing.sort(Comparator.comparing(Facts.Facility::regionCode).thenComparing(Facts.Facility::id));
        return new Standard(open, meeting, failing);
    }

    /**
     * Whether each region at the unit level (by its index in code order) is covered. Marked once per facility, then
     * read by index for every scope: a province asks for its own coverage and each child's several times, and looking
     * 50,000 codes up in a hash set each time was a fifth of the view's time (12-digit codes collide into tree bins).
     */
    private boolean[] coveredUnits(String type, RegionLevel unitLevel) {
        return coveredUnits.computeIfAbsent(type + "|" + unitLevel.code(), k -> {
            String[] codes = codesByLevel.getOrDefault(unitLevel.code(), new String[0]);
            boolean[] units = new boolean[codes.length];
            for (Facts.Facility f : facts.facilities()) {
                if (f.type().equals(type) && f.countsForCoverage() && RegionCode.isValid(f.regionCode())) {
                    RegionCode at = RegionCode.parse(f.regionCode());
                    if (at.level() == unitLevel || unitLevel.isAbove(at.level())) {
                        int i = Arrays.binarySearch(codes, at.ancestorAt(unitLevel).value());
                        if (i >= 0) {
                            units[i] = true;
                        }
                    }
                }
            }
            return units;
        });
    }

    /** Index of the first code ≥ prefix: the subtree's codes follow it, in order. */
    private static int from(String[] codes, String prefix) {
        int i = Arrays.binarySearch(codes, prefix);
        return i >= 0 ? i : -i - 1;
    }

    /** In the area (urban/rural) by its imported 城乡分类代码, else by the class facility-service derived from its name. */
    private static boolean inArea(Facts.Region r, String area) {
        return UrbanRural.inArea(r.urbanRuralCode(), r.urbanRural(), area);
    }

    static boolean within(String code, RegionCode scope) {
        return code != null && code.length() == RegionCode.LENGTH && code.startsWith(scope.prefix());
    }
}
