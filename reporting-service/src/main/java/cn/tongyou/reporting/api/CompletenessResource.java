package cn.tongyou.reporting.api;

import cn.tongyou.common.http.ConcurrencyLimiter;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.security.Roles;
import cn.tongyou.reporting.domain.Completeness;
import cn.tongyou.reporting.service.CompletenessService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;

@Path("/api/v1/completeness")
@Tag(name = "Completeness", description = "Who has reported, on time or not, and whose figures were accepted (issue 15)")
public class CompletenessResource {

    @Inject
    CompletenessService service;

    @Inject
    ConcurrencyLimiter limiter;

    /**
     * The answer: the region's total and one page of its rows (regions at a level below it, or units), worst first.
     *
     * @param rowLevel the level of the rows when {@code by=region}, else null
     */
    public record CompletenessView(String region, String regionName, String level, String period, LocalDate asOf,
                                   LocalDate valuesDeadline, String reportsPeriod, LocalDate reportsDeadline, String by,
                                   String rowLevel, Completeness.CompletenessLine total, Page<Completeness.CompletenessLine> rows) {
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Formats.CSV, Formats.XLSX})
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @APIResponse(responseCode = "200", description = "the region's counts and rates and one page of rows (json); csv or xlsx: the total "
            + "and every row as a download",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"completeness-<region>-<period>-<by>.csv|xlsx\" (csv and xlsx only)"),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompletenessView.class)),
                    @Content(mediaType = Formats.CSV, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = Formats.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @Extension(name = "x-concurrency-limit", value = "compliance-province, export")
    @Operation(operationId = "getCompleteness", summary = "Completeness and timeliness of a region's values and progress reports",
            description = "Expected, received, received on time (first submitted by the period's deadline: its last day + "
                    + "cfc.schedule.report-grace-days) and accepted values and progress reports, separately and together, with the "
                    + "rates computed from the counts (null when nothing is expected). Expected values: per indicator and region of "
                    + "the subtree with a target in force (the live target with the smallest year at or after the period's year), "
                    + "for indicators whose values are reported (not derived from facilities). Expected reports: per task of a plan "
                    + "in force and lead unit, for the reporting half-year (the period, or H2 of a year). A region's counts are the "
                    + "sums of its subtree's (rates are never averaged). by=region (default): a row per region at `level` (default "
                    + "the level just below); by=unit: a row per responsible or lead unit. Rows worst first: lowest received rate, "
                    + "then on-time rate, then most missing, then code. Scoped like the compliance view: the region must lie in the "
                    + "token's region (403 otherwise, also for a token without a region claim). format=csv|xlsx or Accept: text/csv "
                    + "or the XLSX type gives the total and every row as a download.")
    public Response completeness(@QueryParam("region") @Parameter(required = true, example = "410100") String region,
                                 @QueryParam("period") @Parameter(required = true, example = "2026H2") String period,
                                 @QueryParam("by") @Parameter(description = "region (default) or unit") String by,
                                 @QueryParam("level") @Parameter(description = "the rows' region level (by=region), strictly below the region's; default the next level down") String level,
                                 @QueryParam("format") @Parameter(description = "json (default), csv or xlsx; else the Accept header decides") String format,
                                 @HeaderParam(HttpHeaders.ACCEPT) String accept,
                                 @BeanParam @Valid PageParams page) {
        CompletenessService.Request request = service.request(region, period, by, level);
        String f = format(format, accept);
        Completeness c = service.view(request);
        List<Completeness.CompletenessLine> rows = request.by() == CompletenessService.By.UNIT ? c.units() : c.children();
        String base = "completeness-" + c.region() + "-" + c.period() + "-" + request.by().name().toLowerCase();
        return switch (f) {
            case "csv" -> Response.ok(limiter.run(Formats.EXPORT, () -> Exporter.csv(c, rows)), Formats.CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + base + ".csv\"").build();
            case "xlsx" -> Response.ok(limiter.run(Formats.EXPORT, () -> Exporter.xlsx(c, rows)), Formats.XLSX)
                    .header("Content-Disposition", "attachment; filename=\"" + base + ".xlsx\"").build();
            default -> {
                int from = (int) Math.min(rows.size(), page.offset());
                List<Completeness.CompletenessLine> slice = rows.subList(from, Math.min(rows.size(), from + page.size));
                yield Response.ok(new CompletenessView(c.region(), c.regionName(), c.level(), c.period(), c.asOf(), c.valuesDeadline(),
                        c.reportsPeriod(), c.reportsDeadline(), request.by().name().toLowerCase(),
                        request.by() == CompletenessService.By.REGION && request.level() != null ? request.level().code() : null,
                        c.total(), Page.of(slice, page, rows.size())), MediaType.APPLICATION_JSON_TYPE).build();
            }
        };
    }

    /** format= wins; without it, an Accept header naming CSV or the XLSX type asks for that download. */
    private static String format(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String f = format.strip().toLowerCase();
            if (!List.of("json", "csv", "xlsx").contains(f)) {
                throw ProblemException.invalidField("format", "reporting.format");
            }
            return f;
        }
        if (accept != null && accept.contains(Formats.CSV)) {
            return "csv";
        }
        if (accept != null && accept.contains(Formats.XLSX)) {
            return "xlsx";
        }
        return "json";
    }
}
