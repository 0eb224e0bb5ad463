package cn.tongyou.reporting.events;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.reporting.domain.EventDecoder;
import cn.tongyou.reporting.store.ProjectionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import cn.tongyou.common.kafka.KafkaClientSettings;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Consumer lag per topic as the gauge {@code reporting.consumer.lag{topic}} and in the readiness data, refreshed every
 * {@code cfc.reporting.lag-interval} (1 s): for each partition, its end offset minus the next offset to apply — the
 * group's committed offset, or the offset after the last one the projections recorded in their own transaction
 * ({@code consumer_position}) when that is further, since the connector commits only every
 * {@code auto.commit.interval.ms} after the write — or minus the partition's first offset when neither exists yet
 * (as {@code auto.offset.reset=earliest} starts there). So the lag reaches 0 within one refresh of the last write. Each topic is measured on its
 * own: a topic that does not exist yet has lag 0 and is listed as absent; a topic the broker cannot describe, or a
 * broker that does not answer, gives -1. The dead-letter count is the gauge {@code reporting.dlq.events}. Lag never
 * makes the service unready: a rebuilding service still answers, from older data.
 */
@Startup // the gauges exist from the start, not from the first scrape of the health check
@ApplicationScoped
public class ConsumerMonitor {

    private static final Logger LOG = Logger.getLogger(ConsumerMonitor.class);
    public static final long UNKNOWN = -1;
    private static final long TIMEOUT_SECONDS = 5;

    /** Lag per topic (-1 unknown) and the topics that do not exist on the broker. */
    public record Lag(Map<String, Long> perTopic, Set<String> absent) {
    }

    @Inject
    MeterRegistry registry;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    KafkaClientService kafka;

    @Inject
    KafkaClientSettings clients;

    @Inject
    ProjectionStore store;

    @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.group.id", defaultValue = "reporting-service")
    String configuredGroup;

    private final Map<String, AtomicLong> gauges = new LinkedHashMap<>();
    private volatile Lag last;
    private Admin admin;

    @PostConstruct
    void gauges() {
        Map<String, Long> unknown = new LinkedHashMap<>();
        for (EventDecoder.TopicSpec t : EventDecoder.TOPICS) {
            AtomicLong holder = new AtomicLong(UNKNOWN);
            gauges.put(t.topic(), holder);
            unknown.put(t.topic(), UNKNOWN);
            registry.gauge("reporting.consumer.lag", Tags.of("topic", t.topic()), holder, AtomicLong::doubleValue);
        }
        last = new Lag(unknown, Set.of());
        registry.gauge("reporting.dlq.events", deadLetters, DeadLetterPublisher::published);
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }

    /**
     * Who else consumes in this instance's group: the members the broker lists whose member id is not one of this
     * instance's consumers', and the group's state. {@code others} empty and state {@code STABLE} (or {@code EMPTY})
     * means this instance reads every partition alone.
     */
    public record Membership(String group, String state, int ownConsumers, int notJoined, List<String> others) {

        /** Why a rebuild must not run now, or null when this instance is alone in a settled group. */
        public Message conflict() {
            if (notJoined > 0) {
                return Message.of(notJoined == 1 ? "reporting.rebuild.not-joined.one" : "reporting.rebuild.not-joined",
                        notJoined, group);
            }
            if (!others.isEmpty()) {
                return Message.of(others.size() == 1 ? "reporting.rebuild.others.one" : "reporting.rebuild.others",
                        others.size(), group, String.join(", ", others));
            }
            if (!"STABLE".equals(state) && !"EMPTY".equals(state)) {
                return Message.of("reporting.rebuild.rebalancing", group, state);
            }
            return null;
        }
    }

    /**
     * Describes the consumer group now (Kafka AdminClient {@code describeConsumerGroups}) and tells this instance's
     * consumers (by member id) from any other member.
     *
     * @throws IllegalStateException when the broker does not answer
     */
    public Membership membership() {
        String group = group();
        Set<String> own = new LinkedHashSet<>();
        int notJoined = 0;
        for (String channel : kafka.getConsumerChannels()) {
            KafkaConsumer<Object, Object> c = kafka.getConsumer(channel);
            if (c == null) {
                notJoined++;
                continue;
            }
            Function<Consumer<Object, Object>, String> memberId =
                    k -> k.groupMetadata().memberId();
            String member = c.runOnPollingThread(memberId).await().atMost(Duration.ofSeconds(30));
            if (member != null && !member.isEmpty()) {
                own.add(member);
            } else {
                notJoined++;
            }
        }
        ConsumerGroupDescription description;
        try {
            synchronized (this) {
                description = admin().describeConsumerGroups(List.of(group)).describedGroups().get(group)
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing consumer group " + group, e);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not describe consumer group " + group + ": " + e, e);
        }
        List<String> others = new ArrayList<>();
        for (MemberDescription m : description.members()) {
            if (!own.contains(m.consumerId())) {
                others.add(m.clientId() + "@" + m.host());
            }
        }
        GroupState state = description.groupState();
        return new Membership(group, state == null ? "UNKNOWN" : state.name(), own.size(), notJoined, List.copyOf(others));
    }

