package cn.tongyou.common.problem;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * The English texts of the problems a client gets for a parameter it sent wrong and for a token that is not trusted,
 * kept in one place as whole {@link MessageFormat} patterns (no text is assembled elsewhere), so that each can become a
 * message-bundle entry under {@link #key()}. {@code {0}} is the value the client sent, or the token's expiry.
 */
public enum ProblemText {

    NOT_A_BOOLEAN("''{0}'' is not a boolean; use true or false"),
    NOT_A_WHOLE_NUMBER("''{0}'' is not a whole number"),
    NUMBER_OUT_OF_RANGE("''{0}'' is out of range for this parameter"),
    NOT_A_DATE("''{0}'' is not a date; use ISO 8601, e.g. 2025-06-30"),
    /** A conversion failure of a parameter type {@link StrictParameters} does not know. */
    PARAMETER_NOT_READABLE("a query or path parameter could not be read: {0}"),

    TOKEN_TITLE("Unauthorized"),
    TOKEN_EXPIRED_TITLE("Token expired"),
    TOKEN_MISSING("a bearer token is required (Authorization: Bearer <JWT>)"),
    TOKEN_NOT_BEARER("the Authorization header is not a bearer token; send Authorization: Bearer <JWT>"),
    TOKEN_EXPIRED("the token expired at {0}; get a new token (refresh) and retry"),
    TOKEN_TOO_OLD("the token was issued at {0}, longer ago than the accepted token age; get a new token (refresh) and retry"),
    TOKEN_BAD_SIGNATURE("the token''s signature does not verify with the key this platform trusts; log in again at the platform''s issuer"),
    TOKEN_WRONG_ALGORITHM("the token is not signed with RS256; log in again at the platform''s issuer"),
    TOKEN_WRONG_ISSUER("the token was issued by {0}, not by the issuer this platform trusts; log in again at the platform''s issuer"),
    TOKEN_WRONG_AUDIENCE("the token is not meant for this platform (its audience does not include it); request a token for this platform"),
    TOKEN_NOT_YET_VALID("the token is not valid yet (nbf in the future); check the clocks of the issuer and the client"),
    TOKEN_ISSUED_IN_FUTURE("the token was issued {0} s in the future (clock skew allowed: {1} s); check the issuer''s clock"),
    TOKEN_MISSING_CLAIM("the token lacks a required claim ({0}); log in again at the platform''s issuer"),
    TOKEN_MALFORMED("the bearer token is not a well-formed signed JWT; log in again at the platform''s issuer");

    private final String english;

    ProblemText(String english) {
        this.english = english;
    }

    /** The bundle key: {@code problem.token-expired} for {@code TOKEN_EXPIRED}. */
    public String key() {
        return "problem." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The English pattern ({@link MessageFormat}). */
    public String english() {
        return english;
    }

    /** The English text with {@code arguments} filled in; a value the client sent is shortened to 64 characters. */
    public String format(Object... arguments) {
        Object[] shown = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            shown[i] = arguments[i] instanceof String s && s.length() > 64 ? s.substring(0, 64) + "…" : arguments[i];
        }
        return new MessageFormat(english, Locale.ROOT).format(shown);
    }
}
