package cn.tongyou.facility.domain;

import cn.tongyou.common.code.Coded;

import java.util.List;
import java.util.Optional;

/** Demonstration certification of a facility (区级/市级/省级示范). */
public enum FacilityCertification implements Coded {
    COUNTY("county", "区（县）级示范"),
    PREFECTURE("prefecture", "市级示范"),
    PROVINCE("province", "省级示范");

    private final String code;
    private final String nameZh;

    FacilityCertification(String code, String nameZh) {
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

    /** The Chinese name ({@code 市级示范}) is accepted too. */
    @Override
    public List<String> aliases() {
        return List.of(nameZh);
    }

    public static Optional<FacilityCertification> find(String code) {
        return Coded.find(FacilityCertification.class, code);
    }

    public static List<String> codes() {
        return Coded.codes(FacilityCertification.class);
    }
}
