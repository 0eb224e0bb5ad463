package cn.tongyou.indicator.domain;

import cn.tongyou.common.code.Coded;

/**
 * Whose target it is. A region's own target is {@code local}; the national (国纲), provincial and prefecture targets a
 * plan quotes beside it are stored with the same region, indicator and year, so that the API can say where the local
 * target is weaker than the level above.
 */
public enum TargetLevel implements Coded {
    LOCAL("local", "本级"),
    PREFECTURE("prefecture", "市级"),
    PROVINCIAL("provincial", "省级"),
    NATIONAL("national", "国家");

    private final String code;
    private final String chinese;

    TargetLevel(String code, String chinese) {
        this.code = code;
        this.chinese = chinese;
    }

    @Override
    public String code() {
        return code;
    }

    public String chinese() {
        return chinese;
    }

    public boolean isReference() {
        return this != LOCAL;
    }

    public static TargetLevel ofCode(String code) {
        return Coded.of(TargetLevel.class, "indicator.code.target-level", code);
    }
}
