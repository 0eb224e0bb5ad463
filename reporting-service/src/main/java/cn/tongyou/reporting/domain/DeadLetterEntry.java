package cn.tongyou.reporting.domain;

import java.time.Instant;

/**
 * A record on the dead-letter topic: where it lies there ({@code id} = "partition-offset"), where it came from, why it
 * was refused, and what it is.
 */
public record DeadLetterEntry(String id, int partition, long offset, Instant deadLetteredAt, String reason,
                              String originalTopic, Integer originalPartition, Long originalOffset, String key,
                              String eventType, String eventId, Long aggregateVersion, int valueBytes) {
}
