package cn.tongyou.indicator.service;

import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.InvalidRegionCodeException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.indicator.Issue;
import cn.tongyou.common.indicator.Period;

import java.util.List;
import java.util.stream.Collectors;

/** Turning rule issues and bad parameters into 400 problems that name each field. */
public final class Problems {

    private Problems() {
    }

    public static ProblemException invalid(List<Issue> issues) {
        List<Problem.Violation> violations = issues.stream().map(i -> Problem.Violation.field(i.field() == null ? "$" : i.field(), i.message())).toList();
        String detail = issues.stream().limit(5).map(i -> (i.field() == null ? "" : i.field() + ": ") + i.message())
                .collect(Collectors.joining("; "));
        if (issues.size() > 5) {
            detail += "; and " + (issues.size() - 5) + " more";
        }
        return ProblemException.invalid(detail, violations);
    }

    public static RegionCode region(String parameter, String raw) {
        try {
            return RegionCode.parse(raw);
        } catch (InvalidRegionCodeException e) {
            throw ProblemException.invalidField(parameter, e.getMessage());
        }
    }

    public static Period period(String parameter, String raw) {
        try {
            return Period.parse(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(parameter, e.getMessage());
        }
    }

    public static int year(String parameter, Integer year) {
        if (year == null) {
            throw ProblemException.invalidField(parameter, "is required, e.g. 2025");
        }
        if (year < Period.MIN_YEAR || year > Period.MAX_YEAR) {
            throw ProblemException.invalidField(parameter, "must be between " + Period.MIN_YEAR + " and " + Period.MAX_YEAR);
        }
        return year;
    }
}
