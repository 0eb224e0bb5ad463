package cn.tongyou.reporting.events;

import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.local.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
class ConsumingTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    ProjectionConsumer consumer;

    @Test
    void everyExampleIsProjected() {
        try (Events events = new Events()) {
            for (EventDecoder.TopicSpec t : EventDecoder.TOPICS) {
                var data = Events.example(t.changedType(), n -> {});
                events.send(t.changedType(), data);
                String id = data.path(t.idField()).asText();
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
        long before = consumer.deadLettered();
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
        assertThat(consumer.deadLettered() - before).isGreaterThanOrEqualTo(3);
        List<ConsumerRecord<String, byte[]>> dlq = TopicReader.readUntil(PlatformTestResource.kafka().bootstrapServers(),
                "cfc.reporting.dead-letter", seen -> seen.stream().filter(r -> id.equals(r.key())).count() >= 3, Duration.ofSeconds(30));
        List<String> reasons = dlq.stream().filter(r -> id.equals(r.key()))
                .map(r -> header(r, "dead-letter-reason")).toList();
        assertThat(reasons).hasSize(3);
        assertThat(reasons.get(0)).contains("not JSON");
        assertThat(reasons.get(1)).contains("schema");
        assertThat(reasons.get(2)).contains("does not belong on cfc.facilities");
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
