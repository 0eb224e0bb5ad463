package cn.tongyou.common.problem;

import cn.tongyou.common.i18n.Message;

/**
 * The texts of the problems a client gets for a parameter it sent wrong and for a token that is not trusted, as keys
 * of common's bundle ({@code messages/common.properties} and its Chinese sibling). {@code {0}} is the value the client
 * sent, or the token's expiry.
 */
public enum ProblemText {

    NOT_A_BOOLEAN("common.parameter.not-boolean"),
    NOT_A_WHOLE_NUMBER("common.parameter.not-whole-number"),
    NUMBER_OUT_OF_RANGE("common.parameter.out-of-range"),
    NOT_A_DATE("common.parameter.not-date"),
    /** A conversion failure of a parameter type {@link StrictParameters} does not know. */
    PARAMETER_NOT_READABLE("common.parameter.not-readable"),

    TOKEN_TITLE("common.token.title"),
    TOKEN_EXPIRED_TITLE("common.token.title.expired"),
    TOKEN_MISSING("common.token.missing"),
    TOKEN_NOT_BEARER("common.token.not-bearer"),
    TOKEN_EXPIRED("common.token.expired"),
    TOKEN_TOO_OLD("common.token.too-old"),
    TOKEN_BAD_SIGNATURE("common.token.bad-signature"),
    TOKEN_WRONG_ALGORITHM("common.token.wrong-algorithm"),
    TOKEN_WRONG_ISSUER("common.token.wrong-issuer"),
    TOKEN_WRONG_AUDIENCE("common.token.wrong-audience"),
    TOKEN_NOT_YET_VALID("common.token.not-yet-valid"),
    TOKEN_ISSUED_IN_FUTURE("common.token.issued-in-future"),
    TOKEN_MISSING_CLAIM("common.token.missing-claim"),
    TOKEN_MALFORMED("common.token.malformed");

    private final String key;

    ProblemText(String key) {
        this.key = key;
    }

    /** The bundle key. */
    public String key() {
        return key;
    }

    /** The text with {@code arguments} filled in when answered; a value the client sent is shortened to 64 characters. */
    public Message message(Object... arguments) {
        Object[] shown = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            shown[i] = arguments[i] instanceof String s && s.length() > 64 ? s.substring(0, 64) + "…" : arguments[i];
        }
        return Message.of(key, shown);
    }
}
