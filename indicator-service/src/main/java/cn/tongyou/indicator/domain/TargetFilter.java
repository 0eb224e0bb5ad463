package cn.tongyou.indicator.domain;

import cn.tongyou.common.region.RegionCode;

import java.util.List;

/** What a list of targets selects; null means no filter. */
public record TargetFilter(RegionCode region, boolean descendants, String indicator, Integer year, List<String> levels,
                           String kind, String domain) {
}
