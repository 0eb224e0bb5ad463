package cn.tongyou.system;

import cn.tongyou.local.testing.SharedData;
import cn.tongyou.local.testing.TopicReader;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static cn.tongyou.system.Platform.INDICATOR;
import static cn.tongyou.system.Platform.REPORTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A provincial system pushes 东昌府区's (371502) 2025 values in one CSV batch with an Idempotency-Key, does not see
 * the answer and sends the same request again: it gets the same answer, marked as replayed, and nothing is written twice —
 * not in indicator-service, not on Kafka, not in the snapshot. The same key with another body is refused.
 */
@ExtendWith(ServiceLogsOnFailure.class)
class IdempotentBatchTest {

    static final String REGION = "371502";
    static final String KEY = "sd-371502-2025-batch-0001";

    @Test
    void aRetriedBatchWritesNothingTwice() throws Exception {
        Platform platform = Platform.get();
        String coordinator = Http.coordinator(REGION);
        String province = Http.integration(REGION);
        Regions.importCounty(REGION);
        Http.as(coordinator, INDICATOR).body(SharedData.readCatalogue("004_")).post("/api/v1/catalog/import")
                .then().statusCode(200);
        // the plan: 每千名儿童拥有儿科执业（助理）医生 ≥ 0.85 名、床位 ≥ 2.2 张 (curated indicator codes)
        String doctors = "paediatricians-per-1000-children";
        String beds = "paediatric-beds-per-1000-children";
        String csv = "indicator,region,period,value,source\n"
                + doctors + "," + REGION + ",2025,0.92,区卫健局年报\n"
                + beds + "," + REGION + ",2025,2.05,区卫健局年报\n";

        Response first = Http.csv(province, INDICATOR, csv).header("Idempotency-Key", KEY).post("/api/v1/observations/batch");
        first.then().statusCode(200).body("inserted", equalTo(2)).body("rejected", equalTo(0));
        Response retry = Http.csv(province, INDICATOR, csv).header("Idempotency-Key", KEY).post("/api/v1/observations/batch");
        retry.then().statusCode(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
        Http.csv(province, INDICATOR, csv.replace("2.05", "2.15")).header("Idempotency-Key", KEY)
                .post("/api/v1/observations/batch").then().statusCode(422);

        JsonPath stored = Http.as(coordinator, INDICATOR).queryParam("region", REGION).queryParam("size", 100)
                .get("/api/v1/observations").then().statusCode(200).extract().jsonPath();
        assertThat(stored.getInt("total")).isEqualTo(2);
        assertThat(stored.getList("items.version", Integer.class)).containsExactly(1, 1);
        Http.as(coordinator, INDICATOR).body("{\"region\":\"" + REGION + "\",\"period\":\"2025\"}")
                .post("/api/v1/observations/approvals").then().statusCode(200).body("approved", equalTo(2));
        platform.awaitCaughtUp();

        // on the wire: per value its creation and its approval, no more
        Set<String> ids = Set.copyOf(stored.getList("items.id"));
        Map<String, Long> events = observationEvents().stream().filter(r -> ids.contains(r.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(events).isEqualTo(ids.stream().collect(Collectors.toMap(id -> id, id -> 2L)));

        JsonPath snapshot = Http.as(coordinator, REPORTING).body("{\"region\":\"" + REGION + "\",\"period\":\"2025\"}")
                .post("/api/v1/snapshots").then().statusCode(201).extract().jsonPath();
        Map<String, Object> d = snapshot.getMap("targets.find { it.indicatorCode == '" + doctors + "' }");
        Map<String, Object> b = snapshot.getMap("targets.find { it.indicatorCode == '" + beds + "' }");
        assertThat(new BigDecimal(d.get("value").toString())).isEqualByComparingTo("0.92");
        assertThat(d.get("status")).isEqualTo("MET");
        assertThat(new BigDecimal(b.get("value").toString())).isEqualByComparingTo("2.05");
        assertThat(b.get("status")).isEqualTo("NOT_MET");
    }

    /** Every record of cfc.observations, read from the beginning up to the current end. */
    private static List<ConsumerRecord<String, byte[]>> observationEvents() throws Exception {
        Platform platform = Platform.get();
        String topic = "cfc.observations";
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < platform.partitions(topic); p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long end = platform.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(i -> i.offset()).sum();
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(platform.adminClientSettings(), topic,
                seen -> seen.size() >= end, Duration.ofSeconds(30));
        assertThat(records).as("records of %s", topic).hasSize((int) end);
        return records;
    }
}
