package cn.tongyou.common.region;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionCodeTest {

    @Test
    void shortFormsArePaddedAndTheLevelFollowsFromTheDigits() {
        assertThat(RegionCode.parse("41").value()).isEqualTo("410000000000");
        assertThat(RegionCode.parse("41").level()).isEqualTo(RegionLevel.PROVINCE);
        assertThat(RegionCode.parse("4101").level()).isEqualTo(RegionLevel.PREFECTURE);
        assertThat(RegionCode.parse("410182").level()).isEqualTo(RegionLevel.COUNTY);
        assertThat(RegionCode.parse("410182101").level()).isEqualTo(RegionLevel.TOWNSHIP);
        assertThat(RegionCode.parse("410182101201").level()).isEqualTo(RegionLevel.VILLAGE);
        assertThat(RegionCode.parse(" 410182000000 ").value()).isEqualTo("410182000000");
    }

    @Test
    void ancestorsAndParentComeFromThePrefix() {
        RegionCode village = RegionCode.parse("410182101201");
        assertThat(village.parent().value()).isEqualTo("410182101000");
        assertThat(village.ancestors()).extracting(RegionCode::value)
                .containsExactly("410000000000", "410100000000", "410182000000", "410182101000");
        assertThat(RegionCode.parse("41").parent()).isNull();
        assertThat(village.ancestorAt(RegionLevel.COUNTY)).isEqualTo(RegionCode.parse("410182"));
    }

    @Test
    void subtreeMembershipUsesTheSignificantDigits() {
        RegionCode county = RegionCode.parse("410182");
        assertThat(RegionCode.parse("410182101201").isWithin(county)).isTrue();
        assertThat(county.isWithin(county)).isTrue();
        assertThat(RegionCode.parse("410183").isWithin(county)).isFalse();
        assertThat(county.isWithin(RegionCode.parse("410182101"))).isFalse();
        assertThat(county.subtreePattern()).isEqualTo("410182%");
        // 110100 (北京市市辖区) is a prefecture whose prefix is 1101, not 11.
        assertThat(RegionCode.parse("110101").isWithin(RegionCode.parse("1101"))).isTrue();
    }

    @Test
    void townshipsOfACityWithoutCountiesHangUnderThePrefecture() {
        RegionCode township = RegionCode.parse("441900003"); // 东莞市东城街道
        assertThat(township.level()).isEqualTo(RegionLevel.TOWNSHIP);
        assertThat(township.skipsCounty()).isTrue();
        assertThat(township.parent().value()).isEqualTo("441900000000");
        assertThat(township.parent().level()).isEqualTo(RegionLevel.PREFECTURE);
        assertThat(township.ancestors()).extracting(RegionCode::value).containsExactly("440000000000", "441900000000");
        assertThat(township.ancestorAt(RegionLevel.COUNTY).level()).isEqualTo(RegionLevel.PREFECTURE);
        assertThat(township.isWithin(RegionCode.parse("4419"))).isTrue();
        assertThat(RegionCode.parse("441900003201").parent().value()).isEqualTo("441900003000");
    }

    @Test
    void malformedCodesAreRefusedWithAReason() {
        assertThatThrownBy(() -> RegionCode.parse("4101820")).hasMessageContaining("2, 4, 6, 9 or 12 digits");
        assertThatThrownBy(() -> RegionCode.parse("41018A")).hasMessageContaining("digits only");
        assertThatThrownBy(() -> RegionCode.parse("000000")).hasMessageContaining("no province");
        assertThatThrownBy(() -> RegionCode.parse("410182000201")).hasMessageContaining("skips the township");
        assertThatThrownBy(() -> RegionCode.parse("")).isInstanceOf(InvalidRegionCodeException.class);
        assertThat(RegionCode.isValid("4101")).isTrue();
        assertThat(RegionCode.isValid("41010")).isFalse();
    }
}
