package cn.tongyou.facility.api;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.idempotency.IdempotencyStore;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.security.Caller;
import cn.tongyou.common.security.Roles;
import cn.tongyou.facility.domain.ChinaCoordinates.Crs;
import cn.tongyou.facility.service.FacilityInput;
import cn.tongyou.facility.service.FacilityService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

@Path("/api/v1/facilities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Facilities", description = "The facility register: 儿童之家, 母婴室 and their host places, parks, libraries, schools … "
        + "with lifecycle, WGS-84 position, checklist standard and geo search")
public class FacilityResource {

    static final String CRS_DESCRIPTION = "coordinate system of returned positions: wgs84 (stored, default), gcj02 (高德/腾讯) or bd09 (百度). "
            + "GCJ-02 and BD-09 are the public approximations used by open-source libraries (the 'eviltransform' formula, "
            + "≈1–2 m from the official GCJ-02 offset within China's borders; positions outside China are returned unchanged). "
            + "Input is WGS-84 only: no inverse transform is offered.";

    @Inject
    FacilityService service;

    @Inject
    UriInfo uriInfo;

    @Inject
    ObjectMapper mapper;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Transactional // the Idempotency-Key is claimed and completed in the registration's transaction
    @Operation(operationId = "createFacility", summary = "Register a facility",
            description = "Checks the type, the region (must exist and not be retired; a children-home must be placed at a village/community), "
                    + "the position, the lifecycle status (not closed), the host (a mother-baby-room's host is a public-place) and the checklist "
                    + "against the type's standard, then stores it at version 1 and publishes cfc.facility.changed.v1. "
                    + "Roles reporter, coordinator, admin, integration, within the token's region. With an Idempotency-Key a retry returns "
                    + "the first answer and registers nothing twice.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FacilityInput.class)))
    @APIResponse(responseCode = "201", description = "registered",
            headers = {@Header(name = "Location", description = "URL of the new facility"),
                    @Header(name = "ETag", description = "\"1\": send it as If-Match to change the facility"),
                    @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is the stored answer to an earlier request with the same Idempotency-Key")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FacilityView.class)))
    @APIResponse(responseCode = "400", description = "malformed JSON, unknown field, wrong value type, unknown type or region, "
            + "retired region, wrong level, coordinates out of range, invalid checklist or host (each offending field listed), Idempotency-Key over 200 characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "role not allowed to write, or region outside the token's region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "registered as closed, or externalId already used", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "body is not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "the Idempotency-Key was used for a different body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@HeaderParam(IdempotencyStore.HEADER) @Parameter(in = ParameterIn.HEADER, name = IdempotencyStore.HEADER,
                                   description = "any unique string (≤ 200 characters), bound to your token's subject: a retry with the same key "
                                           + "and body returns the first answer (Idempotent-Replayed: true) instead of registering the facility twice; "
                                           + "the same key with another body is 422") String idempotencyKey,
                           FacilityInput input) {
        if (input == null) {
            throw ProblemException.badRequest("facility.facility.body-required");
        }
        String key = IdempotencyStore.key(idempotencyKey);
        return idempotency.once(FacilityService.CREATE_IDEMPOTENCY_SCOPE, caller.subject(), key,
                key == null ? null : requestHash(input), () -> {
                    FacilityView view = FacilityView.of(service.create(input), Crs.WGS84);
                    return Response.created(uriInfo.getBaseUriBuilder().path("api/v1/facilities").path(view.id().toString()).build())
                            .tag(new EntityTag(String.valueOf(view.version())))
                            .entity(view).build();
                });
    }

    private String requestHash(FacilityInput input) {
        return IdempotencyStore.hash(FacilityService.CREATE_IDEMPOTENCY_SCOPE, json(input));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getFacility", summary = "Read a facility", description = "The facility with its status history. The ETag header carries its version.")
    @APIResponse(responseCode = "200", description = "the facility",
            headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FacilityView.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID, or unknown crs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such facility", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    // RestResponse<FacilityView>, not Response: the JSON writer is then chosen once at start instead of looked up
    // for every answer (issue 16's profile of this read)
    public RestResponse<FacilityView> get(@PathParam("id") @Parameter(description = "facility id (UUID)") String id,
                        @QueryParam("crs") @DefaultValue("wgs84") @Parameter(description = CRS_DESCRIPTION,
                                schema = @Schema(enumeration = {"wgs84", "gcj02", "bd09"})) String crs) {
        UUID facilityId = uuid(id);
        Crs outputCrs = crs(crs);
        FacilityView view = FacilityView.of(service.get(facilityId), outputCrs);
        return RestResponse.ResponseBuilder.ok(view).tag(new EntityTag(String.valueOf(view.version()))).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "updateFacility", summary = "Change a facility",
            description = "Replaces the registration (see FacilityInput). Needs If-Match with the ETag you read: the row is locked, its version compared, "
                    + "so of two concurrent changes made from the same version one wins and the other gets 412. A status change must follow the lifecycle "
                    + "and is added to the status history. An identical body changes nothing (same version, no event). "
                    + "The token's region must contain both the current and the new region.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FacilityInput.class)))
    @APIResponse(responseCode = "200", description = "changed (or unchanged)", headers = @Header(name = "ETag", description = "\"<version>\" after the change"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FacilityView.class)))
    @APIResponse(responseCode = "400", description = "malformed JSON, unknown field, wrong value type, or a value the rules refuse (each offending field listed)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "role not allowed, or current/new region outside the token's region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such facility", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the lifecycle forbids the status change (e.g. a closed facility cannot be reopened), the type would change, or externalId is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version (someone else changed it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "body is not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") @Parameter(description = "facility id (UUID)") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                   description = "the ETag you read, e.g. \"3\"", required = true) String ifMatch,
                           FacilityInput input) {
        UUID facilityId = uuid(id);
        if (input == null) {
            throw ProblemException.badRequest("facility.facility.body-required");
        }
        FacilityView view = FacilityView.of(service.update(facilityId, ifMatch, input), Crs.WGS84);
        return Response.ok(view).tag(new EntityTag(String.valueOf(view.version()))).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "deleteFacility", summary = "Delete a registration made in error",
            description = "Soft delete with a required reason: the facility disappears from lists, coverage and imports and a read by id answers 404, "
                    + "while its row, status history and the audit trail keep who deleted it, when and why. Publishes cfc.facility.deleted.v1 followed "
                    + "by a tombstone. A real facility that stops operating is closed instead (PUT with status closed). Needs If-Match. "
                    + "Coordinators and admins only, within the token's region.")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "400", description = "id is not a UUID, or reason missing, longer than 500 characters or with control characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "role not allowed (only coordinator and admin), or region outside the token's region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such facility, or already deleted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "other facilities (母婴室) name it as their host", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") @Parameter(description = "facility id (UUID)") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                   description = "the ETag you read, e.g. \"3\"", required = true) String ifMatch,
                           @QueryParam("reason") @Parameter(description = "why the registration is deleted, 1–500 characters (kept with the row and in the audit trail)",
                                   required = true, example = "registered twice") String reason) {
        service.delete(uuid(id), ifMatch, reason);
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listFacilities", summary = "List and search facilities",
            description = "Filters combine. region includes every descendant (code prefix). Closed facilities are hidden unless status names "
                    + "closed or includeClosed=true. With near=lat,lng,radiusMeters (WGS-84, radius ≤ 50 km) the list is sorted by distance and each "
                    + "item carries distanceMeters; the search uses a GiST index (earthdistance). Without near the list is ordered by region, name, id.")
    @APIResponse(responseCode = "200", description = "one page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FacilityPage.class)))
    @APIResponse(responseCode = "400", description = "malformed region code, unknown type or status, malformed near or radius over 50 km, unknown crs, bad page/size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "region not in the region register", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<FacilityView> list(
            @QueryParam("region") @Parameter(description = "region code (2–12 digits); the region and all its descendants", example = "410182") String region,
            @QueryParam("type") @Parameter(description = "facility type code", example = "children-home") String type,
            @QueryParam("status") @Parameter(description = "status, or several separated by commas", example = "open,suspended") String status,
            @QueryParam("near") @Parameter(description = "lat,lng,radiusMeters in WGS-84 degrees and metres (radius ≤ 50000)", example = "34.79,113.37,5000") String near,
            @QueryParam("crs") @DefaultValue("wgs84") @Parameter(description = CRS_DESCRIPTION, schema = @Schema(enumeration = {"wgs84", "gcj02", "bd09"})) String crs,
            @QueryParam("includeClosed") @DefaultValue("false") @Parameter(description = "also list closed facilities") boolean includeClosed,
            @QueryParam("externalId") @Parameter(description = "the facility with this id in a provincial system") String externalId,
            @BeanParam @Valid PageParams page) {
        Crs outputCrs = crs(crs);
        return service.list(region, type, status, near, includeClosed, externalId, page).map(read -> FacilityView.of(read, outputCrs));
    }

    static UUID uuid(String id) {
        return RequestParameters.uuid("id", id, "facility.noun.a-facility");
    }

    static Crs crs(String crs) {
        try {
            return Crs.parse(crs);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("crs", Message.of(e));
        }
    }
}
