package cn.tongyou.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.i18n.Messages;
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
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Turns every exception that reaches the REST layer into an RFC 9457 problem. Nothing else writes error bodies, so
 * every service answers errors in one shape and never leaks a stack trace. Texts are {@link Message}s rendered in the
 * request's language ({@link #language()}); the answer says which in {@code Content-Language}.
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
        List<Issue> violations = e.getConstraintViolations().stream()
                // Hibernate Validator has interpolated the message in the request's language already
                .map(v -> new Issue(fieldName(v), Message.verbatim(v.getMessage())))
                .sorted(Comparator.comparing(Issue::field))
                .toList();
        return respond(ProblemException.invalid(violations), path(uri));
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
        return problem(ProblemException.forbidden("common.security.roles-forbid"), uri);
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
            String converterSays = String.valueOf(e.getCause().getMessage());
            return respond(ProblemException.badRequest(ProblemText.PARAMETER_NOT_READABLE.message(converterSays)), path(uri));
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType statusInfo = Response.Status.fromStatusCode(status);
        Message title = switch (status) {
            case 404 -> Message.of("common.http.title.404");
            case 405 -> Message.of("common.http.title.405");
            case 406 -> Message.of("common.http.title.406");
            case 413 -> Message.of("common.http.title.413");
            case 415 -> Message.of("common.http.title.415");
            default -> statusInfo != null ? Message.verbatim(statusInfo.getReasonPhrase()) : Message.of("common.http.title.status", status);
        };
        Message detail = switch (status) {
            case 404 -> Message.of("common.http.404", path(uri));
            case 405 -> Message.of("common.http.405", path(uri));
            case 406 -> Message.of("common.http.406");
            case 413 -> Message.of("common.http.413");
            case 415 -> Message.of("common.http.415");
            default -> Message.verbatim(e.getMessage());
        };
        return respond(new ProblemException(status, status == 404 ? Problem.TYPE_BASE + "not-found" : "about:blank",
                title, detail, List.of()), path(uri));
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
        return respond(new ProblemException(500, Problem.TYPE_BASE + "internal", Message.of("common.problem.title.internal"),
                Message.of("common.problem.internal", errorId), List.of()), path(uri));
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
            return ProblemException.invalid(Message.of("common.json.unknown-field", field),
                    List.of(Issue.of(field, "common.json.unknown-field.known", unknown.getKnownPropertyIds().toString())));
        }
        if (e instanceof InvalidFormatException format) {
            String field = jsonPath(format);
            Message expected = format.getTargetType() == null ? Message.of("common.json.type.other") : friendlyType(format.getTargetType());
            return ProblemException.invalid(
                    List.of(Issue.of(field, "common.json.not-valid", format.getValue(), expected)));
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = jsonPath(mismatch);
            Message expected = mismatch.getTargetType() == null ? Message.of("common.json.type.value") : friendlyType(mismatch.getTargetType());
            Message message = field.isEmpty() ? Message.of("common.json.body-not", expected) : Message.of("common.json.expected", expected);
            return ProblemException.invalid(List.of(new Issue(field.isEmpty() ? "$" : field, message)));
        }
        if (e instanceof JsonParseException parse) {
            // the parser's own words (which token it met) have no translation; they follow the located sentence
            return parse.getLocation() == null ? ProblemException.badRequest("common.json.malformed", parse.getOriginalMessage())
                    : ProblemException.badRequest("common.json.malformed-at", parse.getLocation().getLineNr(),
                            parse.getLocation().getColumnNr(), parse.getOriginalMessage());
        }
        if (e instanceof JsonMappingException mapping) {
            String field = jsonPath(mapping);
            return ProblemException.invalid(List.of(Issue.of(field, "common.json.unreadable", mapping.getOriginalMessage())));
        }
        return ProblemException.badRequest("common.json.malformed", e.getOriginalMessage());
    }

    /**
     * A 400 thrown while reading a value (with no violation, or one for the whole input {@code $}), naming that
     * value's JSON path instead; other problems as they are.
     */
    private static ProblemException located(ProblemException thrown, JsonMappingException at) {
        String field = jsonPath(at);
        List<Issue> violations = thrown.issues();
        boolean unplaced = violations.isEmpty() || (violations.size() == 1 && isWholeInput(violations.get(0).field()));
        if (thrown.status() != 400 || field.isEmpty() || !unplaced || (violations.isEmpty() && thrown.detail() == null)) {
            return thrown;
        }
        Message message = violations.isEmpty() ? thrown.detail() : violations.get(0).message();
        ProblemException located = new ProblemException(400, thrown.type(), thrown.title(),
                null, List.of(new Issue(field, message)));
        thrown.headers().forEach(located::header);
        return located;
    }

    private static boolean isWholeInput(String field) {
        return field == null || "$".equals(field);
    }

    private static Message friendlyType(Class<?> type) {
        if (type.isEnum()) {
            return Message.of("common.json.type.enum", java.util.Arrays.toString(type.getEnumConstants()));
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return Message.of("common.json.type.number");
        }
        if (type == Boolean.class || type == boolean.class) {
            return Message.of("common.json.type.boolean");
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return Message.of("common.json.type.date");
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return Message.of("common.json.type.array");
        }
        if (type == String.class) {
            return Message.of("common.json.type.string");
        }
        return Message.of("common.json.type.object");
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
        return respond(ProblemException.preconditionFailed("common.http.lost-update"), path(uri));
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

    /**
     * The answer to a thrown problem: its problem detail in the request's language, the headers it carries (e.g.
     * {@code Retry-After}) and {@code Content-Language}.
     */
    public static Response respond(ProblemException e, String instance) {
        Locale language = language();
        Response.ResponseBuilder response = Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .entity(e.toProblem(instance, language)).header("Content-Language", language.toLanguageTag());
        e.headers().forEach(response::header);
        return response.build();
    }

    /**
     * The language of the current request's answer: its {@code Accept-Language} negotiated by {@link Messages};
     * English outside a request. Read from the request context rather than passed along, so that filters and
     * mappers answering before or after a resource method all answer in the same language.
     */
    public static Locale language() {
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        if (request == null) {
            return Messages.DEFAULT;
        }
        List<String> accepted = request.serverRequest().getAllRequestHeaders("Accept-Language");
        return Messages.negotiate(accepted == null ? null : String.join(",", accepted));
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
