package cn.tongyou.facility.api;

import cn.tongyou.facility.domain.Region;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** A region in API responses. */
@Schema(name = "Region", description = "an administrative division (统计用区划代码)")
public record RegionView(
        @Schema(example = "410182000000") String code,
        @Schema(example = "荥阳市") String name,
        @Schema(enumeration = {"province", "prefecture", "county", "township", "village"}, example = "county") String level,
        @Schema(example = "410100000000") String parentCode,
        @Schema(description = "城乡分类代码 of a village as imported (never derived), when known", example = "220") String urbanRuralCode,
        @Schema(description = "the class the village counts in for urban / rural coverage; null when unknown",
                enumeration = {"urban", "rural"}, example = "rural") String urbanRural,
        @Schema(description = "imported (from urbanRuralCode) or derived (from the name: …居委会/…社区 urban, …村委会/…村 rural); "
                + "an import with urbanRuralCode overrides a derived class", enumeration = {"imported", "derived"},
                example = "derived") String urbanRuralSource,
        LocalDate validFrom,
        @Schema(description = "set when the code was retired") LocalDate validTo,
        @Schema(description = "true for villages generated for demos and load tests") boolean generated,
        long version,
        @Schema(description = "province down to the parent; only on GET /regions/{code}") List<Ancestor> ancestors,
        @Schema(description = "active child regions; only on GET /regions/{code}") Long childCount) {

    /** An ancestor, as listed with a region. */
    @Schema(name = "RegionAncestor")
    public record Ancestor(String code, String name, String level) {
    }

    public static RegionView of(Region r) {
        return new RegionView(r.code().value(), r.name(), r.level().code(),
                r.parent() == null ? null : r.parent().value(), r.urbanRuralCode(),
                r.urbanRural() == null ? null : r.urbanRural().code(),
                r.urbanRuralSource() == null ? null : r.urbanRuralSource().code(), r.validFrom(), r.validTo(),
                r.generated(), r.version(), null, null);
    }

    public RegionView withDetail(List<Ancestor> ancestors, long childCount) {
        return new RegionView(code, name, level, parentCode, urbanRuralCode, urbanRural, urbanRuralSource, validFrom, validTo, generated, version,
                ancestors, childCount);
    }
}
