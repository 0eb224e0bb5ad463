package cn.tongyou.reporting.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumer lag per topic (end offsets minus the group's committed offsets, refreshed every 10 s) as the gauge
 * {@code reporting.consumer.lag{topic}}, and both lag and dead-letter counts in the readiness check's data. Lag never
 * makes the service unready: a rebuilding service still answers, from older data.
 */
@ApplicationScoped
public class ConsumerMonitor {

    private static final Logger LOG = Logger.getLogger(ConsumerMonitor.class);

    @Inject
    MeterRegistry registry;

    @Inject
    ProjectionConsumer consumer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.group.id", defaultValue = "reporting-service")
    String group;

    private final Map<String, AtomicLong> lag = new LinkedHashMap<>();
    private volatile Admin admin;

    @PostConstruct
    void gauges() {
        for (EventDecoder.TopicSpec t : EventDecoder.TOPICS) {
            AtomicLong holder = new AtomicLong(-1);
            lag.put(t.topic(), holder);
            registry.gauge("reporting.consumer.lag", Tags.of("topic", t.topic()), holder, AtomicLong::doubleValue);
        }
        registry.gauge("reporting.dlq.events", consumer, c -> c.deadLettered());
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }

    /** Lag per topic, -1 when unknown (broker unreachable). */
    public Map<String, Long> lag() {
        Map<String, Long> result = new LinkedHashMap<>();
        lag.forEach((k, v) -> result.put(k, v.get()));
        return result;
    }

    @Scheduled(every = "10s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        try {
            if (admin == null) {
                admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000));
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            admin.describeTopics(lag.keySet()).allTopicNames().get(5, TimeUnit.SECONDS).forEach((topic, d) ->
                    d.partitions().forEach(p -> ask.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(ask).all().get(5, TimeUnit.SECONDS);
            Map<String, Long> sums = new HashMap<>();
            ends.forEach((tp, end) -> {
                OffsetAndMetadata c = committed.get(tp);
                sums.merge(tp.topic(), Math.max(0, end.offset() - (c == null ? 0 : c.offset())), Long::sum);
            });
            lag.forEach((topic, holder) -> holder.set(sums.getOrDefault(topic, -1L)));
        } catch (Exception e) {
            LOG.debugf("consumer lag unknown: %s", e.toString());
            lag.values().forEach(h -> h.set(-1));
        }
    }
}
