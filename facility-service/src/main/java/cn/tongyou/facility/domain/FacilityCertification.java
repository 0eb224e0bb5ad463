package cn.tongyou.facility.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Demonstration certification of a facility (区级/市级/省级示范). */
public enum FacilityCertification {
    COUNTY("county", "区（县）级示范"),
    PREFECTURE("prefecture", "市级示范"),
    PROVINCE("province", "省级示范");

    private final String code;
    private final String nameZh;

    FacilityCertification(String code, String nameZh) {
        this.code = code;
        this.nameZh = nameZh;
    }

    public String code() {
        return code;
    }

    public String nameZh() {
        return nameZh;
    }

    public static Optional<FacilityCertification> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.strip();
        return Arrays.stream(values()).filter(c -> c.code.equals(wanted) || c.nameZh.equals(wanted)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(FacilityCertification::code).toList();
    }
}
