package cn.tongyou.task.api;

import cn.tongyou.common.bulk.BulkParams;
import cn.tongyou.common.bulk.SpooledBody;
import cn.tongyou.common.idempotency.IdempotencyStore;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.security.Roles;
import cn.tongyou.task.domain.PlanStatus;
import cn.tongyou.task.service.CatalogPlan;
import cn.tongyou.task.service.PlanImportReport;
import cn.tongyou.task.service.PlanImportService;
import cn.tongyou.task.service.PlanService;
import cn.tongyou.task.service.PlanUpdate;
import cn.tongyou.task.service.PlanView;
import cn.tongyou.task.service.TaskInput;
import cn.tongyou.task.service.TaskService;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Plans", description = "Construction plans (建设方案) in the shared catalogue format: create, import (idempotent), read, edit")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the token's roles or region do not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PlanResource {

    static final String CATALOGUE = "A plan in the shared catalogue format (../shared/catalog/SCHEMA.md, one file of ../shared/catalog/*.json "
            + "as it is): the plan (title, document number and date, horizon years, domains), its tasks with lead and participating "
            + "units (unit spellings are normalised: 区文旅局 and 区文化和旅游局 are one unit), their milestones (due date, statement, "
            + "comparator, value, facility type), and the units named by indicators, key projects and policies. The region is "
            + "region.division_code (6 or 12 digits) or the region query parameter. Status: the status parameter; otherwise a new plan "
            + "is a draft when its title says 征求意见稿/草案/讨论稿/送审稿, else in force. Roles coordinator or admin (import: also "
            + "integration), within the token's region.";

    @Inject
    PlanImportService importer;

    @Inject
    PlanService plans;

    @Inject
    TaskService tasks;

    @Inject
    ObjectMapper mapper;

    @Inject
    UriInfo uriInfo;


    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "createPlan", summary = "Create a plan from a catalogue document",
            description = CATALOGUE + " Creates only: a plan with the same source (or, without source, the same region and title) "
                    + "answers 409; use /plans/import to update it. Publishes cfc.plan.changed.v1, cfc.task.changed.v1, "
                    + "cfc.milestone.changed.v1 and cfc.unit.changed.v1 for what it creates.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CatalogPlan.class)))
    @APIResponse(responseCode = "201", description = "created",
            headers = {@Header(name = "Location", description = "URL of the plan"), @Header(name = "ETag", description = "\"1\""),
                    @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is the stored answer to an earlier request with the same key")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanView.class)))
    @APIResponse(responseCode = "400", description = "malformed JSON, unknown field, wrong type; or invalid content (each problem listed with its JSON path: "
            + "missing title or task number, duplicate task number in a domain, unknown comparator, range without upper bound, bad region code …)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the plan exists already", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "body is not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "the document is larger than the route limit (cfc.http.route-limits, 16 MB), counted as it streams in",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "the Idempotency-Key was used for another request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @QueryParam("status") @Parameter(description = "draft, in-force or superseded", schema = @Schema(enumeration = {"draft", "in-force", "superseded"})) String status,
            @QueryParam("region") @Parameter(description = "region code when the document has no division_code", example = "410182") String region,
            @HeaderParam(IdempotencyStore.HEADER) @Parameter(in = ParameterIn.HEADER, name = IdempotencyStore.HEADER,
                    description = "any unique string (≤ 200 characters); a retry with the same key and body returns the first answer") String idempotencyKey,
            PlanBody body) throws IOException {
        PlanImportService.Options options = new PlanImportService.Options(PlanImportService.Mode.CREATE, false, status(status), region);
        PlanImportService.Outcome outcome = run(body, options, idempotencyKey);
        if (outcome.replay() != null) {
            return outcome.replay().replay();
        }
        return Response.created(uriInfo.getBaseUriBuilder().path("api/v1/plans").path(outcome.plan().id().toString()).build())
                .tag(new EntityTag(String.valueOf(outcome.plan().version()))).entity(outcome.plan()).build();
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "importPlan", summary = "Import or re-import a catalogue document (idempotent)",
            description = CATALOGUE + " Creates the plan or updates it: a plan is matched by source (else region and title), a task "
                    + "by domain and number, a milestone by statement and metric. Unchanged content is not written and publishes nothing, "
                    + "so a re-import of the same file changes nothing. Content no longer in the file is kept (counted as notInFile); "
                    + "milestone statuses (done, cancelled) and, unless the status parameter is given, the plan's status are never "
                    + "overwritten. All or nothing: any problem answers 422 listing every problem by JSON path, and nothing is written. "
                    + "dryRun=true reports without writing.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CatalogPlan.class)))
    @APIResponse(responseCode = "200", description = "the import report (also for dryRun)",
            headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is the stored answer to an earlier request with the same key"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanImportReport.class)))
    @APIResponse(responseCode = "400", description = "malformed JSON, unknown field, wrong value type (the JSON path is named), bad status or region parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the source was imported for another region, or the status parameter steps backwards (superseded is final)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "body is not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "the document is larger than the route limit (cfc.http.route-limits, 16 MB), counted as it streams in",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "the document has problems (violations list each by JSON path; nothing written), "
            + "or the Idempotency-Key was used for another request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importPlan(
            @QueryParam("dryRun") @Parameter(description = "check and report without writing", schema = @Schema(type = SchemaType.BOOLEAN)) String dryRunParam,
            @QueryParam("status") @Parameter(description = "set the plan's status (draft, in-force, superseded); absent: keep it",
                    schema = @Schema(enumeration = {"draft", "in-force", "superseded"})) String status,
            @QueryParam("region") @Parameter(description = "region code when the document has no division_code", example = "410182") String region,
            @HeaderParam(IdempotencyStore.HEADER) @Parameter(in = ParameterIn.HEADER, name = IdempotencyStore.HEADER,
                    description = "any unique string (≤ 200 characters); a retry with the same key and body returns the first answer") String idempotencyKey,
            PlanBody body) throws IOException {
        boolean dryRun = BulkParams.dryRun(dryRunParam);
        PlanImportService.Options options = new PlanImportService.Options(PlanImportService.Mode.IMPORT, dryRun, status(status), region);
        PlanImportService.Outcome outcome = run(body, options, dryRun ? null : idempotencyKey);
        if (outcome.replay() != null) {
            return outcome.replay().replay();
        }
        return Response.ok(outcome.report()).build();
    }

    /**
     * Spools the body to a temporary file as it arrives (no copy of it in memory, its digest computed on the way),
     * then reads the document from the file. Common's body limit counts the bytes as they are read: beyond the route's
     * limit ({@code cfc.http.route-limits."/api/v1/plans/import"}, 16 MB) 413.
     */
    private PlanImportService.Outcome run(PlanBody body, PlanImportService.Options options, String idempotencyKey) throws IOException {
        if (body == null || body.stream() == null) {
            throw ProblemException.badRequest("task.plan.no-body");
        }
        try (SpooledBody spooled = SpooledBody.spool(body.stream(), null, "plan-import")) {
            CatalogPlan doc;
            try (InputStream in = spooled.open()) {
                in.mark(1);
                if (in.read() < 0) {
                    throw ProblemException.badRequest("task.plan.no-body");
                }
                in.reset();
                doc = mapper.readValue(in, CatalogPlan.class);
            }
            String key = IdempotencyStore.key(idempotencyKey);
            return importer.run(doc, options, key, key == null ? null : spooled.requestHash(PlanImportService.hashParameters(options)));
        }
    }

    private static PlanStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return PlanStatus.find(status).orElseThrow(() -> ProblemException.invalidField("status", "task.plan.status-unknown",
                status, String.join(", ", PlanStatus.codes())));
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listPlans", summary = "List plans", description = "Ordered by region and title; region includes every descendant.")
    @APIResponse(responseCode = "200", description = "a page of plans")
    @APIResponse(responseCode = "400", description = "malformed region code, unknown status, bad page/size", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<PlanView> list(
            @QueryParam("region") @Parameter(description = "region code (2–12 digits): plans of the region and its descendants", example = "410182") String region,
            @QueryParam("status") @Parameter(schema = @Schema(enumeration = {"draft", "in-force", "superseded"})) String status,
            @BeanParam @Valid PageParams page) {
        return plans.list(region, status, page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getPlan", summary = "Read a plan", description = "With its number of tasks and milestones; the ETag header carries its version. Its tasks: GET /api/v1/tasks?plan={id}.")
    @APIResponse(responseCode = "200", description = "the plan", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanView.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such plan", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") @Parameter(description = "plan id (UUID)") String id) {
        PlanView view = plans.get(RequestParameters.uuid("id", id, "task.noun.a-plan"));
        return Response.ok(view).tag(new EntityTag(String.valueOf(view.version()))).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "updatePlan", summary = "Edit a plan's description and status",
            description = "Replaces title, kind, document number and date, status, horizon years and domains (region and source never change). "
                    + "Status moves forward only: draft → in-force → superseded. Needs If-Match; of two concurrent edits from the same version one "
                    + "wins and the other gets 412. An identical body changes nothing (same version, no event); a change publishes cfc.plan.changed.v1.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanUpdate.class)))
    @APIResponse(responseCode = "200", description = "changed (or unchanged)", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanView.class)))
    @APIResponse(responseCode = "400", description = "invalid body (each field listed)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such plan", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the status would step backwards", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") @Parameter(description = "plan id (UUID)") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                   description = "the ETag you read, e.g. \"3\"", required = true) String ifMatch,
                           @NotNull(message = "{task.body.required}") @Valid PlanUpdate body) {
        PlanView view = plans.update(RequestParameters.uuid("id", id, "task.noun.a-plan"), ifMatch, body);
        return Response.ok(view).tag(new EntityTag(String.valueOf(view.version()))).build();
    }

    @POST
    @Path("/{id}/tasks")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "createTask", summary = "Add a task to a plan",
            description = "Units are named as plans write them; a new name registers a unit (cfc.unit.changed.v1). Publishes cfc.task.changed.v1.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskInput.class)))
    @APIResponse(responseCode = "201", description = "created", headers = {@Header(name = "Location"), @Header(name = "ETag", description = "\"1\"")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", description = "invalid body (each field listed)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such plan", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the plan has a task with this number in this domain", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createTask(@PathParam("id") @Parameter(description = "plan id (UUID)") String id,
                               @NotNull(message = "{task.body.required}") @Valid TaskInput body) {
        TaskView view = tasks.create(RequestParameters.uuid("id", id, "task.noun.a-plan"), body);
        return Response.created(uriInfo.getBaseUriBuilder().path("api/v1/tasks").path(view.id().toString()).build())
                .tag(new EntityTag(String.valueOf(view.version()))).entity(view).build();
    }
}
