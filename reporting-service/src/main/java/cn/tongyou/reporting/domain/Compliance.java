package cn.tongyou.reporting.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where one region stands for one period (docs/design.md §7): the live view and the content of a stored snapshot.
 *
 * @param positions    the event positions (topic/partition → highest applied offset) the projections reflected
 * @param approvals    the approval states of the region and its children for the period (issue 15); null in
 *                     snapshots stored before
 * @param completeness expected, received, on-time and accepted values and reports (issue 15); null in snapshots
 *                     stored before
 * @param warningCounts the number of warnings of each kind, all of them (the JSON view, {@link #summarised}); null in
 *                      the complete form
 * @param warningsHref  where all the warnings are served page by page (the JSON view), else null
 */
public record Compliance(String snapshotId, String region, String regionName, String level, String period, LocalDate asOf,
                         Instant computedAt, Summary summary, List<TargetItem> targets, List<MilestoneItem> milestones,
                         List<FacilityItem> facilities, List<UnitLine> units, List<Warning> warnings,
                         List<ChildSummary> children, Map<String, Long> positions,
                         List<Discipline.ApprovalState> approvals, Completeness completeness,
                         Map<String, Integer> warningCounts, String warningsHref) {

    /**
     * How many items of a long list the JSON view names inline (uncovered villages, a warning's regions, warnings of
     * each kind, completeness units): a province has tens of thousands of villages, and its view must stay a page, not a register.
     */
    public static final int INLINE = 50;

    /** The complete form: every list whole (what the rules compute, what a snapshot stores, what exports read). */
    public Compliance(String snapshotId, String region, String regionName, String level, String period, LocalDate asOf,
                      Instant computedAt, Summary summary, List<TargetItem> targets, List<MilestoneItem> milestones,
                      List<FacilityItem> facilities, List<UnitLine> units, List<Warning> warnings,
                      List<ChildSummary> children, Map<String, Long> positions,
                      List<Discipline.ApprovalState> approvals, Completeness completeness) {
        this(snapshotId, region, regionName, level, period, asOf, computedAt, summary, targets, milestones, facilities, units,
                warnings, children, positions, approvals, completeness, null, null);
    }

    /** A view without the discipline sections (what the compliance rules alone compute). */
    public Compliance(String snapshotId, String region, String regionName, String level, String period, LocalDate asOf,
                      Instant computedAt, Summary summary, List<TargetItem> targets, List<MilestoneItem> milestones,
                      List<FacilityItem> facilities, List<UnitLine> units, List<Warning> warnings,
                      List<ChildSummary> children, Map<String, Long> positions) {
        this(snapshotId, region, regionName, level, period, asOf, computedAt, summary, targets, milestones, facilities, units,
                warnings, children, positions, null, null);
    }

    /**
     * Where the complete lists of a summarised view are served page by page.
     *
     * @param uncovered    the uncovered units of a facility type (facilityType is appended)
     * @param warnings     every warning
     * @param units        the completeness lines of every unit
     */
    public record Links(String uncovered, String warnings, String units) {
    }

    /**
     * The JSON view: each long list cut to its first {@link #INLINE} items, with the full count beside it and a link
     * to the complete list; everything counted (totals, coverage, scores) is unchanged. The complete form stays what a
     * snapshot stores and what CSV and XLSX export.
     */
    public Compliance summarised(Links links) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        warnings.forEach(w -> counts.merge(w.kind(), 1, Integer::sum));
        List<FacilityItem> shortFacilities = facilities.stream()
                .map(f -> f.summarised(links.uncovered() + (links.uncovered().contains("?") ? "&" : "?") + "facilityType=" + f.facilityType()))
                .toList();
        // the first of each kind, in their order: a province's 80 missing reports do not hide its quality findings
        Map<String, Integer> shown = new java.util.HashMap<>();
        List<Warning> shortWarnings = warnings.stream().filter(w -> shown.merge(w.kind(), 1, Integer::sum) <= INLINE)
                .map(Warning::summarised).toList();
        return new Compliance(snapshotId, region, regionName, level, period, asOf, computedAt, summary, targets, milestones,
                shortFacilities, units, shortWarnings, children, positions, approvals,
                completeness == null ? null : completeness.summarised(links.units()), counts, links.warnings());
    }

    /** The first {@link #INLINE} items of a list (itself when it is that short). */
    public static <T> List<T> first(List<T> list) {
        return list == null || list.size() <= INLINE ? list : List.copyOf(list.subList(0, INLINE));
    }

    /** The six statuses in their display order. */
    public static final List<String> STATUSES = List.of("MET", "ON_TRACK", "AT_RISK", "NOT_MET", "NO_DATA", "NEEDS_ASSESSMENT");

    public Compliance withStored(String id, Instant at, Map<String, Long> positions) {
        return new Compliance(id, region, regionName, level, period, asOf, at, summary, targets, milestones, facilities,
                units, warnings, children, positions, approvals, completeness, warningCounts, warningsHref);
    }

    /** With the approval states and completeness, and the discipline's warnings after the compliance ones. */
    public Compliance withDiscipline(List<Discipline.ApprovalState> approvals, Completeness completeness, List<Warning> more) {
        List<Warning> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new Compliance(snapshotId, region, regionName, level, period, asOf, computedAt, summary, targets, milestones,
                facilities, units, List.copyOf(all), children, positions, approvals, completeness, warningCounts, warningsHref);
    }

    /**
     * @param totals counts per status over everything that has a status
     * @param score  0–100 (see {@link ComplianceRules#score}), null when nothing could be judged
     */
    public record Summary(Map<String, Integer> totals, Integer score, List<DomainTotals> domains) {
    }

    public record DomainTotals(String domain, Map<String, Integer> totals, Integer score) {
    }

    public record TargetItem(String id, String indicatorCode, String indicatorName, String domain, String unit,
                             String regionCode, int year, String kind, String text, String status, String reason,
                             BigDecimal value, String valuePeriod, BigDecimal baseline, String baselinePeriod,
                             BigDecimal targetValue, BigDecimal expected, String cutoff, boolean derived,
                             String explanation, List<String> responsibleUnits, long version) {
    }

    /**
     * @param measuredTargetId      the measured facility target of the same task, facility type and year (one truth, two
     *                              views), or null; measuredValue / measuredTargetValue: its count and the number to reach
     * @param measuredTargetReached true when the count has reached it ("measured target reached"; a coordinator still
     *                              confirms completion), null when no measured target matches
     */
    public record MilestoneItem(String id, String planId, String taskId, String taskNumber, String taskTitle, String domain,
                                String regionCode, LocalDate dueDate, String milestoneStatus, String state, Long daysOverdue,
                                String status, String statement, List<String> leadUnits, long version,
                                String measuredTargetId, BigDecimal measuredValue, BigDecimal measuredTargetValue,
                                Boolean measuredTargetReached) {

        public MilestoneItem(String id, String planId, String taskId, String taskNumber, String taskTitle, String domain,
                             String regionCode, LocalDate dueDate, String milestoneStatus, String state, Long daysOverdue,
                             String status, String statement, List<String> leadUnits, long version) {
            this(id, planId, taskId, taskNumber, taskTitle, domain, regionCode, dueDate, milestoneStatus, state, daysOverdue, status,
                    statement, leadUnits, version, null, null, null, null);
        }

        public MilestoneItem measured(String targetId, BigDecimal value, BigDecimal target, boolean reached) {
            return new MilestoneItem(id, planId, taskId, taskNumber, taskTitle, domain, regionCode, dueDate, milestoneStatus, state,
                    daysOverdue, status, statement, leadUnits, version, targetId, value, target, reached);
        }
    }

    public record RegionRef(String code, String name) {
    }

    public record ChildCoverage(String code, String name, long eligible, long covered, Double ratio) {
    }

    /**
     * Coverage of a facility type over the subtree (儿童之家 at village level), with the uncovered units listed: all of
     * them in the complete form; in the JSON view the first {@link #INLINE}, their number (uncoveredCount) and where
     * the rest are served (uncoveredHref).
     */
    public record FacilityItem(String facilityType, String unitLevel, long eligible, long covered, Double ratio,
                               List<RegionRef> uncovered, List<ChildCoverage> children, Long uncoveredCount,
                               String uncoveredHref) {

        public FacilityItem(String facilityType, String unitLevel, long eligible, long covered, Double ratio,
                            List<RegionRef> uncovered, List<ChildCoverage> children) {
            this(facilityType, unitLevel, eligible, covered, ratio, uncovered, children, (long) uncovered.size(), null);
        }

        FacilityItem summarised(String href) {
            return new FacilityItem(facilityType, unitLevel, eligible, covered, ratio, first(uncovered), children,
                    (long) uncovered.size(), href);
        }
    }

    public record UnitLine(String unitId, String unitName, int overdueMilestones, int missingReports,
                           int targetsOffTrack) {
        public boolean behind() {
            return overdueMilestones + missingReports + targetsOffTrack > 0;
        }
    }

    /**
     * @param kind    overdue-milestone, target-at-risk, target-not-met, coverage-gap, report-missing; issue 15:
     *                quality-violation, outlier (open data-quality findings), approval-awaiting-acceptance
     * @param subject what it is about (milestone id, target id, facility type, task id + unit id)
     * @param regions the regions concerned: all of them in the complete form, the first {@link #INLINE} in the JSON view
     * @param regionCount how many regions it concerns (null in snapshots stored before issue 16)
     */
    public record Warning(String kind, String subject, String message, List<String> units, List<RegionRef> regions,
                          Integer regionCount) {

        public Warning(String kind, String subject, String message, List<String> units, List<RegionRef> regions) {
            this(kind, subject, message, units, regions, regions == null ? 0 : regions.size());
        }

        public String key() {
            return kind + "|" + subject;
        }

        /** With the regions cut to the first {@link #INLINE} (the coverage gap of a province names thousands). */
        public Warning summarised() {
            return new Warning(kind, subject, message, units, first(regions), regions == null ? 0 : regions.size());
        }
    }

    /** A stored snapshot as a list shows it: its region, period and day, who stored it when, its score and totals. */
    public record Listed(String id, String region, String period, String asOf, String createdAt, String createdBy,
                         Integer score, Object totals) {
    }

    public record ChildSummary(String code, String name, String level, Map<String, Integer> totals, Integer score,
                               int overdueMilestones, Double childrenHomeCoverage) {
    }
}
