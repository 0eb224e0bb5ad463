package cn.tongyou.reporting.service;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.audit.AuditTrail;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
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
 * replay.
 *
 * <p>It empties every row but can seek only this instance's partitions, so it refuses (409, with the reason) while any
 * other member shares the consumer group, or while the group rebalances; the caller must be a nationwide admin (the
 * resource checks that). The reset and its audit record commit together.
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

    @Inject
    AuditTrail audit;

    public record Result(List<String> tablesReset, List<String> partitionsReplayed) {
    }

    /** Lag per topic (-1 unknown), the topics not created yet, and the events dead-lettered since start. */
    public record Status(Map<String, Long> lag, Set<String> absentTopics, long deadLettered) {
    }

    public Status status() {
        ConsumerMonitor.Lag lag = monitor.lag();
        return new Status(lag.perTopic(), lag.absent(), deadLetters.published());
    }

    /**
     * Empties the projections and replays this instance's partitions from the beginning.
     *
     * @throws ProblemException 409 when other consumers share the group (or it is rebalancing): they would keep
     *                          their partitions' positions, and the rows of those partitions would be lost
     */
    public Result rebuild() {
        ConsumerMonitor.Membership membership;
        try {
            membership = monitor.membership();
        } catch (IllegalStateException e) {
            throw new ProblemException(503, Problem.TYPE_BASE + "broker-unavailable",
                    Message.of("reporting.rebuild.title.broker"), Message.of("reporting.rebuild.broker", String.valueOf(e.getMessage())),
                    List.of());
        }
        Message conflict = membership.conflict();
        if (conflict != null) {
            LOG.warnf("rebuild refused: %s", conflict);
            throw ProblemException.conflict("reporting.rebuild.refused", conflict);
        }
        List<String> tables = QuarkusTransaction.requiringNew().call(() -> {
            List<String> reset = store.reset();
            audit.recordChange("projections", "rebuild", null, null, Map.of("tablesReset", reset,
                    "group", membership.group(), "consumers", membership.ownConsumers()), "rebuild: projections emptied, "
                    + "replay from the beginning");
            return reset;
        });
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
