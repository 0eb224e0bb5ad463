package cn.tongyou.facility.api;

import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.security.Roles;
import cn.tongyou.facility.service.FacilityTypeService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/facility-types")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
@Tag(name = "Facility types", description = "Kinds of facility and their standards (checklists), held as data")
public class FacilityTypeResource {

    @Inject
    FacilityTypeService types;

    @GET
    @Operation(operationId = "listFacilityTypes", summary = "List the facility types", description = "Every type with its standard, in display order.")
    @APIResponse(responseCode = "200", description = "the types")
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<FacilityTypeView> list() {
        return types.all().stream().map(FacilityTypeView::of).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getFacilityType", summary = "Read a facility type and its standard",
            description = "The type (e.g. children-home, 儿童之家) with its checklist standard, attributes and host rule.")
    @APIResponse(responseCode = "200", description = "the type", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FacilityTypeView.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such type", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FacilityTypeView get(@PathParam("code") String code) {
        return FacilityTypeView.of(types.require(code));
    }
}
