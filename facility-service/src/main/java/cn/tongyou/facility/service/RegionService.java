package cn.tongyou.facility.service;

import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.facility.domain.Region;
import cn.tongyou.facility.domain.RegionFilter;
import cn.tongyou.facility.events.RegionEvents;
import cn.tongyou.facility.store.RegionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Reads of the region registry and the one manual change: retiring a code. */
@ApplicationScoped
public class RegionService {

    @Inject
    RegionStore store;

    @Inject
    OutboxWriter outbox;

    public Region require(RegionCode code) {
        return store.find(code).orElseThrow(() -> ProblemException.notFound("facility.region.not-found", code.value()));
    }

    /** One page of the regions matching {@code filter}, by code. */
    public Page<Region> list(RegionFilter filter, PageParams page) {
        return Page.of(store.list(filter, page), page, store.count(filter));
    }

    /** The direct children of a region that must exist, by code. */
    public Page<Region> children(RegionCode code, boolean includeRetired, PageParams page) {
        Region region = require(code);
        return list(new RegionFilter(null, null, null, region.code(), includeRetired), page);
    }

    /**
     * A region as read by its code.
     *
     * @param ancestors      from the province down, as stored (a missing ancestor is skipped)
     * @param activeChildren the number of its children not retired
     */
    public record Detail(Region region, List<Region> ancestors, long activeChildren) {
    }

    /** A region that must exist, with its ancestors and its number of active children. */
    public Detail detail(RegionCode code) {
        List<String> codes = code.ancestors().stream().map(RegionCode::value).toList();
        RegionStore.Detail stored = store.findDetail(code, codes)
                .orElseThrow(() -> ProblemException.notFound("facility.region.not-found", code.value()));
        Map<String, Region> found = stored.ancestors();
        return new Detail(stored.region(), codes.stream().map(found::get).filter(r -> r != null).toList(), stored.activeChildren());
    }

    /** Retires a code: it stays in the registry with its end date and can never be imported again as active. */
    @Transactional
    public Region retire(RegionCode code, LocalDate validTo) {
        Region region = require(code);
        if (region.isRetired()) {
            throw ProblemException.conflict("facility.region.already-retired", code.value(), region.validTo());
        }
        long activeChildren = store.countChildren(code);
        if (activeChildren > 0) {
            throw ProblemException.conflict("facility.region.active-children", code.value(), activeChildren);
        }
        if (region.validFrom() != null && validTo.isBefore(region.validFrom())) {
            throw ProblemException.invalidField("validTo", "facility.region.valid-to-before", region.validFrom());
        }
        Region retired = region.retire(validTo);
        store.updateAll(List.of(retired));
        outbox.append(RegionEvents.changed(retired));
        return retired;
    }
}
