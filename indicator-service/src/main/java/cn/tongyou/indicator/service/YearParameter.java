package cn.tongyou.indicator.service;

import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.ProblemException;

/** The year of a target or an evaluation: required and within the years a {@link Period} may have. */
public final class YearParameter {

    private YearParameter() {
    }

    public static int require(String parameter, Integer year) {
        if (year == null) {
            throw ProblemException.invalidField(parameter, "indicator.year.required");
        }
        if (year < Period.MIN_YEAR || year > Period.MAX_YEAR) {
            throw ProblemException.invalidField(parameter, "common.target.year", Period.MIN_YEAR, Period.MAX_YEAR);
        }
        return year;
    }
}
