package cn.tongyou.facility.domain;

import cn.tongyou.facility.service.RegionRowParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionRowParserTest {

    @Test
    void theHeaderTellsTheLayout() {
        assertThat(RegionCsvFormat.detect(List.of("code", "name"))).isEqualTo(RegionCsvFormat.NBS_PROVINCES);
        assertThat(RegionCsvFormat.detect(List.of("code", "name", "provinceCode"))).isEqualTo(RegionCsvFormat.NBS_CITIES);
        assertThat(RegionCsvFormat.detect(List.of("code", "name", "cityCode", "provinceCode"))).isEqualTo(RegionCsvFormat.NBS_AREAS);
        assertThat(RegionCsvFormat.detect(List.of("code", "name", "areaCode", "provinceCode", "cityCode"))).isEqualTo(RegionCsvFormat.NBS_STREETS);
        assertThat(RegionCsvFormat.detect(List.of("code", "name", "streetCode", "provinceCode", "cityCode", "areaCode"))).isEqualTo(RegionCsvFormat.NBS_VILLAGES);
        assertThat(RegionCsvFormat.detect(List.of("code", "name", "parentCode", "urbanRuralCode"))).isEqualTo(RegionCsvFormat.GENERIC);
        assertThatThrownBy(() -> RegionCsvFormat.detect(List.of("id", "title"))).hasMessageContaining("code and name");
    }

    @Test
    void aStreetRowIsNormalisedAndItsParentChecked() {
        RegionRowParser parser = new RegionRowParser(RegionCsvFormat.NBS_STREETS);
        RegionRowParser.Result ok = parser.parse(2, RegionRowParser.columns(
                Map.of("code", "410182101", "name", " 乔楼镇 ", "areaCode", "410182", "provinceCode", "41", "cityCode", "4101")));
        assertThat(ok.error()).isNull();
        assertThat(ok.row().code().value()).isEqualTo("410182101000");
        assertThat(ok.row().name()).isEqualTo("乔楼镇");
        assertThat(ok.row().parent().value()).isEqualTo("410182000000");

        RegionRowParser.Result wrongParent = parser.parse(3, RegionRowParser.columns(
                Map.of("code", "410182101", "name", "乔楼镇", "areaCode", "410183")));
        assertThat(wrongParent.error().line()).isEqualTo(3);
        assertThat(wrongParent.error().field()).isEqualTo("areaCode");
        assertThat(wrongParent.error().message()).contains("410182000000");

        RegionRowParser.Result wrongLevel = parser.parse(4, RegionRowParser.columns(
                Map.of("code", "410182", "name", "荥阳市", "areaCode", "4101")));
        assertThat(wrongLevel.error().message()).contains("county code").contains("township rows");
    }

    @Test
    void genericRowsNeedAParentUnlessProvinceAndValidateOptionalColumns() {
        RegionRowParser parser = new RegionRowParser(RegionCsvFormat.GENERIC);
        assertThat(parser.parse(2, RegionRowParser.columns(Map.of("code", "41", "name", "河南省"))).error()).isNull();
        assertThat(parser.parse(3, RegionRowParser.columns(Map.of("code", "4101", "name", "郑州市"))).error().message())
                .contains("only provinces have no parent");
        assertThat(parser.parse(4, RegionRowParser.columns(Map.of("code", "410182101201", "name", "陈沟村",
                "parentCode", "410182101", "urbanRuralCode", "22"))).error().field()).isEqualTo("urbanRuralCode");
        assertThat(parser.parse(5, RegionRowParser.columns(Map.of("code", "41018210120X", "name", "x",
                "parentCode", "410182101"))).error().field()).isEqualTo("code");
        assertThat(parser.parse(6, RegionRowParser.columns(Map.of("code", "410182101201", "name", "",
                "parentCode", "410182101"))).error().message()).isEqualTo("name is empty");
    }

    @Test
    void aRetiredCodeIsNeverBroughtBackButRenamesAreUpdates() {
        RegionRowParser parser = new RegionRowParser(RegionCsvFormat.GENERIC);
        RegionRow row = parser.parse(2, RegionRowParser.columns(Map.of("code", "410182101201", "name", "陈沟村",
                "parentCode", "410182101"))).row();
        Region stored = Region.create(row, null, false);
        assertThat(stored.compare(row)).isEqualTo(Region.Change.UNCHANGED);
        RegionRow renamed = new RegionRow(2, row.code(), "陈沟社区", row.parent(), null, null);
        assertThat(stored.compare(renamed)).isEqualTo(Region.Change.UPDATE);
        assertThat(stored.apply(renamed).version()).isEqualTo(2);
        Region retired = new Region(row.code(), row.name(), row.parent(), null, null, java.time.LocalDate.of(2024, 1, 1), false, 2);
        assertThat(retired.compare(row)).isEqualTo(Region.Change.RETIRED_CODE_REUSED);
    }
}
