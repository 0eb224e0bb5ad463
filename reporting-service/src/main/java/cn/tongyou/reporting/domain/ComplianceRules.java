package cn.tongyou.reporting.domain;

import cn.tongyou.common.indicator.Derivation;
import cn.tongyou.common.indicator.Evaluation;
import cn.tongyou.common.indicator.Evaluator;
import cn.tongyou.common.indicator.Figure;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.Series;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.MilestoneState;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.reporting.domain.Compliance.ChildSummary;
import cn.tongyou.reporting.domain.Compliance.FacilityItem;
import cn.tongyou.reporting.domain.Compliance.MilestoneItem;
import cn.tongyou.reporting.domain.Compliance.TargetItem;
import cn.tongyou.reporting.domain.Compliance.UnitLine;
import cn.tongyou.reporting.domain.Compliance.Warning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The compliance of one region for one period, from {@link Facts} (docs/design.md §6–7). Plain Java, no framework.
 *
 * <ul>
 *   <li><b>Targets</b>: the region's own local targets; per indicator the one in force for the period (the earliest
 *   target year ≥ the period's year), evaluated by common's {@link Evaluator} as of the period, from approved values.
 *   A derived indicator (儿童之家覆盖率 …) gets the period's value from the facilities with the coverage rule.</li>
 *   <li><b>Milestones</b> of the region's tasks: state by {@link MilestoneSchedule}; counted as done → MET,
 *   open/due-soon → ON_TRACK, overdue → NOT_MET; cancelled ones are listed but not counted.</li>
 *   <li><b>Facilities</b>: 儿童之家 coverage of the subtree's villages (not retired), uncovered villages listed.</li>
 *   <li><b>Units</b>: per lead unit, overdue milestones and reports missing for the reporting half-year (once its
 *   deadline has passed, {@link ReportingCalendar}); per responsible unit, targets AT_RISK or NOT_MET.</li>
 *   <li><b>Score</b>: 100 × (MET + ON_TRACK + ½ AT_RISK) ÷ (MET + ON_TRACK + AT_RISK + NOT_MET), rounded; NO_DATA and
 *   NEEDS_ASSESSMENT are counted but not scored; null when nothing was judged.</li>
 * </ul>
 */
public final class ComplianceRules {

    public static final String CHILDREN_HOME = "children-home";
    static final String NO_DOMAIN = "未分类";

    private final MilestoneSchedule schedule;
    private final ReportingCalendar calendar;

    public ComplianceRules(MilestoneSchedule schedule, ReportingCalendar calendar) {
        this.schedule = schedule;
        this.calendar = calendar;
    }

    /** The half-year whose reports are due for a period: itself, or the second half of a year. */
    public static Period reportingHalf(Period period) {
        return period.isHalfYear() ? period : Period.halfYear(period.year(), 2);
    }

    public Compliance compute(Facts facts, RegionCode scope, Period period) {
        LocalDate today = schedule.today();
        Facts.Region self = facts.regions().get(scope.value());
        FacilityCoverage coverage = new FacilityCoverage(facts);
        Part part = part(facts, coverage, scope, period, today);
        List<ChildSummary> children = new ArrayList<>();
        coverage.children(scope.value())
                .forEach(r -> {
                    Part p = part(facts, coverage, RegionCode.parse(r.code()), period, today);
                    FacilityItem home = p.facilities.stream().filter(f -> f.facilityType().equals(CHILDREN_HOME)).findFirst().orElse(null);
                    children.add(new ChildSummary(r.code(), r.name(), r.level(), p.summary.totals(), p.summary.score(),
                            (int) p.milestones.stream().filter(m -> MilestoneState.OVERDUE.code().equals(m.state())).count(),
                            home == null ? null : home.ratio()));
                });
        return new Compliance(null, scope.value(), self == null ? null : self.name(), scope.level().code(), period.toString(),
                today, null, part.summary, part.targets, part.milestones, part.facilities, part.units, part.warnings, children, Map.of());
    }

