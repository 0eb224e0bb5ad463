package cn.tongyou.reporting.domain;

import cn.tongyou.common.indicator.Derivation;
import cn.tongyou.common.indicator.Direction;
import cn.tongyou.common.indicator.Figure;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.indicator.Obtained;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.TargetKind;
import cn.tongyou.common.indicator.TargetSpec;
import cn.tongyou.common.indicator.ValueType;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.MilestoneStatus;
import cn.tongyou.common.schedule.ReportingCalendar;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A county (荥阳市 410182) small enough to compute by hand, judged for 2025H1 on 2025-08-01 (due soon = 30 days,
 * reports due 15 days after the half-year).
 */
class ComplianceRulesTest {

    static final String COUNTY = "410182000000";
    static final String T101 = "410182101000";
    static final String T104 = "410182104000";

    static final ComplianceRules RULES = new ComplianceRules(
            new MilestoneSchedule(Clock.fixed(LocalDate.of(2025, 8, 1).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC), 30),
            new ReportingCalendar(15));

    static Facts county() {
        Map<String, Facts.Region> regions = new LinkedHashMap<>();
        region(regions, COUNTY, "荥阳市", "county", "410100000000", false);
        region(regions, T101, "京城路街道", "township", COUNTY, false);
        region(regions, T104, "广武镇", "township", COUNTY, false);
        region(regions, "410182101001", "一村", "village", T101, false);
        region(regions, "410182101002", "二村", "village", T101, false);
        region(regions, "410182104201", "陈沟村", "village", T104, false);
        region(regions, "410182104202", "撤并村", "village", T104, true);
        region(regions, "410182104203", "三村", "village", T104, false);
        List<Facts.Facility> facilities = List.of(
                home("f1", "410182101001", "open", true),
                home("f2", "410182101002", "open", false),      // does not meet its standard
                home("f3", "410182104201", "open", true),
                home("f4", "410182104202", "open", true),       // in a retired village
                home("f5", "410182104203", "closed", true));    // closed
        Map<String, Facts.IndicatorDef> indicators = new LinkedHashMap<>();
        indicator(indicators, new Indicator("a", "A率", null, "儿童与健康", "%", ValueType.PERCENTAGE, Direction.INCREASE, 1,
                List.of("区卫健局"), Obtained.REPORTED, null, null, true, null));
        indicator(indicators, new Indicator("b", "B数", null, "儿童与健康", "个", ValueType.COUNT, Direction.INCREASE, 0,
                List.of(), Obtained.REPORTED, null, null, true, null));
        indicator(indicators, new Indicator("c", "儿童之家覆盖率", null, "公共服务友好", "%", ValueType.PERCENTAGE, Direction.INCREASE, 2,
                List.of(), Obtained.DERIVED, null, new Derivation("children-home", Derivation.Measure.COVERAGE, RegionLevel.VILLAGE, null, false),
                true, null));
        indicator(indicators, new Indicator("d", "D机制", null, "儿童与教育", null, ValueType.TEXT, Direction.NONE, 0,
                List.of(), Obtained.REPORTED, null, null, true, null));
        indicator(indicators, new Indicator("e", "E率", null, "儿童与教育", "%", ValueType.PERCENTAGE, Direction.INCREASE, 1,
                List.of(), Obtained.REPORTED, null, null, true, null));
        List<Facts.Target> targets = List.of(
                target("t1", "a", COUNTY, 2025, "local", new TargetSpec(TargetKind.AT_LEAST, BigDecimal.valueOf(90), null, null, 2020, null), List.of("区卫健局")),
                target("t2", "b", COUNTY, 2030, "local", TargetSpec.of(TargetKind.AT_LEAST, 10), List.of()),
                target("t2b", "b", COUNTY, 2035, "local", TargetSpec.of(TargetKind.AT_LEAST, 20), List.of()),
                target("t3", "c", COUNTY, 2025, "local", TargetSpec.of(TargetKind.AT_LEAST, 50), List.of()),
                target("t4", "d", COUNTY, 2025, "local", new TargetSpec(TargetKind.QUALITATIVE, null, null, null, null, null), List.of()),
                target("t5", "e", COUNTY, 2025, "local", TargetSpec.of(TargetKind.AT_LEAST, 1), List.of()),
                target("t6", "e", COUNTY, 2025, "provincial", TargetSpec.of(TargetKind.AT_LEAST, 1), List.of()),
                target("t7", "b", T101, 2025, "local", TargetSpec.of(TargetKind.AT_LEAST, 5), List.of()));
        List<Facts.Observation> observations = List.of(
                obs("a", COUNTY, "2020", 80), obs("a", COUNTY, "2025H1", 88),
                obs("b", COUNTY, "2025H1", 12), obs("b", T101, "2025H1", 3));
        Facts.UnitRef u1 = new Facts.UnitRef("u1", "区卫健局");
        Facts.UnitRef u2 = new Facts.UnitRef("u2", "区民政局");
        Map<String, Facts.Task> tasks = new LinkedHashMap<>();
        tasks.put("k1", new Facts.Task("k1", "p1", COUNTY, "1", "公共服务友好", "优化儿童卫生资源配置", List.of(u1), 1));
        tasks.put("k2", new Facts.Task("k2", "p1", COUNTY, "2", "社会政策友好", "完善儿童福利", List.of(u2), 1));
        List<Facts.Milestone> milestones = List.of(
                new Facts.Milestone("m1", "k1", "p1", COUNTY, LocalDate.of(2025, 6, 30), MilestoneStatus.OPEN, "建成儿科", 1),
                new Facts.Milestone("m2", "k1", "p1", COUNTY, LocalDate.of(2025, 8, 20), MilestoneStatus.OPEN, "培训", 1),
                new Facts.Milestone("m3", "k2", "p1", COUNTY, LocalDate.of(2025, 3, 1), MilestoneStatus.DONE, "出台办法", 2),
                new Facts.Milestone("m4", "k2", "p1", COUNTY, LocalDate.of(2025, 3, 1), MilestoneStatus.CANCELLED, "取消", 2));
        List<Facts.Report> reports = List.of(
                new Facts.Report("r1", "k1", "u1", "2025H1", "accepted", 2),
                new Facts.Report("r2", "k2", "u2", "2025H1", "returned", 2));
        return new Facts(regions, facilities, indicators, targets, observations,
                Map.of("p1", new Facts.Plan("p1", COUNTY, "方案", "in-force", 1)), tasks, milestones, reports,
                Map.of("u1", new Facts.Unit("u1", "区卫健局", List.of()), "u2", new Facts.Unit("u2", "区民政局", List.of())));
    }

