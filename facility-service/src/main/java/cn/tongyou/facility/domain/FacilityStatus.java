package cn.tongyou.facility.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Lifecycle status of a facility; the API and events use the kebab-case {@link #code()}. */
public enum FacilityStatus {
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

    public String code() {
        return code;
    }

    public String nameZh() {
        return nameZh;
    }

    public static Optional<FacilityStatus> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.strip();
        return Arrays.stream(values()).filter(s -> s.code.equals(wanted) || s.name().equals(wanted)).findFirst();
    }

    /** Parses a code known to be valid (read from the database). */
    public static FacilityStatus of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("unknown facility status " + code));
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(FacilityStatus::code).toList();
    }

    @Override
    public String toString() {
        return code;
    }
}
