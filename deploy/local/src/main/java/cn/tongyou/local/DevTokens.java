package cn.tongyou.local;


import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Development JWTs, signed with the development key {@code dev-keys/privateKey.pem} of this module. FOR LOCAL RUNS
 * AND TESTS ONLY: the key is public in the repository, so a service that trusts {@code dev-keys/publicKey.pem}
 * trusts anyone.
 *
 * <p>Claims: {@code iss} = {@link #ISSUER}, {@code aud} = {@link #AUDIENCE}, {@code sub} and {@code upn} = the
 * subject, {@code groups} = the roles ({@link #ROLES}), {@code region} = the region code the token acts in, or
 * {@link #NATIONWIDE} for the whole country (omitted when {@code null}: such a token reads only public data and
 * writes nowhere), {@code unit} = the department name of a reporter (omitted when {@code null}), {@code iat}, {@code exp}
 * (default lifespan {@link #DEFAULT_LIFESPAN}), {@code jti}.
 *
 * <p>Command line: {@code deploy/local/token.sh --role coordinator[,admin] --region 410182 [--sub alice]
 * [--unit 区卫健局] [--hours 12] [--expired]} prints only the token.
 */
public final class DevTokens {

    public static final String ISSUER = "https://tongyou.local/dev";
    public static final String PRIVATE_KEY_RESOURCE = "dev-keys/privateKey.pem";
    public static final String PUBLIC_KEY_RESOURCE = "dev-keys/publicKey.pem";
    public static final String REGION_CLAIM = "region";
    /** The {@code region} claim of a token acting for the whole country (an explicit claim, never its absence). */
    public static final String NATIONWIDE = "CN";
    /** The audience every service requires ({@code mp.jwt.verify.audiences}, CFC_JWT_AUDIENCE). */
    public static final String AUDIENCE = "tongyou";
    public static final String UNIT_CLAIM = "unit";
    public static final Duration DEFAULT_LIFESPAN = Duration.ofHours(12);
    public static final Set<String> ROLES = Set.of("viewer", "reporter", "coordinator", "admin", "integration");

    private static volatile PrivateKey privateKey;

    private DevTokens() {
    }

    /** A token for {@code subject} with {@code roles}, limited to {@code region} (null = no region claim), 12 h. */
    public static String mint(String subject, Set<String> roles, String region) {
        return mint(subject, roles, region, null, DEFAULT_LIFESPAN);
    }

    /**
     * A token.
     *
     * @param unit     the department ({@code 区卫健局}) a reporter enters data for; null = no unit claim
     * @param lifespan from now; must be positive
     */
    public static String mint(String subject, Set<String> roles, String region, String unit, Duration lifespan) {
        if (lifespan == null || lifespan.isNegative() || lifespan.isZero()) {
            throw new IllegalArgumentException("lifespan must be positive: " + lifespan);
        }
        Instant now = Instant.now();
        return sign(subject, roles, region, unit, now, now.plus(lifespan));
    }

    /** A correctly signed token that expired an hour ago (for tests of 401). */
    public static String mintExpired(String subject, Set<String> roles, String region) {
        return mintExpired(subject, roles, region, null);
    }

    /** A correctly signed token with a unit claim that expired an hour ago. */
    public static String mintExpired(String subject, Set<String> roles, String region, String unit) {
        Instant now = Instant.now();
        return sign(subject, roles, region, unit, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
    }

    /**
     * The claims {@link #mint} signs, for tests that need to change one of them (wrong issuer, audience, a token
     * issued in the future …) before {@link #sign(JwtClaims, PrivateKey)}.
     */
    public static JwtClaims claims(String subject, Set<String> roles, String region, String unit, Instant issuedAt,
            Instant expiresAt) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(roles, "roles");
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setClaim("preferred_username", subject);
        claims.setStringListClaim("groups", List.copyOf(new TreeSet<>(roles)));
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setGeneratedJwtId();
        if (region != null) {
            claims.setClaim(REGION_CLAIM, region);
        }
        if (unit != null) {
            claims.setClaim(UNIT_CLAIM, unit);
        }
        return claims;
    }

    private static String sign(String subject, Set<String> roles, String region, String unit, Instant issuedAt,
            Instant expiresAt) {
        return sign(claims(subject, roles, region, unit, issuedAt, expiresAt), privateKey());
    }

    /** Signs {@code claims} with RS256 and {@code key} (the development key, or another one to test a wrong key). */
    public static String sign(JwtClaims claims, PrivateKey key) {
        // jose4j directly: smallrye-jwt-build reads MicroProfile Config, which breaks inside Quarkus test class loaders.
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue("tongyou-dev");
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    /** The development private key (RSA, PKCS#8 PEM on the class path). */
    public static PrivateKey privateKey() {
        PrivateKey key = privateKey;
        if (key == null) {
            key = readPrivateKey();
            privateKey = key;
        }
        return key;
    }

    private static PrivateKey readPrivateKey() {
        try (InputStream in = resource(PRIVATE_KEY_RESOURCE)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the development key " + PRIVATE_KEY_RESOURCE, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = DevTokens.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path");
        }
        return in;
    }

    // ---------------------------------------------------------------------------------------------------------------

    public static void main(String[] args) {
        Set<String> roles = new LinkedHashSet<>();
        String region = null;
        String subject = null;
        String unit = null;
        double hours = DEFAULT_LIFESPAN.toHours();
        boolean expired = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--role", "--roles" -> roles.addAll(Arrays.asList(value(args, ++i, arg).split("\\s*,\\s*")));
                case "--region" -> region = value(args, ++i, arg);
                case "--sub", "--subject" -> subject = value(args, ++i, arg);
                case "--unit" -> unit = value(args, ++i, arg);
                case "--hours" -> {
                    try {
                        hours = Double.parseDouble(value(args, ++i, arg));
                    } catch (NumberFormatException e) {
                        usage("--hours needs a number");
                    }
                }
                case "--expired" -> expired = true;
                case "-h", "--help" -> {
                    usage(null);
                    return;
                }
                default -> usage("unknown argument: " + arg);
            }
        }
        roles.remove("");
        if (roles.isEmpty()) {
            usage("--role is required");
        }
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                System.err.println("warning: '" + role + "' is not one of the platform's roles " + new TreeSet<>(ROLES));
            }
        }
        if (hours <= 0) {
            usage("--hours must be positive");
        }
        if (subject == null) {
            subject = "dev-" + roles.iterator().next();
        }
        String token = expired ? mintExpired(subject, roles, region, unit)
                : mint(subject, roles, region, unit, Duration.ofSeconds(Math.round(hours * 3600)));
        System.out.println(token);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String error) {
        if (error != null) {
            System.err.println("error: " + error);
        }
        System.err.println("""
                usage: token.sh --role ROLE[,ROLE...] [--region CODE] [--sub NAME] [--unit DEPARTMENT] [--hours H] [--expired]
                  prints a development JWT (issuer %s) signed with deploy/local's development key.
                  roles: viewer, reporter, coordinator, admin, integration
                  --region   the region code the token acts in (e.g. 410182), or CN for the whole country;
                             omitted = no region claim (reads public data only, writes nowhere)
                  --sub      subject and upn (default dev-<first role>)
                  --unit     the reporter's department, e.g. 区卫健局
                  --hours    lifespan, default 12
                  --expired  a token that expired an hour ago
                example: TOKEN=$(deploy/local/token.sh --role coordinator --region 410182)
                         ADMIN=$(deploy/local/token.sh --role admin --region CN)
                """.formatted(ISSUER));
        if (error != null) {
            System.exit(2);
        }
    }
}
