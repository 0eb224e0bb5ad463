package cn.tongyou.common.http;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.ProblemMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Refuses (400, type {@code control-character}) a request whose decoded path or query contains a control character
 * (U+0000–U+001F, U+007F), e.g. {@code %00} in a path segment or a search term; the problem names where.
 */
public class ControlCharacterFilter {

    @ServerRequestFilter(preMatching = true)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        ProblemException refused;
        try {
            refused = check(request.getUriInfo().getPath(), request.getUriInfo().getQueryParameters());
        } catch (IllegalArgumentException e) {
            return null; // a malformed escape: the rest of the pipeline answers it as before
        }
        // the instance is the path as sent (still encoded), so the answer does not echo the control character
        return refused == null ? null : ProblemMappers.respond(refused, request.getUriInfo().getRequestUri().getRawPath());
    }

    /** The problem with a decoded path and query, or null when both are clean. */
    public static ProblemException check(String path, MultivaluedMap<String, String> query) {
        int at = ControlCharacters.firstInUri(path);
        if (at >= 0) {
            return ControlCharacters.refused("path", ControlCharacters.message(path, at, false));
        }
        if (query == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            at = ControlCharacters.firstInUri(name);
            if (at >= 0) {
                return ControlCharacters.refused("query", Message.of("common.control.parameter-name", ControlCharacters.message(name, at, false)));
            }
            for (String value : parameter.getValue()) {
                at = ControlCharacters.firstInUri(value);
                if (at >= 0) {
                    return ControlCharacters.refused(name, Message.of("common.control.parameter", ControlCharacters.message(value, at, false)));
                }
            }
        }
        return null;
    }
}