    private record Part(Compliance.Summary summary, List<TargetItem> targets, List<MilestoneItem> milestones,
                        List<FacilityItem> facilities, List<UnitLine> units, List<Warning> warnings) {
    }

    private Part part(Facts facts, FacilityCoverage coverage, RegionCode scope, Period period, LocalDate today) {
        // the warnings and the units' counts keep this order: coverage, targets, milestones, missing reports
        List<Warning> warnings = new ArrayList<>();
        UnitTally tally = new UnitTally();
        List<FacilityItem> facilities = facilities(coverage, scope, warnings);
        List<TargetItem> targets = targets(facts, coverage, scope, period);
        targetsOffTrack(facts, targets, warnings, tally);
        List<MilestoneItem> milestones = measuredProgress(facts, targets, milestones(facts, scope, today, warnings, tally));
        missingReports(facts, scope, period, today, warnings, tally);
        return new Part(summary(targets, milestones), targets, milestones, facilities, tally.lines(facts), warnings);
    }

    /** 儿童之家 coverage of the subtree's villages, and a warning when some are uncovered. */
    private static List<FacilityItem> facilities(FacilityCoverage coverage, RegionCode scope, List<Warning> warnings) {
        FacilityItem home = coverage.of(scope, CHILDREN_HOME, RegionLevel.VILLAGE, null);
        if (home == null) {
            return List.of();
        }
        if (!home.uncovered().isEmpty()) {
            warnings.add(new Warning("coverage-gap", CHILDREN_HOME,
                    home.uncovered().size() + " 个村（社区）尚无达标开放的儿童之家", List.of(), home.uncovered()));
        }
        return List.of(home);
    }

    /** A warning per target AT_RISK or NOT_MET, counted against each of its responsible units. */
    private static void targetsOffTrack(Facts facts, List<TargetItem> targets, List<Warning> warnings, UnitTally tally) {
        for (TargetItem t : targets) {
            if (t.status().equals("AT_RISK") || t.status().equals("NOT_MET")) {
                warnings.add(new Warning(t.status().equals("AT_RISK") ? "target-at-risk" : "target-not-met", t.id(),
                        t.indicatorName() + "：" + t.explanation(), t.responsibleUnits(), List.of()));
                for (String name : t.responsibleUnits()) {
                    tally.offTrack(unitKey(facts, name), name);
                }
            }
        }
    }

    /** The region's milestones by due date, with their state as of today; an overdue one warns and counts against its lead units. */
    private List<MilestoneItem> milestones(Facts facts, RegionCode scope, LocalDate today, List<Warning> warnings, UnitTally tally) {
        List<MilestoneItem> milestones = new ArrayList<>();
        facts.milestones().stream()
                .filter(m -> scope.value().equals(m.regionCode()))
                .sorted(Comparator.comparing(Facts.Milestone::dueDate, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Facts.Milestone::id))
                .forEach(m -> {
                    Facts.Task task = facts.tasks().get(m.taskId());
                    MilestoneState state = schedule.state(m.status(), m.dueDate(), today);
                    String status = switch (state) {
                        case DONE -> "MET";
                        case OPEN, DUE_SOON -> "ON_TRACK";
                        case OVERDUE -> "NOT_MET";
                        case CANCELLED -> null;
                    };
                    List<Facts.UnitRef> leads = task == null ? List.of() : task.leadUnits();
                    milestones.add(new MilestoneItem(m.id(), m.planId(), m.taskId(), task == null ? null : task.number(),
                            task == null ? null : task.title(), task == null || task.domain() == null ? NO_DOMAIN : task.domain(),
                            m.regionCode(), m.dueDate(), m.status().code(), state.code(), schedule.daysOverdue(m.status(), m.dueDate(), today),
                            status, m.statement(), leads.stream().map(Facts.UnitRef::name).toList(), m.version()));
                    if (state == MilestoneState.OVERDUE) {
                        warnings.add(new Warning("overdue-milestone", m.id(), "逾期 " + schedule.daysOverdue(m.status(), m.dueDate(), today)
                                + " 天：" + m.statement(), leads.stream().map(Facts.UnitRef::name).toList(), List.of()));
                        leads.forEach(tally::overdue);
                    }
                });
        return milestones;
    }

