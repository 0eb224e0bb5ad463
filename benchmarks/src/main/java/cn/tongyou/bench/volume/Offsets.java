package cn.tongyou.bench.volume;

import cn.tongyou.bench.Bench;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A topic's offsets and a consumer group's committed position on it, as the broker reports them. */
public final class Offsets implements AutoCloseable {

    /** reporting-service's consumer group (its {@code mp.messaging.connector.smallrye-kafka.group.id}). */
    public static final String REPORTING_GROUP = "reporting-service";

    private final Admin admin;

    public Offsets(Bench bench) {
        Properties p = new Properties();
        p.putAll(bench.kafkaAdminProperties());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        admin = Admin.create(p);
    }

    public List<TopicPartition> partitions(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic).partitions()
                .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    public Map<TopicPartition, Long> ends(String topic) throws Exception {
        return offsets(topic, OffsetSpec.latest());
    }

    public Map<TopicPartition, Long> beginnings(String topic) throws Exception {
        return offsets(topic, OffsetSpec.earliest());
    }

    private Map<TopicPartition, Long> offsets(String topic, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = partitions(topic).stream()
                .collect(Collectors.toMap(tp -> tp, tp -> spec));
        Map<TopicPartition, Long> result = new HashMap<>();
        admin.listOffsets(request).all().get(15, TimeUnit.SECONDS).forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    /** Records between the beginning and the end of the topic (what a reader from the beginning reads). */
    public long records(String topic) throws Exception {
        Map<TopicPartition, Long> begin = beginnings(topic);
        return ends(topic).entrySet().stream().mapToLong(e -> e.getValue() - begin.getOrDefault(e.getKey(), 0L)).sum();
    }

    /** End offsets minus the group's committed offsets on the topic (a partition without a commit counts whole). */
    public long lag(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends(topic).entrySet()) {
            OffsetAndMetadata c = committed.get(end.getKey());
            lag += Math.max(0, end.getValue() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
