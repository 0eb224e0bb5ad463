package cn.tongyou.reporting.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Webhook deliveries ({@code cfc.webhooks.*}). */
@ConfigMapping(prefix = "cfc.webhooks")
public interface WebhookSettings {

    /** Plain http is accepted only to a loopback address, and only when this is true (tests, a local receiver). */
    @WithDefault("false")
    boolean allowHttp();

    /** Wait after the first failed attempt; doubles with every further failure up to {@link #maxBackoff}. */
    @WithDefault("PT30S")
    Duration initialBackoff();

    @WithDefault("PT6H")
    Duration maxBackoff();

    /** Attempts before a delivery is dead (listed, re-drivable). */
    @WithDefault("8")
    int maxAttempts();

    /** How often the worker looks for due deliveries (a scheduler duration, read by the {@code @Scheduled} method). */
    @WithDefault("10s")
    String pollInterval();

    @WithDefault("PT5S")
    Duration connectTimeout();

    /** Upper bound of one request, answer included. */
    @WithDefault("PT10S")
    Duration requestTimeout();

    /** Deliveries claimed per poll. */
    @WithDefault("50")
    int batchSize();
}
