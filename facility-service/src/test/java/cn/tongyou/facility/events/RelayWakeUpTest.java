package cn.tongyou.facility.events;

import cn.tongyou.facility.api.Tokens;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.local.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit wakes the relay: with the scheduled poll an hour away (and its first run too), a change's events still
 * reach Kafka, whichever way they were written — the bulk import's set-based SQL and a single change through the
 * outbox writer.
 */
@QuarkusTest
@TestProfile(RelayWakeUpTest.PollAnHourAway.class)
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class RelayWakeUpTest {

    public static class PollAnHourAway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cfc.outbox.poll-interval", "1h", "cfc.outbox.start-delay", "1h");
        }
    }

    /** A township of 荥阳市 no other test class uses (invented name, generated villages). */
    private static final String TOWNSHIP = "410182107";

    @Test
    void aCommittedImportAndALaterChangeArePublishedWithoutWaitingForThePoll() {
        given().header("Authorization", Tokens.admin()).contentType("text/csv; charset=UTF-8")
                .body("code,name,parentCode\n41,河南省,\n4101,郑州市,41\n410182,荥阳市,4101\n"
                        + TOWNSHIP + ",唤醒测试镇,410182\n")
                .post("/api/v1/regions/import").then().statusCode(200);
        given().header("Authorization", Tokens.admin()).contentType("text/csv; charset=UTF-8").queryParam("generated", true)
                .body("code,name,parentCode\n" + TOWNSHIP + "001,唤醒村1," + TOWNSHIP + "\n"
                        + TOWNSHIP + "002,唤醒村2," + TOWNSHIP + "\n")
                .post("/api/v1/regions/import").then().statusCode(200);
        assertThat(versions(read(Set.of(TOWNSHIP + "001", TOWNSHIP + "002"), 1L)))
                .containsEntry(TOWNSHIP + "001", Set.of(1L)).containsEntry(TOWNSHIP + "002", Set.of(1L));

        given().header("Authorization", Tokens.admin()).contentType("application/json")
                .body("{\"validTo\":\"2099-12-31\",\"reason\":\"wake-up test\"}")
                .post("/api/v1/regions/" + TOWNSHIP + "002/retire").then().statusCode(200);
        assertThat(versions(read(Set.of(TOWNSHIP + "002"), 2L))).containsEntry(TOWNSHIP + "002", Set.of(1L, 2L));
    }

    /** The topic's records until each key has the version; fails after 30 s (the poll would come after an hour). */
    private static List<ConsumerRecord<String, byte[]>> read(Set<String> keys, long version) {
        return TopicReader.readUntil(PlatformTestResource.kafka().bootstrapServers(), "cfc.regions",
                seen -> versions(seen).entrySet().stream().filter(e -> keys.contains(e.getKey()))
                        .filter(e -> e.getValue().contains(version)).count() == keys.size(),
                Duration.ofSeconds(30));
    }

    private static Map<String, Set<Long>> versions(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> r.key() != null && r.key().startsWith(TOWNSHIP) && r.value() != null)
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(r -> Long.parseLong(header(r, "ce_aggregateversion")), Collectors.toSet())));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
