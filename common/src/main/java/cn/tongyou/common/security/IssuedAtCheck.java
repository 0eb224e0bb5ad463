package cn.tongyou.common.security;

import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Instant;

/**
 * Refuses (401) a token issued in the future beyond the clock skew. smallrye-jwt checks {@code exp}, {@code nbf} and
 * the maximum age since {@code iat}, but not an {@code iat} ahead of now, which a forged or mis-clocked issuer produces
 * and which would stretch the token's accepted life past {@code mp.jwt.verify.token.age}.
 */
public class IssuedAtCheck {

    @Inject
    JsonWebToken token;

    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    long skewSeconds;

    @ServerRequestFilter(priority = 50)
    public void refuseFutureIssuedAt() {
        if (token.getRawToken() == null) {
            return;
        }
        long issuedAt = token.getIssuedAtTime();
        // the real time, not the business clock: cfc.schedule.today moves business dates, never a token's age
        long now = Instant.now().getEpochSecond();
        if (issuedAt > now + skewSeconds) {
            throw new TokenProblems.Refused(TokenProblems.Reason.ISSUED_IN_FUTURE, String.valueOf(issuedAt - now),
                    String.valueOf(skewSeconds)).failure();
        }
    }
}
