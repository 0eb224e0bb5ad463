package cn.tongyou.common.indicator;

import cn.tongyou.common.i18n.InvalidInput;
import java.time.Instant;

/**
 * A person's verdict on a qualitative target (定性评估), with the reason that justifies it.
 *
 * @param verdict MET, NOT_MET, ON_TRACK or AT_RISK
 */
public record Assessment(Status verdict, String reason, String assessedBy, Instant assessedAt) {

    public Assessment {
        if (verdict == null || verdict == Status.NO_DATA || verdict == Status.NEEDS_ASSESSMENT) {
            throw new InvalidInput("common.indicator.verdict");
        }
    }
}
