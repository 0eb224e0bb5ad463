package cn.tongyou.common.http;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/**
 * Request limits ({@code cfc.http.*}); read at static init, where Quarkus REST builds its filters.
 *
 * <h2>Body size ({@link BodySizeLimitFilter})</h2>
 * The bytes actually read are counted, whether or not the request has a Content-Length (a chunked body included).
 * <ul>
 *   <li>{@code cfc.http.max-json-body} (default 1M): an ordinary JSON body;</li>
 *   <li>{@code cfc.http.max-bulk-body} (default 256M): a bulk body, i.e. CSV or plain text, or any body sent to a path
 *       ending in {@code /import} or {@code /batch};</li>
 *   <li>{@code cfc.http.route-limits."<path suffix>"}: a limit for the paths ending in that suffix, overriding both,
 *       e.g. {@code cfc.http.route-limits."/plans/import"=32M}. The suffix is matched against the request path
 *       without its query, with or without a leading slash; the longest matching suffix wins.</li>
 * </ul>
 * {@code quarkus.http.limits.max-body-size} stays the outer bound the HTTP layer applies before any of these.
 *
 * <h2>Concurrency ({@link ConcurrencyLimiter})</h2>
 * <ul>
 *   <li>{@code cfc.http.concurrency."<name>"}: how many calls of the named kind may run at once on one instance,
 *       e.g. {@code cfc.http.concurrency.compliance=2}, {@code cfc.http.concurrency.export=4};</li>
 *   <li>{@code cfc.http.concurrency-default} (default 2): the number for a name not configured;</li>
 *   <li>{@code cfc.http.retry-after} (default 5): the seconds a refused caller is told to wait
 *       ({@code Retry-After} of the 429).</li>
 * </ul>
 */
@StaticInitSafe
@ConfigMapping(prefix = "cfc.http")
public interface HttpLimitsConfig {

    /** Largest ordinary JSON body. */
    @WithDefault("1M")
    MemorySize maxJsonBody();

    /** Largest bulk import body (CSV or JSON array); 650,000 villages as CSV are about 45 MB. */
    @WithDefault("256M")
    MemorySize maxBulkBody();

    /** Body limits by path suffix, overriding {@link #maxJsonBody()} and {@link #maxBulkBody()}; empty by default. */
    Map<String, MemorySize> routeLimits();

    /** Permits by name for {@link ConcurrencyLimiter}; a name not listed gets {@link #concurrencyDefault()}. */
    Map<String, Integer> concurrency();

    /** Permits of a name {@link #concurrency()} does not list. */
    @WithDefault("2")
    int concurrencyDefault();

    /** Seconds in the {@code Retry-After} of a 429 from {@link ConcurrencyLimiter}. */
    @WithDefault("5")
    int retryAfter();
}
