package cn.tongyou.indicator.service;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/** A target to set (PUT /api/v1/targets/{region}/{indicator}/{year}). Which fields a kind needs: see the kind. */
@Schema(name = "TargetInput", description = """
        kind and its parameters: >=, >, <=, <, == need value; range needs value and valueMax (both included); bool needs \
        boolValue; increase/decrease take reference previous (default: the value one year earlier) or baseline (with \
        baselineYear); reduce-pct-from-baseline needs value (percent, 0 < value ≤ 100) and baselineYear; \
        reduce-pp-per-year needs value (points a year) and takes baselineYear (without it: year on year); qualitative \
        takes none. A comparison may name baselineYear as the start of its trajectory.""")
public record TargetInput(
        @Schema(required = true, enumeration = {">=", ">", "<=", "<", "==", "range", "bool", "increase", "decrease",
                "reduce-pct-from-baseline", "reduce-pp-per-year", "qualitative"}) String kind,
        @Schema(example = "4.2") BigDecimal value,
        BigDecimal valueMax,
        Boolean boolValue,
        @Schema(example = "2020") Integer baselineYear,
        @Schema(enumeration = {"previous", "baseline"}) String reference,
        @Size(max = 500) @Schema(description = "the target as written in the plan", example = "力争100") String text,
        @Size(max = 2000) String note,
        List<@Size(max = 100) String> responsibleUnits) {
}
