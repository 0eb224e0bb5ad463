package cn.tongyou.common.discipline;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.InvalidRegionCodeException;
import cn.tongyou.common.region.RegionCode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may grant or revoke a period lock exception, and what a grant must say (issue 15): a coordinator or admin whose
 * token's region <em>strictly</em> contains the exception's region (a higher level; a nationwide token counts),
 * valid until a moment in the future at most {@value #MAX_DAYS} days ahead, with a reason of 1 to {@value #MAX_REASON}
 * characters. Plain Java, so that the rules are tested without a service.
 */
public final class LockExceptionRules {

    public static final int MAX_DAYS = 30;
    public static final int MAX_REASON = 500;
    public static final int MAX_DATA_SET = 100;

    /** Who asks: whether they act for the 妇儿工委办公室 and where (nationwide, or the root of their subtree). */
    public record Grantor(boolean coordinatorOrAdmin, boolean nationwide, RegionCode root) {
    }

    /** A grant whose fields passed the checks. */
    public record Grant(RegionCode region, Period period, String dataSet, Instant validUntil, String reason) {
    }

    private LockExceptionRules() {
    }

    /**
     * Checks a request to grant an exception.
     *
     * @throws ProblemException 400 naming every malformed field; 403 when the grantor may not grant for the region
     */
    public static Grant grant(Grantor grantor, String region, String period, String dataSet, Instant validUntil,
            String reason, Instant now) {
        List<Issue> issues = new ArrayList<>();
        RegionCode regionCode = null;
        if (region == null || region.isBlank()) {
            issues.add(Issue.of("region", "common.discipline.exception.region-required"));
        } else {
            try {
                regionCode = RegionCode.parse(region);
            } catch (InvalidRegionCodeException e) {
                issues.add(new Issue("region", Message.of(e)));
            }
        }
        Period parsedPeriod = null;
        try {
            parsedPeriod = Period.parse(period);
        } catch (IllegalArgumentException e) {
            issues.add(new Issue("period", Message.of(e)));
        }
        String set = dataSet == null || dataSet.isBlank() ? null : dataSet.strip();
        if (set != null && set.length() > MAX_DATA_SET) {
            issues.add(Issue.of("dataSet", "common.discipline.exception.data-set-length", MAX_DATA_SET));
        }
        if (validUntil == null) {
            issues.add(Issue.of("validUntil", "common.discipline.exception.valid-until-required"));
        } else if (!validUntil.isAfter(now)) {
            issues.add(Issue.of("validUntil", "common.discipline.exception.valid-until-past", validUntil.toString()));
        } else if (validUntil.isAfter(now.plus(Duration.ofDays(MAX_DAYS)))) {
            issues.add(Issue.of("validUntil", "common.discipline.exception.valid-until-far", validUntil.toString(), MAX_DAYS));
        }
        String text = reason(reason, issues);
        ProblemException.throwIfAny(issues);
        requireHigher(grantor, regionCode);
        return new Grant(regionCode, parsedPeriod, set, validUntil, text);
    }

    /**
     * Checks a revocation: the same authority as a grant, a reason, and an exception not revoked before.
     *
     * @return the stripped reason
     */
    public static String revoke(Grantor grantor, LockException exception, String reason) {
        List<Issue> issues = new ArrayList<>();
        String text = reason(reason, issues);
        ProblemException.throwIfAny(issues);
        requireHigher(grantor, RegionCode.parse(exception.region()));
        if (exception.revokedAt() != null) {
            throw ProblemException.conflict("common.discipline.exception.revoked-already", exception.id(),
                    exception.revokedAt().toString(), exception.revokedBy());
        }
        return text;
    }

    /** True when the grantor's region strictly contains {@code region}: a higher level, or the whole country. */
    public static boolean isHigher(Grantor grantor, RegionCode region) {
        if (grantor.nationwide()) {
            return true;
        }
        return grantor.root() != null && region.isWithin(grantor.root()) && !region.equals(grantor.root());
    }

    private static void requireHigher(Grantor grantor, RegionCode region) {
        if (!grantor.coordinatorOrAdmin()) {
            throw ProblemException.forbidden("common.discipline.exception.role");
        }
        if (!isHigher(grantor, region)) {
            throw ProblemException.forbidden("common.discipline.exception.not-higher", region.value(),
                    grantor.root() == null ? Message.of("common.security.scope.none")
                            : Message.of("common.security.scope.subtree", grantor.root().value()));
        }
    }

    private static String reason(String reason, List<Issue> issues) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            issues.add(Issue.of("reason", "common.discipline.exception.reason-required"));
        } else if (text.length() > MAX_REASON) {
            issues.add(Issue.of("reason", "common.discipline.exception.reason-length", MAX_REASON));
        }
        return text;
    }

    /**
     * Whether {@code exception} lets a write of {@code region}'s {@code dataSet} for {@code period} through at
     * {@code now}: not revoked, not expired, the same period, the region within the exception's, and the same data set
     * (an exception without one covers every data set).
     */
    public static boolean covers(LockException exception, RegionCode region, Period period, String dataSet,
            Instant now) {
        return exception.revokedAt() == null && now.isBefore(exception.validUntil())
                && exception.period().equals(period.toString())
                && (exception.dataSet() == null || exception.dataSet().equals(dataSet))
                && region.isWithin(RegionCode.parse(exception.region()));
    }
}
