package cn.tongyou.common.http;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BodySizeLimitFilterTest {

    static HttpLimitsConfig limits(Map<String, MemorySize> routes) {
        return new HttpLimitsConfig() {
            public MemorySize maxJsonBody() {
                return size(1024 * 1024);
            }

            public MemorySize maxBulkBody() {
                return size(256L * 1024 * 1024);
            }

            public Map<String, MemorySize> routeLimits() {
                return routes;
            }

            public Map<String, Integer> concurrency() {
                return Map.of();
            }

            public int concurrencyDefault() {
                return 2;
            }

            public int retryAfter() {
                return 5;
            }
        };
    }

    static MemorySize size(long bytes) {
        return new MemorySize(BigInteger.valueOf(bytes));
    }

    @Test
    void ordinaryJsonGetsTheJsonLimit() {
        BodySizeLimitFilter.Limit limit = BodySizeLimitFilter.limitFor(limits(Map.of()), "/api/v1/facilities",
                MediaType.APPLICATION_JSON_TYPE);
        assertThat(limit.bytes()).isEqualTo(1024 * 1024);
        assertThat(limit.bulk()).isFalse();
        assertThat(limit.exceeded().getMessage()).contains("at most 1048576 bytes").contains("bulk import endpoints");
    }

    @Test
    void csvPlainImportAndBatchAreBulk() {
        HttpLimitsConfig config = limits(Map.of());
        assertThat(BodySizeLimitFilter.limitFor(config, "/api/v1/facilities", MediaType.valueOf("text/csv; charset=GBK")).bulk()).isTrue();
        assertThat(BodySizeLimitFilter.limitFor(config, "/api/v1/x", MediaType.TEXT_PLAIN_TYPE).bulk()).isTrue();
        assertThat(BodySizeLimitFilter.limitFor(config, "api/v1/facilities/import", MediaType.APPLICATION_JSON_TYPE).bytes())
                .isEqualTo(256L * 1024 * 1024);
        assertThat(BodySizeLimitFilter.limitFor(config, "/api/v1/observations/batch/", null).bulk()).isTrue();
        assertThat(BodySizeLimitFilter.limitFor(config, "/api/v1/imports", null).bulk()).isFalse();
    }

    @Test
    void aRouteLimitOverridesByPathSuffixLongestFirst() {
        HttpLimitsConfig config = limits(Map.of("/plans/import", size(32L * 1024 * 1024), "import", size(7),
                "/v1/plans/import", size(16L * 1024 * 1024)));
        BodySizeLimitFilter.Limit plans = BodySizeLimitFilter.limitFor(config, "/api/v1/plans/import", MediaType.APPLICATION_JSON_TYPE);
        assertThat(plans.bytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(plans.route()).isEqualTo("/v1/plans/import");
        assertThat(plans.exceeded().getMessage()).contains("paths ending in /v1/plans/import");
        assertThat(BodySizeLimitFilter.limitFor(config, "/api/v1/facilities/import", null).bytes()).isEqualTo(7);
        assertThat(BodySizeLimitFilter.limitFor(config, "/api/v1/reimport", null).route())
                .as("a suffix matches whole segments").isNull();
    }

    @Test
    void whichRequestsAreCountedWhileRead() {
        assertThat(BodySizeLimitFilter.mayHaveBody("POST", null)).isTrue();
        assertThat(BodySizeLimitFilter.mayHaveBody("PUT", null)).isTrue();
        assertThat(BodySizeLimitFilter.mayHaveBody("GET", null)).isFalse();
        assertThat(BodySizeLimitFilter.mayHaveBody("GET", "chunked")).isTrue();
        assertThat(BodySizeLimitFilter.contentLength(null)).isEqualTo(-1);
        assertThat(BodySizeLimitFilter.contentLength("5000000000")).isEqualTo(5_000_000_000L);
        assertThat(BodySizeLimitFilter.contentLength("x")).isEqualTo(-1);
    }
}
