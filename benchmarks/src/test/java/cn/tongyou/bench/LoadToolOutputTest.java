package cn.tongyou.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The figures the table is made of, read from wrk's and pgbench's own reports as they print them. */
class LoadToolOutputTest {

    @Test
    void wrkReportWithTimeoutsAndErrorAnswersCountsBothAsErrors() {
        Bench.LoadResult r = Wrk.parse(List.of(
                "Running 10s test @ http://127.0.0.1:8081",
                "  2 threads and 200 connections",
                "  Thread Stats   Avg      Stdev     Max   +/- Stdev",
                "    Latency    95.12ms   40.01ms   1.99s    75.00%",
                "    Req/Sec     0.99k   203.11     2.00k    70.00%",
                "  Latency Distribution",
                "     50%  812.00us",
                "     75%   12.81ms",
                "     90%   16.74ms",
                "     99%    1.20s",
                "  19812 requests in 10.01s, 24.58MB read",
                "  Socket errors: connect 0, read 1, write 0, timeout 272",
                "  Non-2xx or 3xx responses: 5",
                "Requests/sec:   1979.22",
                "Transfer/sec:      2.46MB"));

        assertThat(r.perSecond()).as("the answers in time only: 19,812 less 272 timeouts and 5 errors")
                .isCloseTo(1979.22 * 19535 / 19812, within(1e-9));
        assertThat(r.requests()).isEqualTo(19812);
        assertThat(r.p50Ms()).isCloseTo(0.812, within(1e-9));
        assertThat(r.p99Ms()).isCloseTo(1200, within(1e-9));
        assertThat(r.errors()).isEqualTo(278);
    }

    @Test
    void wrkRoundWhereEveryAnswerTimedOutHasNoRateAndNoLatency() {
        Bench.LoadResult r = Wrk.parse(List.of(
                "Running 5s test @ http://127.0.0.1:45833",
                "  2 threads and 200 connections",
                "  Thread Stats   Avg      Stdev     Max   +/- Stdev",
                "    Latency     0.00us    0.00us   0.00us    -nan%",
                "    Req/Sec   242.67    396.16   700.00     66.67%",
                "  Latency Distribution",
                "     50%    0.00us",
                "     75%    0.00us",
                "     90%    0.00us",
                "     99%    0.00us",
                "  200 requests in 5.07s, 193.79KB read",
                "  Socket errors: connect 0, read 0, write 0, timeout 200",
                "Requests/sec:     39.48",
                "Transfer/sec:     38.25KB"));

        assertThat(r.perSecond()).isZero();
        assertThat(r.errors()).isEqualTo(200);
        assertThat(r.p50Ms()).isNaN();
        assertThat(r.p99Ms()).isNaN();
    }

    @Test
    void wrkFailureIsNotAFigure() {
        assertThatThrownBy(() -> Wrk.parse(List.of("unable to connect to 127.0.0.1:1 Connection refused")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Connection refused");
    }

    @Test
    void pgbenchTpsFromTheReportAndPercentilesFromTheTransactionLogs(@TempDir Path dir) throws Exception {
        Path prefix = dir.resolve("tx");
        StringBuilder one = new StringBuilder();
        StringBuilder two = new StringBuilder();
        for (int i = 1; i <= 100; i++) {   // latencies 1..100 ms in µs, split over two threads' files
            (i % 2 == 0 ? one : two).append(i % 4).append(' ').append(i).append(' ').append(i * 1000)
                    .append(" 0 1764777600 123\n");
        }
        two.append("3 101 failed 0 1764777600 456\n");
        Files.writeString(dir.resolve("tx.4242"), one);
        Files.writeString(dir.resolve("tx.4242.1"), two);
        Files.writeString(dir.resolve("other.4242"), "0 1 999999999 0 1 1\n");

        Bench.LoadResult r = Pgbench.parse(List.of(
                "pgbench (15.14 (Debian 15.14-0+deb12u1), server 16.4)",
                "transaction type: /tmp/get-by-id.pgbench.sql",
                "number of clients: 32",
                "number of transactions actually processed: 100",
                "number of failed transactions: 1 (0.990%)",
                "latency average = 6.483 ms",
                "initial connection time = 12.345 ms",
                "tps = 4935.123456 (without initial connection time)"), prefix);

        assertThat(r.perSecond()).isEqualTo(4935.123456);
        assertThat(r.requests()).isEqualTo(100);
        assertThat(r.errors()).isEqualTo(1);
        assertThat(r.p50Ms()).isEqualTo(50.0);
        assertThat(r.p99Ms()).isEqualTo(99.0);
    }

    @Test
    void prometheusSeriesOfOneMetricAreSummedAndALongerNameIsAnotherMetric() {
        String exposition = """
                # HELP cfc_outbox_pending rows not yet published
                # TYPE cfc_outbox_pending gauge
                cfc_outbox_pending{topic="cfc.regions"} 617572.0
                cfc_outbox_pending{topic="cfc.facilities"} 3.0
                cfc_outbox_pending_oldest_seconds 12.5
                """;

        assertThat(Metrics.sum(exposition, "cfc_outbox_pending")).isEqualTo(617575.0);
        assertThat(Metrics.sum(exposition, "cfc_outbox_pending_oldest_seconds")).isEqualTo(12.5);
        assertThat(Metrics.sum(exposition, "cfc_relay_published")).isNaN();
    }

    @Test
    void tableShowsTheRatioAndWhetherTheGoalIsMet() {
        String table = Table.render(List.of(
                new Row("GET /api/v1/facilities/{id}, 32 conn, warm", "req/s", 1250, 5000, "pgbench | 32 clients", true,
                        "≥ 0.5", false, 9.63, 28.3, 251, "rounds 1,203/1,250"),
                new Row("start to ready: facility-service", "s", 4.4, 2.2, "minimal app", false, "≥ 0.5", true,
                        Double.NaN, Double.NaN, 240, "")));

        assertThat(table.lines().toList()).containsSubsequence(Table.HEADER,
                "| GET /api/v1/facilities/{id}, 32 conn, warm | 1,250 req/s | 5,000 req/s — pgbench \\| 32 clients | 0.25"
                        + " | ≥ 0.5 | ✗ | 9.6 ms | 28.3 ms | 251 | rounds 1,203/1,250 |",
                "| start to ready: facility-service | 4.40 s | 2.20 s — minimal app | 0.50 | ≥ 0.5 | ✓ | — | — | 240 |  |");
    }
}
