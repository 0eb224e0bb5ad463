package cn.tongyou.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk (Debian package {@code wrk}) as the HTTP load driver: the command line of one round and the figures of its
 * {@code --latency} report. Timed-out and non-2xx/3xx answers are errors: wrk counts them in its requests and its
 * rate, and leaves timed-out ones out of its latency distribution; the rate reported here is of the good answers only.
 */
final class Wrk {

    /** wrk's own default, written out: a request slower than this is a timeout (the figures used it). */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private Wrk() {
    }

    static List<String> command(URI url, int connections, Duration duration, Path luaScript, String token) {
        List<String> command = new ArrayList<>(List.of("wrk",
                "-t", Integer.toString(Math.min(2, connections)),   // wrk's threads: one per core of this machine
                "-c", Integer.toString(connections),
                "-d", duration.toSeconds() + "s",
                "--timeout", TIMEOUT.toSeconds() + "s",
                "--latency",
                "-H", "Authorization: Bearer " + token));
        if (luaScript != null) {
            command.add("-s");
            command.add(luaScript.toString());
        }
        command.add(url.toString());
        return command;
    }

    /** The figures of one wrk report; throws if it is not one (wrk failed). */
    static Bench.LoadResult parse(List<String> output) {
        double rate = Double.NaN;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        long requests = -1;
        long errors = 0;
        long failedAnswers = 0;
        for (String line : output) {
            Matcher m;
            if ((m = RATE.matcher(line)).find()) {
                rate = Double.parseDouble(m.group(1));
            } else if ((m = REQUESTS.matcher(line)).find()) {
                requests = Long.parseLong(m.group(1));
            } else if ((m = PERCENTILE.matcher(line)).find()) {
                double ms = millis(Double.parseDouble(m.group(2)), m.group(3));
                if (m.group(1).equals("50")) {
                    p50 = ms;
                } else {
                    p99 = ms;
                }
            } else if ((m = SOCKET_ERRORS.matcher(line)).find()) {
                for (int g = 1; g <= 4; g++) {
                    errors += Long.parseLong(m.group(g));
                }
                failedAnswers += Long.parseLong(m.group(4));
            } else if ((m = NON_2XX.matcher(line)).find()) {
                errors += Long.parseLong(m.group(1));
                failedAnswers += Long.parseLong(m.group(1));
            }
        }
        if (Double.isNaN(rate) || requests < 0) {
            throw new IllegalStateException("not a wrk report:" + System.lineSeparator() + String.join(
                    System.lineSeparator(), output));
        }
        long good = requests - failedAnswers;
        if (good <= 0) {
            // nothing answered in time: wrk prints a distribution of zeros, which is no latency
            p50 = Double.NaN;
            p99 = Double.NaN;
        }
        // wrk's rate counts timed-out and non-2xx answers too; the product's figure is what it answered in time
        double goodRate = requests == 0 ? 0 : rate * Math.max(0, good) / requests;
        return new Bench.LoadResult(goodRate, p50, p99, requests, errors, List.copyOf(output));
    }

    private static double millis(double value, String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }
}
