package cn.tongyou.indicator.api;

import cn.tongyou.common.http.ETags;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.security.Roles;
import cn.tongyou.common.security.Caller;
import cn.tongyou.indicator.domain.IndicatorFilter;
import cn.tongyou.indicator.service.DomainInput;
import cn.tongyou.indicator.service.DomainView;
import cn.tongyou.indicator.service.IndicatorInput;
import cn.tongyou.indicator.service.IndicatorService;
import cn.tongyou.indicator.service.IndicatorView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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

import java.util.List;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Indicators", description = "The indicator catalogue (指标) and its domains (领域)")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the token's roles do not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class IndicatorResource {

    @Inject
    IndicatorService service;

    @Inject
    Caller caller;

    @GET
    @Path("/indicators")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listIndicators", summary = "List the catalogue", description = "Filters combine: domain, q (part of the code, Chinese or English name), obtained, valueType. Ordered by domain and code. " + ApiDocs.READERS_NOTE)
    @APIResponse(responseCode = "200", description = "a page of indicators")
    @APIResponse(responseCode = "400", description = "bad paging parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<IndicatorView> list(@QueryParam("domain") @Parameter(example = "公共服务友好") String domain,
                                    @QueryParam("q") @Size(max = 50) @Parameter(description = "part of the code or name", example = "死亡率") String q,
                                    @QueryParam("obtained") @Parameter(schema = @Schema(enumeration = {"reported", "computed", "derived"})) String obtained,
                                    @QueryParam("valueType") @Parameter(schema = @Schema(enumeration = {"number", "percentage", "per-mille", "count", "boolean", "text"})) String valueType,
                                    @BeanParam @Valid PageParams page) {
        return service.list(new IndicatorFilter(blank(domain), blank(q), blank(obtained), blank(valueType)), page);
    }

    @GET
    @Path("/indicators/{code}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getIndicator", summary = "One indicator", description = "With its sources (plan, row, verbatim quote). The ETag carries its version. " + ApiDocs.READERS_NOTE)
    @APIResponse(responseCode = "200", description = "the indicator", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "404", description = "no such indicator", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("code") String code) {
        IndicatorView v = service.get(code);
        return Response.ok(v).header(HttpHeaders.ETAG, ETags.of(v.version())).build();
    }

    @PUT
    @Path("/indicators/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "putIndicator", summary = "Create or replace an indicator",
            description = "Creates the indicator (201) or replaces it (200). Replacing needs If-Match with the ETag you read (412 when it moved on); "
                    + "the same body again changes nothing and needs no If-Match (idempotent). Publishes cfc.indicator.changed.v1. The catalogue "
                    + "(including aliases) is national: roles coordinator, admin with a nationwide token (region claim CN); 403 otherwise.")
    @APIResponse(responseCode = "200", description = "replaced or unchanged", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "201", description = "created", headers = @Header(name = "ETag", description = "\"1\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "400", description = "invalid code or body (each field named): unknown domain, value type, computation without scale …", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "another indicator has this name", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "a change without If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response put(@PathParam("code") String code,
                        @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, description = "the ETag you read, to replace") String ifMatch,
                        @NotNull(message = "{indicator.indicator.body-required}") @Valid IndicatorInput input) {
        IndicatorService.Outcome o = service.put(code, input, ifMatch, caller.subject());
        return Response.status(o.created() ? 201 : 200).entity(o.indicator())
                .header(HttpHeaders.ETAG, ETags.of(o.indicator().version())).build();
    }

    @GET
    @Path("/domains")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listDomains", summary = "The domains (领域)", description = "Data, not an enum: the five 友好 domains, 儿童参与友好, the seven fields of a 儿童发展规划 …, with the number of indicators in each. " + ApiDocs.READERS_NOTE)
    @APIResponse(responseCode = "200", description = "every domain, by framework and order")
    public List<DomainView> domains() {
        return service.domains();
    }

    @PUT
    @Path("/domains/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "putDomain", summary = "Create or change a domain",
            description = "Creates the domain (201) or changes it (200). Changing needs If-Match with the ETag you read (428 without, 412 "
                    + "when it moved on); the same body again changes nothing and needs no If-Match. The catalogue is national: roles "
                    + "coordinator, admin with a nationwide token (region claim CN). Recorded in the audit trail with the actor.")
    @APIResponse(responseCode = "200", description = "changed or unchanged", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DomainView.class)))
    @APIResponse(responseCode = "201", description = "created", headers = @Header(name = "ETag", description = "\"1\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DomainView.class)))
    @APIResponse(responseCode = "400", description = "invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "a change without If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response putDomain(@PathParam("name") @Size(min = 1, max = 50) String name,
                              @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, description = "the ETag you read, to change") String ifMatch,
                              @NotNull @Valid DomainInput input) {
        if (name.isBlank()) {
            throw ProblemException.invalidField("name", "indicator.domain.name-blank");
        }
        if (input.framework() != null && !List.of("child-friendly-city", "child-development-plan", "other").contains(input.framework())) {
            throw ProblemException.invalidField("framework", "indicator.domain.framework");
        }
        IndicatorService.DomainOutcome o = service.putDomain(name.strip(), input, ifMatch);
        return Response.status(o.created() ? 201 : 200).entity(o.domain()).header(HttpHeaders.ETAG, ETags.of(o.domain().version())).build();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
