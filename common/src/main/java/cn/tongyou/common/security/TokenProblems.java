package cn.tongyou.common.security;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.ProblemMappers;
import cn.tongyou.common.problem.ProblemText;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.UnresolvableKeyException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Instant;
import java.util.List;

/**
 * The 401 of a request without a trusted token says why, so that a client can act: {@code …/problems/token-expired}
 * (the token expired or is older than the accepted age: get a new one, e.g. with a refresh token, and retry) or
 * {@code …/problems/unauthorized} (no token, or one that a new token from the same login would not fix: bad
 * signature, another issuer or audience, malformed, issued in the future: log in again or fix the setup). The
 * {@code WWW-Authenticate} header follows RFC 6750: {@code Bearer} alone when no token was sent, else
 * {@code Bearer error="invalid_token", error_description="…"} with a fixed ASCII description per reason.
 * <p>
 * The reason comes from smallrye-jwt's failure: the jose4j {@link InvalidJwtException} it wraps carries error codes
 * ({@link ErrorCodes}); its own checks (the maximum age) only say so in their message id; {@link IssuedAtCheck}
 * throws {@link Refused}.
 */
public class TokenProblems {

    private static final Logger LOG = Logger.getLogger(TokenProblems.class);

    public static final String UNAUTHORIZED = Problem.TYPE_BASE + "unauthorized";
    public static final String TOKEN_EXPIRED = Problem.TYPE_BASE + "token-expired";

    /** smallrye-jwt's message id of "The token age has exceeded %d seconds" (mp.jwt.verify.token.age). */
    private static final String TOKEN_AGE_EXCEEDED = "SRJWT07018";

    /** Why a token was refused: the problem type, the text for the client and the RFC 6750 error description. */
    public enum Reason {
        MISSING(UNAUTHORIZED, ProblemText.TOKEN_MISSING, null),
        NOT_BEARER(UNAUTHORIZED, ProblemText.TOKEN_NOT_BEARER, null),
        EXPIRED(TOKEN_EXPIRED, ProblemText.TOKEN_EXPIRED, "The access token expired"),
        TOO_OLD(TOKEN_EXPIRED, ProblemText.TOKEN_TOO_OLD, "The access token is older than the accepted age"),
        BAD_SIGNATURE(UNAUTHORIZED, ProblemText.TOKEN_BAD_SIGNATURE, "The access token signature is not valid"),
        WRONG_ALGORITHM(UNAUTHORIZED, ProblemText.TOKEN_WRONG_ALGORITHM, "The access token is not signed with RS256"),
        WRONG_ISSUER(UNAUTHORIZED, ProblemText.TOKEN_WRONG_ISSUER, "The access token has another issuer"),
        WRONG_AUDIENCE(UNAUTHORIZED, ProblemText.TOKEN_WRONG_AUDIENCE, "The access token has another audience"),
        NOT_YET_VALID(UNAUTHORIZED, ProblemText.TOKEN_NOT_YET_VALID, "The access token is not valid yet"),
        ISSUED_IN_FUTURE(UNAUTHORIZED, ProblemText.TOKEN_ISSUED_IN_FUTURE, "The access token was issued in the future"),
        MISSING_CLAIM(UNAUTHORIZED, ProblemText.TOKEN_MISSING_CLAIM, "The access token lacks a required claim"),
        MALFORMED(UNAUTHORIZED, ProblemText.TOKEN_MALFORMED, "The access token is malformed");

        final String type;
        final ProblemText text;
        /** RFC 6750 error_description: ASCII without quotes or backslashes, English whatever the client's language. */
        final String description;

        Reason(String type, ProblemText text, String description) {
            this.type = type;
            this.text = text;
            this.description = description;
        }

        public String type() {
            return type;
        }

        /** The {@code WWW-Authenticate} value. */
        public String challenge() {
            return description == null ? "Bearer"
                    : "Bearer error=\"invalid_token\", error_description=\"" + description + "\"";
        }
    }

    /**
     * A token refused by this platform's own checks, with the reason and the values its text names; thrown as the
     * cause of an {@link AuthenticationFailedException} (a final class) by {@link #failure}.
     */
    public static final class Refused extends RuntimeException {
        private final Reason reason;
        private final transient Object[] arguments;

        public Refused(Reason reason, Object... arguments) {
            super(reason.text.message(arguments).english());
            this.reason = reason;
            this.arguments = arguments.clone();
        }

        /** What to throw: the security layer's failure, carrying this reason. */
        public AuthenticationFailedException failure() {
            return new AuthenticationFailedException(getMessage(), this);
        }
    }

    /** A classified refusal: the reason and the detail for the client. */
    public record Refusal(Reason reason, Message detail) {
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return respond(classify(e, headers.getHeaderString(HttpHeaders.AUTHORIZATION)), uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        return respond(classify(e, headers.getHeaderString(HttpHeaders.AUTHORIZATION)), uri);
    }

    static Response respond(Refusal refusal, UriInfo uri) {
        Reason reason = refusal.reason();
        Message title = reason.type.equals(TOKEN_EXPIRED) ? ProblemText.TOKEN_EXPIRED_TITLE.message()
                : ProblemText.TOKEN_TITLE.message();
        return ProblemMappers.respond(new ProblemException(401, reason.type, title, refusal.detail(), List.of())
                .header("WWW-Authenticate", reason.challenge()), uri == null ? null : "/" + uri.getPath().replaceFirst("^/", ""));
    }

