package cn.tongyou.facility.events;

import cn.tongyou.common.events.EventSchemas;
import cn.tongyou.facility.api.Tokens;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.local.testing.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox end to end on a real broker: events reach Kafka as CloudEvents, and while the broker is down writes
 * still succeed and their events wait; once it is back every event arrives, each aggregate's in version order.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class OutboxDeliveryTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void eventsArriveAsCloudEventsKeyedByAggregate() throws Exception {
        ensureParents();
        importVillages("410182104", 1, 3, "甲");
        List<ConsumerRecord<String, byte[]>> records = read(keys("410182104", 1, 3), 1);
        ConsumerRecord<String, byte[]> record = records.stream()
                .filter(r -> r.key().equals("410182104001")).findFirst().orElseThrow();
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_type")).isEqualTo("cfc.region.changed.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/tongyou/facility-service");
        assertThat(header(record, "ce_subject")).isEqualTo("410182104001");
        assertThat(header(record, "ce_id")).isNotBlank();
        assertThat(Instant.parse(header(record, "ce_time"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        JsonNode data = MAPPER.readTree(record.value());
        assertThat(EventSchemas.validate("cfc.region.changed.v1", data)).isEmpty();
        assertThat(data.get("name").asText()).isEqualTo("甲村1");
        assertThat(data.get("generated").asBoolean()).isTrue();
    }

    @Test
    void writesSucceedWhileKafkaIsDownAndNoEventIsLostOrReordered() throws Exception {
        ensureParents();
        PlatformTestResource.kafka().stop();
        try {
            importVillages("410182105", 1, 150, "乙");
            importVillages("410182105", 1, 150, "丙"); // renames: version 2 of each
            // the relay keeps failing and backing off; nothing is marked published
            Thread.sleep(1500);
            assertThat(pendingFor("410182105%")).isEqualTo(300);
        } finally {
            PlatformTestResource.kafka().startAgain();
        }
        Instant deadline = Instant.now().plusSeconds(90);
        while (pendingFor("410182105%") > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(pendingFor("410182105%")).isZero();

        Set<String> keys = keys("410182105", 1, 150);
        List<ConsumerRecord<String, byte[]>> records = read(keys, 2);
        Map<String, List<Long>> versions = versionsByKey(records, keys);
        assertThat(versions).hasSize(150);
        versions.forEach((key, seen) -> {
            assertThat(seen).as(key).contains(1L, 2L);
            assertThat(seen).as(key).isSorted();
        });
        ConsumerRecord<String, byte[]> last = records.stream().filter(r -> r.key().equals("410182105150"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(MAPPER.readTree(last.value()).get("name").asText()).isEqualTo("丙村150");
    }

    /**
     * Large events: a batch ends at its byte budget (1 MiB in tests, {@code cfc.outbox.batch-bytes}), and the rows
     * after the cut follow in the same drain, once each and in order. One aggregate on a topic of its own, twelve
     * versions of about 200 KB, written in one transaction so that the relay finds them together.
     */
    @Test
    void aBatchEndsAtItsByteBudgetAndTheRowsAfterItFollowInOrder() throws Exception {
        String topic = "cfc.outbox-bytes-test";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into outbox_event (event_id, topic, event_type, aggregate_id, aggregate_version,"
                    + " payload, actor) select gen_random_uuid(), '" + topic + "', 'cfc.region.changed.v1', 'big-1', v,"
                    + " jsonb_build_object('version', v, 'pad', (select string_agg(md5(v::text || i::text), '')"
                    + " from generate_series(1, 6250) i)), 'outbox-bytes-test' from generate_series(1, 12) v order by v");
        }
        Instant deadline = Instant.now().plusSeconds(60);
        while (pendingFor("big-1") > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(pendingFor("big-1")).as("rows of the large aggregate left pending").isZero();
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(
                PlatformTestResource.kafka().bootstrapServers(), topic,
                seen -> versionsByKey(seen, Set.of("big-1")).getOrDefault("big-1", List.of()).contains(12L),
                Duration.ofSeconds(60));
        assertThat(versionsByKey(records, Set.of("big-1")).get("big-1"))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(records).allMatch(r -> r.value().length > 190_000);
    }

    private void ensureParents() {
        // the county and two townships of 荥阳市, as in the official tables (idempotent if already imported)
        given().header("Authorization", Tokens.admin()).contentType("text/csv; charset=UTF-8")
                .body("code,name,parentCode\n41,河南省,\n4101,郑州市,41\n410182,荥阳市,4101\n"
                        + "410182104,王村镇,410182\n410182105,汜水镇,410182\n")
                .post("/api/v1/regions/import").then().statusCode(200);
    }

    private void importVillages(String township, int from, int to, String prefix) {
        StringBuilder csv = new StringBuilder("code,name,parentCode\n");
        for (int i = from; i <= to; i++) {
            csv.append(township).append(String.format("%03d", i)).append(',').append(prefix).append("村").append(i)
                    .append(',').append(township).append('\n');
        }
        given().header("Authorization", Tokens.admin()).contentType("text/csv; charset=UTF-8").queryParam("generated", true)
                .body(csv.toString()).post("/api/v1/regions/import").then().statusCode(200);
    }

    private static Set<String> keys(String township, int from, int to) {
        Set<String> keys = new HashSet<>();
        for (int i = from; i <= to; i++) {
            keys.add(township + String.format("%03d", i));
        }
        return keys;
    }

    private static List<ConsumerRecord<String, byte[]>> read(Set<String> keys, long untilVersion) {
        return TopicReader.readUntil(PlatformTestResource.kafka().bootstrapServers(), "cfc.regions", seen -> {
            Map<String, List<Long>> versions = versionsByKey(seen, keys);
            return versions.size() == keys.size()
                    && versions.values().stream().allMatch(v -> v.contains(untilVersion));
        }, Duration.ofSeconds(60));
    }

    private static Map<String, List<Long>> versionsByKey(List<ConsumerRecord<String, byte[]>> records, Set<String> keys) {
        Map<String, List<Long>> versions = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            if (keys.contains(r.key()) && r.value() != null) {
                versions.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(Long.parseLong(header(r, "ce_aggregateversion")));
            }
        }
        return versions;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private long pendingFor(String pattern) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from outbox_event where published_at is null "
                     + "and aggregate_id like '" + pattern + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
