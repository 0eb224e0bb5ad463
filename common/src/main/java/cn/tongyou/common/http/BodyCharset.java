package cn.tongyou.common.http;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.ProblemException;
import jakarta.ws.rs.core.MediaType;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;

/**
 * The charset of a text body: the {@code charset} parameter of its Content-Type, UTF-8 when absent. Provincial
 * systems still send CSV in GBK/GB18030; they say so with {@code text/csv; charset=GBK}.
 */
public final class BodyCharset {

    private BodyCharset() {
    }

    /** The charset of a Content-Type header as sent. */
    public static Charset of(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("Content-Type", "common.http.not-media-type", contentType);
        }
        return of(type);
    }

    public static Charset of(MediaType type) {
        String name = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ProblemException(415, "about:blank", Message.of("common.http.title.415"),
                    Message.of("common.http.charset-unsupported", name), List.of());
        }
    }
}
