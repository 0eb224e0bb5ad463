package cn.tongyou.common.indicator;

import cn.tongyou.common.code.Coded;

/** How an indicator's value comes about (数据来源方式). */
public enum Obtained implements Coded {
    /** Typed in or sent by a department or a provincial system. */
    REPORTED("reported"),
    /** Numerator ÷ denominator × scale; both parts are reported so that parents can sum them. */
    COMPUTED("computed"),
    /** Coverage or count of a facility type (儿童之家覆盖率): the reporting service computes it from facility data. */
    DERIVED("derived");

    private final String code;

    Obtained(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Obtained ofCode(String code) {
        return Coded.of(Obtained.class, "common.code.obtained", code);
    }
}
