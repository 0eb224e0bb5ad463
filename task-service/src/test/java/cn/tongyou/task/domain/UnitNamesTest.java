package cn.tongyou.task.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One department's spellings meet under one key; different departments do not. */
class UnitNamesTest {

    private final UnitNames dongchangfu = UnitNames.forRegion("371502000000", "东昌府区");
    private final UnitNames xingyang = UnitNames.forRegion("410182000000", "荥阳市");

    @Test
    void abbreviationsAndTheConjunctionMeet() {
        assertThat(dongchangfu.same("区文旅局", "区文化和旅游局")).isTrue();
        assertThat(dongchangfu.same("区卫健局", "区卫生健康局")).isTrue();
        assertThat(dongchangfu.same("区住建局", "区住房和城乡建设局")).isTrue();
        assertThat(dongchangfu.same("区人社局", "区人力资源和社会保障局")).isTrue();
        assertThat(dongchangfu.same("区发展改革局", "区发展和改革局")).isTrue();
        assertThat(xingyang.same("市发改委", "市发展和改革委员会")).isTrue();
        assertThat(xingyang.same("市妇儿工委办公室", "市妇女儿童工作委员会办公室")).isTrue();
    }

    @Test
    void fullAndHalfWidthBracketsAndSpacesMeet() {
        assertThat(dongchangfu.same("各镇(街道)", "各镇（街道）")).isTrue();
        assertThat(xingyang.same("市委老干部局（关工委）", "市委老干部局(关工委)")).isTrue();
        assertThat(dongchangfu.same(" 区 卫健局 ", "区卫健局")).isTrue();
    }

    @Test
    void theRegionsOwnNameAndABareNameMeetTheShortForm() {
        assertThat(xingyang.same("荥阳市教育局", "市教育局")).isTrue();
        assertThat(xingyang.same("教育局", "市教育局")).isTrue();
        assertThat(xingyang.same("中共荥阳市委宣传部", "市委宣传部")).isTrue();
        assertThat(dongchangfu.same("东昌府区卫健局", "区卫健局")).isTrue();
    }

    @Test
    void theAliasTableMapsWhatNoRuleDerives() {
        assertThat(xingyang.same("市资源自然规划局", "市自然资源规划局")).isTrue();
        assertThat(xingyang.same("市文化广电和旅游局", "市文广旅体局")).isTrue();
        assertThat(xingyang.same("市消防支队", "市消防救援支队")).isTrue();
        // the table is per county: elsewhere the two culture bureaux stay apart
        UnitNames meizhou = UnitNames.forRegion("441400000000", "梅州市");
        assertThat(meizhou.same("市文化广电和旅游局", "市文广旅体局")).isFalse();
    }

    @Test
    void differentDepartmentsStayApart() {
        assertThat(dongchangfu.same("区妇联", "区妇儿工委")).isFalse();
        assertThat(dongchangfu.same("区公安分局", "区司法局")).isFalse();
        assertThat(xingyang.same("市住房保障局", "市住建局")).isFalse();
        assertThat(xingyang.same("团市委", "市委")).isFalse();
        assertThat(xingyang.same("各街道党工委", "各街道党工委、办事处")).isFalse();
        // 区 and 市 departments of one name are different bodies
        assertThat(xingyang.same("市教育局", "区教育局")).isFalse();
    }

    @Test
    void theDisplayFormIsTheWrittenOneTrimmed() {
        assertThat(UnitNames.clean("  区文旅局 ")).isEqualTo("区文旅局");
        assertThat(UnitNames.clean("各镇（街道）")).isEqualTo("各镇（街道）");
    }

    @Test
    void groupsAreTold() {
        assertThat(UnitKind.of("各乡镇党委、政府")).isEqualTo(UnitKind.GROUP);
        assertThat(UnitKind.of("区儿童友好城区创建工作有关单位")).isEqualTo(UnitKind.GROUP);
        assertThat(UnitKind.of("等成员单位")).isEqualTo(UnitKind.GROUP);
        assertThat(UnitKind.of("村（居）委会")).isEqualTo(UnitKind.GROUP);
        assertThat(UnitKind.of("区卫健局")).isEqualTo(UnitKind.DEPARTMENT);
        assertThat(UnitKind.of("团区委")).isEqualTo(UnitKind.DEPARTMENT);
    }
}
