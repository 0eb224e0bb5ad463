package cn.tongyou.facility.api;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.bulk.BulkParams;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.http.BodyCharset;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.common.security.Roles;
import cn.tongyou.facility.domain.RegionFilter;
import cn.tongyou.facility.service.RegionImportService;
import cn.tongyou.facility.service.RegionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;

@Path("/api/v1/regions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Regions", description = "Administrative divisions (统计用区划代码): five levels, codes normalised to 12 digits")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the token's roles or region do not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RegionResource {

    @Inject
    RegionService regions;

    @Inject
    RegionImportService importer;

    @Inject
    RegionScope scope;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listRegions", summary = "List or search regions",
            description = "Filters combine: q (name contains), within (a region and its descendants), level, parent. Retired codes are hidden unless includeRetired=true.")
    @APIResponse(responseCode = "200", description = "a page of regions")
    @APIResponse(responseCode = "400", description = "a malformed code, level or paging parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<RegionView> list(
            @Parameter(description = "part of the name, e.g. 荥阳") @QueryParam("q") @Size(max = 50) String q,
            @Parameter(description = "region code (2–12 digits): only this region and its descendants") @QueryParam("within") String within,
            @Parameter(description = "province, prefecture, county, township or village") @QueryParam("level") String level,
            @Parameter(description = "only the direct children of this region") @QueryParam("parent") String parent,
            @QueryParam("includeRetired") @DefaultValue("false") boolean includeRetired,
            @BeanParam @Valid PageParams page) {
        RegionFilter filter = new RegionFilter(q == null || q.isBlank() ? null : q.strip(),
                within == null ? null : RequestParameters.region("within", within),
                level == null ? null : parseLevel(level),
                parent == null ? null : RequestParameters.region("parent", parent),
                includeRetired);
        return regions.list(filter, page).map(RegionView::of);
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getRegion", summary = "One region with its ancestors", description = "Accepts 2, 4, 6, 9 or 12 digits (410182 = 410182000000).")
    @APIResponse(responseCode = "200", description = "the region, its ancestors (province first) and its number of active children")
    @APIResponse(responseCode = "400", description = "malformed code", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RegionView get(@PathParam("code") String code) {
        RegionService.Detail detail = regions.detail(RequestParameters.region("code", code));
        List<RegionView.Ancestor> ancestors = detail.ancestors().stream()
                .map(a -> new RegionView.Ancestor(a.code().value(), a.name(), a.level().code())).toList();
        return RegionView.of(detail.region()).withDetail(ancestors, detail.activeChildren());
    }

    @GET
    @Path("/{code}/children")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listRegionChildren", summary = "Direct children of a region",
            description = "One level down (a county's townships, a township's villages), paged; retired ones only with includeRetired.")
    @APIResponse(responseCode = "200", description = "a page of child regions, ordered by code")
    @APIResponse(responseCode = "400", description = "malformed code", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<RegionView> children(@PathParam("code") String code,
                                     @QueryParam("includeRetired") @DefaultValue("false") boolean includeRetired,
                                     @BeanParam @Valid PageParams page) {
        return regions.children(RequestParameters.region("code", code), includeRetired, page).map(RegionView::of);
    }

    @POST
    @Path("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "importRegions", summary = "Import division tables (CSV, streamed)",
            description = """
                    Accepts the NBS compilation's files as they are (provinces.csv `code,name`; cities.csv `code,name,provinceCode`; \
                    areas.csv `code,name,cityCode,provinceCode`; streets.csv `code,name,areaCode,provinceCode,cityCode`; \
                    villages.csv `code,name,streetCode,provinceCode,cityCode,areaCode[,urbanRuralCode]`, names quoted or not, \
                    620,573 rows in one request) or a generic `code,name,parentCode[,urbanRuralCode][,validTo]` file mixing \
                    levels, parents first. UTF-8 unless the Content-Type names another charset (`text/csv; charset=GBK`). \
                    Codes are normalised to 12 digits and the level follows from the code. Idempotent: re-importing the same \
                    rows changes nothing and publishes no event; a changed name updates the region. A retired code is refused. \
                    Urban/rural: a village's `urbanRural` class comes from an imported `urbanRuralCode` (城乡分类代码, 1xx urban, \
                    2xx rural; `urbanRuralSource` imported) or, without one, from its name (`derived`: …居民委员会/…居委会/…社区 \
                    urban, …村民委员会/…村委会/…村委/…村/…嘎查 rural, anything else unknown). An imported class wins: a later \
                    file with the code corrects a derived class, a file without it keeps the imported one. \
                    Generated regions: a real import (generated=false) refuses a row that would rename a generated region \
                    (422, or reported with onError=skip); with replaceGenerated=true the row replaces it (name, class, no \
                    longer generated; counted in replacedGenerated and listed in notes). A generated import never renames \
                    a real region. \
                    onError=reject (default) writes nothing when any row is bad and answers 422 listing the rows; onError=skip \
                    writes the good rows and reports the bad ones. dryRun=true only reports.""")
    @RequestBody(content = @Content(mediaType = "text/csv", example = "code,name,parentCode\n410182101201,陈沟村,410182101000"))
    @APIResponse(responseCode = "200", description = "the import report (also for dryRun and onError=skip)",
            content = @Content(schema = @Schema(implementation = RegionImportReport.class)))
    @APIResponse(responseCode = "400", description = "unknown header, malformed CSV or parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "body is not text/csv", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "rows with errors (bad code, unknown parent, duplicate, retired code, renaming a generated region); nothing written; violations list line and field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RegionImportReport importCsv(
            InputStream body,
            @HeaderParam("Content-Type") MediaType contentType,
            @QueryParam("dryRun") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String dryRun,
            @Parameter(description = "reject (default): all or nothing; skip: write the valid rows")
            @QueryParam("onError") String onError,
            @Parameter(description = "edition date recorded as validFrom of new regions, e.g. 2023-06-30")
            @QueryParam("validFrom") LocalDate validFrom,
            @Parameter(description = "mark new regions as generated (demo and load-test villages)")
            @QueryParam("generated") @DefaultValue("false") boolean generated,
            @Parameter(description = "a real row on the code of a generated region replaces it instead of being refused")
            @QueryParam("replaceGenerated") @DefaultValue("false") boolean replaceGenerated) {
        BulkParams params = BulkParams.parse(dryRun, onError);
        return RegionImportReport.of(importer.importCsv(body, BodyCharset.of(contentType),
                new RegionImportService.Options(params, validFrom, generated, replaceGenerated, scope::mayWrite)));
    }

    @POST
    @Path("/{code}/retire")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN})
    @Operation(operationId = "retireRegion", summary = "Retire a division code", description = "The region stays with its end date; the code is never reused. Its children must be retired first.")
    @APIResponse(responseCode = "200", description = "the retired region")
    @APIResponse(responseCode = "400", description = "malformed code or body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such region", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "already retired, or active children remain", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RegionView retire(@PathParam("code") String code, @NotNull @Valid RetireRequest request) {
        RegionCode regionCode = RequestParameters.region("code", code);
        scope.requireWrite(regionCode);
        return RegionView.of(regions.retire(regionCode, request.validTo()));
    }

    /** Body of a retirement. */
    @Schema(name = "RetireRegionRequest")
    public record RetireRequest(@NotNull(message = "{facility.region.valid-to.required}") LocalDate validTo,
                                @Size(max = 500) String reason) {
    }

    private static RegionLevel parseLevel(String level) {
        try {
            return RegionLevel.ofCode(level);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("level", Message.of(e));
        }
    }
}
