package cn.tongyou.indicator.api;

import cn.tongyou.common.http.ETags;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.security.Roles;
import cn.tongyou.indicator.service.RuleInput;
import cn.tongyou.indicator.service.ValidationRuleService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/validation-rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data quality", description = "Validation rules as data, whole-region checks, findings and their follow-up")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "role not allowed, or not a catalogue steward", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ValidationRuleResource {

    static final String SYNTAX = "Each side is a sum of terms over the values of one region and period: a number, #{indicator-code} (the "
            + "value), #{indicator-code.numerator}, #{indicator-code.denominator} (indicators reported in parts), or a reference times a "
            + "number (2 * #{a}); joined by + and -. Operators == != < <= > >= (== and != allow a difference of 0.000001). A rule "
            + "comparing one value with a number is a bound (kind bounds).";

    @Inject
    ValidationRuleService service;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listValidationRules", summary = "The validation rules",
            description = "Live rules by code; indicator= keeps the rules reading that indicator. " + ApiDocs.READERS_NOTE)
    @APIResponse(responseCode = "200", description = "a page of rules")
    @APIResponse(responseCode = "400", description = "bad paging parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ValidationRuleView> list(@QueryParam("indicator") @Size(max = 63) @Parameter(example = "neonatal-mortality-rate") String indicator,
                                         @BeanParam @Valid PageParams page) {
        return service.list(indicator == null || indicator.isBlank() ? null : indicator.strip(), page).map(ValidationRuleView::of);
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getValidationRule", summary = "One validation rule", description = "The ETag carries its version. " + ApiDocs.READERS_NOTE)
    @APIResponse(responseCode = "200", description = "the rule", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationRuleView.class)))
    @APIResponse(responseCode = "404", description = "no such rule (or deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("code") String code) {
        ValidationRuleView v = ValidationRuleView.of(service.get(code));
        return Response.ok(v).header(HttpHeaders.ETAG, ETags.of(v.version())).build();
    }

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "putValidationRule", summary = "Create or replace a validation rule",
            description = "Creates the rule (201) or replaces it (200; If-Match with the ETag read: 428 without, 412 when it moved on); the "
                    + "same body again changes nothing. " + SYNTAX + " An unreadable side is 400 naming the position; an unknown indicator, "
                    + "or a part of an indicator not reported in parts, is 400. importance high|medium|low (default medium), blocking "
                    + "true (a violation blocks submission) or false (a warning), missingValues skip-if-any-missing (default), "
                    + "skip-if-all-missing, never-skip. Rules apply to every region: roles coordinator, admin with a nationwide token "
                    + "(catalogue steward). Audited.")
    @APIResponse(responseCode = "200", description = "replaced or unchanged", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationRuleView.class)))
    @APIResponse(responseCode = "201", description = "created", headers = @Header(name = "ETag", description = "\"1\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationRuleView.class)))
    @APIResponse(responseCode = "400", description = "invalid code or body, unreadable expression (with the position), unknown indicator", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the code belonged to a deleted rule", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "body is not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "a change without If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response put(@PathParam("code") String code,
                        @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, description = "the ETag you read, to replace") String ifMatch,
                        @NotNull(message = "{indicator.quality.rule.body-required}") @Valid RuleInput input) {
        ValidationRuleService.Outcome o = service.put(code, input, ifMatch);
        return Response.status(o.created() ? 201 : 200).entity(ValidationRuleView.of(o.rule()))
                .header(HttpHeaders.ETAG, ETags.of(o.rule().version())).build();
    }

    @DELETE
    @Path("/{code}")
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "deleteValidationRule", summary = "Delete a validation rule",
            description = "Soft delete (the row stays with who and when; the code is not reused); its open findings are resolved. Needs "
                    + "If-Match. Catalogue steward only. Audited.")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "no such rule", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("code") String code,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, required = true) String ifMatch) {
        service.delete(code, ifMatch);
        return Response.noContent().build();
    }
}
