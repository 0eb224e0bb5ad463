package cn.tongyou.common.idempotency;

import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.store.Jdbc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Remembers the response to a request sent with an {@code Idempotency-Key}, so that a retried request never writes
 * twice. The key is claimed in the same transaction as the work: a concurrent retry waits on the row lock until the
 * first attempt commits (then replays its response) or rolls back (then does the work itself).
 */
@ApplicationScoped
public class IdempotencyStore {

    public static final String HEADER = "Idempotency-Key";

    @Inject
    Jdbc jdbc;

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
     * Claims {@code key} for this request. Returns the stored response when the same request already completed;
     * empty when the caller should do the work and then {@link #complete} it.
     *
     * @throws ProblemException 422 when the key was used for a different request
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<StoredResponse> claim(String scope, String key, String requestHash) {
        validateKey(key);
        if (jdbc.update("insert into idempotency_record (scope, idem_key, request_hash) values (?, ?, ?) "
                + "on conflict do nothing", List.of(scope, key, requestHash)) == 1) {
            return Optional.empty();
        }
        Earlier earlier = jdbc.first("select request_hash, status, response_body, location, etag from idempotency_record "
                        + "where scope = ? and idem_key = ?", List.of(scope, key),
                row -> new Earlier(row.string("request_hash"), new StoredResponse(row.intValue("status"),
                        row.string("response_body"), row.string("location"), row.string("etag"))))
                .orElseThrow(() -> new IllegalStateException("idempotency record vanished: " + scope + "/" + key));
        if (!earlier.requestHash().equals(requestHash)) {
            throw ProblemException.unprocessable("idempotency-key-reused", "Idempotency-Key reused",
                    "Idempotency-Key '" + key + "' was already used for a different request body", List.of());
        }
        return Optional.of(earlier.response());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String scope, String key, StoredResponse response) {
        jdbc.update("update idempotency_record set status = ?, response_body = ?, location = ?, etag = ? "
                        + "where scope = ? and idem_key = ?",
                Arrays.asList(response.status(), response.body(), response.location(), response.etag(), scope, key));
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
            throw ProblemException.invalidField(HEADER, "must be 1 to 200 characters");
        }
    }
}
