package cn.tongyou.task.service;

import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.task.domain.RuleConflict;

import java.util.function.Supplier;

/** A rule conflict as a problem response: 409. */
public final class Problems {

    private Problems() {
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
}
