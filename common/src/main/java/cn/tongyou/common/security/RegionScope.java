package cn.tongyou.common.security;

import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.InvalidRegionCodeException;
import cn.tongyou.common.region.RegionCode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * The region a caller may write in: the token's {@code region} claim names the root of the subtree. A token without
 * the claim may write nationwide only when it carries the {@code admin} role; anyone else without it writes nowhere.
 */
@RequestScoped
public class RegionScope {

    public static final String REGION_CLAIM = "region";

    @Inject
    JsonWebToken token;

    /** The subtree root of the caller, or empty for a nationwide admin. */
    public Optional<RegionCode> root() {
        Object claim = token.getClaim(REGION_CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        String raw = claim.toString().replace("\"", "");
        try {
            return Optional.of(RegionCode.parse(raw));
        } catch (InvalidRegionCodeException e) {
            throw ProblemException.forbidden("the token's region claim '" + raw + "' is not a region code");
        }
    }

    public boolean isNationwide() {
        return root().isEmpty() && token.getGroups().contains(Roles.ADMIN);
    }

    /** Refuses (403) a write to {@code target} unless it lies in the caller's subtree. */
    public void requireWrite(RegionCode target) {
        if (!mayWrite(target)) {
            throw ProblemException.forbidden("your token allows writes in region "
                    + root().map(RegionCode::value).orElse("(none)") + " and below, not in " + target.value());
        }
    }

    public boolean mayWrite(RegionCode target) {
        Optional<RegionCode> root = root();
        if (root.isEmpty()) {
            return token.getGroups().contains(Roles.ADMIN);
        }
        return target.isWithin(root.get());
    }

    public String subject() {
        return token.getName() != null ? token.getName() : token.getSubject();
    }
}
