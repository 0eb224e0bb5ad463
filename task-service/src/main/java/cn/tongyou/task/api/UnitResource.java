package cn.tongyou.task.api;

import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.security.Roles;
import cn.tongyou.task.service.UnitInputs;
import cn.tongyou.task.service.UnitService;
import cn.tongyou.task.service.UnitView;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Units", description = "Departments (牵头单位, 参与单位) with their spellings, and what each answers for: the accountability view")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the token's roles or region do not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UnitResource {

    @Inject
    UnitService units;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listUnits", summary = "Units with their accountability counts",
            description = "Per unit: tasks it leads and joins, overdue and due-soon milestones of the tasks it leads (as of today), and its reports "
                    + "for the period (default: the current reporting period, the latest half-year that has reached its last day): expected (tasks "
                    + "led in plans in force), submitted, missing, late. Tasks of superseded plans do not count. sort=behind (default) lists who "
                    + "is behind first. The ranking is scoped: limited to the token's region subtree (region defaults to it; a region outside it is "
                    + "403; a token without a region claim is 403).")
    @APIResponse(responseCode = "200", description = "a page of units")
    @APIResponse(responseCode = "400", description = "malformed region or period, unknown kind or sort, bad page/size (each listed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<UnitView> list(
            @QueryParam("region") @Parameter(description = "region code (2–12 digits), with descendants", example = "371502") String region,
            @QueryParam("q") @Parameter(description = "text in the name or a spelling", example = "卫健") String q,
            @QueryParam("kind") @Parameter(schema = @Schema(enumeration = {"department", "group"})) String kind,
            @QueryParam("period") @Parameter(description = "reporting period; default the current one", example = "2025H1") String period,
            @QueryParam("sort") @Parameter(schema = @Schema(enumeration = {"behind", "name", "tasks"})) String sort,
            @QueryParam("merged") @Parameter(description = "true: also the units merged into another (kept for history, marked mergedInto)",
                    schema = @Schema(type = SchemaType.BOOLEAN)) String merged,
            @BeanParam @Valid PageParams page) {
        return units.list(region, q, kind, period, sort, flag("merged", merged), page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getUnit", summary = "A unit with its spellings and counts",
            description = "Its tasks: GET /api/v1/tasks?unit={id}&unit-role=lead. The ETag header carries its version. Scoped like the "
                    + "ranking: outside the token's region subtree the unit does not exist (404). A merged unit answers with mergedInto.")
    @APIResponse(responseCode = "200", description = "the unit", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitView.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID, malformed period", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such unit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") @Parameter(description = "unit id (UUID)") String id,
                        @QueryParam("period") @Parameter(description = "reporting period; default the current one") String period) {
        return ok(units.get(RequestParameters.uuid("id", id, "task.noun.a-unit"), period));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "updateUnit", summary = "Rename or reclassify a unit",
            description = "The old name stays as a spelling, so plans that write it still find the unit. Needs If-Match. Publishes "
                    + "cfc.unit.changed.v1, and cfc.task.changed.v1 for each task naming the unit (its name travels with them).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitInputs.Update.class)))
    @APIResponse(responseCode = "200", description = "changed (or unchanged)", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitView.class)))
    @APIResponse(responseCode = "400", description = "invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such unit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the new name is another unit's (add it as an alias to merge)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") @Parameter(description = "unit id (UUID)") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                   description = "the ETag you read", required = true) String ifMatch,
                           @NotNull(message = "{task.body.required}") @Valid UnitInputs.Update body) {
        return ok(units.update(RequestParameters.uuid("id", id, "task.noun.a-unit"), ifMatch, body));
    }

    @POST
    @Path("/{id}/aliases")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "addUnitAlias", summary = "Add a spelling of a unit (merging the unit it names)",
            description = "For spellings the normaliser does not bring together. When the spelling already names another unit of the region, that "
                    + "unit is merged into this one: its task links, reports and spellings move here, the tasks and reports get a new version, and "
                    + "it is kept, marked mergedInto this one and left out of lists (consumers get cfc.unit.deleted.v1 with mergedInto, then a tombstone). Refused (409) when both units filed a report for the "
                    + "same task and period. Needs If-Match.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitInputs.Alias.class)))
    @APIResponse(responseCode = "200", description = "the unit with its spellings", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitView.class)))
    @APIResponse(responseCode = "400", description = "invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such unit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "both units reported on the same task and period", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addAlias(@PathParam("id") @Parameter(description = "unit id (UUID)") String id,
                             @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                     description = "the ETag you read", required = true) String ifMatch,
                             @NotNull(message = "{task.body.required}") @Valid UnitInputs.Alias body) {
        return ok(units.addAlias(RequestParameters.uuid("id", id, "task.noun.a-unit"), ifMatch, body));
    }

    private static boolean flag(String name, String raw) {
        String word = raw == null ? "" : raw.strip();
        if (word.isEmpty() || word.equalsIgnoreCase("false")) {
            return false;
        }
        if (word.equalsIgnoreCase("true")) {
            return true;
        }
        throw ProblemException.invalidField(name, "task.parameter.boolean");
    }

    private static Response ok(UnitView view) {
        return Response.ok(view).tag(new EntityTag(String.valueOf(view.version()))).build();
    }
}
