package cn.tongyou.indicator.service;

import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.ProblemException;

/** The year of a target or an evaluation: required and within the years a {@link Period} may have. */
public final class YearParameter {

    private YearParameter() {
    }

    public static int require(String parameter, Integer year) {
        if (year == null) {
            throw ProblemException.invalidField(parameter, "is required, e.g. 2025");
        }
        if (year < Period.MIN_YEAR || year > Period.MAX_YEAR) {
            throw ProblemException.invalidField(parameter, "must be between " + Period.MIN_YEAR + " and " + Period.MAX_YEAR);
        }
        return year;
    }
}
