package cn.tongyou.indicator.domain.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names and codes of indicators. Plans quote the same indicator with small differences (全角/半角 brackets,
 * 0~6岁 / 0—6岁 / 0-6岁, 《》 around a standard's title, spaces around numbers); the match key removes them so that
 * one indicator is one entry of the catalogue.
 */
public final class IndicatorNames {

    static final int MAX_CODE = 60;

    private IndicatorNames() {
    }

    /** The name reduced to what identifies it. */
    public static String matchKey(String name) {
        if (name == null) {
            return null;
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '《' || c == '》' || c == '“' || c == '”' || c == '"' || c == '\''
                    || c == '‘' || c == '’' || c == '〈' || c == '〉') {
                continue;
            }
            if (c == '~' || c == '—' || c == '–' || c == '－' || c == '―' || c == '〜') {
                out.append('-');
                continue;
            }
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** A stable ASCII code from an English name: "Neonatal mortality rate" → neonatal-mortality-rate. */
    public static String slug(String english) {
        if (english == null) {
            return null;
        }
        String ascii = Normalizer.normalize(english, Normalizer.Form.NFKD).replaceAll("[^\\p{ASCII}]", "");
        String s = ascii.toLowerCase(Locale.ROOT).replace("'", "").replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() <= 1) {
            return null;
        }
        if (s.length() > MAX_CODE) {
            int cut = s.lastIndexOf('-', MAX_CODE);
            s = s.substring(0, cut > 20 ? cut : MAX_CODE).replaceAll("-+$", "");
        }
        if (!Character.isLetterOrDigit(s.charAt(0))) {
            return null;
        }
        return s;
    }

    /** A code for an indicator known only by its Chinese name: ind- and 8 hex digits of its match key's SHA-256. */
    public static String hashCode(String matchKey) {
        return "ind-" + hash(matchKey, 8);
    }

    /** The first {@code hexDigits} hex digits of the SHA-256 of {@code text}. */
    public static String hash(String text, int hexDigits) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, hexDigits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
