package cn.tongyou.indicator.domain.catalog;

import cn.tongyou.indicator.SharedCatalog;
import cn.tongyou.common.indicator.Obtained;
import cn.tongyou.common.indicator.TargetKind;
import cn.tongyou.indicator.domain.TargetLevel;
import cn.tongyou.common.indicator.ValueType;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue loader's rules, on the real plans of ../shared/catalog. */
class CatalogMapperTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static List<CuratedIndicator> curated;

    @BeforeAll
    static void load() throws Exception {
        curated = CuratedIndicator.listFrom(JSON.readTree(CatalogMapperTest.class.getResourceAsStream("/catalog/curated-indicators.json")));
    }

    static CatalogPlan plan(String prefix) throws Exception {
        return CatalogMapper.map(CatalogDocument.from(JSON.readTree(SharedCatalog.read(prefix))), curated);
    }

    static CatalogPlan.IndicatorDraft draft(CatalogPlan plan, String code) {
        return plan.indicators().stream().filter(d -> d.code.equals(code)).findFirst().orElseThrow();
    }

    @Test
    void meizhouGives57IndicatorsEachWithIts2025Target() throws Exception {
        CatalogPlan p = plan(SharedCatalog.MEIZHOU);
        // the 57 rows of its table, and the derived indicators of its facility targets (measured or to be assessed)
        assertThat(p.indicators().stream().filter(d -> d.derivation == null || d.sources.stream().anyMatch(s -> s.kind().equals("indicator-table")))).hasSize(57);
        assertThat(p.targets().stream().filter(t -> !t.sourceKind().equals("facility-target"))).hasSize(57)
                .allMatch(t -> t.year() == 2025 && t.level() == TargetLevel.LOCAL);
        assertThat(p.targets()).allMatch(t -> t.year() == 2025 && t.level() == TargetLevel.LOCAL);
        assertThat(p.domains()).extracting(CatalogPlan.DomainDraft::name)
                .containsExactly("社会政策友好", "公共服务友好", "权利保障友好", "成长空间友好", "发展环境友好", "儿童参与友好");
        Map<String, Long> kinds = p.targets().stream().filter(t -> !t.sourceKind().equals("facility-target")).collect(Collectors.groupingBy(t -> t.spec().kind().code(), Collectors.counting()));
        assertThat(kinds).containsEntry("bool", 4L).containsEntry("<", 5L).containsEntry(">", 6L).containsEntry("range", 1L)
                .containsEntry("reduce-pct-from-baseline", 1L).containsEntry("reduce-pp-per-year", 1L).containsEntry("<=", 1L);
        assertThat(draft(p, "neonatal-mortality-rate").valueType).isEqualTo(ValueType.PER_MILLE);
        assertThat(draft(p, "children-home-coverage").obtained).isEqualTo(Obtained.DERIVED);
        assertThat(draft(p, "whether-a-coordination-mechanism-for-child-friendly-city").valueType).isEqualTo(ValueType.BOOLEAN);
        assertThat(draft(p, "childcare-places-per-1000").valueType).isEqualTo(ValueType.NUMBER);
        assertThat(draft(p, "child-social-workers").valueType).isEqualTo(ValueType.COUNT);
        // the milestone 0-17岁 duplicates indicator 37 (curated alias) and is skipped as such
        assertThat(p.skipped()).anyMatch(s -> s.reason().startsWith("duplicate") && s.sourceKind().equals("milestone"));
        assertThat(draft(p, "neonatal-mortality-rate").sources.get(0).quote()).startsWith("15 新生儿死亡率");
    }

    @Test
    void pingdingshanGives84GoalsTheir2025And2030TargetsAndTheReferencesItQuotes() throws Exception {
        CatalogPlan p = plan(SharedCatalog.PINGDINGSHAN);
        List<CatalogPlan.TargetDraft> table = p.targets().stream().filter(t -> t.sourceKind().equals("indicator-table")).toList();
        assertThat(table.stream().map(CatalogPlan.TargetDraft::indicatorKey).distinct()).hasSize(84);
        assertThat(table).hasSize(96);
        assertThat(table.stream().filter(t -> t.year() == 2025)).hasSize(12);
        List<CatalogPlan.TargetDraft> references = p.targets().stream().filter(t -> t.level().isReference()).toList();
        assertThat(references).hasSize(41);
        // 国纲: 新生儿、婴儿和5岁以下儿童死亡率分别达到3.0‰、5.0‰和6.0‰ → each its own value, for 2030
        assertThat(references.stream().filter(t -> t.level() == TargetLevel.NATIONAL && t.year() == 2030
                && t.indicatorKey().equals(IndicatorNames.matchKey("婴儿死亡率")))).singleElement()
                .satisfies(t -> assertThat(t.spec().value()).isEqualByComparingTo("5.0"));
        // 河南省: 以2020年为基数下降14%，2030年以2020年为基数下降20% → 2025: 14%, 2030: 20%
        assertThat(references.stream().filter(t -> t.level() == TargetLevel.PROVINCIAL && t.indicatorKey().equals(IndicatorNames.matchKey("儿童伤害死亡率")))
                .map(t -> t.year() + ":" + t.spec().kind().code() + ":" + t.spec().value().stripTrailingZeros().toPlainString() + ":" + t.spec().baselineYear()))
                .containsExactlyInAnyOrder("2025:reduce-pct-from-baseline:14:2020", "2030:reduce-pct-from-baseline:20:2020");
        // 河南省目标与国纲目标相同 → the national values
        assertThat(references.stream().filter(t -> t.level() == TargetLevel.PROVINCIAL && t.indicatorKey().equals(IndicatorNames.matchKey("初中生近视率"))))
                .singleElement().satisfies(t -> assertThat(t.spec().value()).isEqualByComparingTo("60"));
        // 2030 "在此基础上继续提高" is an increase on the 2025 value
        assertThat(table.stream().filter(t -> t.indicatorKey().equals(IndicatorNames.matchKey("农村自来水普及率")) && t.year() == 2030))
                .singleElement().satisfies(t -> {
                    assertThat(t.spec().kind()).isEqualTo(TargetKind.INCREASE);
                    assertThat(t.spec().baselineYear()).isEqualTo(2025);
                });
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void theOtherPlansGiveTheirMeasurableMilestonesAndCoverageTargets() throws Exception {
        CatalogPlan xingyang = plan("000_");
        // 新生儿死亡率 ≤ 2.5‰ (undated: the plan's 2025) is a target of the shared indicator; facility deliverables are not
        assertThat(xingyang.targets()).anyMatch(t -> t.indicatorKey().equals("新生儿死亡率") && t.year() == 2025 && t.yearInferred()
                && t.spec().kind() == TargetKind.AT_MOST && t.spec().value().compareTo(new java.math.BigDecimal("2.5")) == 0);
        assertThat(draft(xingyang, "neonatal-mortality-rate").sources.get(0).kind()).isEqualTo("milestone");
        assertThat(xingyang.targets()).anyMatch(t -> t.indicatorKey().equals(IndicatorNames.matchKey("城乡社区儿童之家覆盖率")));
        assertThat(xingyang.skipped()).anyMatch(s -> s.reason().startsWith("a facility deliverable (child-friendly-school)"));
        assertThat(xingyang.skipped()).anyMatch(s -> s.reason().startsWith("a deliverable without a measurable value"));
        assertThat(plan("004_").targets()).anyMatch(t -> t.indicatorKey().equals(IndicatorNames.matchKey("每千常住人口拥有3岁以下婴幼儿托位数")));
    }

    @Test
    void namesMatchAcrossSpellings() {
        assertThat(IndicatorNames.matchKey("0~6岁儿童眼保健和视力检查覆盖率")).isEqualTo(IndicatorNames.matchKey("0-6 岁儿童眼保健和视力检查覆盖率"));
        assertThat(IndicatorNames.matchKey("0—6岁儿童眼保健和视力检查覆盖率")).isEqualTo(IndicatorNames.matchKey("0-6岁儿童眼保健和视力检查覆盖率"));
        assertThat(IndicatorNames.matchKey("农村社区（村）比例")).isEqualTo(IndicatorNames.matchKey("农村社区(村)比例"));
        assertThat(IndicatorNames.matchKey("中小学生《国家学生体质健康标准》达标优良率")).isEqualTo(IndicatorNames.matchKey("中小学生国家学生体质健康标准达标优良率"));
        assertThat(IndicatorNames.slug("Children's councils")).isEqualTo("childrens-councils");
        assertThat(IndicatorNames.slug("Under-5 mortality rate")).isEqualTo("under-5-mortality-rate");
        assertThat(IndicatorNames.slug("x".repeat(10) + " " + "y".repeat(60))).hasSizeLessThanOrEqualTo(60);
        assertThat(IndicatorNames.hashCode("新生儿访视率")).matches("ind-[0-9a-f]{8}");
    }
}
