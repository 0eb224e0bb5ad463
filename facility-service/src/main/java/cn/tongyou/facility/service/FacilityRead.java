package cn.tongyou.facility.service;

import cn.tongyou.facility.domain.Facility;
import cn.tongyou.facility.domain.FacilityStatusChange;

import java.util.List;

/**
 * A facility as a read or a write answers it.
 *
 * @param distanceMeters great-circle distance from the search point; only in a {@code near} search
 * @param history        the lifecycle, oldest first; only when one facility is read or written
 */
public record FacilityRead(Facility facility, Double distanceMeters, List<FacilityStatusChange> history) {
}
