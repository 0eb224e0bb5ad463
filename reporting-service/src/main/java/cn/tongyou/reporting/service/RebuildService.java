package cn.tongyou.reporting.service;

import cn.tongyou.reporting.events.EventDecoder;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rebuild: empties every projection and the recorded positions, then seeks this instance's consumers to the beginning
 * of their partitions. The topics are compacted, so the replay reads the latest event of every aggregate (and the
 * tombstones still retained); since an event applies only when newer, records in flight during the reset cannot leave
 * a different state than a clean replay. Run it with one instance in the group (see the README).
 */
@ApplicationScoped
public class RebuildService {

    private static final Logger LOG = Logger.getLogger(RebuildService.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KafkaClientService kafka;

    public record Result(List<String> tablesReset, List<String> partitionsReplayed) {
    }

    public Result rebuild() {
        List<String> tables = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                StringBuilder sql = new StringBuilder("truncate consumer_position");
                for (EventDecoder.TopicSpec t : EventDecoder.TOPICS) {
                    sql.append(", ").append(t.table());
                    tables.add(t.table());
                }
                s.execute(sql.toString());
            } catch (Exception e) {
                throw new IllegalStateException("resetting the projections failed", e);
            }
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
