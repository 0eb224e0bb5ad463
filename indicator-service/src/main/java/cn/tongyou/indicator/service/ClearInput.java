package cn.tongyou.indicator.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why a coordinator accepts flagged values as they are. */
@Schema(name = "QualityFindingClearInput")
public record ClearInput(
        @NotBlank(message = "{indicator.quality.finding.comment-required}") @Size(max = 2000)
        @Schema(required = true, example = "已核实：该县2025年新建村级儿童之家较多，数值属实") String comment) {
}
