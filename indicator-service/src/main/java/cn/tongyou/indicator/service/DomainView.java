package cn.tongyou.indicator.service;

import cn.tongyou.indicator.store.DomainEntity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A domain (领域) with the number of indicators in it. */
@Schema(name = "Domain")
public record DomainView(@Schema(example = "公共服务友好") String name, String nameEn,
                         @Schema(enumeration = {"child-friendly-city", "child-development-plan", "other"}) String framework,
                         int ordinal, long indicators) {

    static DomainView of(DomainEntity d, long indicators) {
        return new DomainView(d.name, d.nameEn, d.framework, d.ordinal, indicators);
    }
}
