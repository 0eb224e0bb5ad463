package cn.tongyou.indicator.domain;

import cn.tongyou.common.region.RegionCode;

import java.util.List;

/** What a list of approvals selects: a region (and its subtree when {@code descendants}), periods, statuses. */
public record ApprovalFilter(RegionCode region, boolean descendants, List<String> periods, List<String> statuses) {
}
