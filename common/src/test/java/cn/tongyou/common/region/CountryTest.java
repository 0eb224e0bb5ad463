package cn.tongyou.common.region;

import cn.tongyou.common.security.RegionScope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountryTest {

    @Test
    void onlyTheExplicitCodeNamesTheCountryAndItNeverBecomesARegionCode() {
        assertThat(Country.names("CN")).isTrue();
        assertThat(Country.names(" CN ")).isTrue();
        for (String notTheCountry : new String[] {null, "", "cn", "CHN", "00", "000000000000", "41", "CN41"}) {
            assertThat(Country.names(notTheCountry)).as(String.valueOf(notTheCountry)).isFalse();
        }
        // the ordinary inputs keep refusing the country: 00… is still not a province and CN not a code
        assertThat(RegionCode.isValid("CN")).isFalse();
        assertThat(RegionCode.isValid("00")).isFalse();
        assertThat(RegionCode.isValid("000000000000")).isFalse();
        // a nationwide token's claim and a request for the country are the same word
        assertThat(RegionScope.NATIONWIDE).isEqualTo(Country.CODE);
    }
}
