package cn.tongyou.common.schedule;

import cn.tongyou.common.code.Coded;

import java.util.List;
import java.util.Optional;

/**
 * What a milestone's status means today: an open milestone is {@code overdue} once its due date has passed,
 * {@code due-soon} from today up to the due-soon horizon, else {@code open}. Computed, never stored.
 */
public enum MilestoneState implements Coded {
    OPEN("open"),
    DUE_SOON("due-soon"),
    OVERDUE("overdue"),
    DONE("done"),
    CANCELLED("cancelled");

    private final String code;

    MilestoneState(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Optional<MilestoneState> find(String code) {
        return Coded.find(MilestoneState.class, code);
    }

    public static List<String> codes() {
        return Coded.codes(MilestoneState.class);
    }
}
