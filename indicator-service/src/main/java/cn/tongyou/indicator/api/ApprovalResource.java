package cn.tongyou.indicator.api;

import cn.tongyou.common.http.ETags;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.Roles;
import cn.tongyou.indicator.domain.ApprovalStatus;
import cn.tongyou.indicator.service.ApprovalInput;
import cn.tongyou.indicator.service.ApprovalService;
import cn.tongyou.indicator.domain.ApprovalFilter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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

import java.util.ArrayList;
import java.util.List;

@Path("/api/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Approvals", description = "A region's values for a period approved level by level (逐级审核): county → prefecture → province "
        + "by default (cfc.discipline.approval-levels)")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "role not allowed, region outside the token's region, a level that may not take the step, or four eyes", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ApprovalResource {

    static final String STEP_RULES = "Needs If-Match: the approval's version (\"0\" while nobody submitted). JSON body {comment?, "
            + "observations?} ({} for a submit or accept without comment), the comment at most 2000 characters. ";
    static final String ACCEPTOR = "By a coordinator or admin of the acceptor level or a higher one whose region contains the region (a "
            + "nationwide token for the top of the chain); four eyes (cfc.security.four-eyes): not whoever submitted this round. ";

    @Inject
    ApprovalService service;

    @GET
    @Path("/{region}/{period}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getApproval", summary = "The approval of a region's values for a period",
            description = "Status open (version 0, empty history) while nobody submitted. The region must be at an approval level. Roles "
                    + "viewer, reporter, coordinator, admin, integration, within the token's region subtree.")
    @APIResponse(responseCode = "200", description = "the approval", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApprovalView.class)))
    @APIResponse(responseCode = "400", description = "bad region code, a region not at an approval level, bad period", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("region") @Parameter(example = "410182") String region,
                        @PathParam("period") @Parameter(example = "2026H2") String period) {
        ApprovalView v = ApprovalView.of(service.get(RequestParameters.region("region", region), RequestParameters.period("period", period)));
        return Response.ok(v).header(HttpHeaders.ETAG, ETags.of(v.version())).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listApprovals", summary = "List approvals",
            description = "The approvals somebody acted on (a region nobody submitted is open and not listed): region (and its "
                    + "descendants unless descendants=false), period and status, each comma-separated for several. Ordered by region, "
                    + "period. Within the token's region subtree: the token's region by default, a region outside it 403.")
    @APIResponse(responseCode = "200", description = "a page of approvals")
    @APIResponse(responseCode = "400", description = "bad region code, period, status or paging parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ApprovalView> list(@QueryParam("region") @Parameter(example = "410100") String region,
                                   @QueryParam("descendants") @DefaultValue("true") boolean descendants,
                                   @QueryParam("period") @Parameter(example = "2026H2") String period,
                                   @QueryParam("status") @Parameter(example = "submitted") String status,
                                   @BeanParam @Valid PageParams page) {
        RegionCode r = region == null || region.isBlank() ? null : RequestParameters.region("region", region);
        List<String> statuses = new ArrayList<>();
        for (String s : ListParameters.csv(status)) {
            try {
                statuses.add(ApprovalStatus.ofCode(s).code());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("status", Message.of(e));
            }
        }
        return service.list(new ApprovalFilter(r, descendants, ListParameters.periods(period), statuses), page)
                .map(ApprovalView::of);
    }

    @POST
    @Path("/{region}/{period}/submit")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "submitApproval", summary = "Submit a region's values for a period to the level above",
            description = "open or returned → submitted. Every value the approval covers (the region's own and those of descendants at "
                    + "levels outside the chain, for the period) must be approved (409 otherwise) and no blocking data-quality rule "
                    + "violated (422). From now on the values are locked (409 approval-locked). By a coordinator or admin of the region "
                    + "or a higher one. " + STEP_RULES + "Publishes cfc.approval.changed.v1.")
    @APIResponse(responseCode = "200", description = "submitted", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApprovalView.class)))
    @APIResponse(responseCode = "400", description = "bad region, period or body; comment over 2000 characters", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "already submitted or accepted, or values not approved yet", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "a blocking data-quality rule is violated", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@PathParam("region") String region, @PathParam("period") String period,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, required = true) String ifMatch,
                           @Valid ApprovalInput input) {
        return step(region, period, ApprovalService.Step.SUBMIT, ifMatch, input);
    }

    @POST
    @Path("/{region}/{period}/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "acceptApproval", summary = "Accept a region's submitted values",
            description = "submitted → accepted; the values stay locked until the acceptor reopens them (or a period lock exception lets a "
                    + "correction in, which reopens the approval). " + ACCEPTOR + STEP_RULES + "Publishes cfc.approval.changed.v1.")
    @APIResponse(responseCode = "200", description = "accepted", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApprovalView.class)))
    @APIResponse(responseCode = "400", description = "bad region, period or body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not submitted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response accept(@PathParam("region") String region, @PathParam("period") String period,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, required = true) String ifMatch,
                           @Valid ApprovalInput input) {
        return step(region, period, ApprovalService.Step.ACCEPT, ifMatch, input);
    }

    @POST
    @Path("/{region}/{period}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "returnApproval", summary = "Return a region's submitted values with a comment",
            description = "submitted → returned, with a comment (required). The values named in observations (each covered by this "
                    + "approval) go back to draft with the comment as reason: an approved one is reopened, a submitted one returned. "
                    + ACCEPTOR + STEP_RULES + "Publishes cfc.approval.changed.v1 (and cfc.observation.changed.v1 per value sent back).")
    @APIResponse(responseCode = "200", description = "returned", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApprovalView.class)))
    @APIResponse(responseCode = "400", description = "no comment, comment over 2000 characters, an observation not covered, bad region or period", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not submitted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response giveBack(@PathParam("region") String region, @PathParam("period") String period,
                             @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, required = true) String ifMatch,
                             @Valid ApprovalInput input) {
        return step(region, period, ApprovalService.Step.RETURN, ifMatch, input);
    }

    @POST
    @Path("/{region}/{period}/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "reopenApproval", summary = "Reopen accepted values, with a reason",
            description = "accepted → open, with the reason as comment (required): the values are unlocked (their value-level approval "
                    + "stays; reopen a value to correct it). By a coordinator or admin of the acceptor level or a higher one. " + STEP_RULES
                    + "Publishes cfc.approval.changed.v1.")
    @APIResponse(responseCode = "200", description = "reopened", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApprovalView.class)))
    @APIResponse(responseCode = "400", description = "no comment, bad region, period or body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not accepted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reopen(@PathParam("region") String region, @PathParam("period") String period,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, required = true) String ifMatch,
                           @Valid ApprovalInput input) {
        return step(region, period, ApprovalService.Step.REOPEN, ifMatch, input);
    }

    private Response step(String region, String period, ApprovalService.Step step, String ifMatch, ApprovalInput input) {
        RegionCode r = RequestParameters.region("region", region);
        Period p = RequestParameters.period("period", period);
        ApprovalView v = ApprovalView.of(service.act(r, p, step, ifMatch, input == null ? null : input.comment(),
                input == null ? null : input.observations()));
        return Response.ok(v).header(HttpHeaders.ETAG, ETags.of(v.version())).build();
    }
}
