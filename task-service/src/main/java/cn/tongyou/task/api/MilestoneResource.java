package cn.tongyou.task.api;

import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.security.Roles;
import cn.tongyou.task.service.MilestoneActions;
import cn.tongyou.task.service.MilestoneInput;
import cn.tongyou.task.service.MilestoneService;
import cn.tongyou.task.service.MilestoneView;
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

@Path("/api/v1/milestones")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Milestones", description = "Dated, quantified deliverables of tasks: definition, lifecycle (done with evidence, cancelled with reason), "
        + "and their state as of today (overdue and due-soon are computed, never stored)")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the token's roles or region do not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MilestoneResource {

    @Inject
    MilestoneService milestones;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listMilestones", summary = "List milestones with their state as of today",
            description = "Filters combine; ordered by region, plan, task and position. The facility-type filter gives the reporting service the "
                    + "milestones it can check against the facility register.")
    @APIResponse(responseCode = "200", description = "a page of milestones")
    @APIResponse(responseCode = "400", description = "malformed region, id or date; unknown state; bad page/size (each listed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<MilestoneView> list(
            @QueryParam("region") @Parameter(description = "region code (2–12 digits), with descendants", example = "410182") String region,
            @QueryParam("plan") @Parameter(description = "plan id") String plan,
            @QueryParam("task") @Parameter(description = "task id") String task,
            @QueryParam("state") @Parameter(description = "comma-separated, any of open, due-soon, overdue, done, cancelled", example = "overdue") String state,
            @QueryParam("due-before") @Parameter(description = "due on or before this date", example = "2025-12-31") String dueBefore,
            @QueryParam("facility-type") @Parameter(description = "facility type code", example = "child-friendly-school") String facilityType,
            @QueryParam("unit") @Parameter(description = "lead unit of the task: id or any known spelling") String unit,
            @BeanParam @Valid PageParams page) {
        return milestones.list(new MilestoneService.ListParams(region, plan, task, state, dueBefore, facilityType, unit), page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getMilestone", summary = "Read a milestone", description = "The ETag header carries its version.")
    @APIResponse(responseCode = "200", description = "the milestone", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MilestoneView.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such milestone", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") @Parameter(description = "milestone id (UUID)") String id) {
        return ok(milestones.get(RequestParameters.uuid("id", id, "task.noun.a-milestone")));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "updateMilestone", summary = "Change a milestone's definition",
            description = "Replaces due date, statement, metric, comparator, values, unit, baseline year, facility type and note; the status changes "
                    + "only through complete, cancel and reopen. Needs If-Match. A re-import of the plan's file restores the file's definition of an "
                    + "imported milestone.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MilestoneInput.class)))
    @APIResponse(responseCode = "200", description = "changed (or unchanged)", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MilestoneView.class)))
    @APIResponse(responseCode = "400", description = "invalid body (each field listed)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such milestone", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") @Parameter(description = "milestone id (UUID)") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                   description = "the ETag you read, e.g. \"3\"", required = true) String ifMatch,
                           @NotNull(message = "{task.body.required}") @Valid MilestoneInput body) {
        return ok(milestones.update(RequestParameters.uuid("id", id, "task.noun.a-milestone"), ifMatch, body));
    }

    @POST
    @Path("/{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "completeMilestone", summary = "Mark a milestone done",
            description = "With the date it was achieved (not in the future) and the evidence. Only an open milestone; needs If-Match. Departments "
                    + "report milestones done in their progress reports instead, and acceptance completes them. Publishes cfc.milestone.changed.v1.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MilestoneActions.Completion.class)))
    @APIResponse(responseCode = "200", description = "done", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MilestoneView.class)))
    @APIResponse(responseCode = "400", description = "date missing or in the future, evidence missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such milestone", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the milestone is not open (done or cancelled)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response complete(@PathParam("id") @Parameter(description = "milestone id (UUID)") String id,
                             @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                     description = "the ETag you read", required = true) String ifMatch,
                             @NotNull(message = "{task.body.required}") MilestoneActions.Completion body) {
        return ok(milestones.complete(RequestParameters.uuid("id", id, "task.noun.a-milestone"), ifMatch, body));
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "cancelMilestone", summary = "Cancel a milestone",
            description = "With a reason; only an open milestone (a delivered one stays delivered). Needs If-Match. Publishes cfc.milestone.changed.v1.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MilestoneActions.Reason.class)))
    @APIResponse(responseCode = "200", description = "cancelled", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MilestoneView.class)))
    @APIResponse(responseCode = "400", description = "reason missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such milestone", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the milestone is not open", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@PathParam("id") @Parameter(description = "milestone id (UUID)") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                   description = "the ETag you read", required = true) String ifMatch,
                           @NotNull(message = "{task.body.required}") MilestoneActions.Reason body) {
        return ok(milestones.cancel(RequestParameters.uuid("id", id, "task.noun.a-milestone"), ifMatch, body));
    }

    @POST
    @Path("/{id}/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "reopenMilestone", summary = "Reopen a done or cancelled milestone",
            description = "With a reason (a completion recorded in error, a cancelled deliverable back in the plan). Needs If-Match.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MilestoneActions.Reason.class)))
    @APIResponse(responseCode = "200", description = "open again", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MilestoneView.class)))
    @APIResponse(responseCode = "400", description = "reason missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such milestone", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the milestone is open already", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reopen(@PathParam("id") @Parameter(description = "milestone id (UUID)") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                   description = "the ETag you read", required = true) String ifMatch,
                           @NotNull(message = "{task.body.required}") MilestoneActions.Reason body) {
        return ok(milestones.reopen(RequestParameters.uuid("id", id, "task.noun.a-milestone"), ifMatch, body));
    }

    private static Response ok(MilestoneView view) {
        return Response.ok(view).tag(new EntityTag(String.valueOf(view.version()))).build();
    }
}
