package cn.tongyou.indicator.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/** Bulk values: all or nothing, accept the valid rows, dry run, idempotent retries, JSON, GBK, corrections. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ObservationBatchTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void indicators() {
        TestIndicators.ensure();
    }

    static Response csv(String token, String body, Map<String, ?> params) {
        return given().header("Authorization", token).contentType("text/csv; charset=UTF-8").queryParams(params).body(body)
                .post("/api/v1/observations/batch");
    }

    long rows(String prefix) {
        return TestSupport.count(dataSource, "select count(*) from observation where region_code like '" + prefix + "%'");
    }

    @Test
    void aBrokenRowRejectsTheWholeFileWithItsLineAndAcceptValidRowsWritesTheOthers() {
        String file = """
                indicator,region,period,value,numerator,denominator,source,note
                t-percent,130105001,2025,88.5,,,乡镇年报,
                t-percent,130105002,2025,101,,,乡镇年报,
                t-rate,130105001,2025,,45,50,台账,
                t-count,130105003,2025H1,12,,,,
                t-rate,130105002,2025,,51,50,台账,
                t-bool,130105,2025,maybe,,,,
                t-percent,130105001,2025,88.5,,,乡镇年报,
                """;
        String token = Tokens.integration("130105");
        long events = TestSupport.count(dataSource, "select count(*) from outbox_event");
        csv(token, file, Map.of()).then().statusCode(422).contentType("application/problem+json")
                .body("title", equalTo("Batch rejected"))
                .body("detail", containsString("4 of 7 rows"))
                .body("violations.line", hasItems(3, 6, 7, 8))
                .body("violations.find { it.line == 3 }.field", equalTo("value"))
                .body("violations.find { it.line == 6 }.field", equalTo("numerator"))
                .body("violations.find { it.line == 8 }.message", containsString("duplicate of line 2"));
        assertThat(rows("130105")).isZero();
        assertThat(TestSupport.count(dataSource, "select count(*) from outbox_event")).isEqualTo(events);

        csv(token, file, Map.of("dryRun", true, "onError", "skip")).then().statusCode(200)
                .body("dryRun", equalTo(true)).body("committed", equalTo(false)).body("inserted", equalTo(3)).body("rejected", equalTo(4));
        assertThat(rows("130105")).isZero();

        Response skip = csv(token, file, Map.of("onError", "skip"));
        skip.then().statusCode(200).body("committed", equalTo(true)).body("rowsRead", equalTo(7)).body("inserted", equalTo(3))
                .body("rejected", equalTo(4)).body("status", equalTo("submitted")).body("errors.line", hasItems(3, 6, 7, 8));
        assertThat(rows("130105")).isEqualTo(3);
        assertThat(TestSupport.count(dataSource, "select count(*) from outbox_event")).isEqualTo(events + 3);
        String batchId = skip.jsonPath().getString("batchId");
        given().header("Authorization", Tokens.viewer()).get("/api/v1/observations/batches/" + batchId).then().statusCode(200)
                .body("state", equalTo("completed")).body("rowsWritten", equalTo(3)).body("report.inserted", equalTo(3));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyWritesOnce() {
        String file = "indicator,region,period,value\n" + "t-count,130106001,2025,5\n" + "t-count,130106002,2025,6\n";
        String token = Tokens.integration("130106");
        Response first = given().header("Authorization", token).header("Idempotency-Key", "prov-2025-001").contentType("text/csv")
                .body(file).post("/api/v1/observations/batch");
        first.then().statusCode(200).body("inserted", equalTo(2));
        long events = TestSupport.count(dataSource, "select count(*) from outbox_event");
        Response retry = given().header("Authorization", token).header("Idempotency-Key", "prov-2025-001").contentType("text/csv")
                .body(file).post("/api/v1/observations/batch");
        retry.then().statusCode(200).header("Idempotent-Replayed", "true").body("inserted", equalTo(2))
                .body("batchId", equalTo(first.jsonPath().getString("batchId")));
        assertThat(rows("130106")).isEqualTo(2);
        assertThat(TestSupport.count(dataSource, "select count(*) from outbox_event")).isEqualTo(events);
        assertThat(TestSupport.count(dataSource, "select count(*) from observation_revision r join observation o on o.id = r.observation_id "
                + "where o.region_code like '130106%'")).isEqualTo(2);
        given().header("Authorization", token).header("Idempotency-Key", "prov-2025-001").contentType("text/csv")
                .body(file + "t-count,130106003,2025,7\n").post("/api/v1/observations/batch")
                .then().statusCode(422).body("title", equalTo("Idempotency-Key reused"));
        // a rejected request is answered the same way when retried
        String bad = "indicator,region,period,value\nt-count,130106004,2025,-1\n";
        given().header("Authorization", token).header("Idempotency-Key", "prov-2025-002").contentType("text/csv").body(bad)
                .post("/api/v1/observations/batch").then().statusCode(422);
        given().header("Authorization", token).header("Idempotency-Key", "prov-2025-002").contentType("text/csv").body(bad)
                .post("/api/v1/observations/batch").then().statusCode(422).header("Idempotent-Replayed", "true")
                .contentType("application/problem+json").body("violations[0].line", equalTo(2));
    }

    @Test
    void aJsonArrayAndAGbkFileAndASecondRoundThatCorrects() {
        String token = Tokens.coordinator("130107");
        List<Map<String, Object>> rows = List.of(
                Map.of("indicator", "t-rate", "region", "130107001", "period", "2025", "numerator", 30, "denominator", 40),
                Map.of("indicator", "t-bool", "region", "130107", "period", "2025", "value", true),
                Map.of("indicator", "t-count", "region", "130107", "period", "2025", "value", "many"));
        given().header("Authorization", token).contentType("application/json").body(rows).queryParam("onError", "skip")
                .post("/api/v1/observations/batch").then().statusCode(200).body("format", equalTo("json"))
                .body("inserted", equalTo(2)).body("errors[0].line", equalTo(3)).body("errors[0].field", equalTo("value"));

        String gbk = "指标代码,区划代码,报告期,数值,数据来源,备注\nt-percent,130107002,2025,66.6,统计局,乡镇汇总\n";
        given().header("Authorization", token).contentType("text/csv; charset=GBK").body(gbk.getBytes(Charset.forName("GBK")))
                .post("/api/v1/observations/batch").then().statusCode(200).body("inserted", equalTo(1));
        // four eyes: what the province entered, the office approves
        given().header("Authorization", Tokens.reviewer()).contentType("application/json")
                .body(Map.of("region", "130107002", "period", "2025")).post("/api/v1/observations/approvals")
                .then().statusCode(200).body("approved", equalTo(1));
        given().header("Authorization", Tokens.viewer()).queryParam("region", "130107002").get("/api/v1/observations")
                .then().statusCode(200).body("items[0].source", equalTo("统计局")).body("items[0].note", equalTo("乡镇汇总"))
                .body("items[0].status", equalTo("approved"));

        // the same rows again: unchanged; a changed draft is corrected; a changed approved value is locked
        String second = "indicator,region,period,numerator,denominator,value\nt-rate,130107001,2025,31,40,\nt-bool,130107,2025,,,true\n";
        csv(token, second, Map.of("reason", "省平台复核")).then().statusCode(200).body("updated", equalTo(1)).body("unchanged", equalTo(1));
        given().header("Authorization", Tokens.viewer()).queryParam("region", "130107001").get("/api/v1/observations")
                .then().statusCode(200).body("items[0].value", equalTo(77.5f)).body("items[0].status", equalTo("submitted"));
        csv(token, "indicator,region,period,value\nt-percent,130107002,2025,70\n", Map.of()).then().statusCode(422)
                .body("violations[0].message", containsString("approved and locked"));
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsRead() {
        String token = Tokens.integration("130108");
        csv(token, "indicator,region,period,colour\nt-count,130108,2025,red\n", Map.of()).then().statusCode(400)
                .body("detail", containsString("colour"));
        csv(token, "indicator,period,value\nt-count,2025,1\n", Map.of()).then().statusCode(400).body("detail", containsString("region"));
        csv(token, "", Map.of()).then().statusCode(400);
        csv(token, "indicator,region,period,value\nt-count,130108,2025,1\n", Map.of("onError", "ignore")).then().statusCode(400)
                .body("violations[0].field", equalTo("onError"));
        csv(token, "indicator,region,period,value\nt-count,130108,2025,1\n", Map.of("status", "approved")).then().statusCode(403);
        csv(Tokens.viewer(), "indicator,region,period,value\nt-count,130108,2025,1\n", Map.of()).then().statusCode(403);
        given().header("Authorization", token).contentType("application/json").body("{\"indicator\": \"t-count\"}")
                .post("/api/v1/observations/batch").then().statusCode(400).body("detail", containsString("array"));
        given().header("Authorization", token).header("Content-Type", "text/csv; charset=EBCDIC-XYZ").body("indicator,region,period\n".getBytes())
                .post("/api/v1/observations/batch").then().statusCode(415);
        // a row outside the token's region is a row error
        csv(token, "indicator,region,period,value\nt-count,410402,2025,1\n", Map.of()).then().statusCode(422)
                .body("violations[0].field", equalTo("region")).body("violations[0].line", equalTo(2));
        assertThat(rows("130108")).isZero();
        given().header("Authorization", Tokens.viewer()).get("/api/v1/observations/batches/not-a-uuid").then().statusCode(400);
        given().header("Authorization", Tokens.viewer()).get("/api/v1/observations/batches/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aRetryWaitsForARunningAttemptAndResumesAnInterruptedOne() throws Exception {
        // an earlier attempt claimed the key and stopped writing: as if its service had died half-way
        String file = "indicator,region,period,value\nt-count,130111001,2025,5\nt-count,130111002,2025,6\n";
        String hash = cn.tongyou.common.idempotency.IdempotencyStore.hash("observation-batch", "csv", "reject", "submitted", "", "UTF-8",
                java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        String batch = java.util.UUID.randomUUID().toString();
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("insert into idempotency_record (scope, idem_key, request_hash) values ('observation-batch:test-integration', 'prov-crash', '" + hash + "')");
            st.executeUpdate("insert into observation_batch (id, idempotency_key, request_hash, format, on_error, state, requested_by, started_at, heartbeat_at) "
                    + "values ('" + batch + "', 'prov-crash', '" + hash + "', 'csv', 'reject', 'running', 'test-integration', now(), now())");
        }
        String token = Tokens.integration("130111");
        given().header("Authorization", token).header("Idempotency-Key", "prov-crash").contentType("text/csv; charset=UTF-8").body(file)
                .post("/api/v1/observations/batch").then().statusCode(409).body("detail", containsString(batch));
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("update observation_batch set heartbeat_at = now() - interval '10 minutes' where id = '" + batch + "'");
        }
        given().header("Authorization", token).header("Idempotency-Key", "prov-crash").contentType("text/csv; charset=UTF-8").body(file)
                .post("/api/v1/observations/batch").then().statusCode(200).body("resumed", equalTo(true)).body("batchId", equalTo(batch))
                .body("inserted", equalTo(2));
        given().header("Authorization", token).header("Idempotency-Key", "prov-crash").contentType("text/csv; charset=UTF-8").body(file)
                .post("/api/v1/observations/batch").then().statusCode(200).header("Idempotent-Replayed", "true");
        assertThat(rows("130111")).isEqualTo(2);
        given().header("Authorization", Tokens.viewer()).get("/api/v1/observations/batches/" + batch).then().statusCode(200)
                .body("state", equalTo("completed"));
    }

    @Test
    void bulkApprovalApprovesEverySubmittedValueOfARegion() {
        csv(Tokens.integration("130109"), "indicator,region,period,value\nt-count,130109001,2025,1\nt-count,130109002,2025,2\n", Map.of())
                .then().statusCode(200).body("inserted", equalTo(2));
        given().header("Authorization", Tokens.coordinator("130109")).contentType("application/json")
                .body(Map.of("region", "130109", "period", "2025")).post("/api/v1/observations/approvals")
                .then().statusCode(200).body("approved", equalTo(2));
        given().header("Authorization", Tokens.viewer()).queryParam("region", "130109").queryParam("status", "approved")
                .get("/api/v1/observations").then().statusCode(200).body("total", equalTo(2)).body("items.approved.value", hasItem(2));
        given().header("Authorization", Tokens.reporter("130109")).contentType("application/json").body(Map.of("region", "130109"))
                .post("/api/v1/observations/approvals").then().statusCode(403);
    }
}
