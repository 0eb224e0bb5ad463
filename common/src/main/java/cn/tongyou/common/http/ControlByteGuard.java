package cn.tongyou.common.http;

import cn.tongyou.common.i18n.Message;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses a request body that carries a raw control byte (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+007F) with
 * the 400 {@code control-character} problem, wherever the body goes next: CSV and JSON imports, streamed or spooled.
 * PostgreSQL cannot store NUL in text and the other controls have no business in names, texts or codes. Checking bytes
 * is sound for every charset the platform accepts: in UTF-8, GBK and GB18030 a byte below 0x30 is always the ASCII
 * character itself, never part of a multi-byte sequence. Escaped controls inside JSON strings ({@code "\u0000"}) are
 * refused by {@link ControlCharacterJson}.
 */
public final class ControlByteGuard extends FilterInputStream {

    private long position;

    public ControlByteGuard(InputStream in) {
        super(in);
    }

    static boolean refused(int b) {
        return (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            check(b);
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        for (int i = 0; i < n; i++) {
            check(buffer[off + i] & 0xFF);
            position++;
        }
        return n;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(int b) {
        if (refused(b)) {
            throw ControlCharacters.refused("body", Message.of("common.control.body-byte", position, String.format("U+%04X", b)));
        }
    }
}
