package cn.tongyou.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DevTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tokenCarriesRolesRegionAndUnitAndIsSignedWithTheDevKey() throws Exception {
        String token = DevTokens.mint("alice", Set.of("coordinator", "admin"), "410182", "区卫健局",
                Duration.ofHours(2));
        JsonNode payload = payload(token);
        assertThat(payload.get("iss").asText()).isEqualTo(DevTokens.ISSUER).isEqualTo("https://tongyou.local/dev");
        assertThat(payload.get("sub").asText()).isEqualTo("alice");
        assertThat(payload.get("upn").asText()).isEqualTo("alice");
        List<String> groups = new ArrayList<>();
        payload.get("groups").forEach(g -> groups.add(g.asText()));
        assertThat(groups).containsExactlyInAnyOrder("coordinator", "admin");
        assertThat(payload.get("region").asText()).isEqualTo("410182");
        assertThat(payload.get("unit").asText()).isEqualTo("区卫健局");
        long exp = payload.get("exp").asLong();
        assertThat(exp - Instant.now().getEpochSecond()).isBetween(7000L, 7200L);

        String[] parts = token.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(JSON.readTree(Base64.getUrlDecoder().decode(parts[0])).get("alg").asText()).isEqualTo("RS256");
    }

    @Test
    void defaultsOmitRegionAndUnitAndLastTwelveHours() throws Exception {
        JsonNode payload = payload(DevTokens.mint("ops", Set.of("admin"), null));
        assertThat(payload.has("region")).isFalse();
        assertThat(payload.has("unit")).isFalse();
        assertThat(payload.get("exp").asLong() - Instant.now().getEpochSecond())
                .isBetween(12 * 3600L - 60, 12 * 3600L);
    }

    @Test
    void expiredTokenHasExpired() throws Exception {
        JsonNode payload = payload(DevTokens.mintExpired("bob", Set.of("viewer"), "41"));
        assertThat(payload.get("exp").asLong()).isLessThan(Instant.now().getEpochSecond());
        assertThat(payload.get("region").asText()).isEqualTo("41");
    }

    private static JsonNode payload(String token) throws Exception {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static PublicKey publicKey() throws Exception {
        try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream(DevTokens.PUBLIC_KEY_RESOURCE)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        }
    }
}
