package cn.tongyou.indicator.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A check of every rule, bound and outlier score for a region (and its descendants) and a period. */
@Schema(name = "QualityCheckInput")
public record QualityCheckInput(
        @NotBlank(message = "{indicator.quality.check.region-required}") @Size(max = 20) @Schema(required = true, example = "410182") String region,
        @NotBlank(message = "{indicator.quality.check.period-required}") @Size(max = 10) @Schema(required = true, example = "2025H2") String period,
        @Schema(description = "also the regions below (default true)") Boolean descendants) {
}
