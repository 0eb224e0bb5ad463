package cn.tongyou.common.coverage;

import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A hand-computed 荥阳市: three townships, seven villages. 乔楼镇 has 3 villages, 2 covered; 王村镇 has 4 villages,
 * 1 covered; 金寨回族乡 has none. Coverage of the city is 3/7 — not the mean of 2/3 and 1/4.
 */
class CoverageRuleTest {

    static final RegionCode XINGYANG = RegionCode.parse("410182");
    static final List<String> VILLAGES = List.of(
            "410182101201", "410182101202", "410182101203",
            "410182104201", "410182104202", "410182104203", "410182104204");
    static final Set<String> COVERED = Set.of("410182101201", "410182101203", "410182104202");
    static final List<CoverageRule.ChildRegion> TOWNSHIPS = List.of(
            new CoverageRule.ChildRegion("410182101000", "乔楼镇"),
            new CoverageRule.ChildRegion("410182104000", "王村镇"),
            new CoverageRule.ChildRegion("410182204000", "金寨回族乡"));

    @Test
    void totalsAreSumsOfUnits() {
        CoverageRule.Result r = CoverageRule.compute(XINGYANG, VILLAGES, COVERED, RegionLevel.TOWNSHIP);
        assertThat(r.eligible()).isEqualTo(7);
        assertThat(r.covered()).isEqualTo(3);
        assertThat(r.ratio()).isCloseTo(3.0 / 7, within(1e-12));
        assertThat(r.ratio()).isNotCloseTo((2.0 / 3 + 1.0 / 4) / 2, within(1e-3));
        assertThat(r.unassigned()).isZero();
    }

    @Test
    void perChildCountsAndRatios() {
        CoverageRule.Tally tally = new CoverageRule.Tally(XINGYANG, RegionLevel.TOWNSHIP, TOWNSHIPS);
        VILLAGES.forEach(v -> tally.add(v, COVERED.contains(v)));
        CoverageRule.Result r = tally.result();
        assertThat(r.children()).containsExactly(
                new CoverageRule.ChildCoverage("410182101000", "乔楼镇", 3, 2, 2.0 / 3),
                new CoverageRule.ChildCoverage("410182104000", "王村镇", 4, 1, 0.25),
                new CoverageRule.ChildCoverage("410182204000", "金寨回族乡", 0, 0, null));
        assertThat(r.children().stream().mapToLong(CoverageRule.ChildCoverage::eligible).sum()).isEqualTo(r.eligible());
    }

    @Test
    void nothingEligibleHasNoRatio() {
        CoverageRule.Result r = CoverageRule.compute(XINGYANG, List.of(), Set.of(), RegionLevel.TOWNSHIP);
        assertThat(r.eligible()).isZero();
        assertThat(r.ratio()).isNull();
        assertThat(CoverageRule.ratio(0, 0)).isNull();
        assertThat(CoverageRule.ratio(5, 5)).isEqualTo(1.0);
    }

    @Test
    void duplicatesCountOnceAndCoveredCodesThatAreNotEligibleAreIgnored() {
        CoverageRule.Result r = CoverageRule.compute(XINGYANG,
                List.of("410182101201", "410182101201", "410182101202"),
                Set.of("410182101201", "410182104299"), RegionLevel.TOWNSHIP);
        assertThat(r.eligible()).isEqualTo(2);
        assertThat(r.covered()).isEqualTo(1);
        assertThat(r.ratio()).isEqualTo(0.5);
    }

    @Test
    void unitsDeeperThanTheChildLevelRollUpToTheirAncestor() {
        // a city (郑州市) sees its counties: villages of 荥阳市 count for 410182.
        CoverageRule.Result r = CoverageRule.compute(RegionCode.parse("4101"), VILLAGES, COVERED, RegionLevel.COUNTY);
        assertThat(r.children()).singleElement().satisfies(c -> {
            assertThat(c.code()).isEqualTo("410182000000");
            assertThat(c.eligible()).isEqualTo(7);
            assertThat(c.covered()).isEqualTo(3);
        });
    }

    @Test
    void hostPlacesAtTheScopeItselfCountInTheTotalsOnly() {
        CoverageRule.Tally tally = new CoverageRule.Tally(XINGYANG, RegionLevel.TOWNSHIP, List.of());
        tally.add("410182000000", true);        // 荥阳市's railway station, registered at county level
        tally.add("410182101000", false);       // a mall in 乔楼镇
        CoverageRule.Result r = tally.result();
        assertThat(r.eligible()).isEqualTo(2);
        assertThat(r.covered()).isEqualTo(1);
        assertThat(r.unassigned()).isEqualTo(1);
        assertThat(r.children()).singleElement().satisfies(c -> {
            assertThat(c.eligible()).isEqualTo(1);
            assertThat(c.covered()).isZero();
            assertThat(c.ratio()).isEqualTo(0.0);
        });
    }

    @Test
    void unitsOutsideTheScopeAreRefused() {
        CoverageRule.Tally tally = new CoverageRule.Tally(XINGYANG, RegionLevel.TOWNSHIP, List.of());
        assertThatThrownBy(() -> tally.add("410183101201", true)).hasMessageContaining("not inside 410182000000");
        assertThatThrownBy(() -> new CoverageRule.Tally(XINGYANG, RegionLevel.COUNTY, List.of()))
                .hasMessageContaining("not below county");
    }

    @Test
    void aScopeAtTheUnitLevelHasNoChildren() {
        CoverageRule.Result r = CoverageRule.compute(RegionCode.parse("410182101"),
                List.of("410182101201", "410182101202"), Set.of("410182101202"), RegionLevel.VILLAGE);
        assertThat(r.children()).extracting(CoverageRule.ChildCoverage::covered).containsExactly(0L, 1L);
        CoverageRule.Result none = CoverageRule.compute(RegionCode.parse("410182101201"),
                List.of("410182101201"), Set.of(), null);
        assertThat(none.children()).isEmpty();
        assertThat(none.unassigned()).isEqualTo(1);
        assertThat(none.ratio()).isEqualTo(0.0);
    }
}
