package cn.tongyou.common.idempotency;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.store.Jdbc;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Remembers the response to a request sent with an {@code Idempotency-Key}, so that a retried request never writes
 * twice. The key is claimed in the same transaction as the work: a concurrent retry waits on the row lock until the
 * first attempt commits (then replays its response) or rolls back (then does the work itself).
 * <p>
 * A key belongs to the caller that sent it: it is scoped by the caller's subject ({@link #scopeOf}), so another
 * caller sending the same key neither gets the first caller's answer nor collides with it.
 */
@ApplicationScoped
public class IdempotencyStore {

    public static final String HEADER = "Idempotency-Key";

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper mapper;

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private record Earlier(String requestHash, StoredResponse response) {
    }

    /**
     * A response recorded for a key: what a retry gets again.
     *
     * @param location the Location header, relative to the application's base URI; null when there was none
     * @param etag     the ETag header; null when there was none
     */
    public record StoredResponse(int status, String body, String location, String etag) {

        public static StoredResponse of(int status, String body) {
            return new StoredResponse(status, body, null, null);
        }

        /** The answer to a retry: the first answer's status, body, Location and ETag, marked as replayed. */
        public Response replay() {
            Response.ResponseBuilder response = Response.status(status)
                    .type(status >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                    .header(REPLAYED_HEADER, "true")
                    .entity(body);
            if (location != null) {
                response.location(URI.create(location));
            }
            if (etag != null) {
                response.header(HttpHeaders.ETAG, etag);
            }
            return response.build();
        }
    }

    /**
     * The {@code Idempotency-Key} header of a request, stripped; null when absent or blank.
     *
     * @throws ProblemException 400 when longer than 200 characters
     */
    public static String key(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String key = header.strip();
        validateKey(key);
        return key;
    }

    /**
     * The scope a key lives in for one caller: {@code scope + ":" + subject}, so that the same key sent by another
     * subject is another key (it neither replays nor blocks the first caller's answer). A null or blank subject is
     * {@code unknown}, as in {@code Caller#subject()}.
     */
    public static String scopeOf(String scope, String subject) {
        return scope + ":" + (subject == null || subject.isBlank() ? "unknown" : subject);
    }

