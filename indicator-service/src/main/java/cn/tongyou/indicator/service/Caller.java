package cn.tongyou.indicator.service;

import cn.tongyou.common.security.RegionScope;
import cn.tongyou.common.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the subject recorded on every change, the reporter's department, the roles. */
@RequestScoped
public class Caller {

    public static final String UNIT_CLAIM = "unit";

    @Inject
    JsonWebToken token;

    @Inject
    RegionScope scope;

    public String subject() {
        String s = scope.subject();
        return s == null ? "unknown" : s;
    }

    /** The department a reporter enters data for (token claim {@code unit}), or null. */
    public String unit() {
        Object unit = token.getClaim(UNIT_CLAIM);
        return unit == null ? null : unit.toString().replace("\"", "");
    }

    public boolean mayApprove() {
        return token.getGroups().contains(Roles.COORDINATOR) || token.getGroups().contains(Roles.ADMIN);
    }
}
