package cn.tongyou.facility.domain;

import cn.tongyou.facility.service.RegionRowParser;
import cn.tongyou.common.coverage.UrbanRural;
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
        assertThat(wrongParent.error().text()).contains("410182000000");

        RegionRowParser.Result wrongLevel = parser.parse(4, RegionRowParser.columns(
                Map.of("code", "410182", "name", "荥阳市", "areaCode", "4101")));
        assertThat(wrongLevel.error().text()).contains("county code").contains("township rows");
    }

    @Test
    void genericRowsNeedAParentUnlessProvinceAndValidateOptionalColumns() {
        RegionRowParser parser = new RegionRowParser(RegionCsvFormat.GENERIC);
        assertThat(parser.parse(2, RegionRowParser.columns(Map.of("code", "41", "name", "河南省"))).error()).isNull();
        assertThat(parser.parse(3, RegionRowParser.columns(Map.of("code", "4101", "name", "郑州市"))).error().text())
                .contains("only provinces have no parent");
        assertThat(parser.parse(4, RegionRowParser.columns(Map.of("code", "410182101201", "name", "陈沟村",
                "parentCode", "410182101", "urbanRuralCode", "22"))).error().field()).isEqualTo("urbanRuralCode");
        assertThat(parser.parse(4, RegionRowParser.columns(Map.of("code", "410182101201", "name", "陈沟村",
                "parentCode", "410182101", "urbanRuralCode", "310"))).error().field()).isEqualTo("urbanRuralCode");
        assertThat(parser.parse(5, RegionRowParser.columns(Map.of("code", "41018210120X", "name", "x",
                "parentCode", "410182101"))).error().field()).isEqualTo("code");
        assertThat(parser.parse(6, RegionRowParser.columns(Map.of("code", "410182101201", "name", "",
                "parentCode", "410182101"))).error().text()).isEqualTo("name is empty");
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
        Region retired = stored.retire(java.time.LocalDate.of(2024, 1, 1));
        assertThat(retired.compare(row)).isEqualTo(Region.Change.RETIRED_CODE_REUSED);
    }

    @Test
    void aVillagesCsvRowAsItIs() {
        // villages.csv: code,name,streetCode,provinceCode,cityCode,areaCode (the quotes are gone after the CSV reader)
        RegionRowParser parser = new RegionRowParser(RegionCsvFormat.NBS_VILLAGES);
        RegionRowParser.Result ok = parser.parse(2, RegionRowParser.columns(Map.of("code", "410182103201",
                "name", "广武村委会", "streetCode", "410182103", "provinceCode", "41", "cityCode", "4101", "areaCode", "410182")));
        assertThat(ok.error()).isNull();
        assertThat(ok.row().parent().value()).isEqualTo("410182103000");
        assertThat(ok.row().urbanRuralCode()).isNull();
        assertThat(parser.parse(3, RegionRowParser.columns(Map.of("code", "410182103201", "name", "广武村委会",
                "streetCode", "410182104"))).error().field()).isEqualTo("streetCode");
        assertThat(parser.parse(4, RegionRowParser.columns(Map.of("code", "410182103", "name", "广武镇",
                "streetCode", "410182"))).error().text()).contains("village rows");
    }

    @Test
    void aVillageIsClassedByItsNameUnlessItsCodeIsImported() {
        RegionRowParser parser = new RegionRowParser(RegionCsvFormat.GENERIC);
        RegionRow community = parser.parse(2, RegionRowParser.columns(Map.of("code", "410182001001",
                "name", "老城社区居委会", "parentCode", "410182001"))).row();
        Region derived = Region.create(community, null, false);
        assertThat(derived.urbanRural()).isEqualTo(UrbanRural.URBAN);
        assertThat(derived.urbanRuralSource()).isEqualTo(UrbanRuralSource.DERIVED);
        assertThat(derived.urbanRuralCode()).isNull();

        // imported wins over derived, and stays when a file without the code comes again
        RegionRow withCode = new RegionRow(3, community.code(), community.name(), community.parent(), "220", null);
        assertThat(derived.compare(withCode)).isEqualTo(Region.Change.UPDATE);
        Region imported = derived.apply(withCode);
        assertThat(imported.urbanRural()).isEqualTo(UrbanRural.RURAL);
        assertThat(imported.urbanRuralSource()).isEqualTo(UrbanRuralSource.IMPORTED);
        assertThat(imported.compare(community)).isEqualTo(Region.Change.UNCHANGED);
        assertThat(imported.apply(community).urbanRural()).isEqualTo(UrbanRural.RURAL);

        // a name that tells nothing: unknown; above the village level nothing is derived
        RegionRow odd = parser.parse(4, RegionRowParser.columns(Map.of("code", "410182001500",
                "name", "六郎庄生活区", "parentCode", "410182001"))).row();
        assertThat(Region.create(odd, null, false).urbanRural()).isNull();
        assertThat(Region.create(odd, null, false).urbanRuralSource()).isNull();
        RegionRow township = parser.parse(5, RegionRowParser.columns(Map.of("code", "410182001",
                "name", "索河社区", "parentCode", "410182"))).row();
        assertThat(Region.create(township, null, false).urbanRural()).isNull();
    }

    @Test
    void generatedAndRealRegionsNeverRenameEachOther() {
        RegionRowParser parser = new RegionRowParser(RegionCsvFormat.GENERIC);
        RegionRow demo = parser.parse(2, RegionRowParser.columns(Map.of("code", "410182103201",
                "name", "广武镇演示村01", "parentCode", "410182103", "urbanRuralCode", "111"))).row();
        RegionRow real = new RegionRow(3, demo.code(), "广武村委会", demo.parent(), null, null);
        Region generated = Region.create(demo, null, true);
        assertThat(generated.compare(real, false)).isEqualTo(Region.Change.RENAMES_GENERATED);
        assertThat(generated.compare(demo, false)).isEqualTo(Region.Change.UNCHANGED);
        Region replaced = generated.replaceGenerated(real);
        assertThat(replaced.generated()).isFalse();
        assertThat(replaced.name()).isEqualTo("广武村委会");
        // the generated region's invented 111 goes with it: the real name says rural
        assertThat(replaced.urbanRural()).isEqualTo(UrbanRural.RURAL);
        assertThat(replaced.urbanRuralSource()).isEqualTo(UrbanRuralSource.DERIVED);
        assertThat(replaced.urbanRuralCode()).isNull();
        assertThat(replaced.version()).isEqualTo(2);
        assertThat(Region.create(real, null, false).compare(demo, true)).isEqualTo(Region.Change.RENAMES_REAL);
    }
}