    /**
     * Why the request was not authenticated.
     *
     * @param failure       what the security layer threw
     * @param authorization the request's Authorization header, or null
     */
    public static Refusal classify(Throwable failure, String authorization) {
        Refused own = ProblemMappers.causeOfType(failure, Refused.class);
        if (own != null) {
            return new Refusal(own.reason, own.reason.text.message(own.arguments));
        }
        String token = bearerToken(authorization);
        if (token == null) {
            // no credentials the JWT mechanism could read: the request was anonymous
            return authorization == null || authorization.isBlank() || isBearerScheme(authorization)
                    ? new Refusal(Reason.MISSING, Reason.MISSING.text.message())
                    : new Refusal(Reason.NOT_BEARER, Reason.NOT_BEARER.text.message());
        }
        JwtClaims claims = unverifiedClaims(token);
        InvalidJwtException invalid = ProblemMappers.causeOfType(failure, InvalidJwtException.class);
        if (invalid != null) {
            if (invalid.getJwtContext() != null && invalid.getJwtContext().getJwtClaims() != null) {
                claims = invalid.getJwtContext().getJwtClaims();
            }
            Reason reason = reasonOf(invalid);
            if (reason != null) {
                return refusal(reason, claims);
            }
        }
        if (ProblemMappers.causeOfType(failure, InvalidAlgorithmException.class) != null) {
            return refusal(Reason.WRONG_ALGORITHM, claims);
        }
        if (ProblemMappers.causeOfType(failure, UnresolvableKeyException.class) != null) {
            return refusal(Reason.BAD_SIGNATURE, claims);
        }
        ParseException parse = ProblemMappers.causeOfType(failure, ParseException.class);
        if (parse != null && parse.getMessage() != null && parse.getMessage().startsWith(TOKEN_AGE_EXCEEDED)) {
            return refusal(Reason.TOO_OLD, claims);
        }
        LOG.debugf(failure, "token refused for a reason not classified; answered as malformed");
        return refusal(Reason.MALFORMED, claims);
    }

    /** The reason an error code of jose4j names, the most fundamental first: a forged token is not "expired". */
    private static Reason reasonOf(InvalidJwtException invalid) {
        if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING) ? Reason.WRONG_ALGORITHM : Reason.BAD_SIGNATURE;
        }
        if (ProblemMappers.causeOfType(invalid, InvalidAlgorithmException.class) != null) {
            return Reason.WRONG_ALGORITHM;
        }
        if (invalid.hasErrorCode(ErrorCodes.JSON_INVALID) || invalid.hasErrorCode(ErrorCodes.MALFORMED_CLAIM)) {
            return Reason.MALFORMED;
        }
        if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return Reason.WRONG_ISSUER;
        }
        if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return Reason.WRONG_AUDIENCE;
        }
        if (invalid.hasErrorCode(ErrorCodes.EXPIRATION_MISSING) || invalid.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)) {
            return Reason.MISSING_CLAIM;
        }
        if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return Reason.NOT_YET_VALID;
        }
        if (invalid.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return Reason.ISSUED_IN_FUTURE;
        }
        if (invalid.hasErrorCode(ErrorCodes.EXPIRED)) {
            return Reason.EXPIRED;
        }
        if (invalid.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)) {
            return Reason.TOO_OLD;
        }
        return null;
    }

    /** The refusal with the values its text names, read from the token's (unverified) claims. */
    private static Refusal refusal(Reason reason, JwtClaims claims) {
        Object argument = switch (reason) {
            case EXPIRED -> instant(claims, "exp");
            case TOO_OLD -> instant(claims, "iat");
            case WRONG_ISSUER -> claims == null || claims.getClaimValueAsString("iss") == null ? Message.of("common.token.no-issuer")
                    : claims.getClaimValueAsString("iss");
            case MISSING_CLAIM -> claims != null && claims.hasClaim("exp") ? "iat" : "exp";
            default -> null;
        };
        return new Refusal(reason, argument == null ? reason.text.message() : reason.text.message(argument));
    }

    private static Object instant(JwtClaims claims, String claim) {
        try {
            NumericDate date = claims == null ? null : claims.getNumericDateClaimValue(claim);
            return date == null ? Message.of("common.token.unknown-time") : Instant.ofEpochSecond(date.getValue()).toString();
        } catch (MalformedClaimException e) {
            return Message.of("common.token.unknown-time");
        }
    }

    /**
     * The claims of a token read without any check, only to name its values (expiry, issuer) back to the client
     * that sent it; null when it cannot be read.
     */
    private static JwtClaims unverifiedClaims(String token) {
        try {
            return new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                    .setSkipSignatureVerification().build().processToClaims(token);
        } catch (InvalidJwtException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isBearerScheme(String authorization) {
        return authorization.strip().regionMatches(true, 0, "Bearer", 0, 6);
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || !isBearerScheme(authorization)) {
            return null;
        }
        String token = authorization.strip().substring(6).strip();
        return token.isEmpty() ? null : token;
    }
}
