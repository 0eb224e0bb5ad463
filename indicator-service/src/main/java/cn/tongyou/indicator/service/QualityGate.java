package cn.tongyou.indicator.service;

import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.RegionCode;
import jakarta.enterprise.context.ApplicationScoped;

/** Placeholder until the data-quality rules land (helper quality replaces this class). */
@ApplicationScoped
public class QualityGate {

    public void requireSubmittable(RegionCode region, Period period) {
    }
}
