package cn.tongyou.common.http;

import cn.tongyou.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitedInputStreamTest {

    private static InputStream bytes(int n) {
        return new ByteArrayInputStream(new byte[n]);
    }

    private static LimitedInputStream limited(int size, long limit) {
        return new LimitedInputStream(bytes(size), limit,
                () -> new BodySizeLimitFilter.Limit(limit, false, null).exceeded());
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() throws Exception {
        try (LimitedInputStream in = limited(100, 100)) {
            assertThat(in.readAllBytes()).hasSize(100);
            assertThat(in.count()).isEqualTo(100);
        }
    }

    @Test
    void oneByteMoreFailsWith413NamingTheLimit() {
        LimitedInputStream in = limited(101, 100);
        assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(413);
            assertThat(e.type()).isEqualTo(BodySizeLimitFilter.TYPE);
            assertThat(e.getMessage()).contains("larger than 100 bytes").contains("at most 100 bytes");
        });
        assertThat(in.count()).isEqualTo(101);
    }

    @Test
    void aLargeBodyIsNotReadFarBeyondTheLimit() {
        LimitedInputStream in = limited(10_000_000, 1024);
        byte[] buffer = new byte[64 * 1024];
        assertThatThrownBy(() -> {
            while (in.read(buffer, 0, buffer.length) >= 0) {
                // drain
            }
        }).isInstanceOf(ProblemException.class);
        assertThat(in.count()).isEqualTo(1025);
    }

    @Test
    void singleByteReadsAndSkipsCountToo() throws Exception {
        LimitedInputStream in = limited(10, 5);
        assertThat(in.skip(3)).isEqualTo(3);
        in.read();
        in.read();
        assertThatThrownBy(in::read).isInstanceOf(ProblemException.class);
        assertThatThrownBy(in::read).as("stays refused").isInstanceOf(ProblemException.class);
    }
}
