package cn.tongyou.task.service;

import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.InvalidRegionCodeException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.task.domain.Issue;
import cn.tongyou.task.domain.RuleConflict;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Rule outcomes as problem responses: issues are 400 with one violation each, a rule conflict is 409. */
public final class Problems {

    private Problems() {
    }

    public static ProblemException invalid(List<Issue> issues) {
        List<Problem.Violation> violations = issues.stream().map(i -> Problem.Violation.field(i.field(), i.message())).toList();
        return ProblemException.invalid(summary(issues), violations);
    }

    public static void raise(List<Issue> issues) {
        if (!issues.isEmpty()) {
            throw invalid(issues);
        }
    }

    public static String summary(List<Issue> issues) {
        String detail = issues.stream().limit(5).map(i -> i.field() + ": " + i.message()).collect(Collectors.joining("; "));
        return issues.size() > 5 ? detail + "; and " + (issues.size() - 5) + " more" : detail;
    }

    /** Runs a state change, answering 409 when the lifecycle refuses it. */
    public static <T> T rule(Supplier<T> change) {
        try {
            return change.get();
        } catch (RuleConflict e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }

    public static void rule(Runnable change) {
        try {
            change.run();
        } catch (RuleConflict e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }

    public static UUID uuid(String field, String raw, String what) {
        try {
            return UUID.fromString(raw == null ? "" : raw.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "'" + raw + "' is not " + what + " id (UUID)");
        }
    }

    public static RegionCode region(String field, String raw) {
        try {
            return RegionCode.parse(raw);
        } catch (InvalidRegionCodeException e) {
            throw ProblemException.invalidField(field, e.getMessage());
        }
    }
}
