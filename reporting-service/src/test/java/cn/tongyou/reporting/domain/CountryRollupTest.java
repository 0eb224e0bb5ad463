package cn.tongyou.reporting.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The country's parent summed from its provinces: counts summed, scores and ratios from the sums, lists cut in order. */
class CountryRollupTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 2, 1);

    static Map<String, Integer> totals(int met, int notMet, int noData) {
        Map<String, Integer> t = new LinkedHashMap<>();
        Compliance.STATUSES.forEach(s -> t.put(s, 0));
        t.put("MET", met);
        t.put("NOT_MET", notMet);
        t.put("NO_DATA", noData);
        return t;
    }

    static Compliance province(String code, String name, Map<String, Integer> totals, long eligible, int uncovered, int gaps, int units) {
        List<Compliance.RegionRef> villages = IntStream.range(0, uncovered)
                .mapToObj(i -> new Compliance.RegionRef(code.substring(0, 2) + "%010d".formatted(i), name + "村" + i)).toList();
        Compliance.FacilityItem home = new Compliance.FacilityItem(ComplianceRules.CHILDREN_HOME, "village", eligible, eligible - uncovered,
                eligible == 0 ? null : (double) (eligible - uncovered) / eligible, villages, List.of());
        List<Compliance.Warning> warnings = new ArrayList<>();
        IntStream.range(0, gaps).forEach(i -> warnings.add(new Compliance.Warning("quality-violation", code + "-" + i, "m", List.of(), villages)));
        Completeness.CompletenessCounts values = Completeness.CompletenessCounts.of(10, 7, 5, 4);
        Completeness.CompletenessCounts reports = Completeness.CompletenessCounts.of(4, 1, 1, 1);
        List<Completeness.CompletenessLine> lines = IntStream.range(0, units).mapToObj(i -> Completeness.CompletenessLine.of(null, code + "u" + i,
                "局" + i, null, Completeness.CompletenessCounts.NONE, Completeness.CompletenessCounts.NONE)).toList();
        Completeness completeness = new Completeness(code, name, "province", "2025", AS_OF, LocalDate.of(2026, 3, 31), "2025H2",
                LocalDate.of(2026, 1, 31), Completeness.CompletenessLine.of(code, null, name, "province", values, reports), List.of(), lines);
        Compliance.Summary summary = new Compliance.Summary(totals, ComplianceRules.score(totals),
                List.of(new Compliance.DomainTotals("健康", totals, ComplianceRules.score(totals))));
        return new Compliance(null, code, name, "province", "2025", AS_OF, Instant.EPOCH, summary, List.of(), List.of(), List.of(home),
                List.of(), warnings, List.of(), Map.of("cfc.regions/0", code.startsWith("63") ? 90L : 40L), List.of(), completeness);
    }

    @Test
    void theParentSumsTheProvincesAndScoresTheSumsNeverTheAverage() {
        CountryRollup rollup = new CountryRollup("2025", AS_OF);
        // 青海: 1 MET of 1 judged (score 100); 宁夏: 1 MET, 3 NOT_MET (score 25); averaged 62.5, summed 2 of 5 = 40
        CountryRollup.PartCounts qinghai = rollup.add(province("630000000000", "青海省", totals(1, 0, 2), 100, 30, 40, 30));
        CountryRollup.PartCounts ningxia = rollup.add(province("640000000000", "宁夏回族自治区", totals(1, 3, 0), 60, 45, 20, 25));

        assertThat(qinghai).isEqualTo(new CountryRollup.PartCounts(Map.of(ComplianceRules.CHILDREN_HOME, 30L), Map.of("quality-violation", 40), 30));
        assertThat(ningxia.uncoveredOf(ComplianceRules.CHILDREN_HOME)).isEqualTo(45);
        assertThat(ningxia.warningsOf(null)).isEqualTo(20);
        assertThat(ningxia.warningsOf("coverage-gap")).isZero();

        Compliance.Links links = new Compliance.Links("/s/1/uncovered", "/s/1/warnings", "/s/1/units");
        Compliance country = rollup.result("1", Instant.EPOCH, links);
        assertThat(CountryRollup.isCountry(country)).isTrue();
        assertThat(country.region()).isEqualTo("CN");
        assertThat(country.summary().totals()).containsEntry("MET", 2).containsEntry("NOT_MET", 3).containsEntry("NO_DATA", 2)
                .containsEntry("AT_RISK", 0);
        assertThat(country.summary().score()).isEqualTo(40);
        assertThat(country.summary().domains()).singleElement().satisfies(d -> {
            assertThat(d.totals()).containsEntry("MET", 2).containsEntry("NOT_MET", 3);
            assertThat(d.score()).isEqualTo(40);
        });
        assertThat(country.children()).extracting(Compliance.ChildSummary::code).containsExactly("630000000000", "640000000000");
        assertThat(country.children()).extracting(Compliance.ChildSummary::score).containsExactly(100, 25);

        Compliance.FacilityItem home = country.facilities().get(0);
        assertThat(home.eligible()).isEqualTo(160);
        assertThat(home.covered()).isEqualTo(85);
        assertThat(home.ratio()).isEqualTo(85.0 / 160, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(home.uncoveredCount()).isEqualTo(75);
        // the first 50 in province order: all 30 of 青海, then 20 of 宁夏 — what the first page of the list serves
        assertThat(home.uncovered()).hasSize(Compliance.INLINE);
        assertThat(home.uncovered().get(29).code()).startsWith("63");
        assertThat(home.uncovered().get(30).code()).isEqualTo("640000000000");
        assertThat(home.uncoveredHref()).isEqualTo("/s/1/uncovered?facilityType=children-home");
        assertThat(home.children()).extracting(Compliance.ChildCoverage::eligible).containsExactly(100L, 60L);

        assertThat(country.warningCounts()).containsExactly(Map.entry("quality-violation", 60));
        assertThat(country.warnings()).hasSize(Compliance.INLINE);
        assertThat(country.warnings().get(40).subject()).isEqualTo("640000000000-0");
        assertThat(country.warnings().get(0).regions()).hasSize(30);
        assertThat(country.warnings().get(45).regions()).hasSize(45);
        assertThat(country.warnings().get(0).regionCount()).isEqualTo(30);
        assertThat(country.warningsHref()).isEqualTo("/s/1/warnings");

        Completeness c = country.completeness();
        assertThat(c.total().values()).isEqualTo(Completeness.CompletenessCounts.of(20, 14, 10, 8));
        assertThat(c.total().reports()).isEqualTo(Completeness.CompletenessCounts.of(8, 2, 2, 2));
        assertThat(c.children()).extracting(Completeness.CompletenessLine::region).containsExactly("630000000000", "640000000000");
        assertThat(c.unitCount()).isEqualTo(55);
        assertThat(c.units()).hasSize(Compliance.INLINE);
        assertThat(c.unitsHref()).isEqualTo("/s/1/units");
        // what every province had applied at least
        assertThat(country.positions()).containsExactly(Map.entry("cfc.regions/0", 40L));
    }
}
