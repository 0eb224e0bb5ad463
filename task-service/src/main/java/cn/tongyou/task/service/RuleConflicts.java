package cn.tongyou.task.service;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.task.domain.RuleConflict;

/** The domain's {@link RuleConflict} (a lifecycle refusing a change) as the API's answer to it: 409. */
final class RuleConflicts {

    private RuleConflicts() {
    }

    /** Runs a lifecycle check, answering 409 when it refuses the change. */
    static void asConflict(Runnable check) {
        try {
            check.run();
        } catch (RuleConflict e) {
            throw ProblemException.conflict(Message.of(e));
        }
    }
}
