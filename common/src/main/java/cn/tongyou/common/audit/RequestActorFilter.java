package cn.tongyou.common.audit;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Names the operation of each request for the audit trail (method, path and the resource method, which stays the same
 * whatever the ids) and returns the request id to the caller in {@code X-Request-Id}, so a support call can find the audit row.
 */
public class RequestActorFilter {

    @Inject
    CurrentVertxRequest currentRequest;

    @ServerRequestFilter(priority = 100)
    public void nameOperation(ContainerRequestContext request, SimpleResourceInfo resource) {
        RoutingContext routing = currentRequest.getCurrent();
        if (routing == null || resource == null || resource.getResourceClass() == null) {
            return;
        }
        String path = request.getUriInfo().getPath();
        // not replaceFirst("^/", ""): that compiled a pattern on every request (issue 16's profile of the reads)
        routing.put(RequestActor.OPERATION_KEY, request.getMethod() + " /" + (path.startsWith("/") ? path.substring(1) : path) + " ("
                + resource.getResourceClass().getSimpleName() + "." + resource.getMethodName() + ")");
        RequestActor.requestId(routing);
    }

    @ServerResponseFilter
    public void returnRequestId(ContainerResponseContext response) {
        RoutingContext routing = currentRequest.getCurrent();
        if (routing != null) {
            response.getHeaders().putSingle(RequestActor.REQUEST_ID_HEADER, RequestActor.requestId(routing));
        }
    }
}
