package cn.tongyou.common.schedule;

import cn.tongyou.common.code.Coded;

import java.util.List;
import java.util.Optional;

/**
 * The stored lifecycle of a milestone. {@code overdue} and {@code due-soon} are deliberately not here: they depend on
 * today's date and are computed at read time ({@link MilestoneSchedule}), so they can never be stale.
 */
public enum MilestoneStatus implements Coded {
    OPEN("open"),
    /** Delivered, with the date and the evidence (证明材料). */
    DONE("done"),
    /** Dropped from the plan, with the reason. */
    CANCELLED("cancelled");

    private final String code;

    MilestoneStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static MilestoneStatus ofCode(String code) {
        return Coded.of(MilestoneStatus.class, "common.code.milestone-status", code);
    }

    public static Optional<MilestoneStatus> find(String code) {
        return Coded.find(MilestoneStatus.class, code);
    }

    public static List<String> codes() {
        return Coded.codes(MilestoneStatus.class);
    }
}
