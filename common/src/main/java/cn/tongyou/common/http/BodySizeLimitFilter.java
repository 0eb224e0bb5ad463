package cn.tongyou.common.http;

import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemMappers;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * Refuses an oversized body before it is read, with a problem the caller can act on. Bulk imports (CSV, or a JSON
 * body sent to an {@code /import} or {@code /batch} path) get the larger limit; everything else the small one.
 * Bodies without a Content-Length are capped by {@code quarkus.http.limits.max-body-size}.
 */
public class BodySizeLimitFilter {

    @Inject
    HttpLimitsConfig limits;

    @ServerRequestFilter(preMatching = true)
    public Response checkContentLength(ContainerRequestContext request) {
        int length = request.getLength();
        if (length < 0) {
            return null;
        }
        boolean bulk = isBulk(request);
        MemorySize limit = bulk ? limits.maxBulkBody() : limits.maxJsonBody();
        if (length <= limit.asLongValue()) {
            return null;
        }
        Problem problem = new Problem(Problem.TYPE_BASE + "body-too-large", "Request body too large", 413,
                "the body has " + length + " bytes; at most " + limit.asLongValue() + " are accepted here"
                        + (bulk ? "" : " (send large data to the bulk import endpoints as CSV)"),
                "/" + request.getUriInfo().getPath().replaceFirst("^/", ""), List.of());
        return ProblemMappers.respond(problem);
    }

    private static boolean isBulk(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type != null && ("csv".equals(type.getSubtype()) || "plain".equals(type.getSubtype()))) {
            return true;
        }
        String path = request.getUriInfo().getPath();
        return path.endsWith("/import") || path.endsWith("/batch");
    }
}
