package cn.tongyou.system;

import cn.tongyou.local.ServiceProcess;
import cn.tongyou.local.testing.SharedData;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static cn.tongyou.system.Platform.FACILITY;
import static cn.tongyou.system.Platform.INDICATOR;
import static cn.tongyou.system.Platform.REPORTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * reporting-service dies (SIGKILL) while a provincial system imports 梅州市's 儿童之家 in batches, and comes back after
 * the import: events it had applied but not yet committed are delivered again, events published while it was down
 * wait on Kafka. After catching up the counts are exact — nothing lost, nothing counted twice, the later version of a
 * facility (suspended) wins over the earlier one (open).
 */
@ExtendWith(ServiceLogsOnFailure.class)
class ReportingRestartTest {

    static final String CITY = "441400";
    static final String COUNTY = "441402";
    static final int VILLAGES = 120;
    static final int BATCH = 10;
    /** The importer waits before this batch until reporting-service has been killed: the kill lands mid-import. */
    static final int KILL_BEFORE_BATCH = 4;
    static final int SUSPENDED = 10;

    @Test
    void killedMidImportItCatchesUpExactly() throws Exception {
        Platform platform = Platform.get();
        String coordinator = Http.coordinator(CITY);
        String province = Http.integration(CITY);
        String township = Regions.importCounty(COUNTY).get(0);
        List<String> villages = IntStream.rangeClosed(201, 200 + VILLAGES).mapToObj(i -> township + i).toList();
        StringBuilder csv = new StringBuilder("code,name,parentCode,urbanRuralCode\n");
        villages.forEach(v -> csv.append(v).append(",第").append(v.substring(9)).append("村,").append(township).append(",220\n"));
        Regions.importGeneric(csv.toString());
        // 梅州市's indicator table sets 城乡社区儿童之家覆盖率 ≥ 100% for 2025
        Http.as(coordinator, INDICATOR).body(SharedData.readCatalogue("002_")).post("/api/v1/catalog/import")
                .then().statusCode(200);
        platform.awaitCaughtUp();

        ServiceProcess reporting = platform.service(REPORTING);
        CountDownLatch killed = new CountDownLatch(1);
        CompletableFuture<Void> importer = CompletableFuture.runAsync(() -> {
            for (int b = 0; b * BATCH < VILLAGES; b++) {
                if (b == KILL_BEFORE_BATCH) {
                    await(killed);
                }
                importFacilities(province, villages.subList(b * BATCH, (b + 1) * BATCH), "open");
            }
            importFacilities(province, villages.subList(0, SUSPENDED), "suspended");
        });

        long applied = awaitCoveredAtLeast(coordinator, 1);
        reporting.kill();
        killed.countDown();
        assertThat(importer).as("the import goes on after the kill").isNotDone();
        importer.get(120, TimeUnit.SECONDS);
        reporting.start();
        reporting.awaitReady(Platform.READY_TIMEOUT);
        platform.awaitCaughtUp();

        JsonPath snapshot = Http.as(coordinator, REPORTING)
                .body("{\"region\":\"" + CITY + "\",\"period\":\"2025\",\"asOf\":\"2026-03-31\"}")
                .post("/api/v1/snapshots").then().statusCode(201).extract().jsonPath();
        List<String> suspended = villages.subList(0, SUSPENDED);
        assertThat(applied).as("covered villages when it was killed").isLessThanOrEqualTo(KILL_BEFORE_BATCH * BATCH);
        assertThat(snapshot.getLong("facilities[0].eligible")).isEqualTo(VILLAGES);
        assertThat(snapshot.getLong("facilities[0].covered")).isEqualTo(VILLAGES - SUSPENDED);
        assertThat(snapshot.getList("facilities[0].uncovered.code")).containsExactlyElementsOf(suspended);
        // 110 ÷ 120 = 91.67 %
        assertThat(new BigDecimal(snapshot.getString("targets.find { it.indicatorCode == 'children-home-coverage' }.value")))
                .isEqualByComparingTo("91.67");
        assertThat(snapshot.getString("targets.find { it.indicatorCode == 'children-home-coverage' }.status"))
                .isEqualTo("NOT_MET");

        JsonPath coverage = Http.as(coordinator, FACILITY).queryParam("region", CITY).queryParam("type", "children-home")
                .queryParam("level", "village").get("/api/v1/coverage").then().statusCode(200).extract().jsonPath();
        assertThat(coverage.getLong("eligible")).isEqualTo(VILLAGES);
        assertThat(coverage.getLong("covered")).isEqualTo(VILLAGES - SUSPENDED);
        assertThat(coverage.getList("uncovered.items.code")).containsExactlyElementsOf(suspended);
    }

    /** One request of the provincial system: a 儿童之家 per village, upserted by its externalId. */
    private static void importFacilities(String token, List<String> villages, String status) {
        StringBuilder csv = new StringBuilder("externalId,type,name,regionCode,lat,lng,status,openedOn,statusDate,"
                + "statusReason,checklist.venue,checklist.equipment,checklist.rules,checklist.staff,checklist.funding\n");
        for (String v : villages) {
            csv.append("mz-").append(v).append(",children-home,第").append(v.substring(9)).append("村儿童之家,").append(v)
                    .append(",24.29,116.12,").append(status).append(",2024-03-01,")
                    .append(status.equals("open") ? "2024-03-01,," : "2025-11-01,场地改造,")
                    .append("true,true,true,true,true\n");
        }
        Http.csv(token, FACILITY, csv.toString()).post("/api/v1/facilities/import")
                .then().statusCode(200).body("rejected", equalTo(0));
    }

    /** Waits until reporting-service's live view shows at least {@code n} covered villages; returns the count seen. */
    private static long awaitCoveredAtLeast(String token, long n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Long> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            long covered = Http.as(token, REPORTING).queryParam("region", CITY).queryParam("period", "2025")
                    .get("/api/v1/compliance").then().statusCode(200).extract().jsonPath()
                    .getLong("facilities[0].covered");
            seen.add(covered);
            if (covered >= n) {
                return covered;
            }
            Platform.sleep(100);
        }
        throw new AssertionError("reporting-service never showed " + n + " covered villages of " + CITY + ": " + seen);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("reporting-service was not killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
