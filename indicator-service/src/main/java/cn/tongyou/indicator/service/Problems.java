package cn.tongyou.indicator.service;

import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.ProblemException;

/** Parameters the indicator service checks beyond common's {@link cn.tongyou.common.problem.RequestParameters}. */
public final class Problems {

    private Problems() {
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
