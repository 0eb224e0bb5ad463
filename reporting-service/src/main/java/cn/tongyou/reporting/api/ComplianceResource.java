package cn.tongyou.reporting.api;

import cn.tongyou.common.http.ConcurrencyLimiter;
import cn.tongyou.common.security.Roles;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.reporting.domain.Compliance;
import cn.tongyou.reporting.domain.ComplianceRules;
import cn.tongyou.reporting.service.ComplianceService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
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

import java.util.List;

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
                    + "Same shape as a snapshot, without an id. JSON names the first " + Compliance.INLINE + " items of each long "
                    + "list — uncovered villages (facilities[].uncovered, with uncoveredCount and uncoveredHref), a warning's "
                    + "regions (with regionCount), the warnings of each kind (with warningCounts by kind and warningsHref) and completeness "
                    + "units (with unitCount and unitsHref) — and links to the complete list, served page by page; every "
                    + "count, ratio and score covers everything. CSV and XLSX hold every item. Scoped: the region must lie "
                    + "in the token's region (403 otherwise, also for a token without a region claim). The whole country (CN) has "
                    + "no live view (400): it is a snapshot, POST /api/v1/snapshots with region CN.")
    public Response compliance(@QueryParam("region") @Parameter(required = true, example = "410182") String region,
                               @QueryParam("period") @Parameter(required = true, example = "2025H1") String period,
                               @QueryParam("asOf") @Parameter(description = "the day milestones and report deadlines are judged on; default today") String asOf,
                               @QueryParam("format") @Parameter(description = "json (default), csv or xlsx") String format) {
        ComplianceService.Request request = service.request(region, period, asOf);
        return Formats.render(service.live(request), links(request), format, 200, limiter);
    }

    @GET
    @Path("uncovered")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Extension(name = "x-concurrency-limit", value = "compliance-province")
    @Operation(operationId = "getComplianceUncovered", summary = "The uncovered units of the live view, page by page",
            description = "Every unit (village for 儿童之家) of the region's subtree that the facility type does not cover, in code "
                    + "order: the complete list behind facilities[].uncovered of GET /api/v1/compliance (its uncoveredHref). "
                    + "Computed live like the view (same parameters, same scoping: 403 outside the token's region); an empty "
                    + "page for a facility type the view does not report.")
    public Page<Compliance.RegionRef> uncovered(@QueryParam("region") @Parameter(required = true, example = "410182") String region,
                                                @QueryParam("period") @Parameter(required = true, example = "2025H1") String period,
                                                @QueryParam("asOf") @Parameter(description = "as for the view; default today") String asOf,
                                                @QueryParam("facilityType") @Parameter(description = "default children-home") String facilityType,
                                                @BeanParam @Valid PageParams page) {
        return uncovered(service.live(service.request(region, period, asOf)), facilityType, page);
    }

    @GET
    @Path("warnings")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Extension(name = "x-concurrency-limit", value = "compliance-province")
    @Operation(operationId = "getComplianceWarnings", summary = "The warnings of the live view, page by page",
            description = "Every warning of the view in its order (coverage, targets, milestones, missing reports, then the "
                    + "discipline's), optionally of one kind, each naming all of its regions: the complete list behind "
                    + "warnings of GET /api/v1/compliance (its warningsHref). Computed live like the view (same scoping).")
    public Page<Compliance.Warning> warnings(@QueryParam("region") @Parameter(required = true, example = "410182") String region,
                                             @QueryParam("period") @Parameter(required = true, example = "2025H1") String period,
                                             @QueryParam("asOf") @Parameter(description = "as for the view; default today") String asOf,
                                             @QueryParam("kind") @Parameter(description = "one kind only, e.g. coverage-gap") String kind,
                                             @BeanParam @Valid PageParams page) {
        return warnings(service.live(service.request(region, period, asOf)), kind, page);
    }

    /** Where the live view's complete lists are (its request repeated: the same region, period and day). */
    private static Compliance.Links links(ComplianceService.Request r) {
        String query = "?region=" + r.region().value() + "&period=" + r.period() + "&asOf=" + r.asOf();
        return new Compliance.Links("/api/v1/compliance/uncovered" + query, "/api/v1/compliance/warnings" + query,
                "/api/v1/completeness?region=" + r.region().value() + "&period=" + r.period() + "&by=unit");
    }

    static Page<Compliance.RegionRef> uncovered(Compliance c, String facilityType, PageParams page) {
        return page(uncovered(c, facilityType(facilityType)), page);
    }

    /** The facility type a list of uncovered units asks for: 儿童之家 unless named. */
    static String facilityType(String raw) {
        return raw == null || raw.isBlank() ? ComplianceRules.CHILDREN_HOME : raw.strip();
    }

    /** Every uncovered unit of {@code type} in a complete view (none for a type the view does not report). */
    static List<Compliance.RegionRef> uncovered(Compliance c, String type) {
        return c.facilities().stream().filter(f -> f.facilityType().equals(type))
                .findFirst().map(Compliance.FacilityItem::uncovered).orElse(List.of());
    }

    static Page<Compliance.Warning> warnings(Compliance c, String kind, PageParams page) {
        return page(warnings(c, kind == null || kind.isBlank() ? null : kind.strip()), page);
    }

    /** Every warning of a complete view, or those of one kind. */
    static List<Compliance.Warning> warnings(Compliance c, String kind) {
        return kind == null ? c.warnings() : c.warnings().stream().filter(w -> w.kind().equals(kind)).toList();
    }

    /** One page of a list held whole (the offset is capped by PageParams, so it fits an int once below the size). */
    static <T> Page<T> page(List<T> all, PageParams page) {
        int from = (int) Math.min(all.size(), page.offset());
        return Page.of(List.copyOf(all.subList(from, Math.min(all.size(), from + page.size))), page, all.size());
    }
}
