package cn.tongyou.indicator.service;

import cn.tongyou.indicator.store.DomainEntity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A domain (领域) with the number of indicators in it. */
@Schema(name = "Domain")
public record DomainView(@Schema(example = "公共服务友好") String name, String nameEn,
                         @Schema(enumeration = {"child-friendly-city", "child-development-plan", "other"}) String framework,
                         int ordinal, long indicators,
                         @Schema(description = "raised once per change; the ETag") long version,
                         @Schema(description = "who changed it last (null for a domain an import created before issue 12)") String updatedBy) {

    static DomainView of(DomainEntity d, long indicators) {
        return new DomainView(d.name, d.nameEn, d.framework, d.ordinal, indicators, d.version, d.updatedBy);
    }
}
