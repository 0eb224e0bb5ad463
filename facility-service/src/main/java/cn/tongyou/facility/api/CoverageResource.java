package cn.tongyou.facility.api;

import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.security.Roles;
import cn.tongyou.facility.service.CoverageService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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


@Path("/api/v1/coverage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Coverage", description = "How many units (villages, townships … or host places) have a facility of a type that is open and meets its standard")
public class CoverageResource {

    @Inject
    CoverageService service;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getCoverage", summary = "Coverage of a region by a facility type",
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
        return CoverageView.of(service.coverage(region, type, level, page));
    }
}
