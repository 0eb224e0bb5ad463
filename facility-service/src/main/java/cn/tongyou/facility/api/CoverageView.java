package cn.tongyou.facility.api;

import cn.tongyou.common.coverage.CoverageRule;
import cn.tongyou.common.paging.Page;
import cn.tongyou.facility.service.CoverageService;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(name = "Coverage", description = "Coverage of a region by a facility type: eligible units, covered units, ratio, per child region, "
        + "and the uncovered units (paged). Ratios are covered ÷ eligible of the same scope (never averages of ratios).")
public record CoverageView(
        RegionSummary region,
        @Schema(example = "children-home") String type,
        @Schema(nullable = true, enumeration = {"prefecture", "county", "township", "village"},
                description = "level of the units (null for mother-baby-room, whose units are host places)") String level,
        @Schema(enumeration = {"region", "host-place"}, description = "what a unit is: a region at 'level', or a public place that must host a 母婴室")
        String unit,
        @Schema(description = "units that should be covered") long eligible,
        @Schema(description = "of those, units with at least one open facility of the type that meets its standard") long covered,
        @Schema(nullable = true, minimum = "0", maximum = "1", description = "covered ÷ eligible; null when nothing is eligible") Double ratio,
        @Schema(description = "counts per child region of the region (a city sees its districts), by code") List<ChildCoverage> children,
        @Schema(description = "eligible units located at the region itself, above every child region (host places registered at the region's own level); counted in the totals only")
        long unassigned,
        @Schema(description = "uncovered units, by code (regions) or by region and name (host places)") Page<UncoveredUnit> uncovered) {

    @Schema(name = "CoverageRegion")
    public record RegionSummary(@Schema(example = "410182000000") String code, @Schema(example = "荥阳市") String name,
                                @Schema(example = "county") String level) {
    }

    @Schema(name = "ChildCoverage")
    public record ChildCoverage(String code, @Schema(nullable = true) String name, long eligible, long covered,
                                @Schema(nullable = true) Double ratio) {
    }

    static CoverageView of(CoverageService.Coverage c) {
        CoverageRule.Result result = c.result();
        return new CoverageView(new RegionSummary(c.regionCode(), c.regionName(), c.regionLevel().code()),
                c.type().code(), c.unitLevel() == null ? null : c.unitLevel().code(), c.hosted() ? "host-place" : "region",
                result.eligible(), result.covered(), result.ratio(),
                result.children().stream().map(ch -> new ChildCoverage(ch.code(), ch.name(), ch.eligible(), ch.covered(), ch.ratio())).toList(),
                result.unassigned(),
                c.uncovered().map(unit -> c.hosted()
                        ? new UncoveredUnit(null, unit.name(), null, UUID.fromString(unit.id()), unit.regionCode())
                        : new UncoveredUnit(unit.id(), unit.name(), unit.parentCode(), null, null)));
    }

    @Schema(name = "UncoveredUnit", description = "a region (code, name, parentCode) or, for mother-baby-room, a host place (id, name, regionCode)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UncoveredUnit(@Schema(nullable = true) String code, String name, @Schema(nullable = true) String parentCode,
                                @Schema(nullable = true) UUID id, @Schema(nullable = true) String regionCode) {
    }
}
