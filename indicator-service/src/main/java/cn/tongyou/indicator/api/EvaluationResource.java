package cn.tongyou.indicator.api;

import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.security.Roles;
import cn.tongyou.indicator.service.EvaluationReport;
import cn.tongyou.indicator.service.EvaluationService;
import cn.tongyou.indicator.service.RollupView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evaluations", description = "Whether each target is met, on track or at risk, with the inputs used and an explanation; roll-ups")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class EvaluationResource {

    @Inject
    EvaluationService service;

    @GET
    @Path("/evaluations")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "evaluateTargets", summary = "Evaluate a region's targets for a year",
            description = """
                    For each local target of the region (and of its descendants with descendants=true) for the year: status MET, \
                    NOT_MET (the target period's own value decides), ON_TRACK, AT_RISK (before it: the value against the straight \
                    line from the baseline to the target, a period placed at its end — 2023 and 2023H2 at 2023.0, 2023H1 at \
                    2022.5), NO_DATA (a value, baseline or reference the target needs is missing — never a guess) or \
                    NEEDS_ASSESSMENT (a qualitative target without a verdict); the inputs used; a Chinese and English explanation; \
                    the Open SDG progress measure (CAGR-based, score −5 … 5) where the target has a direction and two values \
                    exist; and the levels whose target is stronger. The values are the latest approved ones (basis=approved, \
                    default) or the latest reported (basis=latest). A region without its own value of a computed, derived or \
                    count indicator gets its children's roll-up (sums of numerators and denominators, never averaged ratios). \
                    asOf (e.g. 2025H1) evaluates as of that period. Roles viewer, reporter, coordinator, admin, integration. basis=approved \
                    is public (targets and approved values are); basis=latest reads values not yet approved and is limited to the \
                    token's region subtree (403 outside it or without a region claim).""")
    @APIResponse(responseCode = "200", description = "the evaluation", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EvaluationReport.class)))
    @APIResponse(responseCode = "400", description = "missing or bad region, year, asOf or basis", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EvaluationReport evaluate(@QueryParam("region") @Parameter(required = true, example = "410402") String region,
                                     @QueryParam("year") @Parameter(required = true, example = "2025") Integer year,
                                     @QueryParam("asOf") @Parameter(description = "a period, e.g. 2025H1; default the target year", example = "2025H1") String asOf,
                                     @QueryParam("basis") @DefaultValue("approved") @Parameter(schema = @Schema(enumeration = {"approved", "latest"})) String basis,
                                     @QueryParam("descendants") @DefaultValue("false") boolean descendants,
                                     @QueryParam("indicator") String indicator,
                                     @QueryParam("domain") String domain) {
        if (region == null || region.isBlank()) {
            throw cn.tongyou.common.problem.ProblemException.invalidField("region", "common.field.required");
        }
        return service.evaluate(region, year, asOf, basis, descendants, indicator, domain);
    }

    @GET
    @Path("/rollups")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getRollup", summary = "A parent region's value from its children",
            description = "Sums the numerators and denominators (computed and derived coverage indicators) or the values (counts) of the "
                    + "region's children — each child's own value, or its own children's when it has none — and computes the ratio from "
                    + "the sums. Ratios are never averaged; an indicator reported as a plain ratio does not roll up (409). basis=approved is public; "
                    + "basis=latest reads values not yet approved and is limited to the token's region subtree (403 outside). Roles viewer, "
                    + "reporter, coordinator, admin, integration.")
    @APIResponse(responseCode = "200", description = "the roll-up with each child's figure", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RollupView.class)))
    @APIResponse(responseCode = "400", description = "missing or bad region, indicator, period or basis", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the indicator does not sum up", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RollupView rollup(@QueryParam("region") @Parameter(required = true, example = "4104") String region,
                             @QueryParam("indicator") @Parameter(required = true, example = "neonatal-mortality-rate") String indicator,
                             @QueryParam("period") @Parameter(required = true, example = "2025") String period,
                             @QueryParam("basis") @DefaultValue("approved") String basis) {
        if (region == null || region.isBlank()) {
            throw cn.tongyou.common.problem.ProblemException.invalidField("region", "common.field.required");
        }
        if (period == null || period.isBlank()) {
            throw cn.tongyou.common.problem.ProblemException.invalidField("period", "common.field.required");
        }
        return service.rollup(region, indicator, period, basis);
    }
}
