package cn.tongyou.facility.domain;

import cn.tongyou.common.code.Coded;

import java.util.List;
import java.util.Optional;

/** Lifecycle status of a facility; the API and events use the kebab-case {@link #code()}. */
public enum FacilityStatus implements Coded {
    PLANNED("planned", "规划中"),
    UNDER_CONSTRUCTION("under-construction", "建设中"),
    OPEN("open", "运行中"),
    SUSPENDED("suspended", "暂停"),
    CLOSED("closed", "已关闭");

    private final String code;
    private final String nameZh;

    FacilityStatus(String code, String nameZh) {
        this.code = code;
        this.nameZh = nameZh;
    }

    @Override
    public String code() {
        return code;
    }

    public String nameZh() {
        return nameZh;
    }

    /** The constant's name ({@code UNDER_CONSTRUCTION}) is accepted too. */
    @Override
    public List<String> aliases() {
        return List.of(name());
    }

    public static FacilityStatus ofCode(String code) {
        return Coded.of(FacilityStatus.class, "facility.code.facility-status", code);
    }

    public static Optional<FacilityStatus> find(String code) {
        return Coded.find(FacilityStatus.class, code);
    }

    public static List<String> codes() {
        return Coded.codes(FacilityStatus.class);
    }

    @Override
    public String toString() {
        return code;
    }
}
