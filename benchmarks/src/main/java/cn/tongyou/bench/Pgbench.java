package cn.tongyou.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * pgbench (Debian package {@code postgresql-client}) as the SQL floor: a custom script, prepared statements (as the
 * services' JDBC driver runs them), no vacuum, and a per-transaction log ({@code -l}) from which the percentiles come —
 * pgbench's report has only the average.
 */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("^tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    private Pgbench() {
    }

    static List<String> command(String host, int port, String user, String database, Path script, int clients,
                                Duration duration, Path logPrefix) {
        return List.of("pgbench", "-h", host, "-p", Integer.toString(port), "-U", user,
                "-n",                                  // no vacuum of pgbench's own tables: the script uses none
                "-M", "prepared",
                "-f", script.toString(),
                "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(2, clients)),
                "-T", Long.toString(duration.toSeconds()),
                "-l", "--log-prefix=" + logPrefix,
                database);
    }

    /** The figures of a pgbench report and its per-transaction logs (files starting with {@code logPrefix}). */
    static Bench.LoadResult parse(List<String> output, Path logPrefix) throws IOException {
        double tps = Double.NaN;
        long processed = -1;
        long failed = 0;
        for (String line : output) {
            Matcher m;
            if ((m = TPS.matcher(line)).find()) {
                tps = Double.parseDouble(m.group(1));
            } else if ((m = PROCESSED.matcher(line)).find()) {
                processed = Long.parseLong(m.group(1));
            } else if ((m = FAILED.matcher(line)).find()) {
                failed = Long.parseLong(m.group(1));
            }
        }
        if (Double.isNaN(tps) || processed < 0) {
            throw new IllegalStateException("not a pgbench report:" + System.lineSeparator()
                    + String.join(System.lineSeparator(), output));
        }
        double[] latencies = latenciesMs(logPrefix);
        return new Bench.LoadResult(tps, percentile(latencies, 50), percentile(latencies, 99), processed, failed,
                List.copyOf(output));
    }

    /** The third field of each line of pgbench's transaction logs: the latency in µs ({@code client tx µs script …}). */
    static double[] latenciesMs(Path logPrefix) throws IOException {
        String prefix = logPrefix.getFileName().toString() + ".";
        List<Path> files;
        try (Stream<Path> list = Files.list(logPrefix.getParent())) {
            files = list.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
        }
        List<Double> values = new ArrayList<>();
        for (Path file : files) {
            try (Stream<String> lines = Files.lines(file)) {
                lines.forEach(line -> {
                    String[] fields = line.trim().split("\\s+");
                    // a failed or skipped transaction has a word here; only completed ones have a latency
                    if (fields.length >= 3 && fields[2].matches("\\d+")) {
                        values.add(Long.parseLong(fields[2]) / 1000.0);
                    }
                });
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The nearest-rank percentile, NaN of nothing. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
