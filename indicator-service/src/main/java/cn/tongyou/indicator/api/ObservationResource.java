package cn.tongyou.indicator.api;

import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.export.SpreadsheetText;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.Roles;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.indicator.Numbers;
import cn.tongyou.indicator.domain.Observation;
import cn.tongyou.indicator.domain.ObservationFilter;
import cn.tongyou.indicator.domain.ObservationStatus;
import cn.tongyou.indicator.service.CorrectionInput;
import cn.tongyou.indicator.service.ObservationInput;
import cn.tongyou.indicator.service.ReasonInput;
import cn.tongyou.common.indicator.ValueType;
import cn.tongyou.indicator.service.IndicatorService;
import cn.tongyou.indicator.service.ObservationService;
import cn.tongyou.indicator.service.QualityService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/observations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Observations", description = "Values per (indicator, region, period) with corrections (append-only history) and approval")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "role not allowed, or region outside the token's region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ObservationResource {

    static final String CSV = "text/csv";
    static final String READ_POLICY = "status=approved alone is public (any region; the whole country by default). Any other list "
            + "(draft, submitted, or no status filter) is limited to the token's region subtree: without region it lists the token's "
            + "region, a region outside it is 403, and so is a token without a region claim. " + ApiDocs.SCOPED_NOTE;
    static final String FILTERS = "Filters combine: region (and its descendants unless descendants=false), indicator, period and status "
            + "(each comma-separated for several). ";

    @Inject
    ObservationService service;

    @Inject
    IndicatorService indicators;

    @Inject
    UriInfo uriInfo;

    @Inject
    QualityService quality;

    /** The observation with the open data-quality findings touching it (issue 15), when the caller may see them. */
    private ObservationView view(ObservationService.Shown shown) {
        return ObservationView.of(shown).withFindings(quality.openTouching(shown.observation()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "createObservation", summary = "Report a value",
            description = "Checks the indicator (known), the region code (valid, within the token's region), the period (2025, 2025H1, 2025H2, "
                    + "of a type the indicator allows) and the value against the unit: a percentage lies in 0 … 100, a per-mille in 0 … 1000, "
                    + "a count is a whole number ≥ 0, a boolean is 是/否/true/false; a computed indicator takes numerator and denominator "
                    + "(numerator ≤ denominator unless a gross rate). Every problem is listed and nothing is written. Stored as draft (or "
                    + "submitted) at version 1; publishes cfc.observation.changed.v1. A value already reported for the same indicator, "
                    + "region and period is corrected instead (409). Roles reporter, coordinator, admin, integration, within the token's region; a reporter "
                    + "needs a unit claim and the value is recorded as its unit's.")
    @APIResponse(responseCode = "201", description = "reported", headers = {@Header(name = "Location"), @Header(name = "ETag", description = "\"1\"")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObservationView.class)))
    @APIResponse(responseCode = "400", description = "malformed JSON, unknown field, wrong type; unknown indicator, bad region or period, "
            + "value out of range for its unit, numerator over denominator, missing parts (each field named)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "already reported: correct it (type conflict); period-locked: the period is closed for entry; approval-locked: an approval up the hierarchy holds the value (see /api/v1/approvals) — a period lock exception lets it through", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "body is not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull(message = "{indicator.observation.body-required}") @Valid ObservationInput input) {
        ObservationView v = view(service.create(input));
        return Response.created(uriInfo.getBaseUriBuilder().path("api/v1/observations").path(v.id().toString()).build())
                .header(HttpHeaders.ETAG, ETags.of(v.version())).entity(v).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getObservation", summary = "One value with its history", description = "Every version (created, corrected with reason, submitted, approved, returned, reopened). "
            + "Within the token's region subtree: any value with its history. Outside it (or without a region claim): an approved value "
            + "without its history; any other value is 404 (existence is not disclosed). Roles viewer, reporter, coordinator, admin, integration.")
    @APIResponse(responseCode = "200", description = "the observation", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObservationView.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such observation, or one not approved outside the token's region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        ObservationView v = view(service.get(uuid(id)));
        return Response.ok(v).header(HttpHeaders.ETAG, ETags.of(v.version())).build();
    }

    @POST
    @Path("/{id}/corrections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "correctObservation", summary = "Correct a value (with reason)",
            description = "A new version with the corrected value; the old one stays in the history with the reason. Allowed while draft or "
                    + "submitted (a submitted value returns to draft, to be submitted again); an approved value is locked until a "
                    + "coordinator reopens it (409). Same checks as a new value. Needs If-Match. A reporter corrects only its own unit's "
                    + "values (token claim unit; 403 otherwise).")
    @APIResponse(responseCode = "200", description = "corrected", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObservationView.class)))
    @APIResponse(responseCode = "400", description = "invalid value or no reason", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such observation", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "approved (locked), or the correction changes nothing (type conflict); period-locked: the period is closed for entry; approval-locked: an approval up the hierarchy holds the value (see /api/v1/approvals) — a period lock exception lets it through", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response correct(@PathParam("id") String id,
                            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, required = true) String ifMatch,
                            @NotNull(message = "{indicator.correction.body-required}") @Valid CorrectionInput input) {
        return ok(service.correct(uuid(id), ifMatch, input));
    }

    @POST
    @Path("/{id}/submit")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "submitObservation", summary = "Submit a draft for approval", description = "draft → submitted. Needs If-Match. A reporter submits only its own unit's values "
            + "(token claim unit; 403 otherwise).")
    @APIResponse(responseCode = "200", description = "submitted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObservationView.class)))
    @APIResponse(responseCode = "404", description = "no such observation", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not a draft (type conflict); period-locked: the period is closed for entry; approval-locked: an approval up the hierarchy holds the value (see /api/v1/approvals) — a period lock exception lets it through", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return ok(service.transition(uuid(id), ObservationStatus.Action.SUBMIT, ifMatch, null));
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "approveObservation", summary = "Approve a submitted value", description = "submitted → approved: the value counts from now on and is locked. Needs If-Match. "
            + "Four eyes (cfc.security.four-eyes, on by default): not by the person who entered the value or corrected it last (403). Roles "
            + "coordinator, admin (妇儿工委办公室), within the token's region.")
    @APIResponse(responseCode = "200", description = "approved", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObservationView.class)))
    @APIResponse(responseCode = "404", description = "no such observation", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not submitted (type conflict); period-locked: the period is closed for entry; approval-locked: an approval up the hierarchy holds the value (see /api/v1/approvals) — a period lock exception lets it through", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response approve(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return ok(service.transition(uuid(id), ObservationStatus.Action.APPROVE, ifMatch, null));
    }

    @POST
    @Path("/{id}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "returnObservation", summary = "Return a submitted value to its reporter", description = "submitted → draft, with the reason. Needs If-Match. Roles coordinator, admin.")
    @APIResponse(responseCode = "200", description = "returned", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObservationView.class)))
    @APIResponse(responseCode = "404", description = "no such observation", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "no reason", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not submitted (type conflict); period-locked: the period is closed for entry; approval-locked: an approval up the hierarchy holds the value (see /api/v1/approvals) — a period lock exception lets it through", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response giveBack(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                             @NotNull(message = "{indicator.reason.body-required}") @Valid ReasonInput input) {
        return ok(service.transition(uuid(id), ObservationStatus.Action.RETURN, ifMatch, input.reason()));
    }

    @POST
    @Path("/{id}/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "reopenObservation", summary = "Reopen an approved value for correction",
            description = "approved → draft, with the reason. The approved value keeps counting in evaluations until its correction is approved "
                    + "(unlike DHIS2, reopened data does not disappear). Needs If-Match. Roles coordinator, admin.")
    @APIResponse(responseCode = "200", description = "reopened", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObservationView.class)))
    @APIResponse(responseCode = "404", description = "no such observation", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "no reason", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not approved (type conflict); period-locked: the period is closed for entry; approval-locked: an approval up the hierarchy holds the value (see /api/v1/approvals) — a period lock exception lets it through", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reopen(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull(message = "{indicator.reason.body-required}") @Valid ReasonInput input) {
        return ok(service.transition(uuid(id), ObservationStatus.Action.REOPEN, ifMatch, input.reason()));
    }

    @POST
    @Path("/approvals")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "approveObservations", summary = "Approve every submitted value of a region subtree",
            description = "The 妇儿工委办公室 approves a reporting round at once: every submitted value within region (and period, indicators "
                    + "when given). Each gets its own version, history row and event. Four eyes (cfc.security.four-eyes, on by default): the "
                    + "values the caller entered or corrected last are left submitted for another coordinator (leftForOthers). Roles "
                    + "coordinator, admin, within the token's region.")
    @APIResponse(responseCode = "200", description = "how many were approved")
    @APIResponse(responseCode = "400", description = "bad region code or period", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApprovalResult approveAll(@NotNull(message = "{indicator.approval.body-required}") @Valid ApprovalInput input) {
        if (input.region() == null || input.region().isBlank()) {
            throw ProblemException.invalidField("region", "common.field.required");
        }
        RegionCode region = RequestParameters.region("region", input.region());
        List<String> periods = input.period() == null ? List.of() : List.of(RequestParameters.period("period", input.period()).toString());
        ObservationService.Approvals n = service.approveAll(region, periods, input.indicators() == null ? List.of() : input.indicators());
        return new ApprovalResult(n.approved(), n.leftForOthers(), n.locked());
    }

    @Schema(name = "ApprovalInput")
    public record ApprovalInput(@Schema(required = true, example = "410402") String region, @Schema(example = "2025") String period,
                                @Size(max = 1000) List<@Size(max = 60) String> indicators) {
    }

    @Schema(name = "ApprovalResult")
    public record ApprovalResult(int approved,
                                 @Schema(description = "submitted values the caller entered or corrected last, left for another "
                                         + "coordinator (four eyes, cfc.security.four-eyes)") int leftForOthers,
                                 @Schema(description = "submitted values left submitted because their period is closed for entry or "
                                         + "an approval up the hierarchy holds them (see /api/v1/approvals)") int locked) {
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listObservations", summary = "List values", description = FILTERS + "Ordered by region, indicator, period. With Accept: text/csv the whole list comes as CSV (see export). "
            + READ_POLICY)
    @APIResponse(responseCode = "200", description = "a page of values")
    @APIResponse(responseCode = "403", description = "a region outside the token's region (or no region claim) for values not only approved", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "bad region code, period, status or paging parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ObservationView> list(@QueryParam("region") @Parameter(example = "410402") String region,
                                      @QueryParam("descendants") @DefaultValue("true") boolean descendants,
                                      @QueryParam("indicator") String indicator,
                                      @QueryParam("period") @Parameter(example = "2025,2025H1") String period,
                                      @QueryParam("status") @Parameter(example = "submitted") String status,
                                      @BeanParam @Valid PageParams page) {
        return service.list(filter(region, descendants, indicator, period, status), page).map(ObservationView::of);
    }

    @GET
    @Produces(CSV)
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listObservations", summary = "List values as CSV", description = "Same as export.")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response listCsv(@QueryParam("region") String region, @QueryParam("descendants") @DefaultValue("true") boolean descendants,
                            @QueryParam("indicator") String indicator, @QueryParam("period") String period, @QueryParam("status") String status) {
        return export(region, descendants, indicator, period, status);
    }

    @GET
    @Path("/export")
    @Produces(CSV)
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "exportObservations", summary = "Export values as CSV",
            description = FILTERS + "UTF-8, header line indicator,region,period,value,numerator,denominator,source,note,status,version,"
                    + "reportedBy,updatedAt,approvedValue — the import format plus columns the import ignores, so an export can be sent back. "
                    + "Text cells starting like a spreadsheet formula (= + - @, tab, CR) get a leading ' (formula injection). "
                    + "Streamed: a whole province in one response. " + READ_POLICY)
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "bad region code, period or status", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@QueryParam("region") String region, @QueryParam("descendants") @DefaultValue("true") boolean descendants,
                           @QueryParam("indicator") String indicator, @QueryParam("period") String period, @QueryParam("status") String status) {
        // scoped now, while the request is in scope: the body streams after this method returns
        ObservationFilter filter = service.readable(filter(region, descendants, indicator, period, status));
        Map<String, Indicator> all = indicators.all();
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build());
            csv.printRecord("indicator", "region", "period", "value", "numerator", "denominator", "source", "note", "status",
                    "version", "reportedBy", "updatedAt", "approvedValue");
            try {
                service.stream(filter, o -> print(csv, o, all.get(o.indicatorCode()).valueType()));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            csv.flush();
        };
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"observations.csv\"").build();
    }

    private static void print(CSVPrinter csv, Observation o, ValueType type) {
        try {
            // text cells are neutralised against formula injection (=HYPERLINK(…) in a source or note); numbers stay numbers
            csv.printRecord(o.indicatorCode(), o.regionCode(), o.period(), csvValue(type, o.value(), o.text()),
                    o.numerator() == null ? "" : Numbers.plain(o.numerator()), o.denominator() == null ? "" : Numbers.plain(o.denominator()),
                    SpreadsheetText.neutralise(o.source()), SpreadsheetText.neutralise(o.note()), o.status().code(), o.version(),
                    SpreadsheetText.neutralise(o.reportedBy()), o.updatedAt(),
                    o.approved() == null ? "" : csvValue(type, o.approved().value(), o.approved().text()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csvValue(ValueType type, java.math.BigDecimal value, String text) {
        if (type == ValueType.TEXT) {
            return SpreadsheetText.neutralise(text);
        }
        if (value == null) {
            return "";
        }
        if (type == ValueType.BOOLEAN) {
            return value.signum() != 0 ? "true" : "false";
        }
        return Numbers.plain(value);
    }

    private static ObservationFilter filter(String region, boolean descendants, String indicator, String period, String status) {
        RegionCode code = region == null || region.isBlank() ? null : RequestParameters.region("region", region);
        return new ObservationFilter(code, descendants, ListParameters.csv(indicator), ListParameters.periods(period),
                ListParameters.statuses(status));
    }

    private Response ok(ObservationService.Shown shown) {
        ObservationView v = view(shown);
        return Response.ok(v).header(HttpHeaders.ETAG, ETags.of(v.version())).build();
    }

    static UUID uuid(String id) {
        return RequestParameters.uuid("id", id, "indicator.noun.an-observation");
    }
}
