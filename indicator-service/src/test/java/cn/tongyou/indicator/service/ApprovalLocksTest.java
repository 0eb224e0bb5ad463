package cn.tongyou.indicator.service;

import cn.tongyou.common.discipline.ApprovalLevels;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which approvals hold a value: the one covering it and those of its ancestors in the chain. */
class ApprovalLocksTest {

    static ApprovalLocks with(RegionLevel... chain) {
        ApprovalLocks locks = new ApprovalLocks();
        locks.levels = new ApprovalLevels(List.of(chain));
        return locks;
    }

    static List<String> holding(ApprovalLocks locks, String region) {
        return locks.lockingRegions(RegionCode.parse(region));
    }

    @Test
    void aVillageValueIsHeldByItsCountyCityAndProvince() {
        ApprovalLocks locks = with(RegionLevel.COUNTY, RegionLevel.PREFECTURE, RegionLevel.PROVINCE);
        assertThat(holding(locks, "410182101001")).containsExactly("410182000000", "410100000000", "410000000000");
        assertThat(holding(locks, "410182")).containsExactly("410182000000", "410100000000", "410000000000");
        assertThat(holding(locks, "410100")).containsExactly("410100000000", "410000000000");
        assertThat(holding(locks, "410000")).containsExactly("410000000000");
        // 东莞 has no counties: its towns' values are the city's
        assertThat(holding(locks, "441900003001")).containsExactly("441900000000", "440000000000");
    }

    @Test
    void theChainIsConfiguration() {
        ApprovalLocks countyAndProvince = with(RegionLevel.COUNTY, RegionLevel.PROVINCE);
        assertThat(holding(countyAndProvince, "410182101001")).containsExactly("410182000000", "410000000000");
        // a city's own value: no approval covers it below the province
        assertThat(holding(countyAndProvince, "410100")).containsExactly("410000000000");
        ApprovalLocks countyOnly = with(RegionLevel.COUNTY);
        assertThat(holding(countyOnly, "410182101")).containsExactly("410182000000");
        assertThat(holding(countyOnly, "410100")).isEmpty();
    }
}
