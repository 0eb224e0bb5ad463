package cn.tongyou.facility.api;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's hardening classes as one table, against the running service: each malformed or hostile request → its 4xx
 * problem, and nothing written (the register of the test's own village is counted before and after). Formula
 * neutralisation of exports and the 429 of the concurrency cap are tested where the exports live (reporting-service).
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class HardeningTableTest {

    /** A community of 索河街道 only this class uses (generated for the test). */
    static final String VILLAGE = "410182001901";
    static final String PROBLEM = "application/problem+json";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URI base;

    record Case(String name, Supplier<HttpResponse<String>> request, int status, String type) {
    }

    @BeforeEach
    void village() {
        FacilityTestSupport.regions();
        given().header("Authorization", FacilityTestSupport.admin()).contentType(FacilityTestSupport.CSV)
                .body("code,name,parentCode\n" + VILLAGE + ",索河加固测试社区,410182001\n")
                .post("/api/v1/regions/import").then().statusCode(200);
    }

    @Test
    void everyHardeningClassAnswersItsProblemAndWritesNothing() throws Exception {
        String coordinator = FacilityTestSupport.bearer("coordinator", "410182");
        List<Case> cases = List.of(
                new Case("a chunked JSON body over the 1 MB limit (no Content-Length)",
                        () -> send("POST", "/api/v1/facilities", coordinator, "application/json",
                                HttpRequest.BodyPublishers.ofInputStream(() -> oversized())), 413, "body-too-large"),
                new Case("a NUL character in a JSON string",
                        () -> send("POST", "/api/v1/facilities", coordinator, "application/json",
                                HttpRequest.BodyPublishers.ofString(facility("索河\u0000儿童之家"))), 400, "control-character"),
                new Case("a bell (U+0007) in a JSON string",
                        () -> send("POST", "/api/v1/facilities", coordinator, "application/json",
                                HttpRequest.BodyPublishers.ofString(facility("索河\u0007儿童之家"))), 400, "control-character"),
                new Case("a NUL in a query parameter",
                        () -> send("GET", "/api/v1/facilities?region=410182&q=a%00b", coordinator, null,
                                HttpRequest.BodyPublishers.noBody()), 400, "control-character"),
                new Case("a page whose offset would overflow",
                        () -> send("GET", "/api/v1/facilities?region=410182&page=2000000", coordinator, null,
                                HttpRequest.BodyPublishers.noBody()), 400, "validation"),
                new Case("a NUL in a CSV cell of a bulk import",
                        () -> send("POST", "/api/v1/regions/import", FacilityTestSupport.admin(), "text/csv; charset=UTF-8",
                                HttpRequest.BodyPublishers.ofString("code,name,parentCode\n410182001902,坏\u0000社区,410182001\n")),
                        400, "control-character"));
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            long facilitiesBefore = count("select count(*) from facility where region_code = '" + VILLAGE + "'");
            long regionsBefore = count("select count(*) from region where code like '410182001%'");
            HttpResponse<String> response = c.request().get();
            String body = response.body();
            String type = response.statusCode() >= 400 && body.startsWith("{")
                    ? JSON.readTree(body).path("type").asText() : "";
            boolean typeOk = c.type() == null || type.endsWith("/" + c.type());
            boolean problem = response.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM);
            if (response.statusCode() != c.status() || !typeOk || !problem) {
                wrong.add(c.name() + ": expected " + c.status() + " " + c.type() + " problem, got "
                        + response.statusCode() + " " + abbreviate(body));
            }
            if (count("select count(*) from facility where region_code = '" + VILLAGE + "'") != facilitiesBefore
                    || count("select count(*) from region where code like '410182001%'") != regionsBefore) {
                wrong.add(c.name() + ": something was written");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aRetriedCreateWithItsIdempotencyKeyRegistersOneFacility() {
        String key = "hardening-" + UUID.randomUUID();
        String coordinator = FacilityTestSupport.bearer("coordinator", "410182");
        String body = facility("索河加固测试社区儿童之家");
        Response first = given().header("Authorization", coordinator).header("Idempotency-Key", key)
                .contentType("application/json").body(body).post("/api/v1/facilities");
        first.then().statusCode(201);
        Response retry = given().header("Authorization", coordinator).header("Idempotency-Key", key)
                .contentType("application/json").body(body).post("/api/v1/facilities");
        retry.then().statusCode(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.path("id").toString()).isEqualTo(first.path("id").toString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        given().header("Authorization", coordinator).queryParam("region", VILLAGE).get("/api/v1/facilities")
                .then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(1));

        // the same key under another subject is that caller's own key: never a replay of someone else's answer
        String colleague = "Bearer " + DevTokens.mint("another-coordinator", Set.of("coordinator"), "410182");
        Response other = given().header("Authorization", colleague).header("Idempotency-Key", key)
                .contentType("application/json").body(facility("索河加固测试社区第二儿童之家")).post("/api/v1/facilities");
        assertThat(other.header("Idempotent-Replayed")).isNull();
        assertThat(other.statusCode()).isNotEqualTo(500);

        // a different body under the same key and subject is refused, not silently replayed
        given().header("Authorization", coordinator).header("Idempotency-Key", key).contentType("application/json")
                .body(facility("索河别的儿童之家")).post("/api/v1/facilities").then().statusCode(422).contentType(PROBLEM);
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType,
            HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1))).method(method, body)
                .header("Authorization", token);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    /** A valid facility whose name pads the body to 1.5 MB, streamed so that no Content-Length is sent. */
    private static InputStream oversized() {
        String head = "{\"type\":\"children-home\",\"regionCode\":\"" + VILLAGE + "\",\"status\":\"open\",\"name\":\"";
        byte[] padding = "儿".repeat(512 * 1024).getBytes(StandardCharsets.UTF_8);
        return new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(padding)), new ByteArrayInputStream("\"}".getBytes(StandardCharsets.UTF_8)));
    }

    private static String facility(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "children-home");
        body.put("name", name);
        body.put("regionCode", VILLAGE);
        body.put("status", "open");
        body.put("openedOn", "2024-06-01");
        body.put("checklist", Map.of("venue", true, "equipment", true, "rules", true, "staff", true, "funding", true));
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
