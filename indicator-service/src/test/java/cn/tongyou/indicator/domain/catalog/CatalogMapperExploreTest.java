package cn.tongyou.indicator.domain.catalog;

import cn.tongyou.indicator.SharedCatalog;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

class CatalogMapperExploreTest {
    @Test
    void explore() throws Exception {
        ObjectMapper om = new ObjectMapper();
        List<CuratedIndicator> curated = CuratedIndicator.listFrom(om.readTree(getClass().getResourceAsStream("/catalog/curated-indicators.json")));
        for (String p : List.of("000_", "001_", "002_", "003_", "004_")) {
            CatalogPlan plan = CatalogMapper.map(CatalogDocument.from(om.readTree(SharedCatalog.read(p))), curated);
            System.out.println("===== " + p + " indicators=" + plan.indicators().size() + " targets=" + plan.targets().size()
                    + " local=" + plan.targets().stream().filter(t -> !t.level().isReference()).count()
                    + " skipped=" + plan.skipped().size() + " warnings=" + plan.warnings());
            for (CatalogPlan.IndicatorDraft d : plan.indicators()) {
                System.out.println("  I " + d.code + " | " + d.name + " | " + d.unit + " " + d.valueType + " " + d.obtained + " " + d.direction + " aliases=" + d.aliases);
            }
            for (CatalogPlan.TargetDraft t : plan.targets()) {
                System.out.println("  T " + t.indicatorKey() + " " + t.year() + " " + t.level() + " " + t.spec() + " inferred=" + t.yearInferred() + " " + t.sourceKind());
            }
            plan.skipped().stream().filter(s -> !s.reason().startsWith("a deliverable") && !s.reason().startsWith("a facility standard") && !s.reason().startsWith("a count of")).forEach(s -> System.out.println("  S " + s));
        }
    }
}
