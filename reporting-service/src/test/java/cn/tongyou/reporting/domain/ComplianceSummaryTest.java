package cn.tongyou.reporting.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON view of a province: long lists cut to their first items with their number and a link; counts untouched. */
class ComplianceSummaryTest {

    static final Compliance.Links LINKS = new Compliance.Links("/u?region=41", "/w?region=41", "/units");

    @Test
    void longListsAreCutCountedAndLinkedWhileTheCompleteFormKeepsEverything() {
        List<Compliance.RegionRef> villages = IntStream.range(0, 12_000)
                .mapToObj(i -> new Compliance.RegionRef("41%010d".formatted(i), "村" + i)).toList();
        Compliance.FacilityItem home = new Compliance.FacilityItem("children-home", "village", 50_000, 38_000, 0.76, villages, List.of());
        List<Compliance.Warning> warnings = new java.util.ArrayList<>();
        warnings.add(new Compliance.Warning("coverage-gap", "children-home", "12000 个村", List.of(), villages));
        IntStream.range(0, 70).forEach(i -> warnings.add(new Compliance.Warning("quality-violation", "f" + i, "m", List.of(), List.of())));
        List<Completeness.CompletenessLine> units = IntStream.range(0, 60).mapToObj(i -> Completeness.CompletenessLine.of(null, "u" + i,
                "局" + i, null, Completeness.CompletenessCounts.NONE, Completeness.CompletenessCounts.NONE)).toList();
        Completeness completeness = new Completeness("410000000000", "河南省", "province", "2025", LocalDate.of(2026, 2, 1), null, "2025H2",
                null, null, List.of(), units);
        Compliance full = new Compliance(null, "410000000000", "河南省", "province", "2025", LocalDate.of(2026, 2, 1), Instant.EPOCH,
                null, List.of(), List.of(), List.of(home), List.of(), warnings, List.of(), Map.of(), List.of(), completeness);

        Compliance view = full.summarised(LINKS);

        Compliance.FacilityItem shortHome = view.facilities().get(0);
        assertThat(shortHome.uncovered()).hasSize(Compliance.INLINE).isEqualTo(villages.subList(0, Compliance.INLINE));
        assertThat(shortHome.uncoveredCount()).isEqualTo(12_000);
        assertThat(shortHome.uncoveredHref()).isEqualTo("/u?region=41&facilityType=children-home");
        assertThat(shortHome.eligible()).isEqualTo(50_000);
        assertThat(shortHome.covered()).isEqualTo(38_000);
        // the first 50 of each kind: the coverage gap and 50 of the 70 quality findings
        assertThat(view.warnings()).hasSize(1 + Compliance.INLINE);
        assertThat(view.warnings().get(Compliance.INLINE).subject()).isEqualTo("f" + (Compliance.INLINE - 1));
        assertThat(view.warnings().get(0).regions()).hasSize(Compliance.INLINE);
        assertThat(view.warnings().get(0).regionCount()).isEqualTo(12_000);
        assertThat(view.warningCounts()).containsExactly(Map.entry("coverage-gap", 1), Map.entry("quality-violation", 70));
        assertThat(view.warningsHref()).isEqualTo("/w?region=41");
        assertThat(view.completeness().units()).hasSize(Compliance.INLINE);
        assertThat(view.completeness().unitCount()).isEqualTo(60);
        assertThat(view.completeness().unitsHref()).isEqualTo("/units");

        // the complete form (a stored snapshot, the exports) is untouched
        assertThat(full.facilities().get(0).uncovered()).hasSize(12_000);
        assertThat(full.facilities().get(0).uncoveredCount()).isEqualTo(12_000);
        assertThat(full.warnings()).hasSize(71);
        assertThat(full.warnings().get(0).regions()).hasSize(12_000);
        assertThat(full.completeness().units()).hasSize(60);
        assertThat(full.warningCounts()).isNull();
    }

    @Test
    void shortListsAreKeptWhole() {
        Compliance.FacilityItem home = new Compliance.FacilityItem("children-home", "village", 2, 1, 0.5,
                List.of(new Compliance.RegionRef("410185101002", "二村")), List.of());
        Compliance full = new Compliance(null, "410185000000", "测试县", "county", "2025", LocalDate.of(2026, 2, 1), Instant.EPOCH,
                null, List.of(), List.of(), List.of(home), List.of(), List.of(), List.of(), Map.of());
        Compliance view = full.summarised(LINKS);
        assertThat(view.facilities().get(0).uncovered()).isEqualTo(home.uncovered());
        assertThat(view.facilities().get(0).uncoveredCount()).isEqualTo(1);
        assertThat(view.warningCounts()).isEmpty();
        assertThat(view.completeness()).isNull();
    }
}
