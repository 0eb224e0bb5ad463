package cn.tongyou.indicator.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An indicator to create or replace (PUT /api/v1/indicators/{code}). */
@Schema(name = "IndicatorInput")
public record IndicatorInput(
        @NotBlank(message = "{indicator.field.required}") @Size(max = 200) @Schema(example = "新生儿死亡率", required = true) String name,
        @Size(max = 300) String nameEn,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> aliases,
        @NotBlank(message = "{indicator.field.required}") @Schema(example = "公共服务友好", required = true, description = "an existing domain (GET /api/v1/domains)") String domain,
        @Size(max = 30) @Schema(example = "‰") String unit,
        @NotBlank(message = "{indicator.field.required}") @Schema(required = true, enumeration = {"number", "percentage", "per-mille", "count", "boolean", "text"}) String valueType,
        @Schema(enumeration = {"increase", "decrease", "target", "none"}, description = "default none") String direction,
        @Min(0) @Max(6) @Schema(description = "decimals shown; default 2 (0 for counts, booleans, text)") Integer precision,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> departments,
        @NotBlank(message = "{indicator.field.required}") @Schema(required = true, enumeration = {"reported", "computed", "derived"}) String obtained,
        @Valid @Schema(description = "required when obtained is computed") Computation computation,
        @Valid @Schema(description = "required when obtained is derived") Derivation derivation,
        @Schema(description = "default true; false lets the numerator exceed the denominator (gross rates)") Boolean bounded,
        @Schema(description = "year and/or half-year; default both (year only for per-mille rates)") List<String> periodTypes,
        @Size(max = 2000) String description) {

    @Schema(name = "ComputationInput")
    public record Computation(@Schema(required = true, enumeration = {"100", "1000", "10000", "100000"}) Integer scale,
                              @Size(max = 100) String numeratorLabel, @Size(max = 100) String denominatorLabel) {
    }

    @Schema(name = "DerivationInput")
    public record Derivation(@NotBlank(message = "{indicator.field.required}") @Size(max = 50) String facilityType,
                             @NotBlank(message = "{indicator.field.required}") @Schema(enumeration = {"coverage", "count"}) String measure,
                             @Schema(enumeration = {"province", "prefecture", "county", "township", "village"}) String level,
                             @Schema(enumeration = {"urban", "rural"}) String area,
                             Boolean hostBased) {
    }
}
