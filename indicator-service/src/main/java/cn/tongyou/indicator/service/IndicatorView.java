package cn.tongyou.indicator.service;

import cn.tongyou.indicator.store.IndicatorEntity;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** An indicator of the catalogue as the API shows it. */
@Schema(name = "Indicator", description = "An indicator (指标): unit, value type, desired direction, precision, responsible departments and how its value is obtained")
public record IndicatorView(
        @Schema(example = "neonatal-mortality-rate") String code,
        @Schema(example = "新生儿死亡率") String name,
        @Schema(example = "Neonatal mortality rate") String nameEn,
        @Schema(description = "other spellings the plans use; the import matches them") List<String> aliases,
        @Schema(example = "公共服务友好") String domain,
        @Schema(example = "‰") String unit,
        @Schema(enumeration = {"number", "percentage", "per-mille", "count", "boolean", "text"}) String valueType,
        @Schema(enumeration = {"increase", "decrease", "target", "none"}) String direction,
        @Schema(description = "decimals shown") int precision,
        List<String> departments,
        @Schema(enumeration = {"reported", "computed", "derived"}) String obtained,
        @Schema(description = "computed indicators: value = numerator ÷ denominator × scale") ComputationView computation,
        @Schema(description = "derived indicators: the facility measure the value comes from") DerivationView derivation,
        @Schema(description = "false for gross rates whose numerator may exceed the denominator (毛入园率)") boolean bounded,
        @Schema(description = "period types a value may be reported for") List<String> periodTypes,
        String description,
        @Schema(description = "where the plans name it, with the verbatim quote") List<SourceView> sources,
        long version,
        Instant updatedAt,
        String updatedBy) {

    @Schema(name = "Computation")
    public record ComputationView(@Schema(enumeration = {"100", "1000", "10000", "100000"}) int scale, String numeratorLabel,
                                  String denominatorLabel) {
    }

    @Schema(name = "Derivation")
    public record DerivationView(@Schema(example = "children-home") String facilityType,
                                 @Schema(enumeration = {"coverage", "count", "standard"}) String measure,
                                 @Schema(enumeration = {"province", "prefecture", "county", "township", "village"}) String level,
                                 @Schema(enumeration = {"urban", "rural"}) String area,
                                 @Schema(description = "母婴室: the denominator is the qualifying host places") boolean hostBased,
                                 @Schema(description = "count: only facilities opened on or after this day (新建)") java.time.LocalDate openedSince,
                                 @Schema(enumeration = {"county", "prefecture", "province"}, description = "count: only facilities certified (示范) at this level or above") String certifiedAtLeast,
                                 @Schema(description = "count: only facilities whose name contains this word (a sub-kind)") String nameContains,
                                 @Schema(description = "standard: the standard the type is checked against; null = none defined (needs an assessment)") String standard) {
    }

    @Schema(name = "IndicatorSource")
    public record SourceView(String document, @Schema(enumeration = {"indicator-table", "milestone", "facility-target", "api"}) String kind,
                             String number, String quote) {
    }

    public static IndicatorView of(IndicatorEntity e, ObjectMapper mapper) {
        List<SourceView> sources;
        try {
            sources = Arrays.asList(mapper.readValue(e.sources, SourceView[].class));
        } catch (Exception ex) {
            sources = List.of();
        }
        return new IndicatorView(e.code, e.name, e.nameEn, Arrays.asList(e.aliases), e.domain, e.unit, e.valueType,
                e.direction, e.precision, Arrays.asList(e.departments), e.obtained,
                e.scale == null ? null : new ComputationView(e.scale, e.numeratorLabel, e.denominatorLabel),
                e.facilityType == null ? null : new DerivationView(e.facilityType, e.measure, e.scopeLevel, e.area, e.hostBased,
                        e.openedSince, e.certifiedAtLeast, e.nameContains, e.standard),
                e.bounded, Arrays.asList(e.periodTypes), e.description, sources, e.version, e.updatedAt, e.updatedBy);
    }
}
