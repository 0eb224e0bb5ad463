package cn.tongyou.reporting.domain;

import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.indicator.Obtained;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.reporting.domain.Completeness.CompletenessCounts;
import cn.tongyou.reporting.domain.Completeness.CompletenessLine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Completeness and timeliness of a region's subtree for a period (docs/discipline/completeness.md). Plain Java.
 *
 * <ul>
 *   <li><b>Expected values</b>: per (indicator, region of the subtree) with a live target in force for the period's
 *   year Y (the target with the smallest year ≥ Y), one value for the period — only for indicators whose values are
 *   reported (not derived from facilities) and that may be reported for the period's type (year or half-year).
 *   Received: the observation is submitted or approved; on time: received and first submitted by
 *   {@link ReportingCalendar#deadline} (the day, in the schedule's zone); accepted: approved.</li>
 *   <li><b>Expected progress reports</b>: per task of the subtree whose plan is in force (or unknown) and per lead
 *   unit, one report for the reporting half-year (the period itself, or H2 of a year) — the rule of the compliance
 *   view's missing reports. Received: submitted or accepted (a returned report is missing again); on time: received and
 *   not late; accepted: accepted.</li>
 *   <li><b>Roll-up</b>: a region's counts are the sums of its subtree's items; rates always come from summed counts,
 *   never from averaging the children's rates.</li>
 *   <li><b>Worst first</b>: lowest received rate, then lowest on-time rate, then most missing, then the region code
 *   (a unit's name); lines with nothing expected (no rates) last.</li>
 * </ul>
 */
public final class CompletenessRules {

    public static final String VALUE = "value";
    public static final String REPORT = "progress-report";

    private final ReportingCalendar calendar;
    private final ZoneId zone;

    public CompletenessRules(ReportingCalendar calendar, ZoneId zone) {
        this.calendar = calendar;
        this.zone = zone;
    }

    /**
     * One expected item and how it stands.
     *
     * @param kind     {@value #VALUE} or {@value #REPORT}
     * @param subject  the indicator code (a value) or the task id (a report)
     * @param label    the indicator's or the task's name
     * @param period   the period the item is for (a report: the reporting half-year)
     * @param units    who owes it: a report's lead unit; a value's responsible units (the target's, else the
     *                 indicator's departments), by id when the unit projection knows the name
     * @param recordId the observation or report that answers it, or null
     */
    public record ExpectedItem(String kind, String subject, String label, String regionCode, String period,
                               List<Facts.UnitRef> units, LocalDate deadline, String recordId, boolean received,
                               boolean onTime, boolean accepted) {
    }

    /** The reporting half-year of a period: itself, or H2 of a year (as the compliance view's missing reports). */
    public static Period reportingHalf(Period period) {
        return ComplianceRules.reportingHalf(period);
    }

    /** Every expected value and report of the root's subtree for the period, values first, each with how it stands. */
    public List<ExpectedItem> expected(CompletenessFacts f, RegionCode root, Period period) {
        List<ExpectedItem> items = new ArrayList<>(expectedValues(f, root, period));
        items.addAll(expectedReports(f, root, period));
        return items;
    }

    private List<ExpectedItem> expectedValues(CompletenessFacts f, RegionCode root, Period period) {
        // the target in force per (region, indicator), by the compliance view's rule (Facts.Target)
        Map<String, Facts.Target> inForce = new TreeMap<>();
        for (Facts.Target t : f.targets()) {
            if (t.mayBeInForce(period) && RegionCode.isValid(t.regionCode()) && RegionCode.parse(t.regionCode()).isWithin(root)) {
                inForce.merge(t.regionCode() + "|" + t.indicatorCode(), t, Facts.Target::nearer);
            }
        }
        Map<String, CompletenessFacts.Value> answers = new HashMap<>();
        for (CompletenessFacts.Value v : f.values()) {
            if (period.toString().equals(v.period())) {
                answers.merge(v.regionCode() + "|" + v.indicatorCode(), v, CompletenessRules::better);
            }
        }
        LocalDate deadline = calendar.deadline(period);
        Map<String, Facts.UnitRef> unitsByName = unitsByName(f);
        List<ExpectedItem> items = new ArrayList<>();
        for (Map.Entry<String, Facts.Target> e : inForce.entrySet()) {
            Facts.Target t = e.getValue();
            Facts.IndicatorDef def = f.indicators().get(t.indicatorCode());
            if (def == null || !reportedFor(def.indicator(), period)) {
                continue;
            }
            CompletenessFacts.Value v = answers.get(e.getKey());
            boolean received = v != null && ("submitted".equals(v.status()) || "approved".equals(v.status()));
            boolean onTime = received && v.firstSubmittedAt() != null
                    && !v.firstSubmittedAt().atZone(zone).toLocalDate().isAfter(deadline);
            boolean accepted = v != null && "approved".equals(v.status());
            List<String> names = t.responsibleUnits().isEmpty() ? def.indicator().departments() : t.responsibleUnits();
            items.add(new ExpectedItem(VALUE, t.indicatorCode(), def.indicator().name(), t.regionCode(), period.toString(),
                    names.stream().map(n -> unitsByName.getOrDefault(n, new Facts.UnitRef(null, n))).toList(), deadline, v == null ? null : v.id(), received, onTime, accepted));
        }
        return items;
    }

    /** Only values someone reports (not derived from the facility register), for a period of a type the indicator takes. */
    static boolean reportedFor(Indicator indicator, Period period) {
        if (indicator.obtained() == Obtained.DERIVED || indicator.derivation() != null) {
            return false;
        }
        Set<Period.Type> types = indicator.periodTypes();
        return types == null || types.isEmpty() || types.contains(period.type());
    }

    private static CompletenessFacts.Value better(CompletenessFacts.Value a, CompletenessFacts.Value b) {
        int ra = valueRank(a.status());
        int rb = valueRank(b.status());
        return ra != rb ? (ra > rb ? a : b) : (a.version() >= b.version() ? a : b);
    }

    private static int valueRank(String status) {
        return switch (status == null ? "" : status) {
            case "approved" -> 2;
            case "submitted" -> 1;
            default -> 0;
        };
    }

    private List<ExpectedItem> expectedReports(CompletenessFacts f, RegionCode root, Period period) {
        Period half = reportingHalf(period);
        Map<String, CompletenessFacts.Report> answers = new HashMap<>();
        for (CompletenessFacts.Report r : f.reports()) {
            if (half.toString().equals(r.period())) {
                answers.merge(r.taskId() + "|" + r.unitId(), r, CompletenessRules::better);
            }
        }
        LocalDate deadline = calendar.deadline(half);
        List<ExpectedItem> items = new ArrayList<>();
        f.tasks().values().stream()
                .filter(t -> t.regionCode() != null && RegionCode.isValid(t.regionCode()) && RegionCode.parse(t.regionCode()).isWithin(root))
                .filter(t -> {
                    Facts.Plan plan = f.plans().get(t.planId());
                    return plan == null || "in-force".equals(plan.status());
                })
                .sorted(Comparator.comparing(Facts.Task::regionCode).thenComparing(Facts.Task::id))
                .forEach(t -> {
                    for (Facts.UnitRef u : t.leadUnits()) {
                        CompletenessFacts.Report r = answers.get(t.id() + "|" + u.id());
                        boolean received = r != null && ("submitted".equals(r.status()) || "accepted".equals(r.status()));
                        items.add(new ExpectedItem(REPORT, t.id(), t.title(), t.regionCode(), half.toString(), List.of(u), deadline,
                                r == null ? null : r.id(), received, received && !r.late(), r != null && "accepted".equals(r.status())));
                    }
                });
        return items;
    }

    private static CompletenessFacts.Report better(CompletenessFacts.Report a, CompletenessFacts.Report b) {
        int ra = reportRank(a.status());
        int rb = reportRank(b.status());
        return ra != rb ? (ra > rb ? a : b) : (a.version() >= b.version() ? a : b);
    }

    private static int reportRank(String status) {
        return switch (status == null ? "" : status) {
            case "accepted" -> 2;
            case "submitted" -> 1;
            default -> 0;
        };
    }

    /**
     * The units of the projection by name and by alias (a name wins over another unit's alias; among equals the
     * smallest id), indexed once: a target names its responsible units by name, else it stays a name alone.
     */
    private static Map<String, Facts.UnitRef> unitsByName(CompletenessFacts f) {
        Map<String, Facts.UnitRef> byName = new HashMap<>();
        List<Facts.Unit> units = new ArrayList<>(f.units().values());
        units.sort(Comparator.comparing(Facts.Unit::id));
        for (Facts.Unit u : units) {
            if (u.name() != null) {
                byName.putIfAbsent(u.name(), new Facts.UnitRef(u.id(), u.name()));
            }
        }
        for (Facts.Unit u : units) {
            for (String alias : u.aliases()) {
                byName.putIfAbsent(alias, new Facts.UnitRef(u.id(), u.name()));
            }
        }
        return byName;
    }

    /**
     * The completeness of the root for the period: its total, a line per region at {@code childLevel} (strictly below
     * the root; default the level just below; none for a village) and a line per unit.
     */
    public Completeness compute(CompletenessFacts f, RegionCode root, Period period, LocalDate asOf, RegionLevel childLevel) {
        List<ExpectedItem> items = expected(f, root, period);
        Facts.Region self = f.regions().get(root.value());
        Period half = reportingHalf(period);
        return new Completeness(root.value(), self == null ? null : self.name(), root.level().code(), period.toString(), asOf,
                calendar.deadline(period), half.toString(), calendar.deadline(half), total(items, root, self),
                childLevel == null ? List.of() : byRegion(items, f.regions(), root, childLevel), byUnit(items));
    }

    /** The counts of every item: the root's line. */
    public static CompletenessLine total(List<ExpectedItem> items, RegionCode root, Facts.Region self) {
        Tally t = new Tally();
        items.forEach(t::add);
        return t.line(root.value(), null, self == null ? null : self.name(), root.level().code());
    }

    /**
     * A line per region of the subtree at {@code level} (every known one, also those with nothing expected), each the sum
     * of the items of its own subtree; items of regions above that level count only in the total. Worst first.
     */
    public static List<CompletenessLine> byRegion(List<ExpectedItem> items, Map<String, Facts.Region> regions, RegionCode root,
                                                  RegionLevel level) {
        Map<String, Tally> rows = new TreeMap<>();
        for (Facts.Region r : regions.values()) {
            if (level.code().equals(r.level()) && !r.retired() && RegionCode.isValid(r.code()) && RegionCode.parse(r.code()).isWithin(root)) {
                rows.put(r.code(), new Tally());
            }
        }
        for (ExpectedItem item : items) {
            RegionCode code = RegionCode.parse(item.regionCode());
            if (code.level().ordinal() < level.ordinal()) {
                continue;
            }
            rows.computeIfAbsent(code.ancestorAt(level).value(), k -> new Tally()).add(item);
        }
        List<CompletenessLine> lines = new ArrayList<>();
        rows.forEach((code, t) -> {
            Facts.Region r = regions.get(code);
            lines.add(t.line(code, null, r == null ? null : r.name(), level.code()));
        });
        lines.sort(WORST_FIRST);
        return lines;
    }

    /**
     * A line per unit owing something (a value owed by two units counts for each of them, so unit lines may sum to more
     * than the total); an item without any unit has no unit line. Worst first, ties by name.
     */
    public static List<CompletenessLine> byUnit(List<ExpectedItem> items) {
        Map<String, Tally> rows = new LinkedHashMap<>();
        Map<String, Facts.UnitRef> refs = new HashMap<>();
        for (ExpectedItem item : items) {
            for (Facts.UnitRef u : item.units()) {
                String key = u.id() != null ? u.id() : "name:" + u.name();
                refs.putIfAbsent(key, u);
                rows.computeIfAbsent(key, k -> new Tally()).add(item);
            }
        }
        List<CompletenessLine> lines = new ArrayList<>();
        rows.forEach((key, t) -> lines.add(t.line(null, refs.get(key).id(), refs.get(key).name(), null)));
        lines.sort(WORST_FIRST);
        return lines;
    }

    private static final Comparator<BigDecimal> RATE = Comparator.nullsLast(Comparator.naturalOrder());

    /** Lowest received rate, then lowest on-time rate, then most missing, then region code, name, unit id. */
    public static final Comparator<CompletenessLine> WORST_FIRST = Comparator
            .comparing((CompletenessLine l) -> l.all().receivedRate(), RATE)
            .thenComparing(l -> l.all().onTimeRate(), RATE)
            .thenComparing(l -> -l.all().missing())
            .thenComparing(CompletenessLine::region, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(CompletenessLine::name, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(CompletenessLine::unitId, Comparator.nullsLast(Comparator.naturalOrder()));

    /** Counts of values and reports, summed item by item. */
    private static final class Tally {
        private final int[] values = new int[4];
        private final int[] reports = new int[4];

        void add(ExpectedItem item) {
            int[] c = VALUE.equals(item.kind()) ? values : reports;
            c[0]++;
            c[1] += item.received() ? 1 : 0;
            c[2] += item.onTime() ? 1 : 0;
            c[3] += item.accepted() ? 1 : 0;
        }

        CompletenessLine line(String region, String unitId, String name, String level) {
            return CompletenessLine.of(region, unitId, name, level, CompletenessCounts.of(values[0], values[1], values[2], values[3]),
                    CompletenessCounts.of(reports[0], reports[1], reports[2], reports[3]));
        }
    }
}
