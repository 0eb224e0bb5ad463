package cn.tongyou.indicator.api;

import cn.tongyou.common.bulk.BulkParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.common.security.Roles;
import cn.tongyou.indicator.service.CatalogImportReport;
import cn.tongyou.indicator.service.CatalogImportService;
import cn.tongyou.common.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue", description = "The catalogue loader: a plan of ../shared/catalog (SCHEMA.md) becomes indicators and targets")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "role not allowed, or the plan's region outside the token's region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CatalogResource {

    @Inject
    CatalogImportService importer;

    @Inject
    RegionScope scope;

    @Inject
    Caller caller;

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
    @Operation(operationId = "importCatalog", summary = "Import one structured plan (catalogue document)",
            description = """
                    Takes one document of ../shared/catalog (e.g. 002_….json, 梅州市: 57 guiding indicators; 003_….json, \
                    平顶山市新华区: 84 goals with 2025/2030 targets and the national/provincial targets they quote) as its body and \
                    loads: the domains; every row of its indicator table as an indicator (unit, value type, direction, how \
                    obtained — curated knowledge adds codes, aliases and derivations from facility data) with its targets for the \
                    plan's region; the reference targets (国纲, 河南省 …) beside them; the milestones that name a measurable \
                    quantity; the facility coverage targets with a value. Qualitative and yes/no milestones and counts of \
                    facilities to build stay with task-service and are listed as skipped with the reason. Each item keeps its \
                    verbatim source quote. Idempotent: importing the same document again changes nothing and publishes nothing. \
                    The region is the document's division_code unless ?region= names one. dryRun=true reports without writing. \
                    Roles coordinator, admin; the region must lie within the token's region.""")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(description = "a catalogue document as in ../shared/catalog/SCHEMA.md")))
    @APIResponse(responseCode = "200", description = "the import report with counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CatalogImportReport.class)))
    @APIResponse(responseCode = "400", description = "not a catalogue document, malformed JSON, or no region code", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "body is not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CatalogImportReport importDocument(
            JsonNode body,
            @QueryParam("dryRun") @Parameter(description = "check and report without writing", schema = @Schema(type = SchemaType.BOOLEAN)) String dryRun,
            @QueryParam("region") @Parameter(description = "region code of the plan when the document has no division_code, or to load it for another region", example = "441400") String region) {
        if (body == null || body.isNull()) {
            throw ProblemException.badRequest("indicator.catalogue.body-required");
        }
        CatalogImportService.Parsed parsed = importer.parse(body, region);
        scope.requireWrite(parsed.region());
        return importer.importDocument(parsed, BulkParams.dryRun(dryRun), caller.subject());
    }
}
