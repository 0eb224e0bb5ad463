package cn.tongyou.bench.volume;

import cn.tongyou.bench.Metrics;

import cn.tongyou.bench.Bench;
import cn.tongyou.common.events.Topics;
import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches the backlog a bulk write leaves, from the write's commit until reporting-service has it: every
 * {@value #PERIOD_MS} ms the unpublished outbox rows (SQL, the truth: the entries of {@code outbox_pending}, which the
 * relay removes in the transaction that marks the row published; {@code published_at is null} has no index to use and
 * would read the whole outbox twice a second, slowing the drain it measures), the relay's {@code cfc_outbox_pending} gauge
 * (what an operator sees), reporting-service's committed lag on {@code cfc.regions} (broker) and the lag its status
 * endpoint shows. Started by {@code VillageImportScenario} the moment the import answers, read by the relay and
 * consumer scenarios.
 */
public final class DrainWatch {

    static final long PERIOD_MS = 500;
    /** A progress line every this many samples (10 s): a drain of a few minutes should not look hung. */
    static final int PROGRESS_EVERY = 20;
    static final String FACILITY = "facility-service";
    static final String REPORTING = "reporting-service";
    /** How long after the first of the group and the lag endpoint reached 0 the other may take before the watch gives up on it. */
    static final Duration ENDPOINT_GRACE = Duration.ofSeconds(60);

    /** One look at the backlog; -1 where a figure could not be read. */
    public record Sample(Instant at, long unpublished, double gauge, long groupLag, long endpointLag) {
    }

    /** What the watch saw: every sample, and the first moments each backlog was gone (empty when never). */
    public record Result(Instant start, List<Sample> samples, Optional<Instant> drained, Optional<Instant> groupCaughtUp,
                         Optional<Instant> endpointZero, boolean timedOut) {

        /** Highest gauge value read while SQL still showed unpublished rows. */
        public double maxGaugeWhilePending() {
            return samples.stream().filter(s -> s.unpublished() > 0).mapToDouble(Sample::gauge).filter(g -> !Double.isNaN(g))
                    .max().orElse(Double.NaN);
        }

        public long maxUnpublished() {
            return samples.stream().mapToLong(Sample::unpublished).max().orElse(-1);
        }

        public long samplesWhilePending() {
            return samples.stream().filter(s -> s.unpublished() > 0).count();
        }

        /** Distinct gauge values read while rows were pending: 1 means it did not move. */
        public long distinctGaugeValuesWhilePending() {
            return samples.stream().filter(s -> s.unpublished() > 0).map(Sample::gauge).distinct().count();
        }

        public long maxEndpointLag() {
            return samples.stream().mapToLong(Sample::endpointLag).max().orElse(-1);
        }
    }

    private final Bench bench;
    private final Instant start;
    private final Duration timeout;
    private final CompletableFuture<Result> result = new CompletableFuture<>();

    private DrainWatch(Bench bench, Instant start, Duration timeout) {
        this.bench = bench;
        this.start = start;
        this.timeout = timeout;
    }

    /** Starts watching now, on its own thread. */
    public static DrainWatch start(Bench bench, Duration timeout) {
        DrainWatch w = new DrainWatch(bench, Instant.now(), timeout);
        Thread t = new Thread(w::watch, "drain-watch");
        t.setDaemon(true);
        t.start();
        return w;
    }

    public Instant startedAt() {
        return start;
    }

    /** Waits for the watch to end (all caught up, or its timeout). */
    public Result await() throws Exception {
        return result.get(timeout.toSeconds() + 60, TimeUnit.SECONDS);
    }

    private void watch() {
        List<Sample> samples = new ArrayList<>();
        Instant drained = null;
        Instant caughtUp = null;
        Instant endpointZero = null;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = Calls.connect(bench); Offsets offsets = new Offsets(bench)) {
            while (System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                Instant at = Instant.now();
                long unpublished = safely(() -> Calls.queryLong(c,
                        "select count(*) from facility.outbox_pending"));
                double gauge = gauge();
                long groupLag = safely(() -> offsets.lag(Offsets.REPORTING_GROUP, Topics.REGIONS));
                long endpointLag = safely(this::endpointLag);
                samples.add(new Sample(at, unpublished, gauge, groupLag, endpointLag));
                if (samples.size() % PROGRESS_EVERY == 0) {
                    bench.log(String.format(java.util.Locale.ROOT, "drain: %3d s — outbox %,d unpublished (gauge %.0f),"
                                    + " reporting lag %,d (endpoint %,d)", Duration.between(start, at).toSeconds(),
                            unpublished, gauge, groupLag, endpointLag));
                }
                // a backlog counts as gone only after the one before it: before the relay publishes, the lag is 0 too
                if (drained == null && unpublished == 0) {
                    drained = at;
                }
                if (drained != null && caughtUp == null && groupLag == 0) {
                    caughtUp = at;
                }
                // the endpoint and the group's commits are watched side by side: the endpoint counts what the
                // projections recorded, so it may reach 0 before the group commits (throttled) — or after
                if (drained != null && endpointZero == null && endpointLag == 0) {
                    endpointZero = at;
                }
                // one that never reaches 0 is a finding, not a reason to wait the whole timeout
                Instant first = caughtUp == null ? endpointZero
                        : endpointZero == null || caughtUp.isBefore(endpointZero) ? caughtUp : endpointZero;
                if (caughtUp != null && endpointZero != null
                        || first != null && Duration.between(first, at).compareTo(ENDPOINT_GRACE) > 0) {
                    result.complete(new Result(start, samples, Optional.of(drained), Optional.ofNullable(caughtUp),
                            Optional.ofNullable(endpointZero), false));
                    return;
                }
                Calls.sleep(Math.max(0, PERIOD_MS - (System.nanoTime() - t0) / 1_000_000));
            }
            result.complete(new Result(start, samples, Optional.ofNullable(drained), Optional.ofNullable(caughtUp),
                    Optional.ofNullable(endpointZero), true));
        } catch (Exception | Error e) {
            result.completeExceptionally(e);
        }
    }

    private double gauge() {
        try {
            Calls.Answer a = Calls.getText(bench, FACILITY, "/q/metrics");
            return a.ok() ? Metrics.sum(a.body(), "cfc_outbox_pending") : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private long endpointLag() throws Exception {
        JsonNode status = Calls.getJson(bench, REPORTING, "/api/v1/projections/status");
        JsonNode lag = status.path("lag").path(Topics.REGIONS);
        return lag.isNumber() ? lag.asLong() : -1;
    }

    private interface Reading {
        long read() throws Exception;
    }

    private static long safely(Reading r) {
        try {
            return r.read();
        } catch (Exception e) {
            return -1;
        }
    }
}
