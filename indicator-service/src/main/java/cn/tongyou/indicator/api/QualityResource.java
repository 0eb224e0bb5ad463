package cn.tongyou.indicator.api;

import cn.tongyou.common.http.ETags;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.security.Roles;
import cn.tongyou.indicator.service.ClearInput;
import cn.tongyou.indicator.service.QualityCheckInput;
import cn.tongyou.indicator.service.QualityService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import java.util.UUID;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data quality", description = "Validation rules as data, whole-region checks, findings and their follow-up")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "role not allowed, or region outside the token's region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class QualityResource {

    static final String SCOPED = "Findings name values not yet approved, so they are scoped: within the token's region subtree; a "
            + "list defaults to the token's region, a region outside it is 403, a finding outside it 404.";

    @Inject
    QualityService service;

    @POST
    @Path("/quality-checks")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "runQualityCheck", summary = "Check a region and period",
            description = "Applies every live validation rule to the working values of the region (and each region below it unless "
                    + "descendants=false) for the period, and scores each value against the region's own history (modified z-score "
                    + "over up to 10 earlier periods of the same type, at least 5; |M| > 3.5 flags an outlier). Violations open (or "
                    + "update) findings, passing checks resolve open ones; each change publishes cfc.quality-finding.changed.v1. "
                    + "Answers every violation with the values involved. Roles reporter, coordinator, admin, integration, within the "
                    + "token's region.")
    @APIResponse(responseCode = "200", description = "what the check found", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualityCheckView.class)))
    @APIResponse(responseCode = "400", description = "missing or invalid region or period", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "body is not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public QualityCheckView check(@NotNull(message = "{indicator.quality.check.body-required}") @Valid QualityCheckInput input) {
        return QualityCheckView.of(service.check(input));
    }

    @GET
    @Path("/quality-findings")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listQualityFindings", summary = "Data-quality findings",
            description = "Filters combine: region (with its descendants unless descendants=false), period, status (open, resolved, "
                    + "cleared) and kind (rule, bounds, outlier), each of the last two comma-separated for several. " + SCOPED)
    @APIResponse(responseCode = "200", description = "a page of findings")
    @APIResponse(responseCode = "400", description = "bad filter or paging parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<QualityFindingView> list(@QueryParam("region") @Parameter(example = "410182") String region,
                                         @QueryParam("descendants") @DefaultValue("true") boolean descendants,
                                         @QueryParam("period") @Parameter(example = "2025H2") String period,
                                         @QueryParam("status") @Parameter(example = "open") String status,
                                         @QueryParam("kind") @Parameter(example = "rule,bounds") String kind,
                                         @BeanParam @Valid PageParams page) {
        return service.list(region, descendants, period, nullIfEmpty(ListParameters.csv(status)), nullIfEmpty(ListParameters.csv(kind)), page)
                .map(QualityFindingView::of);
    }

    @GET
    @Path("/quality-findings/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getQualityFinding", summary = "One data-quality finding", description = "The ETag carries its version. " + SCOPED)
    @APIResponse(responseCode = "200", description = "the finding", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualityFindingView.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such finding, or outside the token's region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        QualityFindingView v = QualityFindingView.of(service.get(uuid(id)));
        return Response.ok(v).header(HttpHeaders.ETAG, ETags.of(v.version())).build();
    }

    @POST
    @Path("/quality-findings/{id}/clear")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "clearQualityFinding", summary = "Clear a finding with a comment",
            description = "A coordinator accepts the values as they are (comment 1–2000 characters, needs If-Match): the finding becomes "
                    + "cleared and no longer counts as open; it opens again if the values involved change and still violate. Four "
                    + "eyes: not someone who entered or last corrected one of the values (403). Only an open finding is cleared (409). "
                    + "Publishes cfc.quality-finding.changed.v1. Roles coordinator, admin, within the token's region.")
    @APIResponse(responseCode = "200", description = "cleared", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualityFindingView.class)))
    @APIResponse(responseCode = "400", description = "no comment, or longer than 2000 characters", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such finding, or outside the token's region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the finding is not open", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "body is not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response clear(@PathParam("id") String id,
                          @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, required = true) String ifMatch,
                          @NotNull(message = "{indicator.quality.finding.comment-required}") @Valid ClearInput input) {
        QualityFindingView v = QualityFindingView.of(service.clear(uuid(id), ifMatch, input));
        return Response.ok(v).header(HttpHeaders.ETAG, ETags.of(v.version())).build();
    }

    private static java.util.List<String> nullIfEmpty(java.util.List<String> values) {
        return values.isEmpty() ? null : values;
    }

    private static UUID uuid(String id) {
        return RequestParameters.uuid("id", id, "indicator.noun.a-finding");
    }
}
