package cn.tongyou.reporting.events;

import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.local.testing.TopicReader;
import cn.tongyou.reporting.domain.EventDecoder;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
class ConsumingTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    DeadLetterPublisher deadLetters;

    @Test
    void everyExampleIsProjected() {
        try (Events events = new Events()) {
            for (EventDecoder.TopicSpec t : EventDecoder.TOPICS) {
                var data = Events.example(t.changedType(), n -> {});
                events.send(t.changedType(), data);
                String id = t.idOf(data);
                Db.await(ds, Objects::nonNull, "select version from " + t.table() + " where id = ? and not deleted", id);
            }
        }
        assertThat(Db.value(ds, "select data->>'name' from region_projection where id = '410182101000'")).isEqualTo("京城路街道");
        assertThat(Db.value(ds, "select count(*) from consumer_position")).isNotEqualTo("0");
    }

    @Test
    void olderAndEqualVersionsAreIgnoredAndDeletionSticks() {
        String id = UUID.randomUUID().toString();
        try (Events events = new Events()) {
            events.send("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                n.put("id", id);
                n.put("version", 5);
                n.put("name", "五号");
            }));
            Db.await(ds, "五号"::equals, "select data->>'name' from facility_projection where id = ?", id);
            events.send("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                n.put("id", id);
                n.put("version", 4);
                n.put("name", "四号");
            }));
            events.send("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                n.put("id", id);
                n.put("version", 5);
                n.put("name", "重复");
            }));
            events.send("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                n.put("id", id);
                n.put("version", 6);
                n.put("name", "六号");
            }));
            // same key, same partition: once 6 is in, 4 and the duplicate 5 have been seen and ignored
            Db.await(ds, "六号"::equals, "select data->>'name' from facility_projection where id = ?", id);
            events.send("cfc.facility.deleted.v1", Events.example("cfc.facility.deleted.v1", n -> {
                n.put("id", id);
                n.put("version", 7);
            }));
            events.tombstone("cfc.facilities", id);
            var late = events.send("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                n.put("id", id);
                n.put("version", 6);
                n.put("name", "迟到");
            }));
            // the late, older event has been consumed once the partition's position reaches it
            Db.await(ds, v -> v != null && Long.parseLong(v) >= late.offset(),
                    "select kafka_offset from consumer_position where kafka_topic = ? and kafka_partition = ?", late.topic(), late.partition());
        }
        assertThat(Db.value(ds, "select deleted::text from facility_projection where id = ?", id)).isEqualTo("true");
        assertThat(Db.value(ds, "select version from facility_projection where id = ?", id)).isEqualTo("7");
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndConsumptionContinues() {
        String id = UUID.randomUUID().toString();
        long before = deadLetters.published();
        try (Events events = new Events()) {
            events.sendRaw("cfc.facilities", id, "cfc.facility.changed.v1", "1", "{not json".getBytes(StandardCharsets.UTF_8));
            events.send("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                n.put("id", id);
                n.put("version", 2);
                n.put("status", "demolished");
            }));
            events.sendRaw("cfc.facilities", id, "cfc.plan.changed.v1", "1", "{}".getBytes(StandardCharsets.UTF_8));
            events.send("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                n.put("id", id);
                n.put("version", 3);
                n.put("name", "好的");
            }));
            Db.await(ds, "好的"::equals, "select data->>'name' from facility_projection where id = ?", id);
        }
        // the dead letters go out after the batch's last write commits, so the count may trail the position a moment
        Db.until(() -> deadLetters.published() - before >= 3, Duration.ofSeconds(30));
        assertThat(deadLetters.published() - before).isGreaterThanOrEqualTo(3);
        List<ConsumerRecord<String, byte[]>> dlq = TopicReader.readUntil(PlatformTestResource.kafka().bootstrapServers(),
                "cfc.reporting.dead-letter", seen -> seen.stream().filter(r -> id.equals(r.key())).count() >= 3, Duration.ofSeconds(30));
        List<String> reasons = dlq.stream().filter(r -> id.equals(r.key()))
                .map(r -> header(r, "dead-letter-reason")).toList();
        assertThat(reasons).hasSize(3);
        assertThat(reasons.get(0)).contains("not JSON");
        assertThat(reasons.get(1)).contains("schema");
        assertThat(reasons.get(2)).contains("does not belong on cfc.facilities");
    }

    @Test
    void aBatchIsAppliedPerAggregateInOffsetOrder() {
        String x = UUID.randomUUID().toString();
        String y = UUID.randomUUID().toString();
        Future<RecordMetadata> lastX;
        Future<RecordMetadata> lastY;
        try (Events events = new Events()) {
            // sent without waiting: the consumer receives them in one or a few batches
            for (int v = 1; v <= 20; v++) {
                int version = v;
                events.sendLater("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                    n.put("id", x);
                    n.put("version", version);
                    n.put("name", "第" + version + "版");
                }));
            }
            events.sendLater("cfc.facility.deleted.v1", Events.example("cfc.facility.deleted.v1", n -> {
                n.put("id", x);
                n.put("version", 21);
            }));
            events.tombstoneLater("cfc.facilities", x);
            lastX = events.sendLater("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                n.put("id", x);
                n.put("version", 20);
                n.put("name", "迟到");
            }));
            for (int v : new int[]{3, 1, 2, 3}) {
                lastY = events.sendLater("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                    n.put("id", y);
                    n.put("version", v);
                    n.put("name", "版本" + v);
                }));
            }
            lastY = events.sendLater("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                n.put("id", y);
                n.put("version", 2);
                n.put("name", "旧");
            }));
            events.flush();
            awaitConsumed(lastX);
            awaitConsumed(lastY);
        }
        assertThat(Db.value(ds, "select version || ' ' || deleted from facility_projection where id = ?", x)).isEqualTo("21 true");
        assertThat(Db.value(ds, "select version || ' ' || (data->>'name') from facility_projection where id = ?", y)).isEqualTo("3 版本3");
    }

    @Test
    void poisonInABatchIsDeadLetteredAndTheRestOfTheBatchApplied() {
        String good = UUID.randomUUID().toString();
        String poison = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        long before = deadLetters.published();
        Double gaugeBefore = Metrics.value("reporting_dlq_events", "");
        try (Events events = new Events()) {
            events.sendLater("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                n.put("id", good);
                n.put("version", 1);
            }));
            events.sendRawLater("cfc.facilities", poison, "cfc.facility.changed.v1", "1", "[1, 2".getBytes(StandardCharsets.UTF_8));
            // valid JSON and valid against the schema, but jsonb cannot hold U+0000: the database refuses this one record
            events.sendLater("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                n.put("id", refused);
                n.put("version", 1);
                n.put("name", "坏\u0000名");
            }));
            Future<RecordMetadata> last = events.sendLater("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                n.put("id", good);
                n.put("version", 2);
                n.put("name", "之后");
            }));
            events.flush();
            awaitConsumed(last);
        }
        assertThat(Db.value(ds, "select version || ' ' || (data->>'name') from facility_projection where id = ?", good)).isEqualTo("2 之后");
        assertThat(Db.value(ds, "select count(*) from facility_projection where id = ?", refused)).isEqualTo("0");
        Db.until(() -> deadLetters.published() - before >= 2, Duration.ofSeconds(30));
        assertThat(deadLetters.published() - before).isEqualTo(2);
        List<ConsumerRecord<String, byte[]>> dlq = TopicReader.readUntil(PlatformTestResource.kafka().bootstrapServers(),
                "cfc.reporting.dead-letter", seen -> seen.stream().filter(r -> poison.equals(r.key()) || refused.equals(r.key())).count() >= 2,
                Duration.ofSeconds(30));
        assertThat(dlq.stream().filter(r -> poison.equals(r.key())).map(r -> header(r, "dead-letter-reason")))
                .singleElement().asString().contains("not JSON");
        ConsumerRecord<String, byte[]> r = dlq.stream().filter(d -> refused.equals(d.key())).findFirst().orElseThrow();
        assertThat(header(r, "dead-letter-reason")).contains("the database refuses it", "Unicode");
        assertThat(header(r, "dead-letter-topic")).isEqualTo("cfc.facilities");
        assertThat(header(r, "ce_type")).isEqualTo("cfc.facility.changed.v1");
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains(refused);
        // the gauge reads the same count
        assertThat(Metrics.value("reporting_dlq_events", "") - (gaugeBefore == null ? 0 : gaugeBefore)).isEqualTo(2.0);
    }

    /** Waits until the consumer's recorded position reaches the record (it is then applied or dead-lettered). */
    private void awaitConsumed(Future<RecordMetadata> sent) {
        RecordMetadata m;
        try {
            m = sent.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Db.await(ds, v -> v != null && Long.parseLong(v) >= m.offset(),
                "select kafka_offset from consumer_position where kafka_topic = ? and kafka_partition = ?", m.topic(), m.partition());
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
