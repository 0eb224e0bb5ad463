package cn.tongyou.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Transactional outbox and relay settings ({@code cfc.outbox.*}). */
@ConfigMapping(prefix = "cfc.outbox")
public interface OutboxConfig {

    /** Whether this instance runs the relay at all (writes always go to the outbox). */
    @WithDefault("true")
    boolean relayEnabled();

    /** CloudEvents {@code source} of every event this service publishes, e.g. {@code /tongyou/facility-service}. */
    @WithDefault("/tongyou")
    String source();

    /**
     * How often the relay looks for unpublished rows (a scheduler duration). Quarkus' scheduler checks its triggers
     * once a second, so shorter intervals are not honoured (it warns at start); a poll drains everything pending.
     */
    @WithDefault("1s")
    String pollInterval();

    /** How often the backlog figures (pending, parked, oldest pending age) are recounted for metrics and readiness. */
    @WithDefault("2s")
    String figuresInterval();

    /** Wait after start-up before the first poll. */
    @WithDefault("1s")
    String startDelay();

    /**
     * Rows read, published and marked per batch at most; the next batch is read while one is in flight. Measured on
     * the village import's 617,514 events (2026-12-04): 1,000 drained about 20,000 events/s, 5,000 about 26,500, the
     * relay waiting mostly on PostgreSQL, whose per-statement and per-commit costs a larger batch spreads.
     */
    @WithDefault("5000")
    int batchSize();

    /**
     * Bytes of payload (in jsonb's text form, as sent) per batch at most, so that two batches of large events (one in
     * flight, one read ahead) stay far below the heap: a batch ends before the row that would start beyond it, and
     * holds at least one row.
     */
    @WithDefault("16777216")
    long batchBytes();

    /** First wait after a failed publish; doubles on each further failure. */
    @WithDefault("PT1S")
    Duration initialBackoff();

    @WithDefault("PT30S")
    Duration maxBackoff();

    /** Partitions of the topics the relay creates (compacted: a topic is a replayable table of aggregates). */
    @WithDefault("6")
    int topicPartitions();

    @WithDefault("true")
    boolean createTopics();

    /** How long published rows are kept for inspection before the cleanup job deletes them. */
    @WithDefault("P7D")
    Duration retention();

    /**
     * Largest event the outbox accepts, in bytes as the relay sends it: the payload in PostgreSQL's jsonb text form
     * plus key and CloudEvents headers. A write whose event is larger is refused (422, nothing written). The default,
     * 900 KiB, stays below what Kafka accepts by default (the broker's {@code message.max.bytes} and a topic's
     * {@code max.message.bytes} of about 1 MiB, the producer's {@code max.request.size} of 1 MiB), leaving room for
     * the record and batch framing and for numbers jsonb writes out longer than they came in.
     */
    @WithDefault("921600")
    int maxEventBytes();

    /**
     * Refusals that cannot heal (too large, not authorised on the topic, not serialisable) after which a row is
     * parked in {@code outbox_parked} and the rows after it go on.
     */
    @WithDefault("5")
    int parkAfterAttempts();

    /** Kafka producer's upper bound for one send before the relay gives up and backs off. */
    @WithDefault("PT15S")
    Duration deliveryTimeout();
}
