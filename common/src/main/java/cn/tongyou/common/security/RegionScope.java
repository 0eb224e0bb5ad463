package cn.tongyou.common.security;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.Country;
import cn.tongyou.common.region.InvalidRegionCodeException;
import cn.tongyou.common.region.RegionCode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * The part of the country a caller acts in (docs/design.md §9.2): the token's {@code region} claim names the root
 * of a subtree, or is {@value #NATIONWIDE} for the whole country. Nationwide is an explicit claim, never the absence
 * of one: a token without the claim reads only what is public and writes nowhere, whatever its roles, so that an
 * admin token another application's identity provider issued does not become a national admin here.
 *
 * <p>The same subtree bounds reads of scoped records (drafts, report text, rankings, snapshots, audit) and writes.
 */
@RequestScoped
public class RegionScope {

    public static final String REGION_CLAIM = "region";
    /** The {@code region} claim value of a token that acts for the whole country (国务院妇儿工委 level). */
    public static final String NATIONWIDE = Country.CODE;

    @Inject
    JsonWebToken token;

    private enum Kind { NONE, NATIONWIDE, SUBTREE }

    private Kind kind;
    private RegionCode root;
    private String raw;

    private void resolve() {
        if (kind != null) {
            return;
        }
        Object claim = token.getClaim(REGION_CLAIM);
        raw = claim == null ? "" : claim.toString().replace("\"", "").strip();
        if (raw.isEmpty()) {
            kind = Kind.NONE;
        } else if (NATIONWIDE.equals(raw)) {
            kind = Kind.NATIONWIDE;
        } else {
            try {
                root = RegionCode.parse(raw);
                kind = Kind.SUBTREE;
            } catch (InvalidRegionCodeException e) {
                throw ProblemException.forbidden("common.security.region-claim-invalid", raw, NATIONWIDE);
            }
        }
    }

    /** The root of the caller's subtree; empty for a nationwide token and for a token without a region. */
    public Optional<RegionCode> root() {
        resolve();
        return Optional.ofNullable(root);
    }

    /** True only for a token whose {@code region} claim is {@value #NATIONWIDE}. */
    public boolean isNationwide() {
        resolve();
        return kind == Kind.NATIONWIDE;
    }

    /** True when the token names any scope at all (nationwide or a region). */
    public boolean hasScope() {
        resolve();
        return kind != Kind.NONE;
    }

    /** True when {@code target} lies in the caller's subtree (always for nationwide, never without a scope). */
    public boolean covers(RegionCode target) {
        resolve();
        return switch (kind) {
            case NATIONWIDE -> true;
            case SUBTREE -> target.isWithin(root);
            case NONE -> false;
        };
    }

    /** {@link #covers(RegionCode)} for a stored code; false for a null or malformed code unless nationwide. */
    public boolean covers(String regionCode) {
        if (regionCode == null || !RegionCode.isValid(regionCode)) {
            return isNationwide();
        }
        return covers(RegionCode.parse(regionCode));
    }

    /** Whether a write to {@code target} is allowed: the same subtree as reads. */
    public boolean mayWrite(RegionCode target) {
        return covers(target);
    }

    /** Refuses (403) a write to {@code target} unless it lies in the caller's subtree. */
    public void requireWrite(RegionCode target) {
        if (!covers(target)) {
            throw ProblemException.forbidden("common.security.write-outside", describe(), target.value());
        }
    }

    /**
     * Refuses (403) a list or query the caller filtered to a region outside their subtree. A by-id read of a scoped
     * record outside the subtree answers 404 instead ({@link #visible}), so that ids do not reveal what exists.
     */
    public void requireRead(RegionCode target) {
        if (!covers(target)) {
            throw ProblemException.forbidden("common.security.read-outside", describe(), target.value());
        }
    }

    /** For a by-id read of a scoped record: true when the caller may see it; callers answer 404 otherwise. */
    public boolean visible(String recordRegion) {
        return covers(recordRegion);
    }

    /**
     * The region a scoped list is limited to: the one asked for (403 when outside the subtree) or, when none was
     * asked for, the caller's root; empty means the whole country (nationwide caller, nothing asked).
     */
    public Optional<RegionCode> listRegion(RegionCode requested) {
        resolve();
        if (requested != null) {
            requireRead(requested);
            return Optional.of(requested);
        }
        if (kind == Kind.NONE) {
            throw ProblemException.forbidden("common.security.no-region-claim");
        }
        return Optional.ofNullable(root);
    }

    /** Refuses (403) unless the token is nationwide; {@code what} is the message key naming the operation. */
    public void requireNationwide(String what) {
        if (!isNationwide()) {
            throw ProblemException.forbidden("common.security.nationwide-required", Message.of(what), NATIONWIDE, describe());
        }
    }

    /** "region 410182 and below", "the whole country" or "no region (no region claim)". */
    public Message describe() {
        resolve();
        return switch (kind) {
            case NATIONWIDE -> Message.of("common.security.scope.nationwide");
            case SUBTREE -> Message.of("common.security.scope.subtree", root.value());
            case NONE -> Message.of("common.security.scope.none");
        };
    }

    public String subject() {
        return token.getName() != null ? token.getName() : token.getSubject();
    }

    /** The claim as the token carries it, for the audit trail: a region code, {@value #NATIONWIDE} or null. */
    public String claim() {
        resolve();
        return kind == Kind.NONE ? null : raw;
    }
}
