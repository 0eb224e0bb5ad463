package cn.tongyou.common.http;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.ProblemMappers;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses an oversized body with a 413 problem the caller can act on. A body with a Content-Length larger than the
 * limit is refused before it is read; a body without one (chunked) is read through a {@link LimitedInputStream} that
 * fails with the same problem as soon as more bytes than the limit have been read, so a chunked JSON body cannot run
 * to the bulk limit. Every body is also read through a {@link ControlByteGuard} (raw control bytes → 400).
 * <p>
 * Which limit ({@link HttpLimitsConfig}): a {@code cfc.http.route-limits} entry whose path suffix the request path
 * ends with (the longest wins); else, for a bulk body (CSV or plain text, or any body sent to a path ending in
 * {@code /import} or {@code /batch}), {@code cfc.http.max-bulk-body}; else {@code cfc.http.max-json-body}.
 */
public class BodySizeLimitFilter {

    public static final String TYPE = Problem.TYPE_BASE + "body-too-large";
    private static final Message TITLE = Message.of("common.body.title.too-large");

    /** Methods whose requests carry no body unless they say so with Transfer-Encoding. */
    private static final Set<String> BODILESS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Inject
    HttpLimitsConfig limits;

    /** The limit that applies to a request, and why (for the problem's detail). */
    public record Limit(long bytes, boolean bulk, String route) {

        /** "at most N bytes are accepted here" with the hint that fits. */
        Message accepted() {
            return route != null ? Message.of("common.body.accepted.route", bytes, route)
                    : Message.of(bulk ? "common.body.accepted.bulk" : "common.body.accepted.json", bytes);
        }

        /** The 413 for a body found, while read, to exceed this limit. */
        public ProblemException exceeded() {
            return new ProblemException(413, TYPE, TITLE, Message.of("common.body.larger-than", bytes, accepted()), List.of());
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Response checkContentLength(ContainerRequestContext request) {
        long length = contentLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        // no body, nothing to limit: decided before the limit, whose lookup (media type, route table) a GET need not pay
        if (length == 0 || length < 0 && !mayHaveBody(request.getMethod(), request.getHeaderString("Transfer-Encoding"))) {
            return null;
        }
        String path = request.getUriInfo().getPath();
        Limit limit = limitFor(limits, path, request.getMediaType());
        if (length > limit.bytes()) {
            return ProblemMappers.respond(new ProblemException(413, TYPE, TITLE,
                    Message.of("common.body.has", length, limit.accepted()), List.of()), "/" + path.replaceFirst("^/", ""));
        }
        InputStream body = new ControlByteGuard(request.getEntityStream());
        if (length < 0) {
            body = new LimitedInputStream(body, limit.bytes(), limit::exceeded);
        }
        request.setEntityStream(body);
        return null;
    }

    /** The limit for a request to {@code path} with a body of {@code type} (may be null). */
    public static Limit limitFor(HttpLimitsConfig limits, String path, MediaType type) {
        String normalized = normalize(path);
        String route = null;
        MemorySize routeLimit = null;
        for (Map.Entry<String, MemorySize> entry : limits.routeLimits().entrySet()) {
            String suffix = normalize(entry.getKey());
            if (!suffix.equals("/") && normalized.endsWith(suffix) && (route == null || suffix.length() > route.length())) {
                route = suffix;
                routeLimit = entry.getValue();
            }
        }
        boolean bulk = isBulk(normalized, type);
        if (routeLimit != null) {
            return new Limit(routeLimit.asLongValue(), bulk, route);
        }
        return new Limit((bulk ? limits.maxBulkBody() : limits.maxJsonBody()).asLongValue(), bulk, null);
    }

    static boolean isBulk(String path, MediaType type) {
        if (type != null && ("csv".equals(type.getSubtype()) || "plain".equals(type.getSubtype()))) {
            return true;
        }
        String normalized = normalize(path);
        return normalized.endsWith("/import") || normalized.endsWith("/batch");
    }

    /** Whether a request without a Content-Length may still carry a body (chunked, or HTTP/2 data frames). */
    static boolean mayHaveBody(String method, String transferEncoding) {
        return (transferEncoding != null && !transferEncoding.isBlank()) || method == null || !BODILESS.contains(method);
    }

    /** The Content-Length, -1 when absent or not a number (the HTTP layer refuses the latter before we run). */
    static long contentLength(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** "/a/b" for "a/b/", "/a/b", "a/b". */
    private static String normalize(String path) {
        String p = path == null ? "" : path.strip();
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.startsWith("/") ? p : "/" + p;
    }
}
