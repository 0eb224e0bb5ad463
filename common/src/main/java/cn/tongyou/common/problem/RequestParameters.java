package cn.tongyou.common.problem;

import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.InvalidRegionCodeException;
import cn.tongyou.common.region.RegionCode;

import java.util.UUID;

/** Query and path parameters parsed, or a 400 problem naming the parameter. */
public final class RequestParameters {

    private RequestParameters() {
    }

    public static RegionCode region(String name, String raw) {
        try {
            return RegionCode.parse(raw);
        } catch (InvalidRegionCodeException e) {
            throw ProblemException.invalidField(name, e.getMessage());
        }
    }

    /** Like {@link #region}, with "is required" for a missing or blank value. */
    public static RegionCode requiredRegion(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalidField(name, "is required");
        }
        return region(name, raw);
    }

    public static Period period(String name, String raw) {
        try {
            return Period.parse(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, e.getMessage());
        }
    }

    /** @param what the kind of id with its article, for the message: {@code "a facility"} */
    public static UUID uuid(String name, String raw, String what) {
        try {
            return UUID.fromString(raw == null ? "" : raw.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "'" + raw + "' is not " + what + " id (UUID)");
        }
    }
}
