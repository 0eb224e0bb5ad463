package cn.tongyou.common.bulk;

import cn.tongyou.common.idempotency.IdempotencyStore;
import cn.tongyou.common.problem.ProblemException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A bulk request's body, copied to a temporary file as it arrives. The file can be read more than once (check, then
 * write), and its digest identifies the request for an {@code Idempotency-Key} before any row is processed. Closing
 * deletes the file.
 */
public final class SpooledBody implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final Path file;
    private final Charset charset;
    private final String digest;

    private SpooledBody(Path file, Charset charset, String digest) {
        this.file = file;
        this.charset = charset;
        this.digest = digest;
    }

    /**
     * Copies {@code body} to a temporary file.
     *
     * @param charset the charset the body is decoded with; null for JSON, whose encoding the parser detects
     * @param name    names the file, e.g. {@code facility-import.csv}
     */
    public static SpooledBody spool(InputStream body, Charset charset, String name) throws IOException {
        if (body == null) {
            throw ProblemException.badRequest("common.bulk.no-body");
        }
        Path file = Files.createTempFile(name + "-", "");
        try {
            MessageDigest sha256 = sha256();
            try (InputStream in = new DigestInputStream(body, sha256); OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(out);
            }
            return new SpooledBody(file, charset, HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The body from its first byte, buffered. */
    public InputStream open() throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), BUFFER);
    }

    public Charset charset() {
        return charset;
    }

    /**
     * Identifies the request for an {@code Idempotency-Key}: the parameters that change what it does, then the
     * charset and the body's digest — the same bytes in another charset are another request.
     */
    public String requestHash(String... parameters) {
        return requestHash(charset, digest, parameters);
    }

    /** {@link #requestHash(String...)} of a body already held in memory. */
    public static String requestHash(byte[] body, Charset charset, String... parameters) {
        return requestHash(charset, HexFormat.of().formatHex(sha256().digest(body)), parameters);
    }

    private static String requestHash(Charset charset, String digest, String... parameters) {
        String[] parts = Arrays.copyOf(parameters, parameters.length + 2);
        parts[parameters.length] = charset == null ? "" : charset.name();
        parts[parameters.length + 1] = digest;
        return IdempotencyStore.hash(parts);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
