package cn.tongyou.indicator.service;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Refuses a submission while a blocking validation rule is violated (422 {@code …/problems/quality-rule-violated},
 * one violation per rule and region with the values involved). It checks the working values as they are now, without
 * writing: warnings (non-blocking rules), bounds marked as warnings and outlier flags never block.
 */
@ApplicationScoped
public class QualityGate {

    public static final String PROBLEM = "quality-rule-violated";

    @Inject
    QualityService quality;

    /** Before a region's values for a period go up a level: the region and every region below it. */
    public void requireSubmittable(RegionCode region, Period period) {
        refuseIfAny(quality.blockingViolations(region, true, period, null), region, period);
    }

    /** Before one value is submitted: the blocking rules that read its indicator, in its own region. */
    public void requireSubmittable(RegionCode region, Period period, String indicatorCode) {
        refuseIfAny(quality.blockingViolations(region, false, period, indicatorCode), region, period);
    }

    private static void refuseIfAny(List<QualityService.BlockingViolation> violations, RegionCode region, Period period) {
        if (violations.isEmpty()) {
            return;
        }
        List<Issue> issues = violations.stream()
                .map(v -> new Issue(v.ruleCode(), Message.of("indicator.quality.gate.violation", v.region(), v.text()))).toList();
        throw ProblemException.unprocessable(PROBLEM, Message.of("indicator.quality.gate.title"),
                Message.of("indicator.quality.gate.detail", violations.size(), region.value(), period.toString()), issues);
    }
}