    /**
     * One truth, two views: a milestone that gives the same deliverable as a measured facility target of the plan (same
     * task number, facility type and year) shows that target's count, and "measured target reached" once the count gets
     * there. Its own state is unchanged: a coordinator still confirms completion.
     */
    private static List<MilestoneItem> measuredProgress(Facts facts, List<TargetItem> targets, List<MilestoneItem> milestones) {
        Map<String, List<TargetItem>> byTask = new HashMap<>();
        Map<String, Facts.Target> byId = new HashMap<>();
        facts.targets().forEach(t -> byId.put(t.id(), t));
        for (TargetItem item : targets) {
            Facts.Target t = byId.get(item.id());
            Facts.IndicatorDef def = facts.indicators().get(item.indicatorCode());
            if (t == null || def == null || !"facility-target".equals(t.sourceKind()) || t.sourceNumber() == null
                    || def.indicator().derivation() == null || def.indicator().derivation().measure() != Derivation.Measure.COUNT
                    || item.value() == null || item.targetValue() == null) {
                continue;
            }
            byTask.computeIfAbsent(t.sourceNumber() + "|" + def.indicator().derivation().facilityType(), k -> new ArrayList<>()).add(item);
        }
        if (byTask.isEmpty()) {
            return milestones;
        }
        Map<String, Facts.Milestone> facts2 = new HashMap<>();
        facts.milestones().forEach(m -> facts2.put(m.id(), m));
        List<MilestoneItem> result = new ArrayList<>();
        for (MilestoneItem m : milestones) {
            Facts.Milestone fm = facts2.get(m.id());
            List<TargetItem> candidates = fm == null || fm.facilityType() == null || m.taskNumber() == null ? List.of()
                    : byTask.getOrDefault(m.taskNumber() + "|" + fm.facilityType(), List.of()).stream()
                    .filter(t -> m.dueDate() == null || t.year() == m.dueDate().getYear()).toList();
            TargetItem match = candidates.stream().filter(t -> fm.value() != null && t.targetValue().compareTo(fm.value()) == 0)
                    .findFirst().orElse(candidates.size() == 1 ? candidates.get(0) : null);
            result.add(match == null ? m : m.measured(match.id(), match.value(), match.targetValue(),
                    match.value().compareTo(match.targetValue()) >= 0));
        }
        return result;
    }

    /**
     * Reports missing for the reporting half-year, once its deadline has passed: each lead unit of each task of the
     * region (plan in force or unknown) without a filed report; a returned report counts as missing.
     */
    private void missingReports(Facts facts, RegionCode scope, Period period, LocalDate today, List<Warning> warnings, UnitTally tally) {
        Period half = reportingHalf(period);
        if (calendar.state(half, today) != ReportingCalendar.PeriodState.OVERDUE) {
            return;
        }
        Set<String> filed = new HashSet<>();
        for (Facts.Report r : facts.reports()) {
            if (half.toString().equals(r.period()) && !"returned".equals(r.status())) {
                filed.add(r.taskId() + "|" + r.unitId());
            }
        }
        facts.tasks().values().stream()
                .filter(t -> scope.value().equals(t.regionCode()))
                .filter(t -> {
                    Facts.Plan plan = facts.plans().get(t.planId());
                    return plan == null || "in-force".equals(plan.status());
                })
                .sorted(Comparator.comparing(Facts.Task::id))
                .forEach(t -> {
                    for (Facts.UnitRef u : t.leadUnits()) {
                        if (!filed.contains(t.id() + "|" + u.id())) {
                            warnings.add(new Warning("report-missing", t.id() + "|" + u.id(),
                                    u.name() + " 未报送任务“" + t.title() + "”" + half + " 调度报告", List.of(u.name()), List.of()));
                            tally.missingReport(u);
                        }
                    }
                });
    }

    /**
     * Per unit: overdue milestones, missing reports, targets off track. Lead units are known by id; a responsible unit
     * by name, matched to a unit of the projection (by name or alias) or else kept as {@code name:…} without an id.
     */
    private static final class UnitTally {

