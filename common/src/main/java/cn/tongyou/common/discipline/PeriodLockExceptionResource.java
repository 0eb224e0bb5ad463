package cn.tongyou.common.discipline;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.InvalidRegionCodeException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * Period lock exceptions (例外, issue 15), served by the services that keep period locks (indicator-service for
 * values, task-service for progress reports), each over its own data. Granting and revoking need a coordinator or admin
 * of a higher level than the exception's region; reading, any role within the token's region.
 *
 * <p>Each of those services declares its own path with an empty subclass ({@code /api/v1/value-lock-exceptions},
 * {@code /api/v1/report-lock-exceptions}) and renames the operation ids ({@code cfc.openapi.operation-id-renames}):
 * one public host routes a path to one service, and the platform's merged document needs one owner per path and
 * operation id.
 */
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
@Tag(name = "Period lock exceptions", description = "Time-boxed exceptions that let writes into a closed period (例外)")
public abstract class PeriodLockExceptionResource {

    @Inject
    LockExceptionService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "grantPeriodLockException", summary = "Grant a period lock exception",
            description = "Lets writes of the region (and its subtree) for a closed period through until `validUntil` "
                    + "(in the future, at most 30 days ahead), for one data set or, without `dataSet`, for all. Only a "
                    + "coordinator or admin whose token's region strictly contains the region (a higher level; "
                    + "nationwide counts) may grant. Audited.")
    @APIResponse(responseCode = "201", description = "granted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LockException.class)))
    @APIResponse(responseCode = "400", description = "a malformed or missing field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "not a coordinator or admin of a higher level than the region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response grant(@NotNull(message = "{common.body.required}") LockExceptionRequest body, @Context UriInfo uri) {
        LockException granted = service.grant(body);
        return Response.created(uri.getAbsolutePathBuilder().path(granted.id().toString()).build())
                .entity(granted).build();
    }

    @GET
    @Operation(operationId = "listPeriodLockExceptions", summary = "List period lock exceptions, newest first",
            description = "Exceptions for regions in `region`'s subtree (default: the token's region), of one period "
                    + "if given; live, expired and revoked ones (`state`).")
    @APIResponse(responseCode = "200", description = "a page of exceptions")
    @APIResponse(responseCode = "400", description = "a malformed filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "a region outside the token's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<LockException> list(
            @QueryParam("region") @Parameter(description = "region code; default the token's region") String region,
            @QueryParam("period") @Parameter(description = "a period, e.g. 2026H1") String period,
            @BeanParam @Valid PageParams page) {
        return service.list(region == null || region.isBlank() ? null : region(region),
                period == null || period.isBlank() ? null : period(period), page);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPeriodLockException", summary = "One period lock exception",
            description = "Within the token's region subtree; 404 outside it. Its state says whether it covers writes now.")
    @APIResponse(responseCode = "200", description = "the exception", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LockException.class)))
    @APIResponse(responseCode = "400", description = "a malformed id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such exception in the token's region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LockException get(@PathParam("id") @Parameter(description = "the exception's id") String id) {
        return service.get(id(id));
    }

    @POST
    @Path("/{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "revokePeriodLockException", summary = "End a period lock exception now",
            description = "The same authority as a grant (a coordinator or admin of a higher level than the region); "
                    + "a reason is required. Audited.")
    @APIResponse(responseCode = "200", description = "revoked", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LockException.class)))
    @APIResponse(responseCode = "400", description = "a malformed id or a missing reason", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "not a coordinator or admin of a higher level than the region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such exception in the token's region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "revoked already", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LockException revoke(@PathParam("id") @Parameter(description = "the exception's id") String id,
            @NotNull(message = "{common.body.required}") LockExceptionRevocation body) {
        return service.revoke(id(id), body);
    }

    private static UUID id(String raw) {
        try {
            UUID id = UUID.fromString(raw);
            // fromString also takes shortened groups ("1-2-3-4-5"); only the canonical form names an exception
            if (id.toString().equalsIgnoreCase(raw)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ProblemException.invalidField("id", "common.discipline.exception.id", raw);
    }

    private static RegionCode region(String raw) {
        try {
            return RegionCode.parse(raw);
        } catch (InvalidRegionCodeException e) {
            throw ProblemException.invalidField("region", e.explanation());
        }
    }

    private static String period(String raw) {
        try {
            return Period.parse(raw).toString();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("period", Message.of(e));
        }
    }
}
