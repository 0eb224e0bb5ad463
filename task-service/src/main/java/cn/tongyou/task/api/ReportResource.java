package cn.tongyou.task.api;

import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.security.Roles;
import cn.tongyou.task.service.ReportRevisionView;
import cn.tongyou.task.service.ReportService;
import cn.tongyou.task.service.ReportUpdate;
import cn.tongyou.task.service.ReportView;
import cn.tongyou.task.service.ReviewInput;
import cn.tongyou.task.service.ReviewSummaryService;
import cn.tongyou.task.service.ReviewSummaryView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Progress reports", description = "Half-yearly progress reports (半年调度): filed by departments (POST /api/v1/tasks/{id}/reports), "
        + "corrected, accepted or returned by the coordinator")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the token's roles, region or unit do not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReportResource {

    @Inject
    ReportService reports;

    @Inject
    ReviewSummaryService summaries;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listReports", summary = "List progress reports", description = "Newest period first; filters combine. Report text "
            + "and review comments are scoped: the list is limited to the token's region subtree (region defaults to it; a region outside "
            + "it is 403; a token without a region claim is 403).")
    @APIResponse(responseCode = "200", description = "a page of reports")
    @APIResponse(responseCode = "400", description = "malformed region, task id or period; unknown status; bad page/size (each listed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ReportView> list(
            @QueryParam("region") @Parameter(description = "region code (2–12 digits), with descendants") String region,
            @QueryParam("task") @Parameter(description = "task id") String task,
            @QueryParam("unit") @Parameter(description = "reporting unit: id or any known spelling") String unit,
            @QueryParam("period") @Parameter(description = "half-year period", example = "2025H1") String period,
            @QueryParam("status") @Parameter(schema = @Schema(enumeration = {"submitted", "accepted", "returned"})) String status,
            @BeanParam @Valid PageParams page) {
        return reports.list(new ReportService.ListParams(region, task, unit, period, status), page);
    }

    @GET
    @Path("/review-summary")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "reviewSummary", summary = "Progress reports per approval level",
            description = "For the region and each approval level below it (cfc.discipline.approval-levels, e.g. county → prefecture → "
                    + "province): how many reports the period expects (a task of a plan in force, per lead unit), how many wait for "
                    + "review (submitted), were accepted or returned, are missing (expected and nothing filed that was not returned) and "
                    + "late (received, first filed after the deadline). Each region counts its whole subtree, so a city's figures are "
                    + "its counties' sums plus those of its own plans; counts are summed, never averaged. Scoped like the reports: "
                    + "region defaults to the token's subtree (a nationwide token without region: the whole country); outside it 403.")
    @APIResponse(responseCode = "200", description = "the counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewSummaryView.class)))
    @APIResponse(responseCode = "400", description = "malformed region or period (each listed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReviewSummaryView reviewSummary(
            @QueryParam("region") @Parameter(description = "region code (2–12 digits); default: the token's region") String region,
            @QueryParam("period") @Parameter(description = "half-year period; default: the current reporting period", example = "2026H1")
            String period) {
        return summaries.summary(region, period);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getReport", summary = "Read a progress report", description = "The ETag header carries its version. Outside the "
            + "token's region subtree the report does not exist (404).")
    @APIResponse(responseCode = "200", description = "the report", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such report in your region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") @Parameter(description = "report id (UUID)") String id) {
        return ok(reports.get(RequestParameters.uuid("id", id, "task.noun.a-report")));
    }

    @GET
    @Path("/{id}/revisions")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listReportRevisions", summary = "Every version of a progress report",
            description = "Oldest first: what the report said at each version (filed, corrected, accepted, returned, moved by a unit merge), "
                    + "with who made the change. A correction never loses the text it replaced. Scoped like the report: outside the "
                    + "token's region subtree the report does not exist (404).")
    @APIResponse(responseCode = "200", description = "the versions", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, implementation = ReportRevisionView.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such report in your region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ReportRevisionView> revisions(@PathParam("id") @Parameter(description = "report id (UUID)") String id) {
        return reports.revisions(RequestParameters.uuid("id", id, "task.noun.a-report"));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "updateReport", summary = "Correct a report (before review, or after it was returned)",
            description = "Replaces text, percent complete, milestone updates and attachments and submits the report again; task, period and unit "
                    + "stay. A reporter changes only its own unit's reports. An accepted report is final (409). Needs If-Match.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportUpdate.class)))
    @APIResponse(responseCode = "200", description = "submitted again (or unchanged)", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", description = "invalid body (each field listed)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such report", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the report was accepted; or period-locked: the period is closed for entry and no exception covers the plan's region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") @Parameter(description = "report id (UUID)") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                   description = "the ETag you read", required = true) String ifMatch,
                           @NotNull(message = "{task.body.required}") @Valid ReportUpdate body) {
        return ok(reports.update(RequestParameters.uuid("id", id, "task.noun.a-report"), ifMatch, body));
    }

    @POST
    @Path("/{id}/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "acceptReport", summary = "Accept a submitted report",
            description = "Four eyes: who filed the report or last corrected it cannot accept it (403; cfc.security.four-eyes). The milestones it reports done, and that are still open, become done (date and evidence from the report). Needs If-Match. "
                    + "The report records the level the review was made from (reviewedLevel: the token's region level, or nationwide); "
                    + "still possible after the period's lock (the level above may act). "
                    + "Publishes cfc.progress-report.changed.v1 and cfc.milestone.changed.v1 for each milestone completed.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewInput.class)))
    @APIResponse(responseCode = "200", description = "accepted", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", description = "invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such report", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the report is not waiting for review (accepted or returned)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response accept(@PathParam("id") @Parameter(description = "report id (UUID)") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                   description = "the ETag you read", required = true) String ifMatch,
                           @Valid ReviewInput body) {
        return ok(reports.accept(RequestParameters.uuid("id", id, "task.noun.a-report"), ifMatch, body));
    }

    @POST
    @Path("/{id}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "returnReport", summary = "Return a submitted report for correction",
            description = "With a comment saying what to correct; the unit corrects it with PUT. A returned report does not count as filed. "
                    + "Records reviewedLevel like an acceptance; still possible after the period's lock. Needs If-Match.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewInput.class)))
    @APIResponse(responseCode = "200", description = "returned", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", description = "comment missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such report", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the report is not waiting for review", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response giveBack(@PathParam("id") @Parameter(description = "report id (UUID)") String id,
                             @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                     description = "the ETag you read", required = true) String ifMatch,
                             @Valid ReviewInput body) {
        return ok(reports.giveBack(RequestParameters.uuid("id", id, "task.noun.a-report"), ifMatch, body));
    }

    private static Response ok(ReportView view) {
        return Response.ok(view).tag(new EntityTag(String.valueOf(view.version()))).build();
    }
}