        private final Map<String, int[]> counts = new LinkedHashMap<>(); // unit key -> overdue, missing, off track
        private final Map<String, String> names = new HashMap<>();
        private final Set<String> leadIds = new HashSet<>();

        void overdue(Facts.UnitRef lead) {
            count(lead)[0]++;
        }

        void missingReport(Facts.UnitRef lead) {
            count(lead)[1]++;
        }

        void offTrack(String key, String name) {
            names.putIfAbsent(key, name);
            counts.computeIfAbsent(key, k -> new int[3])[2]++;
        }

        private int[] count(Facts.UnitRef lead) {
            leadIds.add(lead.id());
            names.putIfAbsent(lead.id(), lead.name());
            return counts.computeIfAbsent(lead.id(), k -> new int[3]);
        }

        /** Most behind first, then by name. */
        List<UnitLine> lines(Facts facts) {
            List<UnitLine> units = new ArrayList<>();
            counts.forEach((key, c) -> units.add(new UnitLine(leadIds.contains(key) || facts.units().containsKey(key) ? key : null,
                    names.get(key), c[0], c[1], c[2])));
            units.sort(Comparator.comparing((UnitLine u) -> -(u.overdueMilestones() + u.missingReports() + u.targetsOffTrack()))
                    .thenComparing(UnitLine::unitName, Comparator.nullsLast(Comparator.naturalOrder())));
            return units;
        }
    }

    /** Totals per status, overall and per domain, with their scores; a cancelled milestone has no status and is not counted. */
    private static Compliance.Summary summary(List<TargetItem> targets, List<MilestoneItem> milestones) {
        Map<String, Map<String, Integer>> byDomain = new TreeMap<>();
        Map<String, Integer> totals = emptyTotals();
        for (TargetItem t : targets) {
            count(byDomain, totals, t.domain(), t.status());
        }
        for (MilestoneItem m : milestones) {
            if (m.status() != null) {
                count(byDomain, totals, m.domain(), m.status());
            }
        }
        List<Compliance.DomainTotals> domains = new ArrayList<>();
        byDomain.forEach((d, t) -> domains.add(new Compliance.DomainTotals(d, t, score(t))));
        return new Compliance.Summary(totals, score(totals), domains);
    }

    private static String unitKey(Facts facts, String name) {
        for (Facts.Unit u : facts.units().values()) {
            if (u.name().equals(name) || u.aliases().contains(name)) {
                return u.id();
            }
        }
        return "name:" + name;
    }

    static Map<String, Integer> emptyTotals() {
        Map<String, Integer> totals = new LinkedHashMap<>();
        for (String s : Compliance.STATUSES) {
            totals.put(s, 0);
        }
        return totals;
    }

    private static void count(Map<String, Map<String, Integer>> byDomain, Map<String, Integer> totals, String domain, String status) {
        byDomain.computeIfAbsent(domain == null ? NO_DOMAIN : domain, k -> emptyTotals()).merge(status, 1, Integer::sum);
        totals.merge(status, 1, Integer::sum);
    }

    /** 100 × (MET + ON_TRACK + ½ AT_RISK) ÷ (MET + ON_TRACK + AT_RISK + NOT_MET), half up; null when nothing judged. */
    public static Integer score(Map<String, Integer> t) {
        int met = t.getOrDefault("MET", 0);
        int onTrack = t.getOrDefault("ON_TRACK", 0);
        int atRisk = t.getOrDefault("AT_RISK", 0);
        int notMet = t.getOrDefault("NOT_MET", 0);
        int judged = met + onTrack + atRisk + notMet;
        if (judged == 0) {
            return null;
        }
        return BigDecimal.valueOf(200L * (met + onTrack) + 100L * atRisk)
                .divide(BigDecimal.valueOf(2L * judged), 0, RoundingMode.HALF_UP).intValue();
    }

    // --- targets ----------------------------------------------------------------------------------------------------

