package cn.tongyou.indicator.api;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.bulk.BulkParams;
import cn.tongyou.common.bulk.SpooledBody;
import cn.tongyou.common.http.BodyCharset;
import cn.tongyou.common.idempotency.IdempotencyStore;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.common.security.Roles;
import cn.tongyou.indicator.domain.ObservationStatus;
import cn.tongyou.indicator.service.BatchRows;
import cn.tongyou.indicator.service.BatchReport;
import cn.tongyou.indicator.service.BatchView;
import cn.tongyou.indicator.service.ObservationInput;
import cn.tongyou.common.security.Caller;
import cn.tongyou.indicator.service.ObservationBatchService;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.UUID;

@jakarta.ws.rs.Path("/api/v1/observations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Observations")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "role not allowed (status=approved needs coordinator or admin, and four eyes off)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ObservationBatchResource {

    static final String CSV = "text/csv";
    private static final String DESCRIPTION = """
            Many values in one request, as a provincial system sends them: CSV (text/csv; header line indicator,region,period,value,\
            numerator,denominator,source,note — or 指标代码,区划代码,报告期,数值,分子,分母,数据来源,备注; UTF-8 unless the Content-Type \
            names a charset such as GBK) or a JSON array of ObservationInput objects (without status). Up to 500,000 rows, read as a \
            stream and written in transactions of 1,000 rows. Each row is checked like a single POST; a row for a value already \
            stored corrects it (same value: unchanged; an approved value is locked: error). A row for a period closed for entry, \
            or held by an approval up the hierarchy (submitted or accepted), is an error unless a period lock exception covers it. Errors are reported per row with the \
            1-based line (CSV: the header is line 1; JSON: the element's position) and the field. onError=reject (all or nothing, \
            default): any error answers 422 and nothing is written. onError=skip (accept the valid rows): the others are written and \
            the report lists the rejected ones. dryRun=true checks and reports without writing. status: draft, submitted (default) or \
            approved (coordinator, admin). With an Idempotency-Key a retried request returns the first answer and writes nothing \
            twice (409 while the first is still running; an interrupted one is resumed); the same key with another body answers 422.""";

    @Inject
    ObservationBatchService service;

    @Inject
    RegionScope scope;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @POST
    @jakarta.ws.rs.Path("/batch")
    @Consumes(CSV)
    @RolesAllowed({Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "importObservations", summary = "Bulk values from CSV", description = DESCRIPTION)
    @RequestBody(required = true, content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING,
            example = "indicator,region,period,value,numerator,denominator,source,note\nneonatal-mortality-rate,410402,2025,,18,10000,妇幼年报,\n")))
    @APIResponse(responseCode = "200", description = "the report (also with dryRun, and with onError=skip when rows were rejected)",
            headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is the stored answer to an earlier request with the same key"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchReport.class)))
    @APIResponse(responseCode = "400", description = "unreadable CSV, unknown or missing column, bad parameter or Idempotency-Key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "a request with the same Idempotency-Key is still running", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "more than 500,000 rows", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "neither text/csv nor application/json, or an unknown charset", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "onError=reject and rows have errors (violations give line, field, message; nothing written), "
            + "or the Idempotency-Key was used for another request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importCsv(@QueryParam("dryRun") @Parameter(description = "check and report without writing", schema = @Schema(type = SchemaType.BOOLEAN)) String dryRun,
                              @QueryParam("onError") @Parameter(description = "reject: all or nothing; skip: write the valid rows",
                                      schema = @Schema(enumeration = {"reject", "skip"})) String onError,
                              @QueryParam("status") @DefaultValue("submitted") @Parameter(schema = @Schema(enumeration = {"draft", "submitted", "approved"})) String status,
                              @QueryParam("reason") @Parameter(description = "recorded on the values a row corrects (default: the batch id)") String reason,
                              @HeaderParam(IdempotencyStore.HEADER) @Parameter(in = ParameterIn.HEADER, name = IdempotencyStore.HEADER,
                                      description = "any unique string (≤ 200 characters); a retry with the same key and body returns the first answer") String idempotencyKey,
                              @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                              InputStream body) throws IOException {
        Charset charset = BodyCharset.of(contentType);
        return run("csv", dryRun, onError, status, reason, idempotencyKey, body, charset);
    }

    @POST
    @jakarta.ws.rs.Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "importObservations", summary = "Bulk values from a JSON array", description = DESCRIPTION)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ObservationInput.class)))
    @APIResponse(responseCode = "200", description = "the report",
            headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is the stored answer to an earlier request with the same key"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchReport.class)))
    @APIResponse(responseCode = "400", description = "malformed JSON or not an array, bad parameter or Idempotency-Key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "a request with the same Idempotency-Key is still running", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "more than 500,000 elements", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "onError=reject and elements have errors (nothing written), or the Idempotency-Key was used for another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importJson(@QueryParam("dryRun") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String dryRun,
                               @QueryParam("onError") @Parameter(schema = @Schema(enumeration = {"reject", "skip"})) String onError,
                               @QueryParam("status") @DefaultValue("submitted") @Parameter(schema = @Schema(enumeration = {"draft", "submitted", "approved"})) String status,
                               @QueryParam("reason") String reason,
                               @HeaderParam(IdempotencyStore.HEADER) @Parameter(in = ParameterIn.HEADER, name = IdempotencyStore.HEADER) String idempotencyKey,
                               InputStream body) throws IOException {
        return run("json", dryRun, onError, status, reason, idempotencyKey, body, null);
    }

    @GET
    @jakarta.ws.rs.Path("/batches/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getObservationBatch", summary = "A bulk request's log entry", description = "State (running, completed, rejected, failed), progress and, when finished, its report. "
            + "Readable by the subject who sent it and by callers whose region subtree holds the region of the sender's token; 404 for others "
            + "(existence is not disclosed). Roles viewer, reporter, coordinator, admin, integration.")
    @APIResponse(responseCode = "200", description = "the batch", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such batch", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BatchView batch(@PathParam("id") String id) {
        UUID uuid = ObservationResource.uuid(id);
        return service.batch(uuid, caller.subject(), scope::visible).orElseThrow(() -> ProblemException.notFound("indicator.batch.not-found", id));
    }

    private Response run(String format, String dryRun, String onError, String statusRaw, String reason, String idempotencyKey,
                         InputStream body, Charset charset) throws IOException {
        BulkParams params = BulkParams.parse(dryRun, onError);
        ObservationStatus status;
        try {
            status = ObservationStatus.ofCode(statusRaw == null ? "submitted" : statusRaw.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("status", Message.of(e));
        }
        if (status == ObservationStatus.APPROVED && !caller.actsForCoordinator()) {
            throw ProblemException.forbidden("indicator.batch.approved-role");
        }
        if (status == ObservationStatus.APPROVED) {
            caller.refuseEnteringApproved();
        }
        // separation of duties: a reporter reports for the unit its token names (and needs one); an integration
        // (a provincial system) and coordinators act for every unit of their region
        boolean unitBound = !caller.actsForCoordinator() && !caller.roles().contains(Roles.INTEGRATION);
        if (unitBound) {
            caller.requireUnit();
        }
        if (reason != null && reason.length() > 2000) {
            throw ProblemException.invalidField("reason", "indicator.field.at-most", 2000);
        }
        String key = params.dryRun() ? null : IdempotencyStore.key(idempotencyKey);
        // The body is read twice (check, then write) and identified by its hash: spool it to a file first.
        try (SpooledBody spooled = SpooledBody.spool(body, charset, "observation-batch." + format)) {
            String hash = spooled.requestHash(ObservationBatchService.IDEMPOTENCY_SCOPE, format, params.onError().code(),
                    status.code(), reason == null ? "" : reason);
            ObservationBatchService.Opener opener = () -> format.equals("csv")
                    ? BatchRows.csv(spooled.open(), charset) : BatchRows.json(spooled.open(), mapper);
            ObservationBatchService.Outcome outcome = service.run(opener,
                    new ObservationBatchService.Options(format, params, status, reason == null || reason.isBlank() ? null : reason.strip()),
                    new ObservationBatchService.Context(caller.subject(), caller.unit().orElse(null), unitBound,
                            scope.claim(), scope::mayWrite), key, hash);
            if (outcome.replay() != null) {
                return outcome.replay().replay();
            }
            return Response.ok(outcome.report()).build();
        }
    }
}
