package cn.tongyou.facility.api;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors a client can act on (issue 11, docs/problems.md): each malformed-request class → its status, problem type
 * and a text that says what to fix. A wrong query parameter is a 400 naming it (never the 404 "no resource" Quarkus
 * gives for a parameter it cannot convert); a boolean is true or false; a refused token says why, and "expired" has a
 * type of its own so that a client knows to refresh instead of sending the user to log in again.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ClientErrorsTest {

    static final String PROBLEM = "application/problem+json";
    static final String TYPES = "https://tongyou.cn/problems/";

    /** One malformed request and what the client must get. */
    record Case(String name, Supplier<Response> request, int status, String type, String field, String detailContains) {
    }

    @BeforeEach
    void regions() {
        FacilityTestSupport.regions();
    }

    static RequestSpecification viewer() {
        return given().header("Authorization", FacilityTestSupport.viewer());
    }

    static RequestSpecification coordinator() {
        return given().header("Authorization", FacilityTestSupport.coordinator()).contentType(ContentType.JSON);
    }

    static Map<String, Object> facility() {
        // refused before anything is written: the village is not even checked
        return new HashMap<>(FacilityResourceTest.childrenHome("乔楼测试一村儿童之家（错误请求）", "410182101201"));
    }

    static Map<String, Object> facilityWith(String field, Object value) {
        Map<String, Object> body = facility();
        body.put(field, value);
        return body;
    }

    @Test
    void everyMalformedRequestClassAnswersAProblemNamingWhatToFix() {
        List<Case> cases = List.of(
                new Case("bad JSON", () -> coordinator().body("{\"name\": \"乔楼\", ").post("/api/v1/facilities"),
                        400, "bad-request", null, "malformed JSON at line 1"),
                new Case("unknown field", () -> coordinator().body(facilityWith("colour", "red")).post("/api/v1/facilities"),
                        400, "validation", "colour", "unknown field 'colour'"),
                new Case("wrong type in body", () -> coordinator().body(facilityWith("openedOn", "last spring"))
                        .post("/api/v1/facilities"), 400, "validation", "openedOn", "'last spring' is not a valid date"),
                new Case("bad enum word in body", () -> coordinator().body(facilityWith("status", "opened"))
                        .post("/api/v1/facilities"), 400, "validation", "status", "opened"),
                new Case("wrong type in query (page=abc)", () -> viewer().queryParam("page", "abc").get("/api/v1/facilities"),
                        400, "validation", "page", "'abc' is not a whole number"),
                new Case("out of range in query (page=0)", () -> viewer().queryParam("page", "0").get("/api/v1/facilities"),
                        400, "validation", "page", "page starts at 1"),
                new Case("out of range in query (size=100000)", () -> viewer().queryParam("size", "100000")
                        .get("/api/v1/regions"), 400, "validation", "size", "at most 500"),
                new Case("beyond a whole number (page=99999999999)", () -> viewer().queryParam("page", "99999999999")
                        .get("/api/v1/regions"), 400, "validation", "page", "out of range"),
                new Case("unknown boolean word (includeClosed=maybe)", () -> viewer().queryParam("includeClosed", "maybe")
                        .get("/api/v1/facilities"), 400, "validation", "includeClosed", "'maybe' is not a boolean; use true or false"),
                new Case("a number for a boolean (includeRetired=1)", () -> viewer().queryParam("includeRetired", "1")
                        .get("/api/v1/regions/410182/children"), 400, "validation", "includeRetired", "use true or false"),
                new Case("wrong date in query (validFrom=yesterday)", () -> given().header("Authorization", FacilityTestSupport.admin())
                        .contentType(FacilityTestSupport.CSV).queryParam("validFrom", "yesterday")
                        .body("code,name,parentCode\n410182101299,不应导入村,410182101\n").post("/api/v1/regions/import"),
                        400, "validation", "validFrom", "'yesterday' is not a date"),
                new Case("bad enum word in query (crs=mars)", () -> viewer().queryParam("crs", "mars").get("/api/v1/facilities"),
                        400, "validation", "crs", "mars"));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Response r = c.request().get();
            String got = r.statusCode() + " " + r.contentType() + " " + r.body().asString();
            System.out.printf("ClientErrorsTest | %s | %s%n", c.name(), got);
            if (r.statusCode() != c.status() || !r.contentType().startsWith(PROBLEM)
                    || !(TYPES + c.type()).equals(r.jsonPath().getString("type"))
                    || !String.valueOf(r.jsonPath().getString("detail")).contains(c.detailContains())
                    || (c.field() != null && !c.field().equals(r.jsonPath().getString("violations[0].field")))) {
                failures.add(c.name() + ": " + got);
            }
        }
        assertThat(failures).as("requests answered otherwise than expected").isEmpty();
        // the refused import wrote nothing
        viewer().get("/api/v1/regions/410182101299").then().statusCode(404);
    }

    @Test
    void booleansAreTrueOrFalseInAnyLetterCase() {
        viewer().queryParam("includeClosed", "TRUE").get("/api/v1/facilities").then().statusCode(200);
        viewer().queryParam("includeClosed", "False").get("/api/v1/facilities").then().statusCode(200);
        // an empty value is the parameter left out (its default), as for every parameter
        viewer().queryParam("includeClosed", "").get("/api/v1/facilities").then().statusCode(200);
        for (String word : List.of("yes", "no", "0", "on", "t")) {
            viewer().queryParam("includeClosed", word).get("/api/v1/facilities").then().log().ifValidationFails()
                    .statusCode(400).contentType(PROBLEM);
        }
    }

    /** A token and what the 401 must say about it. */
    record TokenCase(String name, String authorization, String type, String detailContains, String challenge) {
    }

    static JwtClaims claims() {
        Instant now = Instant.now();
        return DevTokens.claims("errors-admin", Set.of("admin"), DevTokens.NATIONWIDE, null, now, now.plus(Duration.ofHours(1)));
    }

    static String bearer(JwtClaims claims) {
        return "Bearer " + DevTokens.sign(claims, DevTokens.privateKey());
    }

    @Test
    void eachRefusedTokenSaysWhyAndExpiredIsToldApart() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiredAt = now.minus(Duration.ofMinutes(5));
        JwtClaims expired = DevTokens.claims("errors-admin", Set.of("admin"), DevTokens.NATIONWIDE, null,
                now.minus(Duration.ofHours(1)), expiredAt);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        JwtClaims otherIssuer = claims();
        otherIssuer.setIssuer("https://idp.other-province.example/realms/apps");
        JwtClaims otherAudience = claims();
        otherAudience.setAudience("another-application");
        JwtClaims future = DevTokens.claims("errors-admin", Set.of("admin"), DevTokens.NATIONWIDE, null,
                now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofHours(2)));
        JwtClaims notYet = claims();
        notYet.setNotBefore(NumericDate.fromSeconds(now.plus(Duration.ofMinutes(10)).getEpochSecond()));
        JwtClaims old = DevTokens.claims("errors-admin", Set.of("admin"), DevTokens.NATIONWIDE, null,
                now.minus(Duration.ofHours(13)), now.plus(Duration.ofHours(1)));
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String none = url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims().toJson().getBytes(StandardCharsets.UTF_8)) + ".";
        JsonWebSignature hs256 = new JsonWebSignature();
        hs256.setPayload(claims().toJson());
        hs256.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hs256.setKey(new HmacKey(TokenTrustTest.publicKeyPem()));
        hs256.setDoKeyValidation(false);

        String invalid = "Bearer error=\"invalid_token\", error_description=\"";
        List<TokenCase> cases = List.of(
                new TokenCase("missing token", null, "unauthorized", "a bearer token is required", "Bearer"),
                new TokenCase("Basic credentials", "Basic YWRtaW46YWRtaW4=", "unauthorized", "not a bearer token", "Bearer"),
                new TokenCase("expired", bearer(expired), "token-expired",
                        "the token expired at " + expiredAt + "; get a new token (refresh)", invalid + "The access token expired\""),
                new TokenCase("older than the maximum age (12 h)", bearer(old), "token-expired",
                        "the token was issued at " + now.minus(Duration.ofHours(13)), invalid + "The access token is older"),
                new TokenCase("bad signature (another key)", "Bearer " + DevTokens.sign(claims(),
                        generator.generateKeyPair().getPrivate()), "unauthorized", "signature does not verify",
                        invalid + "The access token signature is not valid\""),
                new TokenCase("wrong issuer", bearer(otherIssuer), "unauthorized",
                        "issued by https://idp.other-province.example/realms/apps, not by the issuer", invalid + "The access token has another issuer\""),
                new TokenCase("wrong audience", bearer(otherAudience), "unauthorized", "not meant for this platform",
                        invalid + "The access token has another audience\""),
                new TokenCase("issued in the future", bearer(future), "unauthorized", "s in the future (clock skew allowed: 60 s)",
                        invalid + "The access token was issued in the future\""),
                new TokenCase("not valid yet (nbf)", bearer(notYet), "unauthorized", "not valid yet",
                        invalid + "The access token is not valid yet\""),
                new TokenCase("alg=none", "Bearer " + none, "unauthorized", "not signed with RS256", invalid + "The access token is not signed with RS256\""),
                new TokenCase("HS256 with the public key as secret", "Bearer " + hs256.getCompactSerialization(), "unauthorized",
                        "not signed with RS256", invalid + "The access token is not signed with RS256\""),
                new TokenCase("malformed", "Bearer not.a.jwt", "unauthorized", "not a well-formed signed JWT",
                        invalid + "The access token is malformed\""));
        List<String> failures = new ArrayList<>();
        Set<String> details = new HashSet<>();
        for (TokenCase c : cases) {
            RequestSpecification request = given();
            if (c.authorization() != null) {
                request.header("Authorization", c.authorization());
            }
            Response r = request.get("/api/v1/facilities");
            String got = r.statusCode() + " " + r.header("WWW-Authenticate") + " " + r.body().asString();
            System.out.printf("ClientErrorsTest | token %s | %s%n", c.name(), got);
            String detail = String.valueOf(r.jsonPath().getString("detail"));
            if (r.statusCode() != 401 || !r.contentType().startsWith(PROBLEM)
                    || !(TYPES + c.type()).equals(r.jsonPath().getString("type"))
                    || !detail.contains(c.detailContains())
                    || !String.valueOf(r.header("WWW-Authenticate")).startsWith(c.challenge())) {
                failures.add(c.name() + ": " + got);
            }
            details.add(detail.replaceAll("[0-9]", "#"));
        }
        assertThat(failures).as("tokens answered otherwise than expected").isEmpty();
        // what the 401 says differs for each reason (two algorithms share one text)
        assertThat(details).hasSize(cases.size() - 1);
        // a write with an expired token: the same 401, nothing written
        given().header("Authorization", bearer(expired)).contentType(ContentType.JSON).body(facility()).post("/api/v1/facilities")
                .then().statusCode(401).contentType(PROBLEM);
    }
}
