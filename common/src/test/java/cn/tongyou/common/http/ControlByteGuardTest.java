package cn.tongyou.common.http;

import cn.tongyou.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlByteGuardTest {

    @Test
    void passesTextInEveryAcceptedCharsetWithTabsAndLineBreaks() throws IOException {
        String csv = "code,name\r\n410182103201,陈沟村\t（村委会）\n";
        for (Charset charset : new Charset[] {StandardCharsets.UTF_8, Charset.forName("GBK"), Charset.forName("GB18030")}) {
            byte[] bytes = csv.getBytes(charset);
            assertThat(readAll(new ControlByteGuard(new ByteArrayInputStream(bytes)))).isEqualTo(bytes);
        }
    }

    @Test
    void refusesNulAndOtherControlBytesWithTheirPosition() {
        for (int control : new int[] {0x00, 0x07, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F}) {
            byte[] body = new byte[] {'a', 'b', (byte) control, 'c'};
            assertThatThrownBy(() -> readAll(new ControlByteGuard(new ByteArrayInputStream(body))))
                    .isInstanceOf(ProblemException.class)
                    .hasMessageContaining("byte 2")
                    .hasMessageContaining(String.format("U+%04X", control))
                    .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400));
        }
    }

    @Test
    void checksSingleByteReadsToo() {
        InputStream guard = new ControlByteGuard(new ByteArrayInputStream(new byte[] {'x', 0}));
        assertThatThrownBy(() -> {
            while (guard.read() >= 0) {
                // read byte by byte
            }
        }).isInstanceOf(ProblemException.class).hasMessageContaining("byte 1");
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
