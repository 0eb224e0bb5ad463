package cn.tongyou.common.security;

import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * Who is calling: the subject recorded on every change, whether they act for the 妇儿工委办公室 (coordinator, admin),
 * the region they may write in ({@link RegionScope}) and, for a reporter, the unit (department) the token's
 * {@code unit} claim names.
 */
@RequestScoped
public class Caller {

    public static final String UNIT_CLAIM = "unit";

    @Inject
    JsonWebToken token;

    @Inject
    RegionScope scope;

    /** The token's name or subject, "unknown" for a token without either. */
    public String subject() {
        String subject = scope.subject();
        return subject == null ? "unknown" : subject;
    }

    /** 403 unless {@code regionCode} lies in the token's region. */
    public void requireWrite(String regionCode) {
        scope.requireWrite(RegionCode.parse(regionCode));
    }

    /** A coordinator or administrator acts for the 妇儿工委办公室 (approves, accepts); others only for their unit. */
    public boolean actsForCoordinator() {
        return token.getGroups().contains(Roles.COORDINATOR) || token.getGroups().contains(Roles.ADMIN);
    }

    /** The department a reporter's token names, if any. */
    public Optional<String> unit() {
        Object claim = token.getClaim(UNIT_CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        String unit = claim.toString().replace("\"", "").strip();
        return unit.isEmpty() ? Optional.empty() : Optional.of(unit);
    }

    /** The reporter's unit claim, or 403: a reporter without one cannot file anything. */
    public String requireUnit() {
        return unit().orElseThrow(() -> ProblemException.forbidden(
                "your token has no unit claim: a reporter files reports only for its own unit (department)"));
    }
}
