package cn.tongyou.indicator.domain.catalog;

import cn.tongyou.indicator.SharedCatalog;
import cn.tongyou.common.indicator.Derivation;
import cn.tongyou.common.indicator.TargetKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, "nothing silently dropped": every item of the five plans of ../shared/catalog (indicator-table target,
 * reference target, milestone, facility target) has a home — a target of the import, a task-service milestone — or a
 * listed reason; every facility target is measured from the register or explicitly assessed (192 of 192). Prints the
 * table plan × kind × measured/assessed/unhomed.
 */
class ItemHomesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> PREFIXES = List.of("000_", "001_", "002_", "003_", "004_");
    static List<CuratedIndicator> curated;

    @BeforeAll
    static void load() throws Exception {
        curated = CuratedIndicator.listFrom(JSON.readTree(ItemHomesTest.class.getResourceAsStream("/catalog/curated-indicators.json")));
    }

    @Test
    void everyItemOfTheFivePlansHasAHomeOrAReasonAndEveryFacilityTargetIsMeasuredOrAssessed() throws Exception {
        Map<String, int[]> table = new TreeMap<>(); // plan|kind -> measured, assessed, unhomed
        int facilityTargets = 0;
        int items = 0;
        List<String> unhomed = new ArrayList<>();
        StringBuilder out = new StringBuilder("\nplan × kind × measured / assessed (NEEDS_ASSESSMENT) / unhomed\n");
        for (String prefix : PREFIXES) {
            JsonNode root = JSON.readTree(SharedCatalog.read(prefix));
            CatalogDocument doc = CatalogDocument.from(root);
            CatalogPlan plan = CatalogMapper.map(doc, curated);
            // the homes cover every item of the file
            int milestones = 0;
            for (JsonNode t : root.path("tasks")) {
                milestones += t.path("milestones").size();
            }
            int references = 0;
            int tableTargets = 0;
            for (JsonNode i : root.path("indicators")) {
                references += i.path("reference_targets").size();
                tableTargets += i.path("targets").size();
            }
            Map<String, Long> byItem = new TreeMap<>();
            plan.homes().forEach(h -> byItem.merge(h.item(), 1L, Long::sum));
            assertThat(byItem.getOrDefault("milestone", 0L)).as(prefix + " milestones").isEqualTo(milestones);
            assertThat(byItem.getOrDefault("reference", 0L)).as(prefix + " references").isEqualTo(references);
            assertThat(byItem.getOrDefault("facility-target", 0L)).as(prefix + " facility targets").isEqualTo(root.path("facility_targets").size());
            assertThat(byItem.getOrDefault("indicator-table", 0L)).as(prefix + " rows").isEqualTo(root.path("indicators").size());
            for (CatalogPlan.ItemHome h : plan.homes()) {
                items++;
                boolean homed = !h.places().isEmpty();
                if (!homed && h.reasons().isEmpty()) {
                    unhomed.add(prefix + " " + h.item() + " " + h.number() + " " + h.what() + ": neither a home nor a reason");
                }
                if (h.item().equals("facility-target")) {
                    facilityTargets++;
                    int[] row = table.computeIfAbsent(doc.region().name() + "|" + h.facilityKind(), k -> new int[3]);
                    switch (h.status()) {
                        case "measured" -> row[0]++;
                        case "assessed" -> row[1]++;
                        default -> {
                            row[2]++;
                            unhomed.add(prefix + " facility target " + h.number() + " " + h.what() + ": " + h.reasons());
                        }
                    }
                }
            }
            assertThat(tableTargets).isGreaterThanOrEqualTo(0);
        }
        int[] total = new int[3];
        out.append(String.format("%-8s %-9s %9s %9s %8s%n", "plan", "kind", "measured", "assessed", "unhomed"));
        table.forEach((k, v) -> {
            String[] p = k.split("\\|");
            out.append(String.format("%-8s %-9s %9d %9d %8d%n", p[0], p[1], v[0], v[1], v[2]));
            for (int i = 0; i < 3; i++) {
                total[i] += v[i];
            }
        });
        out.append(String.format("%-8s %-9s %9d %9d %8d%n", "total", "", total[0], total[1], total[2]));
        out.append(items).append(" items in all\n");
        System.out.println(out);
        assertThat(unhomed).isEmpty();
        assertThat(facilityTargets).isEqualTo(192);
        assertThat(total[0] + total[1]).isEqualTo(192);
    }

    /** The qualifiers a plan states become the derived indicator's: 新建 since the plan's start, 示范, a sub-kind. */
    @Test
    void qualifiedCountsAreTheirOwnDerivedIndicators() throws Exception {
        CatalogPlan xingyang = CatalogMapper.map(CatalogDocument.from(JSON.readTree(SharedCatalog.read("000_"))), curated);
        // 2022 年，全市新增 16 个儿童友好足球场: new since the plan's start (its earliest dated item, 2022)
        CatalogPlan.IndicatorDraft football = xingyang.indicators().stream()
                .filter(d -> d.derivation != null && d.derivation.openedSince() != null && d.derivation.facilityType().equals("sports-venue"))
                .findFirst().orElseThrow();
        assertThat(football.code).isEqualTo("sports-venue-count-new-since-2022");
        assertThat(football.derivation.openedSince()).isEqualTo(LocalDate.of(2022, 1, 1));
        // 幼儿园 recorded as child-friendly-school: its own count, apart from the schools
        assertThat(xingyang.indicators()).anyMatch(d -> d.code.equals("child-friendly-school-count-kindergarten")
                && "幼儿园".equals(d.derivation.nameContains()));
        assertThat(xingyang.targets()).anyMatch(t -> t.indicatorKey().equals(IndicatorNames.matchKey("儿童友好学校数量")) && t.year() == 2025
                && t.spec().value().intValue() == 7);
        // 示范托育服务机构: certified at county level or above
        assertThat(xingyang.indicators()).anyMatch(d -> d.derivation != null && "county".equals(d.derivation.certifiedAtLeast())
                && d.derivation.facilityType().equals("childcare-institution"));
        // 东昌府区: issued 2023-08-29, "新建 1 处儿童友好公园" counts from that day
        CatalogPlan dongchangfu = CatalogMapper.map(CatalogDocument.from(JSON.readTree(SharedCatalog.read("004_"))), curated);
        assertThat(dongchangfu.indicators()).anyMatch(d -> d.code.equals("child-friendly-park-count-new-since-20230829"));
        assertThat(dongchangfu.targets()).anyMatch(t -> t.indicatorKey().equals(IndicatorNames.matchKey("儿童友好学校数量")) && t.year() == 2023
                && t.spec().kind() == TargetKind.AT_LEAST && t.spec().value().intValue() == 10);
        // a standard of a type without a checklist in the seeds: a target that needs an assessment, on 'standard' with no standard
        CatalogPlan xinhua = CatalogMapper.map(CatalogDocument.from(JSON.readTree(SharedCatalog.read("003_"))), curated);
        assertThat(xinhua.indicators()).anyMatch(d -> d.derivation != null && d.derivation.measure() == Derivation.Measure.STANDARD
                && d.derivation.standard() == null);
        assertThat(xinhua.indicators()).anyMatch(d -> d.code.equals("children-home-standard-rate"));
    }
}
