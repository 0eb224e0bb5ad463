package cn.tongyou.facility.domain;

import cn.tongyou.common.region.RegionCode;

import java.time.LocalDate;

/** One region as read from an import, already validated for its own shape (code, name, parent consistency). */
public record RegionRow(long line, RegionCode code, String name, RegionCode parent, String urbanRuralCode,
                        LocalDate validTo) {
}
