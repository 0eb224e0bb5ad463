package cn.tongyou.reporting.domain;

import cn.tongyou.common.coverage.CoverageRule;
import cn.tongyou.common.region.Country;
import cn.tongyou.common.schedule.MilestoneState;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The country snapshot's parent, summed province by province (issue 16): each province's complete view is
 * {@link #add added} once and may be dropped right after, so the country never sits in memory. What it keeps is what
 * the parent shows: counts (status totals overall and per domain, coverage eligible and covered, warnings per kind,
 * completeness counts), one line per province, and the first {@link Compliance#INLINE} items of each long list in
 * province order — the same items, in the same order, as the first page of the snapshot's paged lists.
 *
 * <p>Scores and ratios are recomputed from the summed counts, never averaged over provinces: a province of 100
 * judged targets weighs 100 times one of a single target.
 */
public final class CountryRollup {

    /**
     * How many items each long list of one province's complete view holds: what a page of the country's lists needs
     * to know to read only the provinces it spans.
     *
     * @param uncovered by facility type, the uncovered units
     * @param warnings  by kind, the warnings
     * @param units     the completeness unit lines
     */
    public record PartCounts(Map<String, Long> uncovered, Map<String, Integer> warnings, int units) {

        public long warningsOf(String kind) {
            return kind == null ? warnings.values().stream().mapToLong(Integer::longValue).sum() : warnings.getOrDefault(kind, 0);
        }

        public long uncoveredOf(String facilityType) {
            return uncovered.getOrDefault(facilityType, 0L);
        }
    }

    private static final class FacilitySum {
        final String unitLevel;
        long eligible;
        long covered;
        long uncoveredCount;
        final List<Compliance.RegionRef> uncovered = new ArrayList<>();
        final List<Compliance.ChildCoverage> provinces = new ArrayList<>();

        FacilitySum(String unitLevel) {
            this.unitLevel = unitLevel;
        }
    }

    private final String period;
    private final LocalDate asOf;
    private final Map<String, Integer> totals = ComplianceRules.emptyTotals();
    private final Map<String, Map<String, Integer>> domains = new LinkedHashMap<>();
    private final Map<String, FacilitySum> facilities = new LinkedHashMap<>();
    private final Map<String, Integer> warningCounts = new LinkedHashMap<>();
    private final List<Compliance.Warning> warnings = new ArrayList<>();
    private final List<Compliance.ChildSummary> children = new ArrayList<>();
    private final Map<String, Long> positions = new LinkedHashMap<>();
    private Completeness completenessTemplate;
    private Completeness.CompletenessCounts values = Completeness.CompletenessCounts.NONE;
    private Completeness.CompletenessCounts reports = Completeness.CompletenessCounts.NONE;
    private final List<Completeness.CompletenessLine> completenessProvinces = new ArrayList<>();
    private final List<Completeness.CompletenessLine> units = new ArrayList<>();
    private int unitCount;

    public CountryRollup(String period, LocalDate asOf) {
        this.period = period;
        this.asOf = asOf;
    }

    /** True for the parent of a country snapshot: its lists are already cut, its parts are the provinces. */
    public static boolean isCountry(Compliance c) {
        return Country.LEVEL.equals(c.level());
    }

    /** Adds one province's complete view; returns how long its lists are (stored beside it). */
    public PartCounts add(Compliance province) {
        Compliance.Summary s = province.summary();
        s.totals().forEach((status, n) -> totals.merge(status, n, Integer::sum));
        for (Compliance.DomainTotals d : s.domains()) {
            Map<String, Integer> sum = domains.computeIfAbsent(d.domain(), k -> ComplianceRules.emptyTotals());
            d.totals().forEach((status, n) -> sum.merge(status, n, Integer::sum));
        }
        Map<String, Long> uncovered = new LinkedHashMap<>();
        Double homeRatio = null;
        for (Compliance.FacilityItem f : province.facilities()) {
            FacilitySum sum = facilities.computeIfAbsent(f.facilityType(), k -> new FacilitySum(f.unitLevel()));
            sum.eligible += f.eligible();
            sum.covered += f.covered();
            sum.uncoveredCount += f.uncovered().size();
            inline(sum.uncovered, f.uncovered());
            sum.provinces.add(new Compliance.ChildCoverage(province.region(), province.regionName(), f.eligible(), f.covered(), f.ratio()));
            uncovered.put(f.facilityType(), (long) f.uncovered().size());
            if (ComplianceRules.CHILDREN_HOME.equals(f.facilityType())) {
                homeRatio = f.ratio();
            }
        }
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (Compliance.Warning w : province.warnings()) {
            int nth = kinds.merge(w.kind(), 1, Integer::sum);
            int shown = warningCounts.getOrDefault(w.kind(), 0);
            if (shown + nth <= Compliance.INLINE) {
                warnings.add(w.summarised());
            }
        }
        kinds.forEach((kind, n) -> warningCounts.merge(kind, n, Integer::sum));
        int overdue = (int) province.milestones().stream().filter(m -> MilestoneState.OVERDUE.code().equals(m.state())).count();
        children.add(new Compliance.ChildSummary(province.region(), province.regionName(), province.level(), s.totals(), s.score(),
                overdue, homeRatio));
        province.positions().forEach((key, offset) -> positions.merge(key, offset, Math::min));
        int provinceUnits = 0;
        Completeness c = province.completeness();
        if (c != null) {
            completenessTemplate = completenessTemplate == null ? c : completenessTemplate;
            values = values.plus(c.total().values());
            reports = reports.plus(c.total().reports());
            completenessProvinces.add(c.total());
            provinceUnits = c.units().size();
            unitCount += provinceUnits;
            inline(units, c.units());
        }
        return new PartCounts(uncovered, kinds, provinceUnits);
    }

    private static <T> void inline(List<T> shown, List<T> more) {
        for (int i = 0; i < more.size() && shown.size() < Compliance.INLINE; i++) {
            shown.add(more.get(i));
        }
    }

    /**
     * The parent: summed counts, the provinces as children, each long list's first items with its full count and the
     * link to its pages. {@code positions} are the lowest offset any province read per partition: the parent reflects
     * at least those.
     */
    public Compliance result(String id, Instant computedAt, Compliance.Links links) {
        List<Compliance.DomainTotals> domainTotals = new ArrayList<>();
        domains.forEach((d, t) -> domainTotals.add(new Compliance.DomainTotals(d, t, ComplianceRules.score(t))));
        List<Compliance.FacilityItem> facilityItems = new ArrayList<>();
        facilities.forEach((type, f) -> facilityItems.add(new Compliance.FacilityItem(type, f.unitLevel, f.eligible, f.covered,
                CoverageRule.ratio(f.covered, f.eligible), List.copyOf(f.uncovered), List.copyOf(f.provinces), f.uncoveredCount,
                links.uncovered() + "?facilityType=" + type)));
        Completeness completeness = completenessTemplate == null ? null : new Completeness(Country.CODE, Country.NAME, Country.LEVEL,
                period, asOf, completenessTemplate.valuesDeadline(), completenessTemplate.reportsPeriod(),
                completenessTemplate.reportsDeadline(), Completeness.CompletenessLine.of(Country.CODE, null, Country.NAME, Country.LEVEL,
                values, reports), List.copyOf(completenessProvinces), List.copyOf(units), unitCount, links.units());
        return new Compliance(id, Country.CODE, Country.NAME, Country.LEVEL, period, asOf, computedAt,
                new Compliance.Summary(new LinkedHashMap<>(totals), ComplianceRules.score(totals), domainTotals),
                List.of(), List.of(), facilityItems, List.of(), List.copyOf(warnings), List.copyOf(children), new LinkedHashMap<>(positions),
                null, completeness, new LinkedHashMap<>(warningCounts), links.warnings());
    }
}
