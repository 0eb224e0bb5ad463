package cn.tongyou.common.http;

import cn.tongyou.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Caps how many expensive calls of one kind run at once on this instance (a province-level compliance computation,
 * an export): each name has a semaphore of {@code cfc.http.concurrency."<name>"} permits (default
 * {@code cfc.http.concurrency-default}, 2). A call finding no free permit is refused at once with 429
 * (type {@code too-many-requests}) and {@code Retry-After: cfc.http.retry-after} seconds (default 5); it never queues.
 * <pre>{@code
 * return limiter.run("compliance", () -> compliance.of(region, period));
 *
 * // a streamed export holds its permit until the body is written:
 * return Response.ok(limiter.streaming("export", out -> writer.write(rows, out))).build();
 * }</pre>
 */
@ApplicationScoped
public class ConcurrencyLimiter {

    private final ConcurrentMap<String, Semaphore> semaphores = new ConcurrentHashMap<>();
    private ToIntFunction<String> permits;
    private int retryAfterSeconds;

    /** For the CDI proxy. */
    ConcurrencyLimiter() {
    }

    @Inject
    ConcurrencyLimiter(HttpLimitsConfig config) {
        this(name -> config.concurrency().getOrDefault(name, config.concurrencyDefault()), config.retryAfter());
    }

    /**
     * @param permits           the permits of a name (read once, when the name is first used; at least 1)
     * @param retryAfterSeconds the {@code Retry-After} of a refusal
     */
    public ConcurrencyLimiter(ToIntFunction<String> permits, int retryAfterSeconds) {
        this.permits = permits;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * Runs {@code work} holding a permit of {@code name}.
     *
     * @throws ProblemException 429 with {@code Retry-After} when every permit of {@code name} is taken
     */
    public <T> T run(String name, Supplier<T> work) {
        try (Permit ignored = acquire(name)) {
            return work.get();
        }
    }

    /**
     * Takes a permit of {@code name}, to be closed when the work is done (also when it fails): for work that outlives
     * the resource method, such as a {@link StreamingOutput}. Prefer {@link #streaming} for that case.
     *
     * @throws ProblemException 429 with {@code Retry-After} when every permit of {@code name} is taken
     */
    public Permit acquire(String name) {
        Semaphore semaphore = semaphore(name);
        if (!semaphore.tryAcquire()) {
            throw ProblemException.tooManyRequests(retryAfterSeconds, limit(name) == 1 ? "common.http.busy.one" : "common.http.busy",
                    limit(name), name, retryAfterSeconds);
        }
        return new Permit(semaphore);
    }

    /**
     * A streamed body that holds a permit of {@code name} from now (a 429 is thrown here, before any response starts)
     * until the body is written or writing fails. If the container never writes the body the permit is not returned,
     * so return the result from the resource method at once.
     */
    public StreamingOutput streaming(String name, StreamingOutput body) {
        Permit permit = acquire(name);
        return new StreamingOutput() {
            @Override
            public void write(OutputStream output) throws IOException {
                try (permit) {
                    body.write(output);
                }
            }
        };
    }

    /** Permits of {@code name} free now. */
    public int available(String name) {
        return semaphore(name).availablePermits();
    }

    /** Permits of {@code name} in all. */
    public int limit(String name) {
        return Math.max(1, permits.applyAsInt(name));
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private Semaphore semaphore(String name) {
        return semaphores.computeIfAbsent(name, n -> new Semaphore(limit(n)));
    }

    /** A held permit; closing it (once or more) returns it. */
    public static final class Permit implements AutoCloseable {

        private final Semaphore semaphore;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(Semaphore semaphore) {
            this.semaphore = semaphore;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                semaphore.release();
            }
        }
    }
}