    @Test
    void coverageCountsOpenStandardFacilitiesInLiveVillages() {
        Compliance.FacilityItem home = new FacilityCoverage(county()).of(RegionCode.parse(COUNTY), "children-home", RegionLevel.VILLAGE, null);
        assertThat(home.eligible()).isEqualTo(4);
        assertThat(home.covered()).isEqualTo(2);
        assertThat(home.ratio()).isEqualTo(0.5);
        assertThat(home.uncovered()).extracting(Compliance.RegionRef::code).containsExactly("410182101002", "410182104203");
        assertThat(home.children()).extracting(Compliance.ChildCoverage::code, Compliance.ChildCoverage::eligible, Compliance.ChildCoverage::covered)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(T101, 2L, 1L), org.assertj.core.groups.Tuple.tuple(T104, 2L, 1L));
    }

    @Test
    void targetsInForceAreEvaluatedWithTheCommonRules() {
        Compliance c = RULES.compute(county(), RegionCode.parse(COUNTY), Period.parse("2025H1"));
        Map<String, String> statuses = new LinkedHashMap<>();
        c.targets().forEach(t -> statuses.put(t.id(), t.status()));
        // t2b (2035) is not the target in force, t6 is a reference target, t7 belongs to a township
        assertThat(statuses).containsExactly(Map.entry("t1", "AT_RISK"), Map.entry("t2", "ON_TRACK"), Map.entry("t3", "ON_TRACK"),
                Map.entry("t4", "NEEDS_ASSESSMENT"), Map.entry("t5", "NO_DATA"));
        Compliance.TargetItem t1 = c.targets().get(0);
        assertThat(t1.value()).isEqualByComparingTo("88");
        assertThat(t1.expected()).isEqualByComparingTo("89");        // 80 + 10 × 9/10 of the way from 2020 to 2025
        Compliance.TargetItem t3 = c.targets().get(2);
        assertThat(t3.derived()).isTrue();
        assertThat(t3.value()).isEqualByComparingTo("50");           // 2 of 4 villages
    }

    @Test
    void totalsScoreUnitsWarningsAndChildren() {
        Compliance c = RULES.compute(county(), RegionCode.parse(COUNTY), Period.parse("2025H1"));
        assertThat(c.milestones()).extracting(Compliance.MilestoneItem::id, Compliance.MilestoneItem::state, Compliance.MilestoneItem::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("m3", "done", "MET"), org.assertj.core.groups.Tuple.tuple("m4", "cancelled", null),
                        org.assertj.core.groups.Tuple.tuple("m1", "overdue", "NOT_MET"), org.assertj.core.groups.Tuple.tuple("m2", "due-soon", "ON_TRACK"));
        assertThat(c.milestones().get(2).daysOverdue()).isEqualTo(32);
        assertThat(c.summary().totals()).containsExactly(Map.entry("MET", 1), Map.entry("ON_TRACK", 3), Map.entry("AT_RISK", 1),
                Map.entry("NOT_MET", 1), Map.entry("NO_DATA", 1), Map.entry("NEEDS_ASSESSMENT", 1));
        assertThat(c.summary().score()).isEqualTo(75);             // (1 + 3 + ½) ÷ 6
        Map<String, Integer> scores = new LinkedHashMap<>();
        c.summary().domains().forEach(d -> scores.put(d.domain(), d.score()));
        assertThat(scores).containsEntry("儿童与健康", 75).containsEntry("公共服务友好", 67).containsEntry("社会政策友好", 100)
                .containsEntry("儿童与教育", null);
        assertThat(c.units()).extracting(Compliance.UnitLine::unitId, Compliance.UnitLine::overdueMilestones,
                Compliance.UnitLine::missingReports, Compliance.UnitLine::targetsOffTrack)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("u1", 1, 0, 1), org.assertj.core.groups.Tuple.tuple("u2", 0, 1, 0));
        List<String> warnings = new ArrayList<>(c.warnings().stream().map(Compliance.Warning::key).toList());
        assertThat(warnings).containsExactlyInAnyOrder("coverage-gap|children-home", "target-at-risk|t1", "overdue-milestone|m1", "report-missing|k2|u2");
        assertThat(c.children()).extracting(Compliance.ChildSummary::code, Compliance.ChildSummary::score, Compliance.ChildSummary::childrenHomeCoverage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(T101, 50, 0.5), org.assertj.core.groups.Tuple.tuple(T104, null, 0.5));
    }

    @Test
    void reportsAreNotMissingBeforeTheDeadline() {
        ComplianceRules early = new ComplianceRules(
                new MilestoneSchedule(Clock.fixed(LocalDate.of(2025, 7, 10).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC), 30),
                new ReportingCalendar(15));
        Compliance c = early.compute(county(), RegionCode.parse(COUNTY), Period.parse("2025H1"));
        assertThat(c.warnings()).noneMatch(w -> w.kind().equals("report-missing"));
    }

    @Test
    void scoreLeavesUnjudgedOut() {
        assertThat(ComplianceRules.score(Map.of("NO_DATA", 3))).isNull();
        assertThat(ComplianceRules.score(Map.of("MET", 1, "NOT_MET", 1, "NO_DATA", 5))).isEqualTo(50);
        assertThat(ComplianceRules.score(Map.of("AT_RISK", 1, "MET", 2))).isEqualTo(83);
    }

    // --- derived indicators by area and host-based 母婴室 coverage: a second county, 410184 -----------------------------

    static final String COUNTY2 = "410184000000";
    static final String T1 = "410184101000";
    static final String T2 = "410184102000";

    /**
     * Villages (城乡分类代码, 儿童之家 open and up to standard):
     * T1: v1 111 yes, v2 220 yes, v3 220 no; T2: v4 121 yes, v5 210 yes, v6 (none) yes, v7 220 retired yes, v8 220 no.
     * Public places (hostRequired as the facility service decides it from floor area / daily visitors ≥ 10,000):
     * p1 in v1 required (12,000 m²), hosting an open standard 母婴室 → covered; p2 in v4 required (15,000 visitors a day),
     * its 母婴室 below standard → uncovered; p3 in v5 not required (both figures below), with a 母婴室 → not counted;
     * p4 in v6 required but closed → not counted; p5 in v6 undecided (null) → not counted; p6 required, in another
     * county → outside; p7 in v2 required, one closed and one open standard 母婴室 → covered.
     */
    static Facts county2() {
        Map<String, Facts.Region> regions = new LinkedHashMap<>();
        regions.put(COUNTY2, new Facts.Region(COUNTY2, "新郑市", "county", "410100000000", null, false));
        regions.put(T1, new Facts.Region(T1, "一镇", "township", COUNTY2, null, false));
        regions.put(T2, new Facts.Region(T2, "二镇", "township", COUNTY2, null, false));
        String[][] villages = {{"410184101001", "111", "false"}, {"410184101002", "220", "false"}, {"410184101003", "220", "false"},
                {"410184102004", "121", "false"}, {"410184102005", "210", "false"}, {"410184102006", null, "false"},
                {"410184102007", "220", "true"}, {"410184102008", "220", "false"}};
        for (String[] v : villages) {
            regions.put(v[0], new Facts.Region(v[0], "村" + v[0].substring(9), "village", v[0].substring(0, 9) + "000", v[1], Boolean.parseBoolean(v[2])));
        }
        List<Facts.Facility> facilities = new ArrayList<>();
        for (String v : List.of("410184101001", "410184101002", "410184102004", "410184102005", "410184102006", "410184102007")) {
            facilities.add(home("h" + v, v, "open", true));
        }
        facilities.add(place("p1", "410184101001", "open", true));
        facilities.add(place("p2", "410184102004", "open", true));
        facilities.add(place("p3", "410184102005", "open", false));
        facilities.add(place("p4", "410184102006", "closed", true));
        facilities.add(place("p5", "410184102006", "open", null));
        facilities.add(place("p6", "410185101001", "open", true));
        facilities.add(place("p7", "410184101002", "open", true));
        facilities.add(room("m1", "p1", "open", true));
        facilities.add(room("m2", "p2", "open", false));
        facilities.add(room("m3", "p3", "open", true));
        facilities.add(room("m4", "p4", "open", true));
        facilities.add(room("m6", "p6", "open", true));
        facilities.add(room("m7a", "p7", "closed", true));
        facilities.add(room("m7b", "p7", "open", true));
        Map<String, Facts.IndicatorDef> indicators = new LinkedHashMap<>();
        indicator(indicators, derived("h", "儿童之家覆盖率", ValueType.PERCENTAGE,
                new Derivation("children-home", Derivation.Measure.COVERAGE, RegionLevel.VILLAGE, null, false)));
        indicator(indicators, derived("r", "农村社区儿童之家覆盖率", ValueType.PERCENTAGE,
                new Derivation("children-home", Derivation.Measure.COVERAGE, RegionLevel.VILLAGE, "rural", false)));
        indicator(indicators, derived("u", "城市社区儿童之家覆盖率", ValueType.PERCENTAGE,
                new Derivation("children-home", Derivation.Measure.COVERAGE, RegionLevel.VILLAGE, "urban", false)));
        indicator(indicators, derived("m", "母婴室配置率", ValueType.PERCENTAGE,
                new Derivation("mother-baby-room", Derivation.Measure.COVERAGE, null, null, true)));
        indicator(indicators, derived("n", "儿童之家数量", ValueType.COUNT,
                new Derivation("children-home", Derivation.Measure.COUNT, null, null, false)));
        List<Facts.Target> targets = List.of(
                target("th", "h", COUNTY2, 2025, "local", TargetSpec.of(TargetKind.AT_LEAST, 70), List.of()),
                target("tr", "r", COUNTY2, 2025, "local", TargetSpec.of(TargetKind.AT_LEAST, 60), List.of()),
                target("tu", "u", COUNTY2, 2025, "local", TargetSpec.of(TargetKind.AT_LEAST, 90), List.of()),
                target("tm", "m", COUNTY2, 2025, "local", TargetSpec.of(TargetKind.AT_LEAST, 80), List.of()),
                target("tn", "n", COUNTY2, 2025, "local", TargetSpec.of(TargetKind.AT_LEAST, 5), List.of()));
        return new Facts(regions, facilities, indicators, targets, List.of(), Map.of(), Map.of(), List.of(), List.of(), Map.of());
    }

    @Test
    void derivedIndicatorsByAreaAndHostPlaces() {
        Compliance c = RULES.compute(county2(), RegionCode.parse(COUNTY2), Period.parse("2025"));
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> statuses = new LinkedHashMap<>();
        c.targets().forEach(t -> {
            values.put(t.indicatorCode(), t.value() == null ? null : t.value().toPlainString());
            statuses.put(t.indicatorCode(), t.status());
        });
        // all villages: 5 of 7 (v7 retired); rural (2xx): v2, v5 of v2, v3, v5, v8; urban (1xx): v1, v4 of 2; v6 has no
        // code, so it is in neither area; 母婴室: p1, p7 of p1, p2, p7; count: the 6 open standard homes (a count does not
        // look at the village)
        assertThat(values).containsExactly(Map.entry("h", "71.43"), Map.entry("m", "66.67"), Map.entry("n", "6"),
                Map.entry("r", "50.00"), Map.entry("u", "100.00"));
        assertThat(statuses).containsExactly(Map.entry("h", "MET"), Map.entry("m", "NOT_MET"), Map.entry("n", "MET"),
                Map.entry("r", "NOT_MET"), Map.entry("u", "MET"));
        assertThat(c.targets()).allMatch(Compliance.TargetItem::derived);
        Compliance.FacilityItem home = c.facilities().get(0);
        assertThat(home.eligible()).isEqualTo(7);
        assertThat(home.covered()).isEqualTo(5);
        assertThat(home.uncovered()).extracting(Compliance.RegionRef::code).containsExactly("410184101003", "410184102008");
    }

    @Test
    void aVillageWithoutCodeCountsInTheAreaFacilityServiceDerivedFromItsName() {
        Facts facts = county2();
        Map<String, Facts.Region> regions = new LinkedHashMap<>(facts.regions());
        Facts.Region v6 = regions.get("410184102006");
        // v6 (no 城乡分类代码, covered) is named …村委会: facility-service records urbanRural = rural (derived)
        regions.put(v6.code(), new Facts.Region(v6.code(), v6.name(), v6.level(), v6.parentCode(), null, "rural", false));
        // v1 carries both: the imported 111 wins over a contradicting class
        Facts.Region v1 = regions.get("410184101001");
        regions.put(v1.code(), new Facts.Region(v1.code(), v1.name(), v1.level(), v1.parentCode(), "111", "rural", false));
        Facts withClass = new Facts(regions, facts.facilities(), facts.indicators(), facts.targets(), facts.observations(),
                facts.plans(), facts.tasks(), facts.milestones(), facts.reports(), facts.units());
        Map<String, String> values = new LinkedHashMap<>();
        RULES.compute(withClass, RegionCode.parse(COUNTY2), Period.parse("2025")).targets()
                .forEach(t -> values.put(t.indicatorCode(), t.value() == null ? null : t.value().toPlainString()));
        // rural: v2, v5, v6 of v2, v3, v5, v6, v8; urban unchanged: v1, v4 of 2
        assertThat(values).containsEntry("r", "60.00").containsEntry("u", "100.00").containsEntry("h", "71.43");
    }

    @Test
    void areaAndHostCoverageOfEachTownship() {
        FacilityCoverage coverage = new FacilityCoverage(county2());
        Facts.IndicatorDef rural = county2().indicators().get("r");
        Facts.IndicatorDef rooms = county2().indicators().get("m");
        Period p = Period.parse("2025");
        Figure t1Rural = ComplianceRules.derivedFigure(coverage, RegionCode.parse(T1), rural.indicator(), p);
        assertThat(t1Rural.numerator()).isEqualByComparingTo("1");     // v2 of v2, v3
        assertThat(t1Rural.denominator()).isEqualByComparingTo("2");
        Figure t2Rural = ComplianceRules.derivedFigure(coverage, RegionCode.parse(T2), rural.indicator(), p);
        assertThat(t2Rural.numerator()).isEqualByComparingTo("1");     // v5 of v5, v8 (v7 retired)
        assertThat(t2Rural.denominator()).isEqualByComparingTo("2");
        Figure t1Rooms = ComplianceRules.derivedFigure(coverage, RegionCode.parse(T1), rooms.indicator(), p);
        assertThat(t1Rooms.value()).isEqualByComparingTo("100");       // p1, p7
        Figure t2Rooms = ComplianceRules.derivedFigure(coverage, RegionCode.parse(T2), rooms.indicator(), p);
        assertThat(t2Rooms.value()).isEqualByComparingTo("0");         // p2 only, its room below standard
        assertThat(t2Rooms.denominator()).isEqualByComparingTo("1");
        // a village scope has nothing below it to cover
        assertThat(ComplianceRules.derivedFigure(coverage, RegionCode.parse("410184101001"), rural.indicator(), p)).isNull();
        // a county without obliged places has no 母婴室 figure (no denominator), rather than 0 %
        assertThat(ComplianceRules.derivedFigure(new FacilityCoverage(county()), RegionCode.parse(COUNTY), rooms.indicator(), p)).isNull();
    }

    private static Indicator derived(String code, String name, ValueType type, Derivation d) {
        return new Indicator(code, name, null, "公共服务友好", type == ValueType.COUNT ? "个" : "%", type, Direction.INCREASE,
                type == ValueType.COUNT ? 0 : 2, List.of(), Obtained.DERIVED, null, d, true, null);
    }

    private static Facts.Facility place(String id, String region, String status, Boolean hostRequired) {
        return new Facts.Facility(id, "public-place", region, status, true, null, hostRequired, 1);
    }

    private static Facts.Facility room(String id, String host, String status, boolean meets) {
        return new Facts.Facility(id, "mother-baby-room", "410184101001", status, meets, host, null, 1);
    }

    private static void region(Map<String, Facts.Region> m, String code, String name, String level, String parent, boolean retired) {
        m.put(code, new Facts.Region(code, name, level, parent, null, retired));
    }

    private static Facts.Facility home(String id, String region, String status, boolean meets) {
        return new Facts.Facility(id, "children-home", region, status, meets, null, null, 1);
    }

    private static void indicator(Map<String, Facts.IndicatorDef> m, Indicator i) {
        m.put(i.code(), new Facts.IndicatorDef(i, 1));
    }

    private static Facts.Target target(String id, String ind, String region, int year, String level, TargetSpec spec, List<String> units) {
        return new Facts.Target(id, ind, region, year, level, spec, null, null, units, 1);
    }

    private static Facts.Observation obs(String ind, String region, String period, double v) {
        return new Facts.Observation(ind + region + period, ind, region, Period.parse(period), BigDecimal.valueOf(v), null, null, null, 1);
    }
}
