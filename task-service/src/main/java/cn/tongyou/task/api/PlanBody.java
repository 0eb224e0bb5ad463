package cn.tongyou.task.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * The raw, still unread body of a plan document (POST /plans, /plans/import): spooled to a file as it arrives
 * instead of being buffered in memory. A plain {@code InputStream} parameter would not do: the Jackson reader claims
 * application/json bodies of any Java type before the stream reader does.
 *
 * @param stream the request body, read as it arrives
 */
public record PlanBody(InputStream stream) {

    /** Hands the body stream over unread. */
    @Provider
    @Consumes(MediaType.APPLICATION_JSON)
    public static class Reader implements MessageBodyReader<PlanBody> {

        @Override
        public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == PlanBody.class;
        }

        @Override
        public PlanBody readFrom(Class<PlanBody> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                                 MultivaluedMap<String, String> httpHeaders, InputStream entityStream) {
            return new PlanBody(entityStream);
        }
    }
}
