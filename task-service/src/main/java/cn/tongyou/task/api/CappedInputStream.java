package cn.tongyou.task.api;

import cn.tongyou.common.problem.ProblemException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes actually read from a request body (chunked bodies included, whatever Content-Length says) and
 * answers 413 once they exceed the route's limit.
 */
final class CappedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    CappedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void add(long n) {
        count += n;
        if (count > limit) {
            throw ProblemException.tooLarge("the plan document exceeds " + limit + " bytes, the most this route accepts "
                    + "(cfc.task.max-plan-body)");
        }
    }
}
