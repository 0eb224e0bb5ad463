package cn.tongyou.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type       a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title      short, stable summary of the kind of problem
 * @param status     the HTTP status code
 * @param detail     what went wrong with this request, in words an API user can act on
 * @param instance   the request path
 * @param violations one entry per offending field or input row (validation and bulk imports)
 */
@Schema(name = "Problem", description = "RFC 9457 problem detail; every error response has this shape")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        @Schema(example = "https://tongyou.cn/problems/validation") String type,
        @Schema(example = "Request is not valid") String title,
        @Schema(example = "400") int status,
        @Schema(example = "2 fields are not valid") String detail,
        @Schema(example = "/api/v1/facilities") String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://tongyou.cn/problems/";

    /**
     * One offending field or input row.
     *
     * @param field   JSON path or CSV column of the offending value (may be null for a whole-row problem)
     * @param message what is wrong with it
     * @param line    1-based line of the input for bulk requests (the CSV header is line 1), else null
     */
    @Schema(name = "Violation")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Violation(String field, String message, Long line) {
        public static Violation field(String field, String message) {
            return new Violation(field, message, null);
        }

        public static Violation row(long line, String field, String message) {
            return new Violation(field, message, line);
        }
    }
}
