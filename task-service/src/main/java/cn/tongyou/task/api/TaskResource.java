package cn.tongyou.task.api;

import cn.tongyou.common.idempotency.IdempotencyStore;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.security.Roles;
import cn.tongyou.task.service.MilestoneInput;
import cn.tongyou.task.service.MilestoneService;
import cn.tongyou.task.service.MilestoneView;
import cn.tongyou.task.service.ReportInput;
import cn.tongyou.task.service.ReportService;
import cn.tongyou.task.service.ReportView;
import cn.tongyou.task.service.TaskInput;
import cn.tongyou.task.service.TaskService;
import cn.tongyou.task.service.TaskSummary;
import cn.tongyou.task.service.TaskView;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import jakarta.ws.rs.core.UriInfo;
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

import java.io.IOException;
import java.util.UUID;

@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks", description = "Tasks (建设任务) with their lead and participating units, milestones and progress reports")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the token's roles, region or unit do not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TaskResource {

    @Inject
    TaskService tasks;

    @Inject
    MilestoneService milestones;

    @Inject
    ReportService reports;

    @Inject
    ObjectMapper mapper;

    @Inject
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listTasks", summary = "List and filter tasks",
            description = "Filters combine. Each task carries its milestone counts as of today (overdue: open and due before today; due-soon: "
                    + "open and due from today within the due-soon days), its reporting in the period (default: the current reporting period, "
                    + "the latest half-year that has reached its last day) and flags naming what needs attention. Ordered by region, plan, "
                    + "position in the plan.")
    @APIResponse(responseCode = "200", description = "a page of tasks")
    @APIResponse(responseCode = "400", description = "malformed region, plan id, date or period; unknown status or unit-role; bad page/size (each listed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<TaskSummary> list(
            @QueryParam("region") @Parameter(description = "region code (2–12 digits): tasks of plans for the region and its descendants", example = "371502") String region,
            @QueryParam("plan") @Parameter(description = "plan id") String plan,
            @QueryParam("domain") @Parameter(description = "domain (领域) as written", example = "公共服务友好") String domain,
            @QueryParam("unit") @Parameter(description = "unit id, or a unit name in any known spelling (区文旅局 finds 区文化和旅游局's tasks)", example = "区卫健局") String unit,
            @QueryParam("unit-role") @Parameter(description = "with unit: lead (牵头), participating (参与) or any (default)",
                    schema = @Schema(enumeration = {"lead", "participating", "any"})) String unitRole,
            @QueryParam("status") @Parameter(description = "comma-separated, any of: overdue (an open milestone is past due), due-soon, "
                    + "no-report-this-period (plan in force, no report for the period that was not returned), completed (every milestone "
                    + "not cancelled is done), open (not completed)", example = "overdue,no-report-this-period") String status,
            @QueryParam("due-before") @Parameter(description = "only tasks with an open milestone due on or before this date", example = "2025-12-31") String dueBefore,
            @QueryParam("period") @Parameter(description = "reporting period for no-report-this-period and the reporting column; default the current one", example = "2025H1") String period,
            @QueryParam("q") @Parameter(description = "text in title, section or summary") String q,
            @BeanParam @Valid PageParams page) {
        return tasks.list(new TaskService.ListParams(region, plan, domain, unit, unitRole, status, dueBefore, period, q), page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getTask", summary = "A task with its milestones and reports",
            description = "Milestones in plan order with their state as of today; reports newest period first. The ETag header carries the task's version.")
    @APIResponse(responseCode = "200", description = "the task", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") @Parameter(description = "task id (UUID)") String id) {
        TaskView view = tasks.get(RequestParameters.uuid("id", id, "task.noun.a-task"));
        return Response.ok(view).tag(new EntityTag(String.valueOf(view.version()))).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "updateTask", summary = "Change a task",
            description = "Replaces number, domain, section, title, summary and units. Needs If-Match (412 on a lost update). An identical body "
                    + "changes nothing; a change publishes cfc.task.changed.v1.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskInput.class)))
    @APIResponse(responseCode = "200", description = "changed (or unchanged)", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", description = "invalid body (each field listed)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "another task of the plan has this number in this domain", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") @Parameter(description = "task id (UUID)") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                   description = "the ETag you read, e.g. \"3\"", required = true) String ifMatch,
                           @NotNull(message = "{task.body.required}") @Valid TaskInput body) {
        TaskView view = tasks.update(RequestParameters.uuid("id", id, "task.noun.a-task"), ifMatch, body);
        return Response.ok(view).tag(new EntityTag(String.valueOf(view.version()))).build();
    }

    @POST
    @Path("/{id}/milestones")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "createMilestone", summary = "Add a milestone to a task",
            description = "Open, after the task's other milestones. The comparator decides which values are needed (range: value and valueMax; "
                    + "bool: true/false; reduce-pct-from-baseline: value and baselineYear; qualitative: none). Publishes cfc.milestone.changed.v1.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MilestoneInput.class)))
    @APIResponse(responseCode = "201", description = "created", headers = {@Header(name = "Location"), @Header(name = "ETag", description = "\"1\""),
            @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is the stored answer to an earlier request with the same key")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MilestoneView.class)))
    @APIResponse(responseCode = "422", description = "the Idempotency-Key was used for another request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "invalid body (each field listed)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createMilestone(@PathParam("id") @Parameter(description = "task id (UUID)") String id,
                                    @HeaderParam(IdempotencyStore.HEADER) @Parameter(in = ParameterIn.HEADER, name = IdempotencyStore.HEADER,
                                            description = "any unique string (≤ 200 characters); a retry with the same key and body returns the first "
                                                    + "answer instead of adding the milestone twice") String idempotencyKey,
                                    @NotNull(message = "{task.body.required}") @Valid MilestoneInput body) throws IOException {
        UUID taskId = RequestParameters.uuid("id", id, "task.noun.a-task");
        String key = IdempotencyStore.key(idempotencyKey);
        String hash = key == null ? null : IdempotencyStore.hash(taskId.toString(), mapper.writeValueAsString(body));
        MilestoneService.Outcome outcome = milestones.create(taskId, body, key, hash);
        if (outcome.replay() != null) {
            return outcome.replay().replay();
        }
        MilestoneView view = outcome.milestone();
        return Response.created(uriInfo.getBaseUriBuilder().path("api/v1/milestones").path(view.id().toString()).build())
                .tag(new EntityTag(String.valueOf(view.version()))).entity(view).build();
    }

    @POST
    @Path("/{id}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "submitReport", summary = "File a progress report (半年调度) on a task",
            description = "One report per task, period and unit. A reporter files for its own unit (the token's unit claim; a unit given in the body "
                    + "must be the same) and within its region; its unit must lead or join the task (when the task names units). A coordinator or "
                    + "admin files on a unit's behalf and names it. The period must have started; a report first filed after the period's deadline "
                    + "(last day + grace days) is marked late. Percent complete must agree with the milestones: not 0 % when one is done, not "
                    + "100 % while one is open (milestones reported done here count as done); a figure below the share of done milestones or "
                    + "below the unit's last accepted one is accepted with a warning. Milestones reported done become done when the report is "
                    + "accepted. Publishes cfc.progress-report.changed.v1.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportInput.class)))
    @APIResponse(responseCode = "201", description = "filed", headers = {@Header(name = "Location"), @Header(name = "ETag", description = "\"1\""),
            @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is the stored answer to an earlier request with the same key")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", description = "invalid body: period malformed or not started, percent out of range or inconsistent with the milestones, "
            + "unknown or cancelled milestone, attachment without name or url, unit missing or not on the task (each listed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the unit has a report for this task and period already (change it with PUT); or period-locked: the period is closed for entry (cfc.discipline.lock-after-days after its deadline, data set progress-reports) and no exception covers the plan's region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "the Idempotency-Key was used for another request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submitReport(@PathParam("id") @Parameter(description = "task id (UUID)") String id,
                                 @HeaderParam(IdempotencyStore.HEADER) @Parameter(in = ParameterIn.HEADER, name = IdempotencyStore.HEADER,
                                         description = "any unique string (≤ 200 characters); a retry with the same key and body returns the first answer") String idempotencyKey,
                                 @NotNull(message = "{task.body.required}") @Valid ReportInput body) throws IOException {
        UUID taskId = RequestParameters.uuid("id", id, "task.noun.a-task");
        String key = IdempotencyStore.key(idempotencyKey);
        String hash = key == null ? null : IdempotencyStore.hash(taskId.toString(), mapper.writeValueAsString(body));
        ReportService.Outcome outcome = reports.submit(taskId, body, key, hash);
        if (outcome.replay() != null) {
            return outcome.replay().replay();
        }
        ReportView view = outcome.report();
        return Response.created(uriInfo.getBaseUriBuilder().path("api/v1/reports").path(view.id().toString()).build())
                .tag(new EntityTag(String.valueOf(view.version()))).entity(view).build();
    }
}
