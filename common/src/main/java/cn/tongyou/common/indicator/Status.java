package cn.tongyou.common.indicator;

/** The verdict of an evaluation (docs/design.md §6.2). */
public enum Status {
    /** The target period's value satisfies the target (达标). */
    MET,
    /** The target period's value does not (未达标). */
    NOT_MET,
    /** Before the target period: at or ahead of the linear trajectory, or already at the target (进展正常). */
    ON_TRACK,
    /** Before the target period: behind the trajectory (存在风险). */
    AT_RISK,
    /** A value, baseline or reference the target needs is missing (无数据); never a guess. */
    NO_DATA,
    /** A qualitative target nobody has assessed yet (待评估). */
    NEEDS_ASSESSMENT;

    public String chinese() {
        return switch (this) {
            case MET -> "已达标";
            case NOT_MET -> "未达标";
            case ON_TRACK -> "进展正常";
            case AT_RISK -> "存在风险";
            case NO_DATA -> "无数据";
            case NEEDS_ASSESSMENT -> "待评估";
        };
    }

    public String english() {
        return switch (this) {
            case MET -> "met";
            case NOT_MET -> "not met";
            case ON_TRACK -> "on track";
            case AT_RISK -> "at risk";
            case NO_DATA -> "no data";
            case NEEDS_ASSESSMENT -> "needs assessment";
        };
    }
}
