package cn.tongyou.indicator.api;

import cn.tongyou.indicator.service.QualityService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What a whole-region check found. */
@Schema(name = "QualityCheck")
public record QualityCheckView(
        @Schema(example = "410182000000") String region,
        @Schema(example = "2025H2") String period,
        boolean descendants,
        @Schema(description = "regions with at least one value for the period (and the region itself without descendants)") int regionsChecked,
        @Schema(description = "live validation rules applied to each region") int rulesChecked,
        @Schema(description = "values of the period read") int valuesChecked,
        @Schema(description = "findings opened (new, or open again)") int opened,
        @Schema(description = "open findings whose check passes now") int resolved,
        @Schema(description = "every violation found now with the values involved: its finding, open or cleared") List<QualityFindingView> violations) {

    static QualityCheckView of(QualityService.CheckReport r) {
        return new QualityCheckView(r.region(), r.period(), r.descendants(), r.regionsChecked(), r.rulesChecked(), r.valuesChecked(),
                r.opened(), r.resolved(), r.violations().stream().map(QualityFindingView::of).toList());
    }
}
