package cn.tongyou.facility.api;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** A retried registration with an Idempotency-Key registers nothing twice (issue 12); parks in 索河街道 (410182001). */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class FacilityIdempotencyTest {

    static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void regions() {
        FacilityTestSupport.regions();
    }

    static String token(String subject) {
        return "Bearer " + DevTokens.mint(subject, Set.of("coordinator"), "410182");
    }

    static Map<String, Object> park(String name) {
        Map<String, Object> park = new HashMap<>();
        park.put("type", "child-friendly-park");
        park.put("name", name);
        park.put("regionCode", "410182001");
        park.put("status", "open");
        return park;
    }

    static Response post(String token, String key, Map<String, Object> body) {
        var request = given().header("Authorization", token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/facilities");
    }

    long named(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from facility where name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void aRetryGetsTheFirstAnswerAndRegistersNothingTwice() throws SQLException {
        String alice = token("idem-alice");
        Map<String, Object> body = park("索河街道幂等测试公园");
        Response first = post(alice, "idem-key-1", body);
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        String id = first.path("id");
        Response retry = post(alice, "idem-key-1", body);
        retry.then().statusCode(201).header("Idempotent-Replayed", "true").header("ETag", "\"1\"")
                .header("Location", endsWith("/api/v1/facilities/" + id)).body("id", equalTo(id))
                .body("name", equalTo("索河街道幂等测试公园"));
        assertThat(named("索河街道幂等测试公园")).isEqualTo(1);

        // the same key with another body: 422, nothing registered
        post(alice, "idem-key-1", park("索河街道幂等测试公园（另一个）")).then().statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("different request"));
        assertThat(named("索河街道幂等测试公园（另一个）")).isZero();

        // the key is bound to the caller: another subject's request with the same key is its own
        String other = post(token("idem-bob"), "idem-key-1", body).then().statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract().path("id");
        assertThat(other).isNotEqualTo(id);

        // without a key, two requests are two registrations (as before)
        post(alice, null, park("索河街道无键公园")).then().statusCode(201);
        post(alice, null, park("索河街道无键公园")).then().statusCode(201);
        assertThat(named("索河街道无键公园")).isEqualTo(2);

        // a key over 200 characters is refused
        post(alice, "k".repeat(201), park("索河街道长键公园")).then().statusCode(400).contentType(PROBLEM);
        assertThat(named("索河街道长键公园")).isZero();
    }

    @Test
    void aRefusedOrInvalidAttemptDoesNotUseUpTheKey() throws SQLException {
        String alice = token("idem-carol");
        Map<String, Object> bad = park("索河街道幂等无效公园");
        bad.put("regionCode", "410182999999");
        post(alice, "idem-key-2", bad).then().statusCode(400).contentType(PROBLEM);
        post("Bearer " + DevTokens.mint("idem-carol", Set.of("coordinator"), "440000"), "idem-key-2",
                park("索河街道幂等无效公园")).then().statusCode(403).contentType(PROBLEM);
        post(alice, "idem-key-2", park("索河街道幂等无效公园")).then().statusCode(201)
                .header("Idempotent-Replayed", nullValue());
        assertThat(named("索河街道幂等无效公园")).isEqualTo(1);
    }

    @Test
    void concurrentRetriesRegisterOnce() throws Exception {
        String alice = token("idem-dave");
        Map<String, Object> body = park("索河街道并发幂等公园");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Callable<String> attempt = () -> {
                start.await();
                return post(alice, "idem-key-3", body).then().statusCode(201).extract().path("id");
            };
            ids.add(pool.submit(attempt));
        }
        start.countDown();
        List<String> answers = new ArrayList<>();
        for (Future<String> id : ids) {
            answers.add(id.get());
        }
        pool.shutdown();
        assertThat(answers).hasSize(4).containsOnly(answers.get(0));
        assertThat(named("索河街道并发幂等公园")).isEqualTo(1);
    }
}