    /**
     * Claims {@code key} for this request of {@code subject} (the caller's {@code Caller#subject()}). Returns the
     * stored response when the same request already completed; empty when the caller should do the work and then
     * {@link #complete} it.
     *
     * @throws ProblemException 422 when the subject used the key for a different request
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<StoredResponse> claim(String scope, String subject, String key, String requestHash) {
        validateKey(key);
        String scoped = scopeOf(scope, subject);
        if (jdbc.update("insert into idempotency_record (scope, idem_key, request_hash) values (?, ?, ?) "
                + "on conflict do nothing", List.of(scoped, key, requestHash)) == 1) {
            return Optional.empty();
        }
        Earlier earlier = jdbc.first("select request_hash, status, response_body, location, etag from idempotency_record "
                        + "where scope = ? and idem_key = ?", List.of(scoped, key),
                row -> new Earlier(row.string("request_hash"), new StoredResponse(row.intValue("status"),
                        row.string("response_body"), row.string("location"), row.string("etag"))))
                .orElseThrow(() -> new IllegalStateException("idempotency record vanished: " + scoped + "/" + key));
        if (!earlier.requestHash().equals(requestHash)) {
            throw ProblemException.unprocessable("idempotency-key-reused", Message.of("common.idempotency.title.reused"),
                    Message.of("common.idempotency.reused", key), List.of());
        }
        return Optional.of(earlier.response());
    }

    /** Stores the answer to the request that claimed {@code key} for {@code subject}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String scope, String subject, String key, StoredResponse response) {
        jdbc.update("update idempotency_record set status = ?, response_body = ?, location = ?, etag = ? "
                        + "where scope = ? and idem_key = ?",
                Arrays.asList(response.status(), response.body(), response.location(), response.etag(),
                        scopeOf(scope, subject), key));
    }

    /**
     * A creating POST that a retry cannot repeat. Without a key, runs {@code work}. With one, claims it for
     * {@code subject}: a retry of a completed request gets the stored answer again (status, body, Location, ETag,
     * marked {@value #REPLAYED_HEADER}); the first attempt runs {@code work} and stores its answer in the same
     * transaction, so a rolled-back attempt (work threw) leaves no key behind and a retry does the work afresh.
     * Runs inside the caller's transaction (mark the resource or service method {@code @Transactional}).
     * <pre>{@code
     * String key = IdempotencyStore.key(idempotencyKey);
     * return idempotency.once("facility-create", caller.subject(), key,
     *         key == null ? null : IdempotencyStore.hash(mapper.writeValueAsString(body)),
     *         () -> Response.created(uri).tag(ETags.of(view.version())).entity(view).build());
     * }</pre>
     *
     * @param key         the request's key ({@link #key(String)}), null when it sent none
     * @param requestHash what identifies the request ({@link #hash(String...)} of its body and path parameters)
     * @throws ProblemException 422 when the subject used the key for a different request
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Response once(String scope, String subject, String key, String requestHash, Supplier<Response> work) {
        if (key == null) {
            return work.get();
        }
        Optional<StoredResponse> stored = claim(scope, subject, key, requestHash == null ? "" : requestHash);
        if (stored.isPresent()) {
            return stored.get().replay();
        }
        Response response = work.get();
        complete(scope, subject, key, stored(response));
        return response;
    }

    /** What {@link #once} keeps of a response. */
    StoredResponse stored(Response response) {
        String rootPath = ConfigProvider.getConfig().getOptionalValue("quarkus.http.root-path", String.class).orElse("/");
        return stored(response, mapper, rootPath);
    }

    /**
     * What {@link #once} keeps of a response: status, entity as JSON, ETag, and Location relative to the
     * application's base URI (without {@code rootPath}), as {@link StoredResponse#replay()} expects it.
     */
    static StoredResponse stored(Response response, ObjectMapper mapper, String rootPath) {
        Object entity = response.getEntity();
        String body;
        try {
            body = entity == null ? null : entity instanceof String text ? text : mapper.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the response for an Idempotency-Key", e);
        }
        return new StoredResponse(response.getStatus(), body, relative(response.getLocation(), rootPath),
                response.getHeaderString(HttpHeaders.ETAG));
    }

    /** {@code http://host/root/api/v1/x?y} → {@code api/v1/x?y} for root path {@code /root}; null stays null. */
    static String relative(URI location, String rootPath) {
        if (location == null) {
            return null;
        }
        if (!location.isAbsolute() && !location.toString().startsWith("/")) {
            return location.toString();
        }
        String path = location.getRawPath() == null ? "" : location.getRawPath();
        String root = rootPath == null || rootPath.isBlank() ? "/" : rootPath.endsWith("/") ? rootPath : rootPath + "/";
        if (!root.startsWith("/")) {
            root = "/" + root;
        }
        String relative = path.startsWith(root) ? path.substring(root.length()) : path.replaceFirst("^/", "");
        return relative + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
    }

    /** Keys are kept for a day: long enough for any client's retries. */
    @Scheduled(every = "1h", delayed = "2m")
    void expire() {
        try {
            jdbc.update("delete from idempotency_record where created_at < now() - interval '24 hours'", List.of());
        } catch (IllegalStateException e) {
            // the next run tries again
        }
    }

    public static String hash(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hash(String... parts) {
        byte[][] bytes = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = parts[i] == null ? new byte[0] : parts[i].getBytes(StandardCharsets.UTF_8);
        }
        return hash(bytes);
    }

    private static void validateKey(String key) {
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.invalidField(HEADER, "common.idempotency.key-length");
        }
    }
}