    private List<TargetItem> targets(Facts facts, FacilityCoverage coverage, RegionCode scope, Period period) {
        Map<String, Facts.Target> inForce = new TreeMap<>();
        for (Facts.Target t : facts.targets()) {
            if (scope.value().equals(t.regionCode()) && t.mayBeInForce(period)) {
                inForce.merge(t.indicatorCode(), t, Facts.Target::nearer);
            }
        }
        Map<String, List<Figure>> figures = new HashMap<>();
        for (Facts.Observation o : facts.observations()) {
            if (scope.value().equals(o.regionCode())) {
                figures.computeIfAbsent(o.indicatorCode(), k -> new ArrayList<>()).add(new Figure(o.period(), o.value(), o.text(),
                        o.numerator(), o.denominator(), Figure.Source.OBSERVATION, 1));
            }
        }
        List<TargetItem> items = new ArrayList<>();
        for (Facts.Target t : inForce.values()) {
            Facts.IndicatorDef def = facts.indicators().get(t.indicatorCode());
            if (def == null) {
                items.add(new TargetItem(t.id(), t.indicatorCode(), t.indicatorCode(), NO_DOMAIN, null, t.regionCode(), t.year(),
                        t.spec().kind().code(), t.text(), "NO_DATA", "indicator-unknown", null, null, null, null, null, null,
                        null, false, "指标目录中没有该指标（尚未收到指标事件）。", t.responsibleUnits(), t.version()));
                continue;
            }
            Indicator ind = def.indicator();
            List<Figure> own = new ArrayList<>(figures.getOrDefault(t.indicatorCode(), List.of()));
            boolean derived = ind.derivation() != null;
            Derivation d = ind.derivation();
            if (derived) {
                Figure f = derivedFigure(coverage, scope, ind, period);
                if (f != null) {
                    own.removeIf(x -> x.period().equals(period));
                    own.add(f);
                }
                if (d.measure() == Derivation.Measure.COUNT && (period.halfYears() < Period.year(t.year()).halfYears()
                        || t.spec().kind() == cn.tongyou.common.indicator.TargetKind.INCREASE
                        || t.spec().kind() == cn.tongyou.common.indicator.TargetKind.DECREASE)) {
                    for (Figure h : countHistory(coverage, scope, d, period)) {
                        if (own.stream().noneMatch(x -> x.period().equals(h.period()))) {
                            own.add(h);
                        }
                    }
                }
            }
            Evaluation e = Evaluator.evaluate(ind, t.spec(), t.year(), t.assessment(), Series.of(own), period);
            Evaluation.Inputs in = e.inputs();
            String status = e.status().name();
            String reason = e.reason();
            String explanation = e.explanation() == null ? null : e.explanation().zh();
            if (derived && d.measure() == Derivation.Measure.STANDARD) {
                if (d.standard() == null && t.assessment() == null) {
                    // the seeds define no checklist for the type: never a guess
                    status = "NEEDS_ASSESSMENT";
                    reason = "standard-undefined";
                    explanation = "种子数据未定义“" + d.facilityType() + "”类设施的标准（检查清单），达标情况无法由设施数据计算：需评估（不作推测）。";
                } else if (d.standard() != null) {
                    explanation = (explanation == null ? "" : explanation) + failing(coverage.standard(scope, d), d);
                }
            }
            if ("NEEDS_ASSESSMENT".equals(status) && t.note() != null && (explanation == null || !explanation.contains(t.note()))) {
                explanation = (explanation == null ? "" : explanation + " ") + t.note();
            }
            List<String> units = t.responsibleUnits().isEmpty() ? ind.departments() : t.responsibleUnits();
            items.add(new TargetItem(t.id(), t.indicatorCode(), ind.name(), ind.domain() == null ? NO_DOMAIN : ind.domain(), ind.unit(),
                    t.regionCode(), t.year(), t.spec().kind().code(), t.text(), status, reason,
                    in.value() == null ? null : in.value().value(), in.value() == null ? null : in.value().period().toString(),
                    in.baseline() == null ? null : in.baseline().value(), in.baseline() == null ? null : in.baseline().period().toString(),
                    in.targetValue(), in.expected(), in.cutoff() == null ? null : in.cutoff().toString(), derived,
                    explanation, units, t.version()));
        }
        return items;
    }

