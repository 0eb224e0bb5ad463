package cn.tongyou.indicator.api;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.Roles;
import cn.tongyou.common.indicator.TargetKind;
import cn.tongyou.common.security.Caller;
import cn.tongyou.indicator.domain.TargetFilter;
import cn.tongyou.indicator.service.AssessmentInput;
import cn.tongyou.indicator.service.TargetInput;
import cn.tongyou.indicator.service.TargetView;
import cn.tongyou.indicator.service.YearParameter;
import cn.tongyou.indicator.service.TargetService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/targets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Targets", description = "Targets per (indicator, region, year): the region's own beside the national/provincial/prefecture ones")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "role not allowed, or region outside the token's region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TargetResource {

    static final String LEVEL = "local (the region's own, default), prefecture, provincial or national (a reference target stored beside it)";

    @Inject
    TargetService service;

    @Inject
    Caller caller;

    @PUT
    @Path("/{region}/{indicator}/{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "putTarget", summary = "Set a target (idempotent)",
            description = "Creates (201) or replaces (200) the target of the indicator for the region and year. The kind's parameters are "
                    + "checked against the kind and the indicator's value type (every problem listed). Sending the same target again "
                    + "changes nothing (200, same version, no event) and needs no If-Match; a different one needs If-Match with the ETag "
                    + "you read (428 without, 412 when it moved on). Publishes cfc.target.changed.v1. Roles coordinator, admin, within "
                    + "the token's region.")
    @APIResponse(responseCode = "200", description = "replaced or unchanged", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TargetView.class)))
    @APIResponse(responseCode = "201", description = "created", headers = @Header(name = "ETag", description = "\"1\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TargetView.class)))
    @APIResponse(responseCode = "400", description = "bad region code, year or level; unknown kind; a parameter missing, out of range or not "
            + "applying to the kind; a kind the indicator's value type cannot take", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such indicator", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "a change without If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response put(@PathParam("region") @Parameter(description = "region code, 2–12 digits", example = "441400") String region,
                        @PathParam("indicator") @Parameter(example = "neonatal-mortality-rate") String indicator,
                        @PathParam("year") @Parameter(example = "2025") int year,
                        @QueryParam("level") @DefaultValue("local") @Parameter(description = LEVEL) String level,
                        @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, description = "the ETag you read, to change a target") String ifMatch,
                        @NotNull(message = "{indicator.target.body-required}") @Valid TargetInput input) {
        TargetService.Outcome o = service.put(region, indicator, year, level, input, ifMatch, caller.subject());
        return Response.status(o.created() ? 201 : 200).entity(o.target()).header(HttpHeaders.ETAG, ETags.of(o.target().version())).build();
    }

    @GET
    @Path("/{region}/{indicator}/{year}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getTarget", summary = "One target", description = "A local target comes with the reference targets beside it and how it compares with each. " + ApiDocs.READERS_NOTE)
    @APIResponse(responseCode = "200", description = "the target", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TargetView.class)))
    @APIResponse(responseCode = "400", description = "bad region code or level", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such target", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("region") String region, @PathParam("indicator") String indicator, @PathParam("year") int year,
                        @QueryParam("level") @DefaultValue("local") @Parameter(description = LEVEL) String level) {
        TargetView v = service.get(region, indicator, year, level);
        return Response.ok(v).header(HttpHeaders.ETAG, ETags.of(v.version())).build();
    }

    @DELETE
    @Path("/{region}/{indicator}/{year}")
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "deleteTarget", summary = "Delete a target (soft, with a reason)",
            description = "Needs If-Match and a reason (query parameter reason, 1–500 characters). The target is kept with who deleted it, "
                    + "when and why, and disappears from reads, lists and evaluations; the audit trail records the deletion. Publishes "
                    + "cfc.target.deleted.v1 and a tombstone. Roles coordinator, admin, within the token's region.")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "400", description = "bad region code or level; reason missing or longer than 500 characters", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such target", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("region") String region, @PathParam("indicator") String indicator, @PathParam("year") int year,
                           @QueryParam("level") @DefaultValue("local") @Parameter(description = LEVEL) String level,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, required = true, description = "the ETag you read") String ifMatch,
                           @QueryParam("reason") @Parameter(required = true, description = "why the target is withdrawn, 1–500 characters", example = "规划中期评估调整") String reason) {
        service.delete(region, indicator, year, level, ifMatch, reason, caller.subject());
        return Response.noContent().build();
    }

    @POST
    @Path("/{region}/{indicator}/{year}/assessment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "assessTarget", summary = "Assess a qualitative target", description = "Records a person's verdict (MET, NOT_MET, ON_TRACK, AT_RISK) and the reason; evaluations then show it instead of NEEDS_ASSESSMENT. Needs If-Match. Roles coordinator, admin.")
    @APIResponse(responseCode = "200", description = "the target with its assessment", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TargetView.class)))
    @APIResponse(responseCode = "400", description = "unknown verdict, no reason", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such target", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the target is not qualitative", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response assess(@PathParam("region") String region, @PathParam("indicator") String indicator, @PathParam("year") int year,
                           @QueryParam("level") @DefaultValue("local") String level,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, required = true) String ifMatch,
                           @NotNull(message = "{indicator.assessment.body-required}") @Valid AssessmentInput input) {
        TargetView v = service.assess(region, indicator, year, level, input, ifMatch, caller.subject());
        return Response.ok(v).header(HttpHeaders.ETAG, ETags.of(v.version())).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listTargets", summary = "List targets",
            description = "Filters combine: region (with its descendants unless descendants=false), indicator, year, level (comma-separated; "
                    + "default every level), kind, domain, weaker=true (only local targets weaker than a reference target). " + ApiDocs.READERS_NOTE)
    @APIResponse(responseCode = "200", description = "a page of targets, ordered by region, year, indicator, level")
    @APIResponse(responseCode = "400", description = "bad region code, level, kind or paging parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<TargetView> list(@QueryParam("region") @Parameter(example = "410402") String region,
                                 @QueryParam("descendants") @DefaultValue("true") boolean descendants,
                                 @QueryParam("indicator") String indicator,
                                 @QueryParam("year") Integer year,
                                 @QueryParam("level") @Parameter(description = "comma-separated levels, e.g. local or provincial,national") String level,
                                 @QueryParam("kind") String kind,
                                 @QueryParam("domain") String domain,
                                 @QueryParam("weaker") @DefaultValue("false") boolean weaker,
                                 @BeanParam @Valid PageParams page) {
        RegionCode code = region == null || region.isBlank() ? null : RequestParameters.region("region", region);
        List<String> levels = ListParameters.csv(level).stream().map(l -> TargetService.level(l).code()).toList();
        if (weaker) {
            levels = List.of("local");
        }
        if (kind != null && !kind.isBlank()) {
            try {
                TargetKind.ofCode(kind.strip());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("kind", Message.of(e));
            }
        }
        if (year != null) {
            YearParameter.require("year", year);
        }
        return service.list(new TargetFilter(code, descendants, blank(indicator), year, levels, blank(kind), blank(domain)),
                weaker, page);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
