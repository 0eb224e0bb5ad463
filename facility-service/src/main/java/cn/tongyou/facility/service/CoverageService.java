package cn.tongyou.facility.service;

import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.coverage.CoverageRule;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.facility.domain.FacilityType;
import cn.tongyou.facility.store.FacilityCoverageStore;
import cn.tongyou.facility.store.FacilityCoverageStore.UnitLabel;
import cn.tongyou.facility.store.FacilityStore;
import cn.tongyou.facility.store.FacilityStore.RegionRef;
import cn.tongyou.facility.store.FacilityTypeStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Coverage of a region by a facility type (read-only): the units streamed from SQL, the arithmetic {@link CoverageRule}'s. */
@ApplicationScoped
public class CoverageService {

    @Inject
    FacilityCoverageStore coverage;

    @Inject
    FacilityStore facilities;

    @Inject
    FacilityTypeStore types;

    /**
     * @param unitLevel  null when the units are host places
     * @param uncovered  one page of the uncovered units, in the order they were counted
     */
    public record Coverage(String regionCode, String regionName, RegionLevel regionLevel, FacilityType type,
                           RegionLevel unitLevel, boolean hosted, CoverageRule.Result result, Page<Unit> uncovered) {
    }

    /** An uncovered unit: a region ({@code id} is its code) or a host place ({@code id} is the facility id). */
    public record Unit(String id, String name, String regionCode, String parentCode) {
    }

    @Transactional
    public Coverage coverage(String region, String type, String level, PageParams page) {
        List<Issue> violations = new ArrayList<>();
        RegionCode scope = null;
        if (region == null || region.isBlank()) {
            violations.add(Issue.of("region", "common.field.required"));
        } else {
            scope = RequestParameters.region("region", region, violations);
        }
        FacilityType facilityType = childFacilityType(type, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        RegionRef regionRef = facilities.region(scope.value())
                .orElseThrow(() -> ProblemException.notFound("facility.region.not-registered", region));
        RegionLevel childLevel = scope.level() == RegionLevel.VILLAGE ? null : scope.level().below();
        List<CoverageRule.ChildRegion> children = childLevel == null ? List.of() : facilities.childRegions(scope.value()).stream()
                .filter(c -> RegionCode.isValid(c.code()) && RegionCode.parse(c.code()).level() == childLevel)
                .map(c -> new CoverageRule.ChildRegion(c.code(), c.name())).toList();
        CoverageRule.Tally tally = new CoverageRule.Tally(scope, childLevel, children);
        List<String> uncovered = new ArrayList<>();
        FacilityCoverageStore.UnitSink sink = (unit, location, covered) -> {
            tally.add(location, covered);
            if (!covered) {
                uncovered.add(unit);
            }
        };

        boolean hosted = facilityType.hostedBy() != null;
        RegionLevel unitLevel = null;
        if (hosted) {
            coverage.hostUnits(facilityType.code(), facilityType.hostedBy(), scope.subtreePattern(), sink);
        } else {
            unitLevel = unitLevel(level, facilityType, scope);
            coverage.regionUnits(facilityType.code(), unitLevel, scope.subtreePattern(), sink);
        }

        int from = (int) Math.min(page.offset(), uncovered.size());
        List<String> pageIds = uncovered.subList(from, Math.min(from + page.size, uncovered.size()));
        Map<String, UnitLabel> labels = hosted ? coverage.facilityLabels(pageIds) : coverage.regionLabels(pageIds);
        List<Unit> items = pageIds.stream().map(id -> {
            UnitLabel label = labels.get(id);
            return label == null ? new Unit(id, null, null, null)
                    : new Unit(id, label.name(), label.regionCode(), label.parentCode());
        }).toList();
        return new Coverage(regionRef.code(), regionRef.name(), RegionLevel.ofDepth(regionRef.level()), facilityType,
                unitLevel, hosted, tally.result(), Page.of(items, page, uncovered.size()));
    }

    /** The type asked for, which must be one that covers units (not a host such as public-place). */
    private FacilityType childFacilityType(String type, List<Issue> violations) {
        if (type == null || type.isBlank()) {
            violations.add(Issue.of("type", "facility.type.required", String.join(", ", types.codes())));
            return null;
        }
        FacilityType facilityType = types.find(type).orElse(null);
        if (facilityType == null) {
            violations.add(Issue.of("type", "facility.type.unknown", type, String.join(", ", types.codes())));
        } else if (!facilityType.childFacility()) {
            violations.add(Issue.of("type", "facility.coverage.host-type", facilityType.code()));
        }
        return facilityType;
    }

    private static RegionLevel unitLevel(String level, FacilityType type, RegionCode scope) {
        RegionLevel unitLevel;
        if (level == null || level.isBlank()) {
            if (type.unitLevel() != null) {
                unitLevel = type.unitLevel();
            } else if (scope.level() == RegionLevel.VILLAGE) {
                throw ProblemException.invalidField("region", "facility.coverage.village");
            } else {
                unitLevel = scope.level().below();
            }
        } else {
            try {
                unitLevel = RegionLevel.ofCode(level.strip());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("level", Message.of(e));
            }
        }
        if (!scope.level().isAbove(unitLevel)) {
            throw ProblemException.invalidField("level", "facility.coverage.level-below", unitLevel.code(), scope.value(),
                    scope.level().code());
        }
        return unitLevel;
    }
}
