package cn.tongyou.facility.api;

import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Which tokens the service trusts (docs/design.md §9.1; common's microprofile-config): RS256 signed with the
 * configured key, issuer and audience tongyou, not expired, not issued or valid in the future beyond the 60 s skew, at
 * most 12 h old. Everything else is 401 problem+json, for a read and for a write (nothing written). A correctly
 * signed admin token without a region claim is trusted but acts nowhere: it reads the public register and cannot write.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class TokenTrustTest {

    static final String PROBLEM = "application/problem+json";
    static final String VILLAGE = "410182101204";

    @BeforeEach
    void regions() {
        FacilityTestSupport.regions();
    }

    static JwtClaims claims() {
        Instant now = Instant.now();
        return DevTokens.claims("trust-admin", Set.of("admin"), DevTokens.NATIONWIDE, null, now, now.plus(Duration.ofHours(1)));
    }

    static String signed(JwtClaims claims) {
        return DevTokens.sign(claims, DevTokens.privateKey());
    }

    static Map<String, String> untrusted() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        Instant now = Instant.now();

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey otherKey = generator.generateKeyPair().getPrivate();
        tokens.put("signed with another key", DevTokens.sign(claims(), otherKey));

        JwtClaims issuer = claims();
        issuer.setIssuer("https://idp.other-province.example/realms/apps");
        tokens.put("wrong issuer", signed(issuer));

        JwtClaims audience = claims();
        audience.setAudience("another-application");
        tokens.put("wrong audience", signed(audience));

        JwtClaims noAudience = claims();
        noAudience.unsetClaim("aud");
        tokens.put("no audience", signed(noAudience));

        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        tokens.put("alg=none", url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + url.encodeToString(claims().toJson().getBytes(StandardCharsets.UTF_8)) + ".");

        // the classic key-confusion attack: HMAC with the (public) RSA key's bytes as the shared secret
        JsonWebSignature hs256 = new JsonWebSignature();
        hs256.setPayload(claims().toJson());
        hs256.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hs256.setHeader("typ", "JWT");
        hs256.setKey(new HmacKey(publicKeyPem()));
        hs256.setDoKeyValidation(false);
        tokens.put("HS256 with the public key as secret", hs256.getCompactSerialization());

        tokens.put("expired", DevTokens.mintExpired("trust-admin", Set.of("admin"), DevTokens.NATIONWIDE));

        JwtClaims notYet = claims();
        notYet.setNotBefore(NumericDate.fromSeconds(now.plus(Duration.ofMinutes(10)).getEpochSecond()));
        tokens.put("not valid before 10 minutes from now", signed(notYet));

        tokens.put("issued 13 h ago (max age 12 h), not expired", signed(DevTokens.claims("trust-admin", Set.of("admin"),
                DevTokens.NATIONWIDE, null, now.minus(Duration.ofHours(13)), now.plus(Duration.ofHours(1)))));

        tokens.put("not a JWT", "not.a.jwt");
        return tokens;
    }

    static byte[] publicKeyPem() throws Exception {
        try (InputStream in = TokenTrustTest.class.getClassLoader().getResourceAsStream(DevTokens.PUBLIC_KEY_RESOURCE)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theControlTokenIsTrusted() {
        given().header("Authorization", "Bearer " + signed(claims())).get("/api/v1/facility-types").then().statusCode(200);
        // a token issued 59 s in the future is within the clock skew
        Instant now = Instant.now();
        given().header("Authorization", "Bearer " + signed(DevTokens.claims("trust-admin", Set.of("admin"),
                DevTokens.NATIONWIDE, null, now.plusSeconds(30), now.plus(Duration.ofHours(1)))))
                .get("/api/v1/facility-types").then().statusCode(200);
    }

    @Test
    void everyUntrustedTokenIs401ForReadsAndWrites() throws Exception {
        Map<String, Object> body = FacilityResourceTest.childrenHome("乔楼测试四村儿童之家（不可信）", VILLAGE);
        for (Map.Entry<String, String> token : untrusted().entrySet()) {
            String bearer = "Bearer " + token.getValue();
            given().header("Authorization", bearer).get("/api/v1/facilities")
                    .then().log().ifValidationFails().statusCode(401).contentType(PROBLEM);
            given().header("Authorization", bearer).get("/api/v1/regions/410182")
                    .then().log().ifValidationFails().statusCode(401).contentType(PROBLEM);
            given().header("Authorization", bearer).contentType(ContentType.JSON).body(body).post("/api/v1/facilities")
                    .then().log().ifValidationFails().statusCode(401).contentType(PROBLEM);
        }
        given().get("/api/v1/facilities").then().statusCode(401).contentType(PROBLEM);
        // nothing was registered by any of them
        given().header("Authorization", FacilityTestSupport.viewer()).queryParam("region", VILLAGE)
                .get("/api/v1/facilities").then().statusCode(200).body("total", equalTo(0));
    }

    /**
     * common's VerifiedTokenCache keeps a verified token for its next requests: a token must stop being trusted when
     * the verifier's window (exp + the 60 s skew) ends, and a token differing from a trusted one in any byte is
     * verified on its own.
     */
    @Test
    void aTrustedTokenStopsBeingTrustedWhenItsWindowEndsAndATamperedCopyIsNotTrusted() throws Exception {
        Instant now = Instant.now();
        Instant expired = now.minusSeconds(57); // still within the skew for about 3 s
        String ending = signed(DevTokens.claims("trust-admin", Set.of("admin"), DevTokens.NATIONWIDE, null,
                now.minus(Duration.ofMinutes(10)), expired));
        given().header("Authorization", "Bearer " + ending).get("/api/v1/facility-types").then().statusCode(200);
        String[] parts = ending.split("\\.");
        JwtClaims longer = DevTokens.claims("trust-admin", Set.of("admin"), DevTokens.NATIONWIDE, null, now,
                now.plus(Duration.ofHours(1)));
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String tampered = parts[0] + "." + url.encodeToString(longer.toJson().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().header("Authorization", "Bearer " + tampered).get("/api/v1/facility-types").then().statusCode(401)
                .contentType(PROBLEM);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expired.plusSeconds(62)).toMillis()));
        given().header("Authorization", "Bearer " + ending).get("/api/v1/facility-types").then().statusCode(401)
                .contentType(PROBLEM);
    }

    /**
     * smallrye-jwt 4.6.3 checks {@code iat} only against the maximum age, never against "now + skew"; common's
     * IssuedAtCheck refuses a token issued further in the future than the skew.
     */
    @Test
    void aTokenIssuedInTheFutureBeyondTheSkewIs401() {
        Instant now = Instant.now();
        String future = signed(DevTokens.claims("trust-admin", Set.of("admin"), DevTokens.NATIONWIDE, null,
                now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofHours(2))));
        given().header("Authorization", "Bearer " + future).get("/api/v1/facilities").then().statusCode(401)
                .contentType(PROBLEM);
    }

    @Test
    void anAdminTokenWithoutARegionClaimReadsPublicDataButWritesNowhere() {
        String noRegion = "Bearer " + DevTokens.mint("shared-idp-admin", Set.of("admin"), null);
        // public: the region registry, facility types, facilities and coverage
        given().header("Authorization", noRegion).get("/api/v1/regions/410182").then().statusCode(200);
        given().header("Authorization", noRegion).get("/api/v1/regions/410182/children").then().statusCode(200);
        given().header("Authorization", noRegion).get("/api/v1/facility-types").then().statusCode(200);
        given().header("Authorization", noRegion).queryParam("region", "410182").get("/api/v1/facilities").then().statusCode(200);
        given().header("Authorization", noRegion).queryParam("region", "410182101").queryParam("type", "children-home")
                .get("/api/v1/coverage").then().statusCode(200);
        // writes: 403, nothing registered
        given().header("Authorization", noRegion).contentType(ContentType.JSON)
                .body(FacilityResourceTest.childrenHome("乔楼测试四村儿童之家（无区域）", VILLAGE))
                .post("/api/v1/facilities").then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", noRegion).contentType(FacilityTestSupport.CSV)
                .body("code,name,parentCode\n410182101299,无区域测试村,410182101\n")
                .post("/api/v1/regions/import").then().statusCode(422).contentType(PROBLEM);
        given().header("Authorization", noRegion).get("/api/v1/regions/410182101299").then().statusCode(404);
        // scoped data (the audit trail) is not for it
        given().header("Authorization", noRegion).get("/api/v1/audit").then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", FacilityTestSupport.viewer()).queryParam("region", VILLAGE)
                .get("/api/v1/facilities").then().statusCode(200).body("total", equalTo(0));
    }
}
