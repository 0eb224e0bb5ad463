package cn.tongyou.common.idempotency;

import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    AgroalDataSource dataSource;

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

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
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into idempotency_record (scope, idem_key, request_hash) values (?, ?, ?) "
                            + "on conflict do nothing")) {
                insert.setString(1, scope);
                insert.setString(2, key);
                insert.setString(3, requestHash);
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "select request_hash, status, response_body, location, etag from idempotency_record "
                            + "where scope = ? and idem_key = ?")) {
                select.setString(1, scope);
                select.setString(2, key);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    if (!rs.getString(1).equals(requestHash)) {
                        throw ProblemException.unprocessable("idempotency-key-reused", "Idempotency-Key reused",
                                "Idempotency-Key '" + key + "' was already used for a different request body", List.of());
                    }
                    return Optional.of(new StoredResponse(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency store unavailable", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String scope, String key, StoredResponse response) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update idempotency_record "
                     + "set status = ?, response_body = ?, location = ?, etag = ? where scope = ? and idem_key = ?")) {
            update.setInt(1, response.status());
            update.setString(2, response.body());
            update.setString(3, response.location());
            update.setString(4, response.etag());
            update.setString(5, scope);
            update.setString(6, key);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency store unavailable", e);
        }
    }

    /** Keys are kept for a day: long enough for any client's retries. */
    @Scheduled(every = "1h", delayed = "2m")
    void expire() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "delete from idempotency_record where created_at < now() - interval '24 hours'")) {
            delete.executeUpdate();
        } catch (SQLException e) {
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
