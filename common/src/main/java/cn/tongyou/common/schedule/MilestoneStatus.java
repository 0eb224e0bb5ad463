package cn.tongyou.common.schedule;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The stored lifecycle of a milestone. {@code overdue} and {@code due-soon} are deliberately not here: they depend on
 * today's date and are computed at read time ({@link MilestoneSchedule}), so they can never be stale.
 */
public enum MilestoneStatus {
    OPEN("open"),
    /** Delivered, with the date and the evidence (证明材料). */
    DONE("done"),
    /** Dropped from the plan, with the reason. */
    CANCELLED("cancelled");

    private final String code;

    MilestoneStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<MilestoneStatus> parse(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code == null ? null : code.strip())).findFirst();
    }

    public static MilestoneStatus of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("unknown milestone status " + code));
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(MilestoneStatus::code).toList();
    }
}
