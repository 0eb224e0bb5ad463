package cn.tongyou.task.domain;

import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The review summary's roll-up up the approval levels, hand-computed, and the level a review is made from. */
class ReviewRollUpTest {

    static final List<RegionLevel> CHAIN = List.of(RegionLevel.COUNTY, RegionLevel.PREFECTURE, RegionLevel.PROVINCE);
    static final RegionCode HENAN = RegionCode.parse("410000000000");
    static final RegionCode ZHENGZHOU = RegionCode.parse("410100000000");
    static final RegionCode XINGYANG = RegionCode.parse("410182000000");
    static final RegionCode ZHONGMU = RegionCode.parse("410122000000");
    static final RegionCode LUOYANG_COUNTY = RegionCode.parse("410323000000");
    static final RegionCode XINGYANG_TOWN = RegionCode.parse("410182100000");
    // a town of 东莞市, a city without counties (county digits 00)
    static final RegionCode DONGGUAN_TOWN = RegionCode.parse("441900003000");

    private static Map<RegionCode, ReviewCounts> counts() {
        Map<RegionCode, ReviewCounts> byRegion = new LinkedHashMap<>();
        // 荥阳市: 3 expected; 1 waiting (late), 1 returned (so missing), 1 never filed
        byRegion.put(XINGYANG, new ReviewCounts(3, 1, 0, 1, 2, 1));
        // a township plan of 荥阳市 counts in 荥阳市's row
        byRegion.put(XINGYANG_TOWN, new ReviewCounts(1, 0, 1, 0, 0, 0));
        // 中牟县: 2 expected, both accepted
        byRegion.put(ZHONGMU, new ReviewCounts(2, 0, 2, 0, 0, 0));
        // 郑州市's own plan: in the city's figures, in no county's
        byRegion.put(ZHENGZHOU, new ReviewCounts(1, 1, 0, 0, 0, 0));
        byRegion.put(LUOYANG_COUNTY, new ReviewCounts(4, 0, 0, 0, 4, 0));
        return byRegion;
    }

    @Test
    void aCitysFiguresAreItsCountiesSumsPlusItsOwn() {
        Map<RegionCode, ReviewCounts> byRegion = counts();
        byRegion.remove(LUOYANG_COUNTY);
        ReviewRollUp.Summary s = ReviewRollUp.of(ZHENGZHOU, CHAIN, byRegion);
        assertThat(s.totals()).isEqualTo(new ReviewCounts(7, 2, 3, 1, 2, 1));
        assertThat(s.levels()).extracting(ReviewRollUp.Level::level).containsExactly(RegionLevel.COUNTY);
        assertThat(s.levels().get(0).regions()).containsExactly(
                new ReviewRollUp.Row(ZHONGMU, new ReviewCounts(2, 0, 2, 0, 0, 0)),
                new ReviewRollUp.Row(XINGYANG, new ReviewCounts(4, 1, 1, 1, 2, 1)));
    }

    @Test
    void aProvinceListsItsCitiesAndCountiesHighestFirst() {
        ReviewRollUp.Summary s = ReviewRollUp.of(HENAN, CHAIN, counts());
        assertThat(s.totals()).isEqualTo(new ReviewCounts(11, 2, 3, 1, 6, 1));
        assertThat(s.levels()).extracting(ReviewRollUp.Level::level).containsExactly(RegionLevel.PREFECTURE, RegionLevel.COUNTY);
        assertThat(s.levels().get(0).regions()).containsExactly(
                new ReviewRollUp.Row(ZHENGZHOU, new ReviewCounts(7, 2, 3, 1, 2, 1)),
                new ReviewRollUp.Row(RegionCode.parse("410300000000"), new ReviewCounts(4, 0, 0, 0, 4, 0)));
        assertThat(s.levels().get(1).regions()).extracting(ReviewRollUp.Row::region)
                .containsExactly(ZHONGMU, XINGYANG, LUOYANG_COUNTY);
    }

    @Test
    void theCountryListsEveryLevelOfTheChainAndATownWithoutCountyOnlyAboveIt() {
        Map<RegionCode, ReviewCounts> byRegion = counts();
        byRegion.put(DONGGUAN_TOWN, new ReviewCounts(1, 0, 0, 0, 1, 0));
        ReviewRollUp.Summary s = ReviewRollUp.of(null, CHAIN, byRegion);
        assertThat(s.totals().expected()).isEqualTo(12);
        assertThat(s.levels()).extracting(ReviewRollUp.Level::level)
                .containsExactly(RegionLevel.PROVINCE, RegionLevel.PREFECTURE, RegionLevel.COUNTY);
        assertThat(s.levels().get(0).regions()).extracting(ReviewRollUp.Row::region)
                .containsExactly(HENAN, RegionCode.parse("440000000000"));
        assertThat(s.levels().get(1).regions()).extracting(ReviewRollUp.Row::region)
                .contains(RegionCode.parse("441900000000"));
        assertThat(s.levels().get(2).regions()).extracting(ReviewRollUp.Row::region)
                .containsExactly(ZHONGMU, XINGYANG, LUOYANG_COUNTY);
    }

    @Test
    void aReviewIsMadeFromTheLevelOfTheReviewersRegion() {
        assertThat(ReviewLevels.of(ZHENGZHOU)).isEqualTo("prefecture");
        assertThat(ReviewLevels.of(XINGYANG)).isEqualTo("county");
        assertThat(ReviewLevels.of(null)).isEqualTo("nationwide");
    }

    @Test
    void aCountyHasNoLevelBelowItInTheChainAndAShorterChainListsLess() {
        assertThat(ReviewRollUp.of(XINGYANG, CHAIN, Map.of(XINGYANG, new ReviewCounts(1, 1, 0, 0, 0, 0))).levels()).isEmpty();
        ReviewRollUp.Summary s = ReviewRollUp.of(HENAN, List.of(RegionLevel.COUNTY, RegionLevel.PROVINCE), counts());
        assertThat(s.levels()).extracting(ReviewRollUp.Level::level).containsExactly(RegionLevel.COUNTY);
    }
}
