package cn.tongyou.task.domain;

import cn.tongyou.common.i18n.RefusedChange;

/**
 * A change the current state does not allow (a done milestone cancelled, an accepted report edited, a superseded plan
 * put back in force). The API answers 409: the request was well formed, the resource is in the wrong state for it.
 */
public class RuleConflict extends RefusedChange {

    public RuleConflict(String key, Object... args) {
        super(key, args);
    }
}
