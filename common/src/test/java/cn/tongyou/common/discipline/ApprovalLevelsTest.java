package cn.tongyou.common.discipline;

import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.tongyou.common.region.RegionLevel.COUNTY;
import static cn.tongyou.common.region.RegionLevel.PREFECTURE;
import static cn.tongyou.common.region.RegionLevel.PROVINCE;
import static cn.tongyou.common.region.RegionLevel.TOWNSHIP;
import static cn.tongyou.common.region.RegionLevel.VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The approval chain: who accepts whose values, and which unit covers a value below the chain. */
class ApprovalLevelsTest {

    private static final RegionCode XINGYANG = RegionCode.parse("410182"); // 荥阳市, a county
    private static final RegionCode ZHENGZHOU = RegionCode.parse("4101"); // 郑州市, a prefecture
    private static final RegionCode HENAN = RegionCode.parse("41");
    private static final RegionCode TOWNSHIP_OF_XINGYANG = RegionCode.parse("410182101");
    private static final RegionCode VILLAGE_OF_XINGYANG = RegionCode.parse("410182101201");

    private final ApprovalLevels chain = new ApprovalLevels(List.of(COUNTY, PREFECTURE, PROVINCE));

    @Test
    void theDefaultChainGoesCountyPrefectureProvince() {
        assertThat(chain.levels()).containsExactly(COUNTY, PREFECTURE, PROVINCE);
        assertThat(chain.above(COUNTY)).contains(PREFECTURE);
        assertThat(chain.above(PREFECTURE)).contains(PROVINCE);
        assertThat(chain.above(PROVINCE)).as("the top accepts, nobody above it").isEmpty();
        assertThat(chain.above(TOWNSHIP)).as("off the chain").isEmpty();
        assertThat(chain.isApprovalLevel(COUNTY)).isTrue();
        assertThat(chain.isApprovalLevel(VILLAGE)).isFalse();
    }

    @Test
    void aCountyCoversItsTownshipsAndVillages() {
        assertThat(chain.unitLevel(XINGYANG)).isEqualTo(COUNTY);
        assertThat(chain.unit(XINGYANG)).isEqualTo(XINGYANG);
        assertThat(chain.unitLevel(TOWNSHIP_OF_XINGYANG)).isEqualTo(COUNTY);
        assertThat(chain.unit(TOWNSHIP_OF_XINGYANG)).isEqualTo(XINGYANG);
        assertThat(chain.unit(VILLAGE_OF_XINGYANG)).isEqualTo(XINGYANG);
        assertThat(chain.unit(ZHENGZHOU)).isEqualTo(ZHENGZHOU);
        assertThat(chain.unitLevel(HENAN)).isEqualTo(PROVINCE);
    }

    @Test
    void aTownshipOfACityWithoutCountiesIsCoveredByTheCity() {
        // 东莞市 (4419) has no counties: its townships read 4419 00 xxx
        RegionCode townshipOfDongguan = RegionCode.parse("441900003");
        assertThat(chain.unit(townshipOfDongguan)).isEqualTo(RegionCode.parse("4419"));
        assertThat(chain.unitLevel(townshipOfDongguan)).isEqualTo(PREFECTURE);
        ApprovalLevels countyProvince = new ApprovalLevels(List.of(COUNTY, PROVINCE));
        assertThat(countyProvince.unit(townshipOfDongguan)).isEqualTo(RegionCode.parse("44"));
    }

    @Test
    void aCustomChainSkipsALevel() {
        ApprovalLevels countyProvince = new ApprovalLevels(List.of(COUNTY, PROVINCE));
        assertThat(countyProvince.above(COUNTY)).contains(PROVINCE);
        assertThat(countyProvince.isApprovalLevel(PREFECTURE)).isFalse();
        assertThat(countyProvince.above(PREFECTURE)).isEmpty();
        // a prefecture's own values are accepted with the province's
        assertThat(countyProvince.unitLevel(ZHENGZHOU)).isEqualTo(PROVINCE);
        assertThat(countyProvince.unit(ZHENGZHOU)).isEqualTo(HENAN);
        assertThat(countyProvince.unit(VILLAGE_OF_XINGYANG)).isEqualTo(XINGYANG);
    }

    @Test
    void aRegionAboveTheChainIsCoveredByNoApproval() {
        ApprovalLevels countyPrefecture = new ApprovalLevels(List.of(COUNTY, PREFECTURE));
        assertThat(countyPrefecture.coveringUnit(HENAN)).isEmpty();
        assertThatThrownBy(() -> countyPrefecture.unitLevel(HENAN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("province");
    }

    @Test
    void aChainOutOfOrderEmptyOrRepeatedIsRefused() {
        for (List<RegionLevel> bad : List.of(List.of(PROVINCE, COUNTY), List.of(COUNTY, COUNTY), List.<RegionLevel>of())) {
            assertThatThrownBy(() -> new ApprovalLevels(bad)).as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cfc.discipline.approval-levels");
        }
    }
}