    /** Counts are judged from the end of 2020 (the eve of the 2021–2025 plans) unless the count names its own start. */
    static final int COUNT_BASELINE_YEAR = 2020;

    /**
     * The count at the end of each year before the period, from the facilities' opening and closing dates: from the year
     * before {@code openedSince} (0 new facilities then) or from {@link #COUNT_BASELINE_YEAR}. The trajectory of a count
     * target runs from the first of them ("12 of 20, expected 16 by now").
     */
    static List<Figure> countHistory(FacilityCoverage coverage, RegionCode scope, Derivation d, Period period) {
        int from = d.openedSince() != null ? d.openedSince().getYear() - 1 : COUNT_BASELINE_YEAR;
        int to = period.isHalfYear() ? period.year() - 1 : period.year() - 1;
        List<Figure> history = new ArrayList<>();
        for (int y = from; y <= to; y++) {
            long n = coverage.count(scope, d, LocalDate.of(y, 12, 31));
            history.add(new Figure(Period.year(y), BigDecimal.valueOf(n), null, null, null, Figure.Source.ROLLUP, 1));
        }
        return history;
    }

    /** The facilities below standard with the items they miss, for the explanation. */
    private static String failing(FacilityCoverage.Standard st, Derivation d) {
        if (st.failing().isEmpty()) {
            return st.open() == 0 ? "" : " 开放的" + st.open() + "处均达到标准（" + d.standard() + "）。";
        }
        StringBuilder b = new StringBuilder(" 未达标（").append(st.failing().size()).append("/").append(st.open()).append("）：");
        int shown = 0;
        for (Facts.Facility f : st.failing()) {
            if (shown++ == 20) {
                b.append("……");
                break;
            }
            b.append(shown > 1 ? "；" : "").append(f.name() == null ? f.id() : f.name())
                    .append("（缺：").append(f.standardGaps().isEmpty() ? "未记录" : String.join("、", f.standardGaps())).append("）");
        }
        return b.append("。").toString();
    }

    /**
     * The value of a derived indicator for the period, from the facilities: a count, or coverage in parts (regions at
     * the indicator's level, default the level below the scope, optionally urban or rural only; or, host-based, the
     * public places obliged to host one).
     */
    static Figure derivedFigure(FacilityCoverage coverage, RegionCode scope, Indicator ind, Period period) {
        Derivation d = ind.derivation();
        if (d.measure() == Derivation.Measure.COUNT) {
            return new Figure(period, BigDecimal.valueOf(coverage.count(scope, d, null)), null, null, null, Figure.Source.ROLLUP, 1);
        }
        long eligible;
        long covered;
        if (d.measure() == Derivation.Measure.STANDARD) {
            if (d.standard() == null) {
                return null;
            }
            FacilityCoverage.Standard st = coverage.standard(scope, d);
            eligible = st.open();
            covered = st.meeting();
        } else if (d.hostBased()) {
            long[] hosts = coverage.hosts(scope, d.facilityType());
            eligible = hosts[0];
            covered = hosts[1];
        } else {
            RegionLevel level = d.level() != null ? d.level() : (scope.level() == RegionLevel.VILLAGE ? null : scope.level().below());
            if (level == null || !scope.level().isAbove(level)) {
                return null;
            }
            FacilityItem item = coverage.of(scope, d.facilityType(), level, d.area());
            eligible = item.eligible();
            covered = item.covered();
        }
        if (eligible == 0) {
            return null;
        }
        BigDecimal num = BigDecimal.valueOf(covered);
        BigDecimal den = BigDecimal.valueOf(eligible);
        BigDecimal value = num.multiply(BigDecimal.valueOf(ind.scale())).divide(den, Math.max(ind.precision(), 2) + 2, RoundingMode.HALF_UP)
                .setScale(Math.max(ind.precision(), 0), RoundingMode.HALF_UP);
        return new Figure(period, value, null, num, den, Figure.Source.ROLLUP, eligible);
    }
}
