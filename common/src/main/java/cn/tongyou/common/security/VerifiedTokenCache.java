package cn.tongyou.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a bearer token once and remembers the result for its next requests: a client sends the same token with
 * every call, and checking its RS256 signature and parsing its claims again cost a fifth of a GET's CPU time (issue
 * 16's profile). Only a token verified by smallrye-jwt is kept, under its complete text (header, claims and
 * signature: any changed byte misses and is verified again), and only while the verifier itself would still accept
 * it — before {@code exp} and before {@code iat} + {@code mp.jwt.verify.token.age}, without the clock skew — and for at
 * most {@value #MAX_KEEP_SECONDS} s, so that a key the issuer withdraws stops being trusted within that time.
 * Refused tokens are not kept: each is verified and refused again. The {@code iat}-in-the-future check
 * ({@link IssuedAtCheck}) runs on every request.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    static final long MAX_KEEP_SECONDS = 60;
    /**
     * A few MB at most (a verified token holds its text and parsed claims, 2–4 KB); more distinct tokens in a minute
     * than that only cost verifications again: past it the expired entries go, then all.
     */
    static final int MAX_ENTRIES = 1_000;

    private record Verified(JsonWebToken token, long keepUntilEpochSecond) {
    }

    /**
     * A token's complete text as the key, hashed on its last {@value TokenText#HASHED_CHARACTERS} characters only.
     * The header value is a new string at every request, so {@link String#hashCode()} ran over all of the token's
     * ≈ 1 KB each time (2 % of a read's CPU, issue 16's profile of {@code GET /regions/{code}}); the end is the
     * signature, which differs for every token the issuer signs. Equality still compares every character, so a copy
     * with other claims and the same signature lands in the same bucket and misses.
     */
    private record TokenText(String text) {
        static final int HASHED_CHARACTERS = 32;

        @Override
        public int hashCode() {
            int hash = 0;
            for (int i = Math.max(0, text.length() - HASHED_CHARACTERS); i < text.length(); i++) {
                hash = 31 * hash + text.charAt(i);
            }
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenText that && text.equals(that.text);
        }
    }

    private final ConcurrentHashMap<TokenText, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    DefaultJWTParser verifier;

    @ConfigProperty(name = "mp.jwt.verify.token.age")
    Optional<Long> maxAgeSeconds;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis() / 1000;
        TokenText key = new TokenText(token);
        Verified known = verified.get(key);
        if (known != null && now < known.keepUntilEpochSecond()) {
            return known.token();
        }
        JsonWebToken parsed = verifier.parse(token);
        long keepUntil = Math.min(parsed.getExpirationTime(), now + MAX_KEEP_SECONDS);
        if (maxAgeSeconds.isPresent()) {
            keepUntil = Math.min(keepUntil, parsed.getIssuedAtTime() + maxAgeSeconds.get());
        }
        if (now < keepUntil) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.values().removeIf(entry -> entry.keepUntilEpochSecond() <= now);
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
            }
            verified.put(key, new Verified(parsed, keepUntil));
        }
        return parsed;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
