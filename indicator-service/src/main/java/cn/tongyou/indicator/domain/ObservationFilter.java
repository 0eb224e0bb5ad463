package cn.tongyou.indicator.domain;

import cn.tongyou.common.region.RegionCode;

import java.util.List;

/** What a list of observations selects; null or an empty list means no filter. */
public record ObservationFilter(RegionCode region, boolean descendants, List<String> indicators, List<String> periods,
                                List<String> statuses) {
}
