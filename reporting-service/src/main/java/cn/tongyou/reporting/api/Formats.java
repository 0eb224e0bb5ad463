package cn.tongyou.reporting.api;

import cn.tongyou.common.http.ConcurrencyLimiter;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.reporting.domain.Compliance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The same compliance view as JSON, CSV or XLSX ({@code format=json|csv|xlsx}). Building a spreadsheet runs under
 * the {@value #EXPORT} permits of common's {@link ConcurrencyLimiter} ({@code cfc.http.concurrency.export}): beyond
 * them the caller gets 429 with {@code Retry-After}.
 */
final class Formats {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv";
    /** The limiter's name for spreadsheet exports. */
    static final String EXPORT = "export";

    private Formats() {
    }

    /**
     * JSON: the view with its long lists cut and linked ({@link Compliance#summarised}); CSV and XLSX: the complete
     * form, every uncovered village and warning (the bulk form).
     */
    /**
     * A country snapshot: its JSON is stored as served (the provinces' sums, the first items of each long list, the
     * links to their pages), so it is answered as it is. It has no CSV or XLSX (400): a file of every village of the
     * country is what the paged lists replace; each list is complete page by page.
     */
    static Response country(Compliance c, String format) {
        String f = format == null || format.isBlank() ? "json" : format.strip().toLowerCase();
        return switch (f) {
            case "json" -> Response.ok(c, MediaType.APPLICATION_JSON_TYPE).build();
            case "csv", "xlsx" -> throw ProblemException.invalidField("format", "reporting.country.format");
            default -> throw ProblemException.invalidField("format", "reporting.format");
        };
    }

    static Response render(Compliance c, Compliance.Links links, String format, int status, ConcurrencyLimiter limiter) {
        String f = format == null || format.isBlank() ? "json" : format.strip().toLowerCase();
        String base = "compliance-" + c.region() + "-" + c.period() + (c.snapshotId() == null ? "" : "-" + c.snapshotId().substring(0, 8));
        return switch (f) {
            case "json" -> Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(c.summarised(links)).build();
            case "csv" -> Response.status(status).type(CSV + "; charset=UTF-8").entity(limiter.run(EXPORT, () -> Exporter.csv(c)))
                    .header("Content-Disposition", "attachment; filename=\"" + base + ".csv\"").build();
            case "xlsx" -> Response.status(status).type(XLSX).entity(limiter.run(EXPORT, () -> Exporter.xlsx(c)))
                    .header("Content-Disposition", "attachment; filename=\"" + base + ".xlsx\"").build();
            default -> throw ProblemException.invalidField("format", "reporting.format");
        };
    }
}
