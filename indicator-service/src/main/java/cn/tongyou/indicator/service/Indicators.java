package cn.tongyou.indicator.service;

import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.indicator.Computation;
import cn.tongyou.common.indicator.Derivation;
import cn.tongyou.common.indicator.Direction;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.indicator.Obtained;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.ValueType;
import cn.tongyou.indicator.store.IndicatorEntity;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Between the stored indicator and the rules' view of it. */
public final class Indicators {

    private Indicators() {
    }

    public static Indicator toDomain(IndicatorEntity e) {
        Computation computation = e.scale == null ? null : new Computation(e.scale, e.numeratorLabel, e.denominatorLabel);
        Derivation derivation = e.facilityType == null ? null : new Derivation(e.facilityType,
                Derivation.Measure.ofCode(e.measure), e.scopeLevel == null ? null : RegionLevel.ofCode(e.scopeLevel),
                e.area, e.hostBased);
        Set<Period.Type> types = new LinkedHashSet<>();
        for (String t : e.periodTypes) {
            types.add(Period.Type.ofCode(t));
        }
        return new Indicator(e.code, e.name, e.nameEn, e.domain, e.unit, ValueType.ofCode(e.valueType),
                Direction.ofCode(e.direction), e.precision, Arrays.asList(e.departments), Obtained.ofCode(e.obtained),
                computation, derivation, e.bounded, types);
    }
}
