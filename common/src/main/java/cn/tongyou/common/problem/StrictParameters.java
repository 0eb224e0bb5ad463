package cn.tongyou.common.problem;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads the typed query, path and header parameters of every service (booleans, whole numbers, dates) strictly, and
 * answers a value that is not one with a 400 {@code validation} problem naming the parameter. Without it, Quarkus REST
 * answers a query or path parameter it cannot convert with 404 (as JAX-RS prescribes), which a client reads as "no
 * such resource", and reads a boolean with {@code Boolean.valueOf}, so {@code includeClosed=maybe} silently meant
 * false.
 * <p>
 * Booleans are {@code true} or {@code false} in any letter case; {@code 1}, {@code 0}, {@code yes}, {@code no} and
 * anything else are refused (one spelling for every generated client; a misspelt word must not flip a filter).
 * Ranges (page at least 1, size at most 500 …) stay with Bean Validation on the parameter.
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Function<String, ?> parse;
        if (rawType == boolean.class || rawType == Boolean.class) {
            parse = StrictParameters::bool;
        } else if (rawType == int.class || rawType == Integer.class) {
            parse = raw -> wholeNumber(raw, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
        } else if (rawType == long.class || rawType == Long.class) {
            parse = raw -> wholeNumber(raw, Long.MIN_VALUE, Long.MAX_VALUE);
        } else if (rawType == LocalDate.class) {
            parse = StrictParameters::date;
        } else {
            return null;
        }
        return (ParamConverter<T>) new Strict<>(nameOf(annotations), parse);
    }

    /** Why a raw parameter value is refused: {@code ProblemText} says it to the client. */
    static final class Refused extends RuntimeException {
        final ProblemText text;

        Refused(ProblemText text) {
            super(text.name(), null, false, false);
            this.text = text;
        }
    }

    static Boolean bool(String raw) {
        String value = raw.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new Refused(ProblemText.NOT_A_BOOLEAN);
        };
    }

    static Long wholeNumber(String raw, long min, long max) {
        String value = raw.strip();
        if (!value.matches("[+-]?[0-9]+")) {
            throw new Refused(ProblemText.NOT_A_WHOLE_NUMBER);
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw new Refused(ProblemText.NUMBER_OUT_OF_RANGE);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new Refused(ProblemText.NUMBER_OUT_OF_RANGE);
        }
    }

    static LocalDate date(String raw) {
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new Refused(ProblemText.NOT_A_DATE);
        }
    }

    /** The parameter's name as the client sends it, from its JAX-RS annotation. */
    static String nameOf(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) {
                    return q.value();
                } else if (a instanceof PathParam p) {
                    return p.value();
                } else if (a instanceof HeaderParam h) {
                    return h.value();
                } else if (a instanceof FormParam f) {
                    return f.value();
                } else if (a instanceof CookieParam c) {
                    return c.value();
                } else if (a instanceof MatrixParam m) {
                    return m.value();
                }
            }
        }
        return null;
    }

    /** The message of a refused value, for the violation of parameter {@code name}. */
    static ProblemException problem(String name, String raw, ProblemText text) {
        String field = name == null ? "$" : name;
        return ProblemException.invalidField(field, text.message(raw));
    }

    private record Strict<T>(String name, Function<String, T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String raw) {
            if (raw == null) {
                return null;
            }
            try {
                return parse.apply(raw);
            } catch (Refused refused) {
                // a WebApplicationException passes the parameter handler as it is (anything else becomes a 404);
                // ProblemMappers answers with the problem it carries
                throw new BadRequestException(problem(name, raw, refused.text));
            }
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value.toString();
        }
    }
}
