package cn.tongyou.reporting.service;

import cn.tongyou.reporting.events.ConsumerMonitor;
import cn.tongyou.reporting.events.DeadLetterPublisher;
import cn.tongyou.reporting.store.ProjectionStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Administration of the projections: their consumers' state, and the rebuild. A rebuild empties every projection and
 * the recorded positions, then seeks this instance's consumers to the beginning of their partitions. The topics are
 * compacted, so the replay reads the latest event of every aggregate (and the tombstones still retained); since an
 * event applies only when newer, records in flight during the reset cannot leave a different state than a clean
 * replay. Run it with one instance in the group (see the README).
 */
@ApplicationScoped
public class ProjectionAdminService {

    private static final Logger LOG = Logger.getLogger(ProjectionAdminService.class);

    @Inject
    ProjectionStore store;

    @Inject
    KafkaClientService kafka;

    @Inject
    ConsumerMonitor monitor;

    @Inject
    DeadLetterPublisher deadLetters;

    public record Result(List<String> tablesReset, List<String> partitionsReplayed) {
    }

    /** Lag per topic (-1 unknown), the topics not created yet, and the events dead-lettered since start. */
    public record Status(Map<String, Long> lag, Set<String> absentTopics, long deadLettered) {
    }

    public Status status() {
        ConsumerMonitor.Lag lag = monitor.lag();
        return new Status(lag.perTopic(), lag.absent(), deadLetters.published());
    }

    public Result rebuild() {
        List<String> tables = QuarkusTransaction.requiringNew().call(store::reset);
        List<String> partitions = new ArrayList<>();
        for (String channel : kafka.getConsumerChannels()) {
            KafkaConsumer<Object, Object> consumer = kafka.getConsumer(channel);
            if (consumer == null) {
                continue;
            }
            Set<TopicPartition> assigned = consumer.runOnPollingThread(k -> {
                Set<TopicPartition> a = k.assignment();
                k.seekToBeginning(a);
                return a;
            }).await().atMost(Duration.ofSeconds(30));
            assigned.forEach(tp -> partitions.add(tp.topic() + "/" + tp.partition()));
        }
        LOG.infof("rebuild: %d projections reset, replaying %d partitions", tables.size(), partitions.size());
        return new Result(tables, partitions.stream().sorted().toList());
    }
}
