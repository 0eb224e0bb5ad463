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

    /** How often the relay looks for unpublished rows, e.g. {@code 0.5s} (a scheduler duration). */
    @WithDefault("0.5s")
    String pollInterval();

    /** Wait after start-up before the first poll. */
    @WithDefault("1s")
    String startDelay();

    /** Rows published per Kafka round trip. */
    @WithDefault("1000")
    int batchSize();

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

    /** Kafka producer's upper bound for one send before the relay gives up and backs off. */
    @WithDefault("PT15S")
    Duration deliveryTimeout();
}
