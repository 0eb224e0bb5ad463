package cn.tongyou.indicator.service;

import cn.tongyou.common.indicator.Numbers;
import cn.tongyou.indicator.store.TargetEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A target with, for a local one, the reference targets beside it and how it compares with each. */
@Schema(name = "Target")
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record TargetView(
        UUID id,
        @Schema(example = "neonatal-mortality-rate") String indicatorCode,
        @Schema(example = "新生儿死亡率") String indicatorName,
        @Schema(example = "441400000000") String regionCode,
        @Schema(example = "2025") int year,
        @Schema(enumeration = {"local", "prefecture", "provincial", "national"}) String level,
        @Schema(example = "<") String kind,
        BigDecimal value,
        BigDecimal valueMax,
        Boolean boolValue,
        Integer baselineYear,
        @Schema(enumeration = {"previous", "baseline"}) String reference,
        @Schema(description = "as written in the plan", example = "<2") String text,
        String note,
        List<String> responsibleUnits,
        Source source,
        Assessment assessment,
        @Schema(description = "local targets: the reference targets of the same indicator, region and year") List<Comparison> references,
        @Schema(description = "local targets: the levels whose target is stronger than this one (低于上级目标)", example = "[\"national\"]") List<String> weakerThan,
        long version,
        Instant updatedAt,
        String updatedBy) {

    @Schema(name = "TargetSource")
    public record Source(String document, @Schema(enumeration = {"indicator-table", "reference", "milestone", "facility-target", "api"}) String kind,
                         String number, @Schema(description = "verbatim sentence of the plan") String quote,
                         @Schema(description = "true when the plan names no year and the import chose the plan's horizon") boolean yearInferred) {
    }

    @Schema(name = "TargetAssessment")
    public record Assessment(@Schema(enumeration = {"MET", "NOT_MET", "ON_TRACK", "AT_RISK"}) String verdict, String reason,
                             String assessedBy, Instant assessedAt) {
    }

    @Schema(name = "TargetComparison")
    public record Comparison(@Schema(enumeration = {"prefecture", "provincial", "national"}) String level, String kind,
                             BigDecimal value, BigDecimal valueMax, Integer baselineYear, String text,
                             @Schema(enumeration = {"weaker", "same", "stronger", "not-comparable"},
                                     description = "how the local target compares with this one") String comparison) {
    }

    public static TargetView of(TargetEntity t, String indicatorName, List<Comparison> references, List<String> weakerThan) {
        return new TargetView(t.id, t.indicatorCode, indicatorName, t.regionCode, t.year, t.level, t.kind,
                Numbers.clean(t.value), Numbers.clean(t.valueMax), t.boolValue, t.baselineYear, t.reference, t.text, t.note,
                Arrays.asList(t.responsibleUnits),
                new Source(t.sourceDocument, t.sourceKind, t.sourceNumber, t.sourceQuote, t.yearInferred),
                t.assessmentVerdict == null ? null : new Assessment(t.assessmentVerdict, t.assessmentReason, t.assessedBy, t.assessedAt),
                references, weakerThan, t.version, t.updatedAt, t.updatedBy);
    }
}
