package cn.tongyou.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Product and anchor alternated in the same minutes — warm-up of each first (not reported), then A B A B … — so that
 * the noise of a shared machine falls on both sides alike; each side is reported as the median of its rounds.
 */
final class Alternation {

    /** One side's load round. */
    @FunctionalInterface
    interface Round {
        Bench.LoadResult run(Duration duration) throws Exception;
    }

    /** The measured rounds of both sides (the anchor's list is empty when the path has none). */
    record Outcome(List<Bench.LoadResult> product, List<Bench.LoadResult> anchor) {

        Bench.LoadResult productMedian() {
            return median(product);
        }

        Bench.LoadResult anchorMedian() {
            return anchor.isEmpty() ? null : median(anchor);
        }

        /** The rounds as text for the table's note: {@code rounds 1,203/1,250/1,190 vs 4,900/5,010/4,870}. */
        String spread() {
            String s = "rounds " + join(product);
            return anchor.isEmpty() ? s : s + " vs " + join(anchor);
        }

        long errors() {
            return product.stream().mapToLong(Bench.LoadResult::errors).sum();
        }

        private static String join(List<Bench.LoadResult> results) {
            List<String> parts = new ArrayList<>();
            results.forEach(r -> parts.add(String.format(Locale.ROOT, "%,.0f", r.perSecond())));
            return String.join("/", parts);
        }
    }

    private Alternation() {
    }

    /**
     * Warm-up of the product and the anchor, then {@code rounds} rounds of each, alternated.
     *
     * @param anchor null when the path has no anchor (then only the product's rounds run)
     */
    static Outcome run(Bench bench, String what, Settings settings, Round product, Round anchor) throws Exception {
        bench.log(what + ": warm-up " + settings.warmup().toSeconds() + " s");
        product.run(settings.warmup());
        if (anchor != null) {
            anchor.run(settings.warmup());
        }
        List<Bench.LoadResult> a = new ArrayList<>();
        List<Bench.LoadResult> b = new ArrayList<>();
        for (int i = 1; i <= settings.rounds(); i++) {
            Bench.LoadResult p = product.run(settings.round());
            a.add(p);
            String line = String.format(Locale.ROOT, "%s: round %d product %,.0f/s p99 %.1f ms errors %d", what, i,
                    p.perSecond(), p.p99Ms(), p.errors());
            if (anchor != null) {
                Bench.LoadResult q = anchor.run(settings.round());
                b.add(q);
                line += String.format(Locale.ROOT, " | anchor %,.0f/s p99 %.1f ms", q.perSecond(), q.p99Ms());
            }
            bench.log(line);
        }
        return new Outcome(a, b);
    }

    /** The round whose throughput is the median (the lower middle of an even count), with its own latencies. */
    static Bench.LoadResult median(List<Bench.LoadResult> results) {
        Bench.LoadResult[] sorted = results.toArray(new Bench.LoadResult[0]);
        Arrays.sort(sorted, (x, y) -> Double.compare(x.perSecond(), y.perSecond()));
        return sorted[(sorted.length - 1) / 2];
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Durations and round count of the load scenarios: {@code BENCH_WARMUP_SECONDS} (60: the cold-start line shows a restarted service needs about a minute of load before its JIT has compiled the read path), {@code BENCH_ROUND_SECONDS}
     * (10), {@code BENCH_ROUNDS} (3), from the environment, so that a quick look can run shorter.
     */
    record Settings(Duration warmup, Duration round, int rounds) {

        static Settings fromEnvironment() {
            return new Settings(Duration.ofSeconds(intEnv("BENCH_WARMUP_SECONDS", 60)),
                    Duration.ofSeconds(intEnv("BENCH_ROUND_SECONDS", 10)), intEnv("BENCH_ROUNDS", 3));
        }

        private static int intEnv(String name, int defaultValue) {
            String value = System.getenv(name);
            if (value == null || value.isBlank()) {
                return defaultValue;
            }
            int n = Integer.parseInt(value.trim());
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be at least 1");
            }
            return n;
        }
    }
}
