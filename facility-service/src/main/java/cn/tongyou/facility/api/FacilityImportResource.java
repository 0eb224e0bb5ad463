package cn.tongyou.facility.api;

import cn.tongyou.common.bulk.BulkParams;
import cn.tongyou.common.bulk.BulkReport;
import cn.tongyou.common.bulk.SpooledBody;
import cn.tongyou.common.http.BodyCharset;
import cn.tongyou.common.idempotency.IdempotencyStore;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.security.Roles;
import cn.tongyou.facility.service.FacilityImportRows;
import cn.tongyou.facility.service.FacilityImportService;
import cn.tongyou.facility.service.FacilityInput;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;

@jakarta.ws.rs.Path("/api/v1/facilities/import")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Facilities")
public class FacilityImportResource {

    static final String CSV = "text/csv";
    private static final String DESCRIPTION = "Registers or updates many facilities in one request, streamed and written in batches. Each row is checked "
            + "like a POST; a row with an externalId that is already registered updates that facility (an identical row changes nothing and "
            + "publishes nothing). A host (public place) must be registered already or appear on an earlier row. Rows may be CSV (text/csv; "
            + "header line: externalId,type,name,regionCode,address,lat,lng,status,openedOn,certificationLevel,hostExternalId, optionally "
            + "statusDate,statusReason,closedOn,hostFacilityId,generated, and checklist.<item> / attr.<name> columns; UTF-8 unless the "
            + "Content-Type names a charset such as GBK) or a JSON array of FacilityInput objects. Errors are reported per row with their "
            + "1-based line (CSV: the header is line 1; JSON: array index + 1) and field. onError=reject (default): any error answers 422 "
            + "and nothing is written; onError=skip: valid rows are written and the report lists the rejected ones. dryRun=true checks and "
            + "reports without writing. With an Idempotency-Key a retried request returns the stored report and writes nothing twice; the "
            + "same key with another body or other onError answers 422 (a dry run writes nothing and ignores the key). At most 200,000 rows "
            + "per request (413, nothing written).";

    @Inject
    FacilityImportService service;

    @POST
    @Consumes(CSV)
    @RolesAllowed({Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "importFacilities", summary = "Bulk import facilities from CSV", description = DESCRIPTION)
    @RequestBody(required = true, content = @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
            example = "externalId,type,name,regionCode,address,lat,lng,status,openedOn,certificationLevel,hostExternalId,checklist.venue,checklist.equipment,checklist.rules,checklist.staff,checklist.funding\n"
                    + "HN-0001,children-home,陈沟村儿童之家,410182103201,陈沟村党群服务中心,34.85,113.35,open,2024-06-01,county,,是,是,是,是,是")))
    @APIResponse(responseCode = "200", description = "the report (also with dryRun, and with onError=skip when rows were rejected)",
            headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is the stored answer to an earlier request with the same key"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkReport.class)))
    @APIResponse(responseCode = "400", description = "unreadable CSV, bad header, bad onError or Idempotency-Key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "role not allowed to write", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "more than 200,000 rows (nothing written)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Content-Type is neither text/csv nor application/json", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "onError=reject and some rows have errors (violations list line, field, message; nothing written), "
            + "or the Idempotency-Key was used for a different request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importCsv(
            @QueryParam("dryRun") @Parameter(description = "check and report without writing", schema = @Schema(type = SchemaType.BOOLEAN)) String dryRun,
            @QueryParam("onError") @Parameter(description = "reject: any error rejects the whole import; skip: write the valid rows",
                    schema = @Schema(enumeration = {"reject", "skip"})) String onError,
            @HeaderParam(IdempotencyStore.HEADER) @Parameter(in = ParameterIn.HEADER, name = IdempotencyStore.HEADER,
                    description = "any unique string (≤ 200 characters); a retry with the same key and body returns the first answer") String idempotencyKey,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            FacilityImportBody body) throws IOException {
        Charset charset = BodyCharset.of(contentType);
        return run("csv", dryRun, onError, idempotencyKey, charset, body,
                in -> service.csvRows(new BufferedReader(new InputStreamReader(in, charset), 64 * 1024)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "importFacilities", summary = "Bulk import facilities from a JSON array", description = DESCRIPTION)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, implementation = FacilityInput.class)))
    @APIResponse(responseCode = "200", description = "the report",
            headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is the stored answer to an earlier request with the same key"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkReport.class)))
    @APIResponse(responseCode = "400", description = "malformed JSON or not an array, bad onError or Idempotency-Key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "role not allowed to write", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "more than 200,000 elements (nothing written)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Content-Type is neither text/csv nor application/json", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "onError=reject and some elements have errors (nothing written), or the Idempotency-Key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importJson(
            @QueryParam("dryRun") @Parameter(description = "check and report without writing", schema = @Schema(type = SchemaType.BOOLEAN)) String dryRun,
            @QueryParam("onError") @Parameter(description = "reject: any error rejects the whole import; skip: write the valid rows",
                    schema = @Schema(enumeration = {"reject", "skip"})) String onError,
            @HeaderParam(IdempotencyStore.HEADER) @Parameter(in = ParameterIn.HEADER, name = IdempotencyStore.HEADER,
                    description = "any unique string (≤ 200 characters); a retry with the same key and body returns the first answer") String idempotencyKey,
            FacilityImportBody body) throws IOException {
        return run("json", dryRun, onError, idempotencyKey, null, body, service::jsonRows);
    }

    private interface Parser {
        FacilityImportRows.Source parse(InputStream in) throws IOException;
    }

    private Response run(String format, String dryRun, String onError, String idempotencyKey, Charset charset,
                         FacilityImportBody request, Parser parser) throws IOException {
        BulkParams options = BulkParams.parse(dryRun, onError);
        if (request == null || request.stream() == null) {
            throw ProblemException.badRequest("common.bulk.no-body");
        }
        InputStream body = request.stream();
        String key = options.dryRun() ? null : IdempotencyStore.key(idempotencyKey);
        FacilityImportService.Outcome outcome;
        if (key == null) {
            // No key: parse the body as it streams in.
            outcome = service.run(() -> parser.parse(body), options, null, null);
        } else {
            // With a key the request is identified by a hash of its body, known only at its end: spool it to a file,
            // then claim the key and import from the file in one transaction.
            try (SpooledBody spooled = SpooledBody.spool(body, charset, "facility-import." + format)) {
                outcome = service.run(() -> parser.parse(spooled.open()), options, key,
                        spooled.requestHash(FacilityImportService.IDEMPOTENCY_SCOPE, format, options.onError().code()));
            }
        }
        if (outcome.replay() != null) {
            return outcome.replay().replay();
        }
        return Response.ok(outcome.report()).build();
    }
}
