package cn.tongyou.facility.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * The raw, still unread body of a bulk import. A plain {@code InputStream} parameter would not do for JSON: the
 * Jackson reader claims application/json bodies of any Java type before the stream reader does.
 *
 * @param stream the request body, read as it arrives
 */
public record FacilityImportBody(InputStream stream) {

    /** Hands the body stream over unread, for CSV and JSON alike. */
    @Provider
    @Consumes({FacilityImportResource.CSV, MediaType.APPLICATION_JSON})
    public static class Reader implements MessageBodyReader<FacilityImportBody> {

        @Override
        public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == FacilityImportBody.class;
        }

        @Override
        public FacilityImportBody readFrom(Class<FacilityImportBody> type, Type genericType, Annotation[] annotations,
                                           MediaType mediaType, MultivaluedMap<String, String> httpHeaders, InputStream entityStream) {
            return new FacilityImportBody(entityStream);
        }
    }
}
