package cn.tongyou.common.bulk;

import cn.tongyou.common.idempotency.IdempotencyStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class SpooledBodyTest {

    private static final byte[] CSV = "code,name\n410182,荥阳市\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void theBodyCanBeReadAgainAndTheFileGoesWithClose() throws Exception {
        SpooledBody body = SpooledBody.spool(new ByteArrayInputStream(CSV), StandardCharsets.UTF_8, "test.csv");
        try (InputStream first = body.open(); InputStream second = body.open()) {
            assertThat(first.readAllBytes()).isEqualTo(CSV);
            assertThat(second.readAllBytes()).isEqualTo(CSV);
        }
        body.close();
        assertThat(java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))
                .filter(p -> p.getFileName().toString().startsWith("test.csv-")).toList()).isEmpty();
    }

    @Test
    void theHashIsTheParametersThenTheCharsetThenTheBodysDigest() throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CSV));
        try (SpooledBody body = SpooledBody.spool(new ByteArrayInputStream(CSV), StandardCharsets.UTF_8, "test.csv")) {
            assertThat(body.requestHash("scope", "csv", "reject"))
                    .isEqualTo(IdempotencyStore.hash("scope", "csv", "reject", "UTF-8", digest))
                    .isEqualTo(SpooledBody.requestHash(CSV, StandardCharsets.UTF_8, "scope", "csv", "reject"));
        }
    }

    @Test
    void theSameBytesInAnotherCharsetAreAnotherRequest() throws Exception {
        try (SpooledBody utf8 = SpooledBody.spool(new ByteArrayInputStream(CSV), StandardCharsets.UTF_8, "test.csv");
             SpooledBody gbk = SpooledBody.spool(new ByteArrayInputStream(CSV), Charset.forName("GBK"), "test.csv");
             SpooledBody json = SpooledBody.spool(new ByteArrayInputStream(CSV), null, "test.json")) {
            assertThat(utf8.requestHash("p")).isNotEqualTo(gbk.requestHash("p")).isNotEqualTo(json.requestHash("p"));
            assertThat(utf8.requestHash("p")).isNotEqualTo(utf8.requestHash("q"));
        }
    }
}
