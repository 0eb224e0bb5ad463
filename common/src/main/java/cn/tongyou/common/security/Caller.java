package cn.tongyou.common.security;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is calling: the subject recorded on every change, whether they act for the 妇儿工委办公室 (coordinator, admin),
 * the region they act in ({@link RegionScope}) and, for a reporter, the unit (department) the token's {@code unit}
 * claim names. The rules of docs/design.md §9 that depend on the person rather than the region live here: the
 * governed catalogue, separation of duties (a reporter acts for its own unit only) and four eyes.
 */
@RequestScoped
public class Caller {

    public static final String UNIT_CLAIM = "unit";

    @Inject
    JsonWebToken token;

    @Inject
    RegionScope scope;

    @Inject
    SecuritySettings settings;

    /** The token's name or subject, "unknown" for a token without either. */
    public String subject() {
        String subject = scope.subject();
        return subject == null ? "unknown" : subject;
    }

    /** The token's roles, sorted. */
    public Set<String> roles() {
        return new TreeSet<>(token.getGroups());
    }

    public RegionScope scope() {
        return scope;
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
                "common.security.no-unit-claim"));
    }

    /**
     * Separation of duties: a coordinator or admin acts for every unit of their region; anyone else only for the
     * unit their token names, so a reporter cannot correct or submit another department's record.
     *
     * @param recordUnit the unit the record belongs to (null: a record no unit claimed, which only coordinators touch)
     */
    public void requireOwnUnit(String recordUnit) {
        if (actsForCoordinator()) {
            return;
        }
        String mine = requireUnit();
        if (!Objects.equals(mine, recordUnit)) {
            throw ProblemException.forbidden("common.security.other-unit",
                    recordUnit == null ? Message.of("common.security.no-unit") : recordUnit, mine);
        }
    }

    /**
     * Four eyes: refuses (403) an approval by the person who entered or last corrected the value, when the
     * deployment keeps the rule on ({@code cfc.security.four-eyes}).
     */
    public void requireFourEyes(String enteredBy, String lastChangedBy) {
        if (!settings.fourEyes()) {
            return;
        }
        String me = subject();
        if (me.equals(enteredBy) || me.equals(lastChangedBy)) {
            throw ProblemException.forbidden("common.security.four-eyes.own-value");
        }
    }

    /**
     * Four eyes for bulk entry: a value cannot be entered already approved (that would be entering and approving in
     * one step); it is uploaded as submitted and another coordinator approves it.
     */
    public void refuseEnteringApproved() {
        if (settings.fourEyes()) {
            throw ProblemException.forbidden("common.security.four-eyes.pre-approved");
        }
    }

    /**
     * The governed catalogue (指标体系): indicators, domains and aliases apply to every region's scores, so changing
     * them needs a coordinator or admin acting nationwide.
     */
    public void requireCatalogueSteward() {
        if (!actsForCoordinator()) {
            throw ProblemException.forbidden("common.security.catalogue-role");
        }
        scope.requireNationwide("common.security.op.change-catalogue");
    }

    /** Platform operations (rebuild, audit verification) need an admin acting nationwide. */
    public void requireNationwideAdmin(String what) {
        if (!token.getGroups().contains(Roles.ADMIN)) {
            throw ProblemException.forbidden("common.security.admin-required", Message.of(what));
        }
        scope.requireNationwide(what);
    }
}
