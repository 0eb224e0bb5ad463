package cn.tongyou.common.coverage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UrbanRuralTest {

    /** Names as villages.csv has them (NBS 2023), and the class the heuristic gives; blank = unknown. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "unknown", value = {
            "老城社区居委会,          urban",
            "多福巷社区居委会,        urban",
            "东华门居民委员会,        urban",
            "新华路居委会,            urban",
            "陈沟村社区,              urban",
            "东村社区居委会,          urban",
            "陈沟村村民委员会,        rural",
            "新店村委会,              rural",
            "东南村村委,              rural",
            "白庙村,                  rural",
            "卜尔汉图嘎查,            rural",
            "社区村委会,              rural",
            "万柳（集团）股份经济合作社六郎庄生活区, unknown",
            "山海关林场管理区,        unknown",
            "一分区西庄大队,          unknown",
            "阜平县社区服务中心,      unknown",
            "村民委会,                unknown",
    })
    void classFromName(String name, String expected) {
        assertThat(UrbanRural.fromName(name).map(UrbanRural::code).orElse(null)).isEqualTo(expected);
    }

    @Test
    void nullAndBlankNamesAreUnknown() {
        assertThat(UrbanRural.fromName(null)).isEmpty();
        assertThat(UrbanRural.fromName("  ")).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "unknown", value = {"111, urban", "112, urban", "123, urban", "210, rural", "220, rural",
            "310, unknown"})
    void classOfAnNbsCode(String code, String expected) {
        assertThat(UrbanRural.ofCode(code).map(UrbanRural::code).orElse(null)).isEqualTo(expected);
    }

    @Test
    void theImportedCodeWinsOverTheRecordedClass() {
        // an imported 220 (村庄) on a unit whose name reads urban: rural
        assertThat(UrbanRural.inArea("220", "urban", "rural")).isTrue();
        assertThat(UrbanRural.inArea("220", "urban", "urban")).isFalse();
        // no code: the recorded (derived) class
        assertThat(UrbanRural.inArea(null, "urban", "urban")).isTrue();
        assertThat(UrbanRural.inArea(null, "rural", "urban")).isFalse();
        // unknown: in neither area, in the overall coverage
        assertThat(UrbanRural.inArea(null, null, "urban")).isFalse();
        assertThat(UrbanRural.inArea(null, null, "rural")).isFalse();
        assertThat(UrbanRural.inArea(null, null, null)).isTrue();
    }
}
