package cn.tongyou.common.audit;

import cn.tongyou.common.security.Caller;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@link Actor} of the current request: the token's identity plus the request's id, operation and client
 * address. Outside a request (scheduled jobs, consumers) it is {@link Actor#system}.
 */
@ApplicationScoped
public class RequestActor {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String OPERATION_KEY = "cfc.operation";
    static final String REQUEST_ID_KEY = "cfc.request-id";
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Inject
    Caller caller;

    @Inject
    CurrentVertxRequest currentRequest;

    /** The current actor; {@code job} names the work when no request is active. */
    public Actor current(String job) {
        ManagedContext requestContext = Arc.container().requestContext();
        RoutingContext routing = requestContext.isActive() ? currentRequest.getCurrent() : null;
        if (routing == null) {
            return Actor.system(job);
        }
        String roles = String.join(",", caller.roles());
        return new Actor(caller.subject(), roles, caller.scope().claim(), caller.unit().orElse(null),
                operation(routing), requestId(routing), clientAddress(routing.request()));
    }

    /** The request id of this request: the caller's {@code X-Request-Id} when it is safe to log, else a new one. */
    public static String requestId(RoutingContext routing) {
        String id = routing.get(REQUEST_ID_KEY);
        if (id == null) {
            String given = routing.request().getHeader(REQUEST_ID_HEADER);
            id = given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
            routing.put(REQUEST_ID_KEY, id);
        }
        return id;
    }

    private static String operation(RoutingContext routing) {
        String operation = routing.get(OPERATION_KEY);
        return operation != null ? operation : routing.request().method().name() + " " + routing.request().path();
    }

    private static String clientAddress(HttpServerRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String first = forwarded.split(",")[0].strip();
            return first.length() > 64 ? first.substring(0, 64) : first;
        }
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