    /** The last measurement (every topic -1 until the first one). */
    public Lag lag() {
        return last;
    }

    @Scheduled(every = "${cfc.reporting.lag-interval:1s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void refresh() {
        Map<String, Long> applied;
        try {
            applied = store.positions();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("applied positions unknown: %s", e.toString());
            applied = Map.of();
        }
        Lag lag = measure(group(), gauges.keySet(), applied);
        lag.perTopic().forEach((topic, l) -> gauges.get(topic).set(l));
        last = lag;
    }

    /**
     * The group the channels actually consume with: read from a live consumer's configuration (a channel may
     * override the connector's group), else the configured one.
     */
    String group() {
        for (String channel : kafka.getConsumerChannels()) {
            KafkaConsumer<Object, Object> c = kafka.getConsumer(channel);
            Object id = c == null ? null : c.configuration().get("group.id");
            if (id != null) {
                return id.toString();
            }
        }
        return configuredGroup;
    }

    /** Lag of {@code group} on each of {@code topics}, measured now from its committed offsets alone. */
    synchronized Lag measure(String group, Collection<String> topics) {
        return measure(group, topics, Map.of());
    }

    /**
     * Lag of {@code group} on each of {@code topics}, measured now; {@code applied} holds the highest offset already
     * written to the projections per "topic/partition", counted as consumed even before the group commits it.
     */
    synchronized Lag measure(String group, Collection<String> topics, Map<String, Long> applied) {
        Map<String, Long> result = new LinkedHashMap<>();
        Set<String> absent = new LinkedHashSet<>();
        topics.forEach(t -> result.put(t, UNKNOWN));
        try {
            Admin a = admin();
            Map<TopicPartition, OffsetAndMetadata> committed = a.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, List<TopicPartition>> partitions = new LinkedHashMap<>();
            a.describeTopics(topics).topicNameValues().forEach((topic, future) -> {
                try {
                    TopicDescription d = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    partitions.put(topic, d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        absent.add(topic);
                        result.put(topic, 0L);
                    } else {
                        LOG.debugf("lag of %s unknown: %s", topic, e.getCause());
                    }
                } catch (Exception e) {
                    LOG.debugf("lag of %s unknown: %s", topic, e);
                }
            });
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
            partitions.values().forEach(list -> list.forEach(tp -> {
                ends.put(tp, OffsetSpec.latest());
                OffsetAndMetadata c = committed.get(tp);
                if (c == null && !applied.containsKey(tp.topic() + "/" + tp.partition())) {
                    starts.put(tp, OffsetSpec.earliest());
                }
            }));
            ListOffsetsResult endOffsets = a.listOffsets(ends);
            ListOffsetsResult startOffsets = starts.isEmpty() ? null : a.listOffsets(starts);
            partitions.forEach((topic, list) -> {
                try {
                    long sum = 0;
                    for (TopicPartition tp : list) {
                        long end = offset(endOffsets.partitionResult(tp));
                        OffsetAndMetadata c = committed.get(tp);
                        Long written = applied.get(tp.topic() + "/" + tp.partition());
                        long from = c != null ? c.offset() : written != null ? written + 1 : offset(startOffsets.partitionResult(tp));
                        if (written != null) {
                            from = Math.max(from, written + 1);
                        }
                        sum += Math.max(0, end - from);
                    }
                    result.put(topic, sum);
                } catch (Exception e) {
                    LOG.debugf("lag of %s unknown: %s", topic, e);
                }
            });
        } catch (Exception e) {
            LOG.debugf("consumer lag unknown: %s", e.toString());
            topics.forEach(t -> result.put(t, UNKNOWN));
            absent.clear();
        }
        return new Lag(result, Set.copyOf(absent));
    }

    private static long offset(KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo> f) throws Exception {
        return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).offset();
    }

    private Admin admin() {
        if (admin == null) {
            // the same broker settings (bootstrap, security) as the connector's channels
            Map<String, Object> config = clients.admin();
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            admin = Admin.create(config);
        }
        return admin;
    }
}
