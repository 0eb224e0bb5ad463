package cn.tongyou.common.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HttpLimitsConfigTest {

    private static HttpLimitsConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withMapping(HttpLimitsConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(HttpLimitsConfig.class);
    }

    @Test
    void defaults() {
        HttpLimitsConfig limits = config(Map.of());
        assertThat(limits.maxJsonBody().asLongValue()).isEqualTo(1024 * 1024);
        assertThat(limits.maxBulkBody().asLongValue()).isEqualTo(256L * 1024 * 1024);
        assertThat(limits.routeLimits()).isEmpty();
        assertThat(limits.concurrency()).isEmpty();
        assertThat(limits.concurrencyDefault()).isEqualTo(2);
        assertThat(limits.retryAfter()).isEqualTo(5);
    }

    @Test
    void routeLimitsAndConcurrencyByName() {
        HttpLimitsConfig limits = config(Map.of(
                "cfc.http.route-limits.\"/plans/import\"", "32M",
                "cfc.http.concurrency.compliance", "3",
                "cfc.http.concurrency-default", "1",
                "cfc.http.retry-after", "10"));
        assertThat(limits.routeLimits()).containsOnlyKeys("/plans/import");
        assertThat(limits.routeLimits().get("/plans/import").asLongValue()).isEqualTo(32L * 1024 * 1024);
        assertThat(limits.concurrency()).containsEntry("compliance", 3);
        assertThat(limits.concurrencyDefault()).isEqualTo(1);
        assertThat(limits.retryAfter()).isEqualTo(10);
    }
}
