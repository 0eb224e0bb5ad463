package cn.tongyou.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Turns every exception that reaches the REST layer into an RFC 9457 problem. Nothing else writes error bodies, so
 * every service answers errors in one shape and never leaks a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** A request refused for lack of rights (403); the audit trail records it. */
    public record Refused(String detail) {
    }

    @Inject
    Event<Refused> refusals;

    @ServerExceptionMapper(priority = 1)
    public Response problem(ProblemException e, UriInfo uri) {
        if (e.status() == 403) {
            refusals.fire(new Refused(e.getMessage()));
        }
        return respond(e, path(uri));
    }

    @ServerExceptionMapper(priority = 1)
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> Problem.Violation.field(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        return respond(ProblemException.invalid(violations).toProblem(path(uri)));
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e, UriInfo uri) {
        return respond(jsonProblem(e), path(uri));
    }

    // Quarkus REST maps these subtypes itself (a closer type match than JsonProcessingException wins whatever the
    // priority), answering in its own JSON shape; these keep them problem+json.
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unrecognizedProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response jsonParse(JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(ProblemException.forbidden("your roles do not allow this operation"), uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return lostUpdate(uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response staleState(StaleStateException e, UriInfo uri) {
        return lostUpdate(uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // a problem thrown while the body was read (its size limit, a control character) reaches here wrapped
        ProblemException thrown = causeOfType(e, ProblemException.class);
        if (thrown != null) {
            JsonMappingException at = causeOfType(e, JsonMappingException.class);
            return respond(at == null ? thrown : located(thrown, at), path(uri));
        }
        JsonProcessingException json = causeOfType(e, JsonProcessingException.class);
        if (json != null) {
            return json(json, uri);
        }
        if (e instanceof NotFoundException && e.getCause() != null) {
            // Quarkus REST's answer to a query or path parameter it could not convert (StrictParameters names the
            // parameter for the types it reads; this covers any other type): the request is wrong, not the path
            return respond(ProblemException.badRequest(ProblemText.PARAMETER_NOT_READABLE.format(
                    String.valueOf(e.getCause().getMessage()))), path(uri));
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType statusInfo = Response.Status.fromStatusCode(status);
        String title = statusInfo != null ? statusInfo.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "no resource at " + path(uri);
            case 405 -> "this method is not allowed on " + path(uri);
            case 406 -> "the requested media type cannot be produced";
            case 413 -> "the request body is too large";
            case 415 -> "the request's Content-Type is not supported here";
            default -> e.getMessage();
        };
        Problem problem = new Problem(status == 404 ? Problem.TYPE_BASE + "not-found" : "about:blank",
                title, status, detail, path(uri), List.of());
        return respond(problem);
    }

    @ServerExceptionMapper(priority = 10)
    public Response unexpected(Throwable e, UriInfo uri) {
        JsonProcessingException json = causeOfType(e, JsonProcessingException.class);
        if (json != null) {
            return json(json, uri);
        }
        ConstraintViolationException violation = causeOfType(e, ConstraintViolationException.class);
        if (violation != null) {
            return constraintViolation(violation, uri);
        }
        OptimisticLockException lock = causeOfType(e, OptimisticLockException.class);
        if (lock != null || causeOfType(e, StaleStateException.class) != null) {
            return lostUpdate(uri);
        }
        ProblemException problem = causeOfType(e, ProblemException.class);
        if (problem != null) {
            return respond(problem, path(uri));
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", errorId, path(uri));
        return respond(new Problem(Problem.TYPE_BASE + "internal", "Internal error", 500,
                "the server could not complete the request; quote error id " + errorId + " when reporting it",
                path(uri), List.of()));
    }

    /**
     * The problem for a body Jackson could not read. A {@link ProblemException} thrown while reading (by the body's
     * size limit, or by a deserializer refusing a value) is answered as thrown; a 400 among them names the JSON path
     * of the value being read.
     */
    public static ProblemException jsonProblem(JsonProcessingException e) {
        ProblemException thrown = causeOfType(e, ProblemException.class);
        if (thrown != null) {
            return e instanceof JsonMappingException mapping ? located(thrown, mapping) : thrown;
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = jsonPath(unknown);
            return ProblemException.invalid("unknown field '" + field + "'",
                    List.of(Problem.Violation.field(field, "unknown field; known fields: " + unknown.getKnownPropertyIds())));
        }
        if (e instanceof InvalidFormatException format) {
            String field = jsonPath(format);
            String expected = format.getTargetType() == null ? "another type" : friendlyType(format.getTargetType());
            return ProblemException.invalid(
                    List.of(Problem.Violation.field(field, "'" + format.getValue() + "' is not a valid " + expected)));
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = jsonPath(mismatch);
            String expected = mismatch.getTargetType() == null ? "value" : friendlyType(mismatch.getTargetType());
            String message = field.isEmpty() ? "the body is not a JSON " + expected : "expected a " + expected;
            return ProblemException.invalid(List.of(Problem.Violation.field(field.isEmpty() ? "$" : field, message)));
        }
        if (e instanceof JsonParseException parse) {
            String where = parse.getLocation() == null ? "" :
                    " at line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr();
            return ProblemException.badRequest("malformed JSON" + where + ": " + parse.getOriginalMessage());
        }
        if (e instanceof JsonMappingException mapping) {
            String field = jsonPath(mapping);
            String message = mapping.getOriginalMessage();
            return ProblemException.invalid(List.of(Problem.Violation.field(field, message)));
        }
        return ProblemException.badRequest("malformed JSON: " + e.getOriginalMessage());
    }

    /**
     * A 400 thrown while reading a value (with no violation, or one for the whole input {@code $}), naming that
     * value's JSON path instead; other problems as they are.
     */
    private static ProblemException located(ProblemException thrown, JsonMappingException at) {
        String field = jsonPath(at);
        List<Problem.Violation> violations = thrown.violations();
        boolean unplaced = violations.isEmpty() || (violations.size() == 1 && "$".equals(violations.get(0).field()));
        if (thrown.status() != 400 || field.isEmpty() || !unplaced) {
            return thrown;
        }
        String message = violations.isEmpty() ? thrown.getMessage() : violations.get(0).message();
        ProblemException located = new ProblemException(400, thrown.type(), thrown.title(),
                field + ": " + message, List.of(Problem.Violation.field(field, message)));
        thrown.headers().forEach(located::header);
        return located;
    }

    private static String friendlyType(Class<?> type) {
        if (type.isEnum()) {
            return "value (one of " + java.util.Arrays.toString(type.getEnumConstants()) + ")";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "date (ISO 8601, e.g. 2025-06-30)";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type == String.class) {
            return "string";
        }
        return "object";
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // Path of a resource parameter reads "create.arg0.name" or "create.body.name": drop the method and argument.
        List<String> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .map(node -> node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName())
                .filter(name -> name != null)
                .toList();
        if (nodes.size() > 2) {
            return String.join(".", nodes.subList(2, nodes.size()));
        }
        return nodes.isEmpty() ? "$" : nodes.get(nodes.size() - 1);
    }

    private Response lostUpdate(UriInfo uri) {
        return respond(ProblemException.preconditionFailed(
                "the resource was changed by someone else; reload it and apply your change again").toProblem(path(uri)));
    }

    /** The first exception of {@code type} in the cause chain of {@code e} (e itself included), or null. */
    public static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        Throwable current = e;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = current.getCause();
        }
        return null;
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The answer to a thrown problem: its problem detail and the headers it carries (e.g. {@code Retry-After}). */
    public static Response respond(ProblemException e, String instance) {
        Response.ResponseBuilder response = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(e.toProblem(instance));
        e.headers().forEach(response::header);
        return response.build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
