package cn.tongyou.indicator.domain.quality;

import cn.tongyou.common.code.Coded;

/** How much a violation matters to the people following it up (DHIS2's importance); blocking is separate. */
public enum Importance implements Coded {
    HIGH("high"), MEDIUM("medium"), LOW("low");

    private final String code;

    Importance(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
