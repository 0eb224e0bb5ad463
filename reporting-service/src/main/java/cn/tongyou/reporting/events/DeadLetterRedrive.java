package cn.tongyou.reporting.events;

import cn.tongyou.common.events.CloudEventHeaders;
import cn.tongyou.common.kafka.KafkaClientSettings;
import cn.tongyou.reporting.domain.DeadLetterEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the dead-letter topic and re-applies a dead letter once its cause is fixed (a projection constraint relaxed, a
 * new event type understood after an upgrade): the original record — its topic, partition, offset, key, value and
 * headers, from the dead letter's headers — goes through {@link ProjectionConsumer#reapply}, the consumer's own path,
 * so the projection's version rule makes a second re-drive change nothing. The topic is read by assignment, without a
 * consumer group, so reading it moves no committed position.
 */
@ApplicationScoped
public class DeadLetterRedrive {

    /** The most dead letters a list reads (the newest ones); the topic keeps them 7 days. */
    static final int MAX_LISTED = 10_000;
    private static final Duration POLL = Duration.ofSeconds(10);

    /** A dead letter and how its re-drive went: the counts of the store, or why it is still refused. */
    public record Outcome(DeadLetterEntry letter, int applied, int stale, String refusal) {
    }

    @Inject
    KafkaClientSettings clients;

    @Inject
    ProjectionConsumer consumer;

    @ConfigProperty(name = "cfc.reporting.dlq-topic")
    String topic;

    /** The dead letters on the topic, newest first (at most {@link #MAX_LISTED}). */
    public List<DeadLetterEntry> list() {
        List<DeadLetterEntry> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> kafka = consumer()) {
            List<TopicPartition> partitions = partitions(kafka);
            if (partitions.isEmpty()) {
                return List.of();
            }
            kafka.assign(partitions);
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, POLL);
            Map<TopicPartition, Long> starts = kafka.beginningOffsets(partitions, POLL);
            for (TopicPartition tp : partitions) {
                kafka.seek(tp, Math.max(starts.get(tp), ends.get(tp) - MAX_LISTED));
            }
            Instant deadline = Instant.now().plus(POLL);
            while (!reachedEnd(kafka, partitions, ends) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : kafka.poll(Duration.ofMillis(500))) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        letters.add(entry(r));
                    }
                }
            }
        }
        letters.sort(Comparator.comparing(DeadLetterEntry::deadLetteredAt).reversed());
        return letters.size() <= MAX_LISTED ? letters : letters.subList(0, MAX_LISTED);
    }

    /** The dead letter at that position, if the topic still has it. */
    public Optional<ConsumerRecord<String, byte[]>> read(int partition, long offset) {
        try (KafkaConsumer<String, byte[]> kafka = consumer()) {
            TopicPartition tp = new TopicPartition(topic, partition);
            if (partitions(kafka).stream().noneMatch(tp::equals)) {
                return Optional.empty();
            }
            kafka.assign(List.of(tp));
            long start = kafka.beginningOffsets(List.of(tp), POLL).get(tp);
            long end = kafka.endOffsets(List.of(tp), POLL).get(tp);
            if (offset < start || offset >= end) {
                return Optional.empty();
            }
            kafka.seek(tp, offset);
            Instant deadline = Instant.now().plus(POLL);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : kafka.poll(Duration.ofMillis(500))) {
                    if (r.offset() == offset) {
                        return Optional.of(r);
                    }
                    if (r.offset() > offset) {
                        return Optional.empty();
                    }
                }
            }
            throw new IllegalStateException("the dead letter " + partition + "-" + offset + " could not be read within " + POLL);
        }
    }

    public DeadLetterEntry entry(ConsumerRecord<String, byte[]> r) {
        return new DeadLetterEntry(r.partition() + "-" + r.offset(), r.partition(), r.offset(),
                Instant.ofEpochMilli(r.timestamp()), header(r, DeadLetterPublisher.REASON),
                header(r, DeadLetterPublisher.TOPIC), intOrNull(header(r, DeadLetterPublisher.PARTITION)),
                longOrNull(header(r, DeadLetterPublisher.OFFSET)), r.key(), header(r, CloudEventHeaders.TYPE),
                header(r, CloudEventHeaders.ID), longOrNull(header(r, CloudEventHeaders.AGGREGATE_VERSION)),
                r.value() == null ? 0 : r.value().length);
    }

    /** Applies the dead letter's original record through the consumer's path. */
    public Outcome redrive(ConsumerRecord<String, byte[]> letter) {
        DeadLetterEntry entry = entry(letter);
        if (entry.originalTopic() == null) {
            return new Outcome(entry, 0, 0, "the dead letter does not name its original topic");
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header h : letter.headers()) {
            if (!h.key().startsWith("dead-letter-")) {
                headers.add(h);
            }
        }
        ConsumerRecord<String, byte[]> original = new ConsumerRecord<>(entry.originalTopic(),
                entry.originalPartition() == null ? -1 : entry.originalPartition(),
                entry.originalOffset() == null ? -1 : entry.originalOffset(), letter.timestamp(), TimestampType.CREATE_TIME,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, letter.key(), letter.value(), headers, Optional.empty());
        ProjectionConsumer.Reapplied result = consumer.reapply(original);
        if (result.refusal() != null) {
            return new Outcome(entry, 0, 0, result.refusal());
        }
        return new Outcome(entry, result.applied().applied() + result.applied().tombstoned(),
                result.applied().stale() + result.applied().unknownTombstones(), null);
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka) {
        List<PartitionInfo> infos = kafka.partitionsFor(topic, POLL);
        return infos == null ? List.of() : infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions,
            Map<TopicPartition, Long> ends) {
        return partitions.stream().allMatch(tp -> kafka.position(tp) >= ends.get(tp));
    }

    private KafkaConsumer<String, byte[]> consumer() {
        // The admin client's settings are the broker connection and security every client shares.
        Map<String, Object> config = clients.admin();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "reporting-service-dead-letter-reader");
        return new KafkaConsumer<>(config);
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Integer intOrNull(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longOrNull(String s) {
        try {
            return s == null ? null : Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
