package cn.tongyou.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * What a scenario gets from the harness: the running stack and the field-standard load tools.
 */
public interface Bench {

    /** The repository root (the shared data is {@code sharedDir()}). */
    Path repo();

    Path sharedDir();

    /** A service's base URL, e.g. {@code http://localhost:8081} for {@code facility-service}. */
    URI service(String module);

    /** A bearer token of a nationwide administrator (every read and write allowed). */
    String adminToken();

    /** JDBC URL, user and password of a superuser of the stack's PostgreSQL (schemas facility, indicator, task, reporting). */
    String jdbcUrl();

    String jdbcUser();

    String jdbcPassword();

    /** Kafka client properties (bootstrap servers and, on the secure broker, the admin user's TLS/SCRAM settings). */
    Properties kafkaAdminProperties();

    /** PID of a service's JVM, for its resident memory and restarts. */
    long pid(String module);

    /** Resident memory (VmRSS) of a process in MB. */
    double rssMb(long pid);

    /** Stops a service and starts it again with extra environment; returns when it is ready, with the time it took. */
    Duration restart(String module, java.util.Map<String, String> extraEnvironment) throws Exception;

    /** wrk against a URL with the admin token: connections, duration; a Lua script may pick the request. */
    LoadResult wrk(URI url, int connections, Duration duration, Path luaScript) throws Exception;

    /** pgbench with a custom script file against the stack's database: clients, duration. */
    LoadResult pgbench(Path script, int clients, Duration duration) throws Exception;

    /** A scratch directory of this run (scripts, JFR files). */
    Path workDir();

    /** Prints a progress line (not part of the table). */
    void log(String line);

    /**
     * The value of a Prometheus metric of a service's {@code /q/metrics} (e.g. {@code cfc_outbox_pending}): the sum over
     * its series (every label set), NaN when the service does not expose it.
     */
    default double metric(String module, String name) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(service(module).resolve("/q/metrics"))
                        .timeout(Duration.ofSeconds(10)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(module + " /q/metrics answered " + response.statusCode());
        }
        return Metrics.sum(response.body(), name);
    }

    /** Throughput and latency of one load round. */
    record LoadResult(double perSecond, double p50Ms, double p99Ms, long requests, long errors, List<String> raw) {
    }
}
