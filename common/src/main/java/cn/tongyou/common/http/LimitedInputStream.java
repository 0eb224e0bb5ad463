package cn.tongyou.common.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A body stream that counts the bytes read and throws (the 413 problem {@code tooLarge} supplies) as soon as more than
 * {@code limit} have been read. It never reads more than one byte past the limit from the underlying stream.
 */
public final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final Supplier<? extends RuntimeException> tooLarge;
    private long count;

    public LimitedInputStream(InputStream in, long limit, Supplier<? extends RuntimeException> tooLarge) {
        super(in);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
        this.tooLarge = tooLarge;
    }

    /** The bytes read so far. */
    public long count() {
        return count;
    }

    public long limit() {
        return limit;
    }

    @Override
    public int read() throws IOException {
        failIfOver();
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        failIfOver();
        if (len == 0) {
            return 0;
        }
        // at most one byte past the limit: enough to know the body is too large
        int allowed = (int) Math.min(len, limit - count + 1);
        int n = super.read(b, off, allowed);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        failIfOver();
        long skipped = super.skip(Math.min(n, limit - count + 1));
        if (skipped > 0) {
            count(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: a reset would make the count wrong
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void count(long n) {
        count += n;
        failIfOver();
    }

    private void failIfOver() {
        if (count > limit) {
            throw tooLarge.get();
        }
    }
}
