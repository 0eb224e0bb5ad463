package cn.tongyou.common.schedule;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a milestone's status means today: an open milestone is {@code overdue} once its due date has passed,
 * {@code due-soon} from today up to the due-soon horizon, else {@code open}. Computed, never stored.
 */
public enum MilestoneState {
    OPEN("open"),
    DUE_SOON("due-soon"),
    OVERDUE("overdue"),
    DONE("done"),
    CANCELLED("cancelled");

    private final String code;

    MilestoneState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<MilestoneState> parse(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code == null ? null : code.strip())).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(MilestoneState::code).toList();
    }
}
