package cn.tongyou.facility.service;

import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.facility.domain.FacilityType;
import cn.tongyou.facility.store.FacilityTypeStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;

/** Reads of the facility types and their standards. */
@ApplicationScoped
public class FacilityTypeService {

    @Inject
    FacilityTypeStore types;

    /** Every type, in display order. */
    public Collection<FacilityType> all() {
        return types.all();
    }

    public FacilityType require(String code) {
        return types.find(code).orElseThrow(() -> ProblemException.notFound("facility.type.not-found", code,
                String.join(", ", types.codes())));
    }
}
