package cn.tongyou.reporting.domain;

import cn.tongyou.common.indicator.Derivation;
import cn.tongyou.common.indicator.Direction;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.indicator.Obtained;
import cn.tongyou.common.indicator.TargetKind;
import cn.tongyou.common.indicator.TargetSpec;
import cn.tongyou.common.indicator.ValueType;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.reporting.domain.Completeness.CompletenessCounts;
import cn.tongyou.reporting.domain.Completeness.CompletenessLine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A city (410100) with two counties, period 2026H2 (deadline 2026-12-31 + 15 days = 2027-01-15, Asia/Shanghai), computed
 * by hand:
 *
 * <pre>
 *                  values exp/rec/on time/acc   reports exp/rec/on time/acc   all exp/rec/on time/acc
 * county A 410182  2 / 2 / 1 / 1                2 / 1 / 1 / 0                 4 / 3 / 2 / 1   received 0.75
 *   a: approved, first submitted 2027-01-10 (on time); b: submitted, first submitted 2027-01-16 08:00 Beijing (late)
 *   (f: only a 2025 target, not in force for 2026; y: a yearly-only indicator, not expected for a half-year)
 *   task k1 (u1): submitted, not late; task k3 (u2): returned (missing); task k2: plan superseded, not expected
 * county B 410183  4 / 1 / 1 / 0                0                             4 / 1 / 1 / 0   received 0.25
 *   a: submitted on time; b: draft; c, e: nothing (d derived from facilities: not expected)
 * city own 410100  1 / 0 / 0 / 0 (a, no value)
 * city total       7 / 3 / 2 / 1  3/7 = 0.4286   2 / 1 / 1 / 0  0.5            9 / 4 / 3 / 1   4/9 = 0.4444
 * </pre>
 * The average of the counties' received rates would be (0.75 + 0.25) / 2 = 0.5 (values: (1 + 0.25) / 2 = 0.625): the
 * roll-up never averages.
 */
class CompletenessRulesTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String CITY = "410100000000";
    static final String A = "410182000000";
    static final String B = "410183000000";
    static final Period H2 = Period.parse("2026H2");

    final CompletenessRules rules = new CompletenessRules(new ReportingCalendar(15), ZONE);

    static CompletenessFacts facts() {
        Map<String, Facts.Region> regions = new LinkedHashMap<>();
        regions.put(CITY, new Facts.Region(CITY, "郑州市", "prefecture", "410000000000", null, false));
        regions.put(A, new Facts.Region(A, "荥阳市", "county", CITY, null, false));
        regions.put(B, new Facts.Region(B, "新密市", "county", CITY, null, false));
        regions.put("410184000000", new Facts.Region("410184000000", "新郑市", "county", CITY, null, false));
        regions.put("410182101000", new Facts.Region("410182101000", "京城路街道", "township", A, null, false));
        Map<String, Facts.IndicatorDef> indicators = new LinkedHashMap<>();
        for (String code : List.of("a", "b", "c", "e", "f")) {
            indicators.put(code, new Facts.IndicatorDef(indicator(code, Obtained.REPORTED, null, null), 1));
        }
        indicators.put("d", new Facts.IndicatorDef(indicator("d", Obtained.DERIVED,
                new Derivation("children-home", Derivation.Measure.COVERAGE, RegionLevel.VILLAGE, null, false), null), 1));
        indicators.put("y", new Facts.IndicatorDef(indicator("y", Obtained.REPORTED, null, Set.of(Period.Type.YEAR)), 1));
        List<Facts.Target> targets = List.of(
                target("ta-2025", "a", A, 2025, List.of("旧单位")),
                target("ta-2030", "a", A, 2030, List.of("市卫健委")),
                target("tb", "b", A, 2030, List.of()),
                target("tf", "f", A, 2025, List.of()),
                // the national target the plan quotes beside f: a reference, never the one in force
                new Facts.Target("tf-national", "f", A, 2030, "national",
                        new TargetSpec(TargetKind.AT_LEAST, BigDecimal.valueOf(95), null, null, null, null), null, null, List.of(), 1),
                target("ty", "y", A, 2030, List.of()),
                target("tba", "a", B, 2030, List.of()),
                target("tbb", "b", B, 2030, List.of()),
                target("tbc", "c", B, 2030, List.of()),
                target("tbd", "d", B, 2030, List.of()),
                target("tbe", "e", B, 2030, List.of()),
                target("tca", "a", CITY, 2030, List.of()),
                target("tx", "a", "410200000000", 2030, List.of()));  // another city: outside
        List<CompletenessFacts.Value> values = List.of(
                new CompletenessFacts.Value("o1", "a", A, "2026H2", "approved", Instant.parse("2027-01-10T02:00:00Z"), 3),
                new CompletenessFacts.Value("o2", "b", A, "2026H2", "submitted", Instant.parse("2027-01-16T00:00:00Z"), 1),
                new CompletenessFacts.Value("o2-h1", "b", A, "2026H1", "approved", Instant.parse("2026-07-01T00:00:00Z"), 2),
                new CompletenessFacts.Value("o3", "a", B, "2026H2", "submitted", Instant.parse("2027-01-15T15:59:59Z"), 1),
                new CompletenessFacts.Value("o4", "b", B, "2026H2", "draft", null, 1));
        Facts.UnitRef u1 = new Facts.UnitRef("u1", "卫健委");
        Facts.UnitRef u2 = new Facts.UnitRef("u2", "民政局");
        Map<String, Facts.Task> tasks = new LinkedHashMap<>();
        tasks.put("k1", new Facts.Task("k1", "p1", A, "1", "公共服务友好", "优化儿童卫生资源配置", List.of(u1), 1));
        tasks.put("k2", new Facts.Task("k2", "p0", A, "2", "公共服务友好", "旧方案任务", List.of(u1), 1));
        tasks.put("k3", new Facts.Task("k3", "p1", A, "3", "社会政策友好", "完善儿童福利", List.of(u2), 1));
        Map<String, Facts.Plan> plans = Map.of("p1", new Facts.Plan("p1", A, "方案", "in-force", 1),
                "p0", new Facts.Plan("p0", A, "旧方案", "superseded", 2));
        List<CompletenessFacts.Report> reports = List.of(
                new CompletenessFacts.Report("r1", "k1", "u1", "2026H2", "submitted", false, 1),
                new CompletenessFacts.Report("r3", "k3", "u2", "2026H2", "returned", false, 2));
        Map<String, Facts.Unit> units = Map.of("u1", new Facts.Unit("u1", "卫健委", List.of("市卫健委")),
                "u2", new Facts.Unit("u2", "民政局", List.of()));
        return new CompletenessFacts(regions, indicators, targets, values, plans, tasks, reports, units);
    }

    @Test
    void cityRatesComeFromSummedCountsNotFromAveragingTheCounties() {
        Completeness c = rules.compute(facts(), RegionCode.parse(CITY), H2, LocalDate.of(2027, 2, 1), RegionLevel.COUNTY);

        assertThat(c.valuesDeadline()).isEqualTo(LocalDate.of(2027, 1, 15));
        assertThat(c.reportsPeriod()).isEqualTo("2026H2");
        assertCounts(c.total().values(), 7, 3, 2, 1, "0.4286", "0.2857", "0.1429");
        assertCounts(c.total().reports(), 2, 1, 1, 0, "0.5000", "0.5000", "0.0000");
        assertCounts(c.total().all(), 9, 4, 3, 1, "0.4444", "0.3333", "0.1111");
        assertThat(c.total().all().missing()).isEqualTo(5);

        // worst first: B (0.25) before A (0.75); 新郑市 expects nothing (no rates) and comes last
        assertThat(c.children()).extracting(CompletenessLine::region).containsExactly(B, A, "410184000000");
        CompletenessLine b = c.children().get(0);
        CompletenessLine a = c.children().get(1);
        assertCounts(a.values(), 2, 2, 1, 1, "1.0000", "0.5000", "0.5000");
        assertCounts(a.reports(), 2, 1, 1, 0, "0.5000", "0.5000", "0.0000");
        assertCounts(a.all(), 4, 3, 2, 1, "0.7500", "0.5000", "0.2500");
        assertCounts(b.values(), 4, 1, 1, 0, "0.2500", "0.2500", "0.0000");
        assertThat(b.reports().expected()).isZero();
        assertThat(b.reports().receivedRate()).isNull();
        assertThat(c.children().get(2).all().receivedRate()).isNull();
        assertThat(c.children().get(2).name()).isEqualTo("新郑市");

        BigDecimal averageOfChildren = a.all().receivedRate().add(b.all().receivedRate()).divide(BigDecimal.valueOf(2));
        assertThat(averageOfChildren).isEqualByComparingTo("0.5");
        assertThat(c.total().all().receivedRate()).isNotEqualByComparingTo(averageOfChildren);
        BigDecimal averageOfValues = a.values().receivedRate().add(b.values().receivedRate()).divide(BigDecimal.valueOf(2));
        assertThat(averageOfValues).isEqualByComparingTo("0.625");
        assertThat(c.total().values().receivedRate()).isEqualByComparingTo("0.4286");
        // the children's counts plus the city's own value are the total
        assertThat(a.all().expected() + b.all().expected() + 1).isEqualTo(c.total().all().expected());
    }

    @Test
    void aValueFirstSubmittedAfterTheDeadlineIsReceivedButNotOnTime() {
        List<CompletenessRules.ExpectedItem> items = rules.expected(facts(), RegionCode.parse(A), H2);
        CompletenessRules.ExpectedItem late = items.stream().filter(i -> "b".equals(i.subject())).findFirst().orElseThrow();
        assertThat(late.recordId()).isEqualTo("o2");
        assertThat(late.received()).isTrue();
        assertThat(late.onTime()).isFalse();      // 2027-01-16 08:00 in Beijing, the day after the deadline
        assertThat(late.accepted()).isFalse();
        assertThat(late.deadline()).isEqualTo(LocalDate.of(2027, 1, 15));
        // B's value was first submitted at 23:59:59 Beijing time on the deadline: on time
        CompletenessRules.ExpectedItem justInTime = rules.expected(facts(), RegionCode.parse(B), H2).stream()
                .filter(i -> "a".equals(i.subject())).findFirst().orElseThrow();
        assertThat(justInTime.onTime()).isTrue();
    }

    @Test
    void theTargetInForceIsTheNearestYearAtOrAfterThePeriod() {
        List<CompletenessRules.ExpectedItem> items = rules.expected(facts(), RegionCode.parse(A), H2);
        // 2025 and 2030 targets of a: for 2026H2 the 2030 one, whose responsible unit (an alias of 卫健委) owes the value
        CompletenessRules.ExpectedItem a = items.stream().filter(i -> "a".equals(i.subject())).findFirst().orElseThrow();
        assertThat(a.units()).containsExactly(new Facts.UnitRef("u1", "卫健委"));
        // f has only a 2025 target of its own (and a national reference for 2030): nothing expected in 2026; y is reported
        // yearly only
        assertThat(items).extracting(CompletenessRules.ExpectedItem::subject).containsExactly("a", "b", "k1", "k3");
        // for 2025H2 the 2025 target of a is in force, and f is expected too (its 2025 target)
        List<CompletenessRules.ExpectedItem> in2025 = rules.expected(facts(), RegionCode.parse(A), Period.parse("2025H2"));
        assertThat(in2025.stream().filter(i -> "a".equals(i.subject())).findFirst().orElseThrow().units())
                .containsExactly(new Facts.UnitRef(null, "旧单位"));
        assertThat(in2025).extracting(CompletenessRules.ExpectedItem::subject).contains("f");
    }

    @Test
    void unitsAreListedWorstFirst() {
        Completeness c = rules.compute(facts(), RegionCode.parse(CITY), H2, LocalDate.of(2027, 2, 1), RegionLevel.COUNTY);
        // 民政局: its report was returned (0 of 1); 教育局 (the indicators' department, no unit record): 2 of 6; 卫健委 2 of 2
        assertThat(c.units()).extracting(CompletenessLine::name).containsExactly("民政局", "教育局", "卫健委");
        assertThat(c.units().get(0).unitId()).isEqualTo("u2");
        assertThat(c.units().get(1).unitId()).isNull();
        assertCounts(c.units().get(1).values(), 6, 2, 1, 0, "0.3333", "0.1667", "0.0000");
        assertCounts(c.units().get(2).all(), 2, 2, 2, 1, "1.0000", "1.0000", "0.5000");
    }

    @Test
    void theTownshipLevelListsTownshipsAndLeavesTheCountysOwnItemsToTheTotal() {
        Completeness c = rules.compute(facts(), RegionCode.parse(A), H2, LocalDate.of(2027, 2, 1), RegionLevel.TOWNSHIP);
        assertThat(c.children()).extracting(CompletenessLine::region).containsExactly("410182101000");
        assertThat(c.children().get(0).all().expected()).isZero();
        assertThat(c.total().all().expected()).isEqualTo(4);
    }

    static void assertCounts(CompletenessCounts c, int expected, int received, int onTime, int accepted,
                             String receivedRate, String onTimeRate, String acceptedRate) {
        assertThat(List.of(c.expected(), c.received(), c.onTime(), c.accepted())).containsExactly(expected, received, onTime, accepted);
        assertThat(c.missing()).isEqualTo(expected - received);
        assertThat(c.receivedRate()).isEqualByComparingTo(receivedRate);
        assertThat(c.onTimeRate()).isEqualByComparingTo(onTimeRate);
        assertThat(c.acceptedRate()).isEqualByComparingTo(acceptedRate);
    }

    static Indicator indicator(String code, Obtained obtained, Derivation derivation, Set<Period.Type> types) {
        return new Indicator(code, code.toUpperCase() + "率", null, "儿童与健康", "%", ValueType.PERCENTAGE, Direction.INCREASE, 1,
                List.of("教育局"), obtained, null, derivation, true, types);
    }

    static Facts.Target target(String id, String indicator, String region, int year, List<String> units) {
        return new Facts.Target(id, indicator, region, year, "local",
                new TargetSpec(TargetKind.AT_LEAST, BigDecimal.valueOf(90), null, null, null, null), null, null, new ArrayList<>(units), 1);
    }
}
