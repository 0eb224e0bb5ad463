package cn.tongyou.common.http;

import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.ProblemMappers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyLimiterTest {

    private final ConcurrencyLimiter limiter = new ConcurrencyLimiter(name -> Map.of("export", 1).getOrDefault(name, 2), 7);

    @Test
    void permitsAreSizedByName() {
        assertThat(limiter.limit("export")).isEqualTo(1);
        assertThat(limiter.limit("compliance")).isEqualTo(2);
        assertThat(new ConcurrencyLimiter(name -> 0, 5).limit("x")).as("at least one").isEqualTo(1);
    }

    @Test
    void beyondThePermitsA429WithRetryAfter() {
        try (ConcurrencyLimiter.Permit ignored = limiter.acquire("compliance");
             ConcurrencyLimiter.Permit ignored2 = limiter.acquire("compliance")) {
            assertThatThrownBy(() -> limiter.acquire("compliance")).isInstanceOfSatisfying(ProblemException.class, e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.type()).isEqualTo(Problem.TYPE_BASE + "too-many-requests");
                assertThat(e.getMessage()).contains("2 compliance requests").contains("retry in 7 seconds");
                assertThat(e.headers()).containsEntry("Retry-After", "7");
                Response response = ProblemMappers.respond(e, "/api/v1/compliance");
                assertThat(response.getStatus()).isEqualTo(429);
                assertThat(response.getHeaderString("Retry-After")).isEqualTo("7");
                assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
            });
            assertThat(limiter.acquire("export")).as("another name has its own permits").isNotNull();
        }
        assertThat(limiter.available("compliance")).isEqualTo(2);
    }

    @Test
    void runReturnsThePermitAlsoWhenTheWorkFails() {
        assertThat(limiter.run("export", () -> 42)).isEqualTo(42);
        assertThatThrownBy(() -> limiter.run("export", () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(limiter.available("export")).isEqualTo(1);
    }

    @Test
    void closingAPermitTwiceReturnsItOnce() {
        ConcurrencyLimiter.Permit permit = limiter.acquire("compliance");
        permit.close();
        permit.close();
        assertThat(limiter.available("compliance")).isEqualTo(2);
    }

    @Test
    void aStreamHoldsItsPermitUntilWritten() throws IOException {
        StreamingOutput body = limiter.streaming("export", out -> out.write("ok".getBytes()));
        assertThat(limiter.available("export")).isZero();
        assertThatThrownBy(() -> limiter.streaming("export", out -> {
        })).isInstanceOf(ProblemException.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.write(out);
        assertThat(out.toString()).isEqualTo("ok");
        assertThat(limiter.available("export")).isEqualTo(1);

        StreamingOutput failing = limiter.streaming("export", o -> {
            throw new IOException("client went away");
        });
        assertThatThrownBy(() -> failing.write(new ByteArrayOutputStream())).isInstanceOf(IOException.class);
        assertThat(limiter.available("export")).isEqualTo(1);
    }

    @Test
    void concurrentCallersNeverExceedThePermits() throws Exception {
        int callers = 8;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        limiter.run("compliance", () -> {
                            most.accumulateAndGet(running.incrementAndGet(), Math::max);
                            try {
                                Thread.sleep(50);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            running.decrementAndGet();
                            return null;
                        });
                    } catch (ProblemException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isLessThanOrEqualTo(2);
        assertThat(refused.get()).isGreaterThan(0);
        assertThat(limiter.available("compliance")).isEqualTo(2);
    }
}
