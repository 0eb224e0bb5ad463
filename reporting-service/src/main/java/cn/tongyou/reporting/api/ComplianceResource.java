package cn.tongyou.reporting.api;

import cn.tongyou.common.http.ConcurrencyLimiter;
import cn.tongyou.common.security.Roles;
import cn.tongyou.reporting.domain.Compliance;
import cn.tongyou.reporting.service.ComplianceService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/compliance")
@Tag(name = "Compliance", description = "Where a region stands for a period, computed live from the projections")
public class ComplianceResource {

    @Inject
    ComplianceService service;

    @Inject
    ConcurrencyLimiter limiter;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Formats.CSV, Formats.XLSX})
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @APIResponse(responseCode = "200", description = "the compliance view (format=json or none); format=csv or xlsx: the same as a download",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"compliance-<region>-<period>….csv|xlsx\" (csv and xlsx only)"),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Compliance.class)),
                    @Content(mediaType = Formats.CSV, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = Formats.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @Extension(name = "x-concurrency-limit", value = "compliance-province, export")
    @Operation(operationId = "getCompliance", summary = "Live compliance view (not stored)",
            description = "Every local target in force for the period (the earliest target year at or after the period's year) evaluated with the "
                    + "indicator rules as of the period, the region's task milestones with their state as of asOf, 儿童之家 coverage of the "
                    + "subtree's villages, totals per domain and a score, per lead unit counts, warnings and the child regions' summaries; "
                    + "completeness (expected, received, on-time and accepted values and progress reports of the region, its children and "
                    + "units), the approval states of the region and its children for the period, and warnings for open data-quality "
                    + "findings and approvals waiting for acceptance. asOf defaults to the business date (cfc.schedule.today, else today). "
                    + "Same shape as a snapshot, without an id. Scoped: the region must lie in the token's region (403 "
                    + "otherwise, also for a token without a region claim).")
    public Response compliance(@QueryParam("region") @Parameter(required = true, example = "410182") String region,
                               @QueryParam("period") @Parameter(required = true, example = "2025H1") String period,
                               @QueryParam("asOf") @Parameter(description = "the day milestones and report deadlines are judged on; default today") String asOf,
                               @QueryParam("format") @Parameter(description = "json (default), csv or xlsx") String format) {
        return Formats.render(service.live(service.request(region, period, asOf)), format, 200, limiter);
    }
}
