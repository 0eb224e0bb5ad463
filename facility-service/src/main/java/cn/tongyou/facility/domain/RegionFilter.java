package cn.tongyou.facility.domain;

import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;

/** Filters of a region list; null means no filter. */
public record RegionFilter(String nameContains, RegionCode within, RegionLevel level, RegionCode parent,
                           boolean includeRetired) {
}
