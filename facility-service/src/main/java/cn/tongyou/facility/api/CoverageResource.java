package cn.tongyou.facility.api;

import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.security.Roles;
import cn.tongyou.common.coverage.CoverageRule;
import cn.tongyou.facility.domain.FacilityType;
import cn.tongyou.facility.store.FacilityCoverageRepository;
import cn.tongyou.facility.store.FacilityCoverageRepository.UnitLabel;
import cn.tongyou.facility.store.FacilityRepository;
import cn.tongyou.facility.store.FacilityRepository.RegionRef;
import cn.tongyou.facility.store.FacilityTypeRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/coverage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Coverage", description = "How many units (villages, townships … or host places) have a facility of a type that is open and meets its standard")
public class CoverageResource {

    @Inject
    FacilityCoverageRepository coverage;

    @Inject
    FacilityRepository facilities;

    @Inject
    FacilityTypeRepository types;

    @GET
    @Transactional
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Coverage of a region by a facility type",
            description = "A unit is a region at 'level' (not retired) inside the region's subtree; it is covered when at least one facility of the type "
                    + "with status open that meets its standard lies in it or below it. For a type hosted by another (mother-baby-room, hosted by "
                    + "public-place) the units are instead the open public places of the subtree whose hostRequired is true (floor area ≥ 10,000 m² or "
                    + "≥ 10,000 visitors a day), covered when an open, standard-meeting 母婴室 names it as hostFacilityId; 'level' is then ignored. "
                    + "Totals and per-child counts are sums of units; ratio = covered ÷ eligible (null when nothing is eligible).")
    @APIResponse(responseCode = "200", description = "the coverage", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CoverageView.class)))
    @APIResponse(responseCode = "400", description = "missing or malformed region, unknown type (known ones listed), public-place asked as a type, "
            + "level unknown or not below the region's level, bad page/size", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "region not in the region register", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CoverageView coverage(
            @QueryParam("region") @Parameter(required = true, description = "region code (2–12 digits)", example = "410182") String region,
            @QueryParam("type") @Parameter(required = true, description = "facility type code", example = "children-home") String type,
            @QueryParam("level") @Parameter(description = "level of the units: prefecture, county, township or village; must be below the region's level. "
                    + "Default: the type's unit level (village for children-home), else the level just below the region. Ignored for mother-baby-room.",
                    example = "village") String level,
            @BeanParam @Valid PageParams page) {
        List<Problem.Violation> violations = new ArrayList<>();
        RegionCode scope = null;
        if (region == null || region.isBlank()) {
            violations.add(Problem.Violation.field("region", "is required"));
        } else {
            scope = RequestParameters.region("region", region, violations);
        }
        FacilityType facilityType = null;
        if (type == null || type.isBlank()) {
            violations.add(Problem.Violation.field("type", "is required; known types: " + String.join(", ", types.codes())));
        } else {
            facilityType = types.find(type).orElse(null);
            if (facilityType == null) {
                violations.add(Problem.Violation.field("type", "unknown facility type '" + type + "'; known types: "
                        + String.join(", ", types.codes())));
            } else if (!facilityType.childFacility()) {
                violations.add(Problem.Violation.field("type", facilityType.code() + " is a host, not a facility that covers units; "
                        + "ask for the coverage of the type it hosts (mother-baby-room)"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        RegionRef regionRef = facilities.region(scope.value())
                .orElseThrow(() -> ProblemException.notFound("no region " + region + " in the region register"));
        RegionLevel childLevel = scope.level() == RegionLevel.VILLAGE ? null : scope.level().below();
        List<CoverageRule.ChildRegion> children = childLevel == null ? List.of() : facilities.childRegions(scope.value()).stream()
                .filter(c -> RegionCode.isValid(c.code()) && RegionCode.parse(c.code()).level() == childLevel)
                .map(c -> new CoverageRule.ChildRegion(c.code(), c.name())).toList();
        CoverageRule.Tally tally = new CoverageRule.Tally(scope, childLevel, children);
        List<String> uncovered = new ArrayList<>();
        FacilityCoverageRepository.UnitSink sink = (unit, location, covered) -> {
            tally.add(location, covered);
            if (!covered) {
                uncovered.add(unit);
            }
        };

        boolean hosted = facilityType.hostedBy() != null;
        RegionLevel unitLevel = null;
        if (hosted) {
            coverage.hostUnits(facilityType.code(), facilityType.hostedBy(), scope.subtreePattern(), sink);
        } else {
            unitLevel = unitLevel(level, facilityType, scope);
            coverage.regionUnits(facilityType.code(), unitLevel, scope.subtreePattern(), sink);
        }
        CoverageRule.Result result = tally.result();

        int from = Math.min(page.offset(), uncovered.size());
        List<String> pageIds = uncovered.subList(from, Math.min(from + page.size, uncovered.size()));
        Map<String, UnitLabel> labels = hosted ? coverage.facilityLabels(pageIds) : coverage.regionLabels(pageIds);
        List<CoverageView.UncoveredUnit> items = pageIds.stream().map(id -> {
            UnitLabel label = labels.get(id);
            String name = label == null ? null : label.name();
            return hosted
                    ? new CoverageView.UncoveredUnit(null, name, null, UUID.fromString(id), label == null ? null : label.regionCode())
                    : new CoverageView.UncoveredUnit(id, name, label == null ? null : label.parentCode(), null, null);
        }).toList();

        return new CoverageView(
                new CoverageView.RegionSummary(regionRef.code(), regionRef.name(), RegionLevel.ofDepth(regionRef.level()).code()),
                facilityType.code(), unitLevel == null ? null : unitLevel.code(), hosted ? "host-place" : "region",
                result.eligible(), result.covered(), result.ratio(),
                result.children().stream().map(c -> new CoverageView.ChildCoverage(c.code(), c.name(), c.eligible(), c.covered(), c.ratio())).toList(),
                result.unassigned(),
                Page.of(items, page, uncovered.size()));
    }

    private static RegionLevel unitLevel(String level, FacilityType type, RegionCode scope) {
        RegionLevel unitLevel;
        if (level == null || level.isBlank()) {
            if (type.unitLevel() != null) {
                unitLevel = type.unitLevel();
            } else if (scope.level() == RegionLevel.VILLAGE) {
                throw ProblemException.invalidField("region", "a village has no level below it to count coverage on");
            } else {
                unitLevel = scope.level().below();
            }
        } else {
            try {
                unitLevel = RegionLevel.ofCode(level.strip());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("level", e.getMessage());
            }
        }
        if (!scope.level().isAbove(unitLevel)) {
            throw ProblemException.invalidField("level", "the units (" + unitLevel.code() + ") must lie below the region "
                    + scope.value() + ", which is a " + scope.level().code());
        }
        return unitLevel;
    }
}
