package cn.tongyou.common.indicator;

import cn.tongyou.common.code.Coded;

/** Which way an indicator should move (期望方向). */
public enum Direction implements Coded {
    /** Higher is better (入园率, 覆盖率). */
    INCREASE("increase"),
    /** Lower is better (死亡率, 近视率). */
    DECREASE("decrease"),
    /** A value or a range is the aim (慢行交通约 55%, 0–17 岁). */
    TARGET("target"),
    /** No direction (是/否, statements). */
    NONE("none");

    private final String code;

    Direction(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Direction ofCode(String code) {
        return Coded.of(Direction.class, "common.code.direction", code);
    }
}
