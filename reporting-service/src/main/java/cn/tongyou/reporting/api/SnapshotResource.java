package cn.tongyou.reporting.api;

import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.Country;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.Caller;
import cn.tongyou.common.http.ConcurrencyLimiter;
import cn.tongyou.common.security.Roles;
import cn.tongyou.reporting.domain.Completeness;
import cn.tongyou.reporting.domain.Compliance;
import cn.tongyou.reporting.domain.CountryRollup;
import cn.tongyou.reporting.domain.SnapshotDiff;
import cn.tongyou.reporting.service.ComplianceService;
import cn.tongyou.reporting.service.SnapshotService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/snapshots")
@Tag(name = "Snapshots", description = "Immutable, stored compliance views; compare and export them")
public class SnapshotResource {

    @Inject
    ComplianceService compliance;

    @Inject
    SnapshotService snapshots;

    @Inject
    ConcurrencyLimiter limiter;

    @Inject
    Caller caller;

    public record SnapshotInput(String region, String period, String asOf) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @APIResponse(responseCode = "201", description = "the stored snapshot",
            headers = @Header(name = "Location", description = "the snapshot's URL"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Compliance.class)))
    @Extension(name = "x-concurrency-limit", value = "compliance-province")
    @Operation(operationId = "createSnapshot", summary = "Compute and store a snapshot",
            description = "The region must lie in the caller's region (token claim region). The stored record is complete (every "
                    + "uncovered village, warning and unit: an official record, reproducible); the answer, like GET, names the "
                    + "first " + Compliance.INLINE + " items of each long list and links to the snapshot's paged lists. "
                    + "Region CN is the whole country (nationwide tokens only, 403 otherwise): computed province by province, "
                    + "stored as one part per province and a parent (level country) whose counts are the provinces' sums "
                    + "(scores from the summed totals); its children are the provinces, its long lists paged over the parts; JSON only.")
    public Response create(SnapshotInput input) {
        if (input == null) {
            throw ProblemException.badRequest("reporting.snapshot.body-required");
        }
        if (Country.names(input.region())) {
            Compliance c = snapshots.createCountry(ComplianceService.period(input.period()), compliance.asOf(input.asOf()), caller.subject());
            return Response.created(URI.create("/api/v1/snapshots/" + c.snapshotId())).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(c).build();
        }
        ComplianceService.Request request = compliance.request(input.region(), input.period(), input.asOf());
        Compliance c = snapshots.create(request, caller.subject());
        return Response.created(URI.create("/api/v1/snapshots/" + c.snapshotId())).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(c.summarised(links(c.snapshotId()))).build();
    }

    @GET
    @Path("{id}")
    @Produces({MediaType.APPLICATION_JSON, Formats.CSV, Formats.XLSX})
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @APIResponse(responseCode = "200", description = "the snapshot (format=json or none); format=csv or xlsx: the same as a download",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"compliance-<region>-<period>….csv|xlsx\" (csv and xlsx only)"),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Compliance.class)),
                    @Content(mediaType = Formats.CSV, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = Formats.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @Extension(name = "x-concurrency-limit", value = "export")
    @Operation(operationId = "getSnapshot", summary = "One snapshot, as JSON (default), csv or xlsx",
            description = "JSON names the first " + Compliance.INLINE + " items of each long list (uncovered villages, a warning's "
                    + "regions, warnings of each kind, completeness units) with their number and a link to the snapshot's complete list "
                    + "(/uncovered, /warnings, /units, page by page); CSV and XLSX hold every item. "
                    + "404 also for a snapshot of a region outside the token's region (its existence is not disclosed).")
    public Response get(@PathParam("id") String id, @QueryParam("format") String format) {
        Compliance c = find(id);
        if (CountryRollup.isCountry(c)) {
            return Formats.country(c, format);
        }
        return Formats.render(c, links(c.snapshotId()), format, 200, limiter);
    }

    @GET
    @Path("{id}/uncovered")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getSnapshotUncovered", summary = "The uncovered units a snapshot stored, page by page",
            description = "In code order, as stored (facilities[].uncoveredHref of the snapshot). 404 as for GET /api/v1/snapshots/{id}.")
    public Page<Compliance.RegionRef> uncovered(@PathParam("id") String id,
                                                @QueryParam("facilityType") @Parameter(description = "default children-home") String facilityType,
                                                @BeanParam @Valid PageParams page) {
        Compliance c = find(id);
        if (CountryRollup.isCountry(c)) {
            String type = ComplianceResource.facilityType(facilityType);
            return snapshots.countryPage(c, part -> part.uncoveredOf(type), province -> ComplianceResource.uncovered(province, type), page);
        }
        return ComplianceResource.uncovered(c, facilityType, page);
    }

    @GET
    @Path("{id}/warnings")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getSnapshotWarnings", summary = "The warnings a snapshot stored, page by page",
            description = "In stored order, optionally of one kind, each with all of its regions (warningsHref of the snapshot). "
                    + "404 as for GET /api/v1/snapshots/{id}.")
    public Page<Compliance.Warning> warnings(@PathParam("id") String id,
                                             @QueryParam("kind") @Parameter(description = "one kind only, e.g. coverage-gap") String kind,
                                             @BeanParam @Valid PageParams page) {
        Compliance c = find(id);
        if (CountryRollup.isCountry(c)) {
            String k = kind == null || kind.isBlank() ? null : kind.strip();
            return snapshots.countryPage(c, part -> part.warningsOf(k), province -> ComplianceResource.warnings(province, k), page);
        }
        return ComplianceResource.warnings(c, kind, page);
    }

    @GET
    @Path("{id}/units")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getSnapshotUnits", summary = "The completeness lines of every unit a snapshot stored, page by page",
            description = "Worst first, as stored (completeness.unitsHref of the snapshot); an empty page for a snapshot stored "
                    + "without completeness. 404 as for GET /api/v1/snapshots/{id}.")
    public Page<Completeness.CompletenessLine> units(@PathParam("id") String id, @BeanParam @Valid PageParams page) {
        Compliance c = find(id);
        if (CountryRollup.isCountry(c)) {
            return snapshots.countryPage(c, CountryRollup.PartCounts::units, SnapshotResource::units, page);
        }
        return ComplianceResource.page(units(c), page);
    }

    private static List<Completeness.CompletenessLine> units(Compliance c) {
        return c.completeness() == null ? List.of() : c.completeness().units();
    }

    private static Compliance.Links links(String id) {
        return SnapshotService.links(id);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listSnapshots", summary = "Snapshots by region and/or period, newest first",
            description = "Without region: every snapshot of the token's subtree (the whole country for region claim CN). "
                    + "region=CN: the snapshots of the whole country (nationwide tokens only). "
                    + "With region: that region's snapshots; 403 when it lies outside the token's region. A token without a "
                    + "region claim is refused (403).")
    public Page<Compliance.Listed> list(@QueryParam("region") @Parameter(description = "one region's snapshots; default every one of the token's subtree") String region,
                                        @QueryParam("period") String period,
                                        @BeanParam @Valid PageParams page) {
        String p = period == null || period.isBlank() ? null : ComplianceService.period(period).toString();
        SnapshotService.Listing listing;
        if (Country.names(region)) {
            listing = snapshots.countryListing(p);
        } else {
            RegionCode r = region == null || region.isBlank() ? null : ComplianceService.region(region);
            listing = snapshots.listing(r, p);
        }
        return Page.of(snapshots.list(listing, page.offset(), page.size), page, snapshots.count(listing));
    }

    @GET
    @Path("{a}/diff/{b}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "diffSnapshots", summary = "What changed from snapshot a to snapshot b: status changes, new and resolved warnings, totals",
            description = "404 when either snapshot does not exist or lies outside the token's region.")
    public SnapshotDiff diff(@PathParam("a") String a, @PathParam("b") String b) {
        return SnapshotDiff.compare(find(a), find(b));
    }

    private Compliance find(String raw) {
        UUID id;
        try {
            id = UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("reporting.snapshot.not-found", raw);
        }
        return snapshots.find(id).orElseThrow(() -> ProblemException.notFound("reporting.snapshot.not-found", raw));
    }
}
