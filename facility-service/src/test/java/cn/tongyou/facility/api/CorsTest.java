package cn.tongyou.facility.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS as a browser meets it (common's microprofile-config; the test profile allows {@code http://localhost:5173}, a
 * Vite dev server): a preflight is answered without a token and before the request filters; every answer to an
 * allowed origin, errors included (401, 403, 400, 413), carries Access-Control-Allow-Origin and exposes the headers a
 * frontend reads, else the browser hides the problem from the app; another origin is refused; a caller without Origin
 * (curl, a provincial system) sees no difference.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class CorsTest {

    static final String ALLOWED = "http://localhost:5173";
    static final String OTHER = "https://evil.example";
    static final String PROBLEM = "application/problem+json";
    static final List<String> EXPOSED = List.of("etag", "location", "idempotent-replayed", "retry-after", "x-request-id",
            "content-disposition");

    /** A community of 索河街道 only this class uses (generated for the test). */
    static final String VILLAGE = "410182001902";

    @BeforeEach
    void village() {
        FacilityTestSupport.regions();
        given().header("Authorization", FacilityTestSupport.admin()).contentType(FacilityTestSupport.CSV)
                .body("code,name,parentCode\n" + VILLAGE + ",索河跨域测试社区,410182001\n")
                .post("/api/v1/regions/import").then().statusCode(200);
    }

    static RequestSpecification from(String origin) {
        return given().header("Origin", origin);
    }

    static List<String> list(Response response, String header) {
        String value = response.header(header);
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
    }

    static void allowedWithExposedHeaders(Response response) {
        assertThat(response.header("Access-Control-Allow-Origin")).as("allow origin of %s", response.statusLine())
                .isEqualTo(ALLOWED);
        assertThat(list(response, "Access-Control-Expose-Headers")).containsAll(EXPOSED);
    }

    @Test
    void aPreflightForAWriteIsAnsweredWithoutATokenAndListsTheHeadersAClientSends() {
        Response preflight = from(ALLOWED)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key,if-match,accept-language,x-request-id")
                .options("/api/v1/facilities");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(list(preflight, "Access-Control-Allow-Methods")).contains("get", "post", "put", "delete");
        assertThat(list(preflight, "Access-Control-Allow-Headers")).contains("authorization", "content-type",
                "idempotency-key", "if-match", "accept-language", "x-request-id");
        assertThat(preflight.header("Access-Control-Max-Age")).isEqualTo("7200");
        assertThat(preflight.body().asByteArray()).isEmpty();

        // a PUT with If-Match on one facility, and a path the body-size and control-character filters look at
        Response put = from(ALLOWED).header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .options("/api/v1/facilities/00000000-0000-0000-0000-000000000000");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        Response importPreflight = from(ALLOWED).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .header("Content-Length", "0")
                .options("/api/v1/regions/import");
        assertThat(importPreflight.statusCode()).isEqualTo(200);
    }

    @Test
    void aCallFromTheAllowedOriginGetsItsAnswerAndTheExposedHeaders() {
        Response read = from(ALLOWED).header("Authorization", FacilityTestSupport.viewer()).get("/api/v1/regions/410182");
        assertThat(read.statusCode()).isEqualTo(200);
        allowedWithExposedHeaders(read);
        // bearer tokens, no cookies: the browser is not told to send credentials
        assertThat(read.header("Access-Control-Allow-Credentials")).isIn(null, "false");

        Response created = from(ALLOWED).header("Authorization", FacilityTestSupport.coordinator())
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body(FacilityResourceTest.childrenHome("索河跨域测试社区儿童之家", VILLAGE)).post("/api/v1/facilities");
        assertThat(created.statusCode()).isEqualTo(201);
        allowedWithExposedHeaders(created);
        assertThat(created.header("ETag")).isNotBlank();
        assertThat(created.header("Location")).isNotBlank();
    }

    @Test
    void errorsReachTheBrowserAppToo() {
        // 401: no token; an expired one
        Response missing = from(ALLOWED).get("/api/v1/facilities");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.contentType()).startsWith(PROBLEM);
        allowedWithExposedHeaders(missing);
        // 403: a viewer writing
        Response forbidden = from(ALLOWED).header("Authorization", FacilityTestSupport.viewer()).contentType(ContentType.JSON)
                .body(FacilityResourceTest.childrenHome("索河跨域测试社区儿童之家（观察员）", VILLAGE)).post("/api/v1/facilities");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        allowedWithExposedHeaders(forbidden);
        // 400: a wrong query parameter
        Response badPage = from(ALLOWED).header("Authorization", FacilityTestSupport.viewer()).queryParam("page", "abc")
                .get("/api/v1/facilities");
        assertThat(badPage.statusCode()).isEqualTo(400);
        allowedWithExposedHeaders(badPage);
        // 400 from the control-character filter, before the resource is matched
        Response control = from(ALLOWED).header("Authorization", FacilityTestSupport.viewer()).urlEncodingEnabled(false)
                .get("/api/v1/regions/4101%0082");
        assertThat(control.statusCode()).isEqualTo(400);
        allowedWithExposedHeaders(control);
        // 413 from the body-size filter, refused on its Content-Length
        Response tooLarge = from(ALLOWED).header("Authorization", FacilityTestSupport.coordinator()).contentType(ContentType.JSON)
                .body("{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").post("/api/v1/facilities");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        allowedWithExposedHeaders(tooLarge);
        // 404
        Response unknown = from(ALLOWED).header("Authorization", FacilityTestSupport.viewer()).get("/api/v1/regions/419999");
        assertThat(unknown.statusCode()).isEqualTo(404);
        allowedWithExposedHeaders(unknown);
    }

    @Test
    void anotherOriginIsRefused() {
        Response preflight = from(OTHER).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").options("/api/v1/facilities");
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        Response read = from(OTHER).header("Authorization", FacilityTestSupport.viewer()).get("/api/v1/regions/410182");
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
        // an allowed host on another port is another origin
        Response otherPort = from("http://localhost:5174").header("Authorization", FacilityTestSupport.viewer())
                .get("/api/v1/regions/410182");
        assertThat(otherPort.statusCode()).isEqualTo(403);
    }

    @Test
    void aCallerWithoutOriginIsUnaffected() {
        Response read = given().header("Authorization", FacilityTestSupport.viewer()).get("/api/v1/regions/410182");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
        // OPTIONS without a preflight's headers is the resource's own answer, as before
        Response options = given().options("/api/v1/facilities");
        assertThat(options.header("Access-Control-Allow-Origin")).isNull();
    }
}
