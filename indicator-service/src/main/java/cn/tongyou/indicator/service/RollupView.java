package cn.tongyou.indicator.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A parent region's value formed from its children's (sums of numerators and denominators, or of counts). */
@Schema(name = "Rollup")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollupView(
        String regionCode,
        String indicatorCode,
        String period,
        @Schema(enumeration = {"approved", "latest"}) String basis,
        @Schema(description = "the region's own reported value, if any") EvaluationReport.FigureView own,
        @Schema(description = "the sum over the children") EvaluationReport.FigureView rollup,
        @Schema(description = "each child region with values, and the level its values come from") List<Child> children) {

    @Schema(name = "RollupChild")
    public record Child(String regionCode,
                        @Schema(enumeration = {"province", "prefecture", "county", "township", "village"}, description = "the level whose values were summed inside this child") String level,
                        EvaluationReport.FigureView figure) {
    }
}
