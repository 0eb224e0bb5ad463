package cn.tongyou.task.service;

import cn.tongyou.common.discipline.ApprovalLevels;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.common.security.Caller;
import cn.tongyou.task.domain.ReviewCounts;
import cn.tongyou.task.domain.ReviewRollUp;
import cn.tongyou.task.store.ReportStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The progress reports of a region for a period per approval level (county → prefecture → province, configuration):
 * the same submit/accept/return states the reports have, counted for the region and for each region of each level
 * below it, summed upward. Report review is scoped like the reports themselves: the token's subtree.
 */
@ApplicationScoped
public class ReviewSummaryService {

    @Inject
    Caller caller;

    @Inject
    MilestoneSchedule schedule;

    @Inject
    ReportingCalendar calendar;

    @Inject
    ApprovalLevels approvalLevels;

    @Inject
    ReportStore store;

    public ReviewSummaryView summary(String regionParam, String periodParam) {
        List<Issue> violations = new ArrayList<>();
        RegionCode requested = regionParam == null || regionParam.isBlank() ? null
                : RequestParameters.region("region", regionParam, violations);
        Period period = periodParam == null || periodParam.isBlank() ? calendar.currentPeriod(schedule.today())
                : RequestParameters.halfYear("period", periodParam, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        RegionCode root = caller.scope().listRegion(requested).orElse(null);
        Map<RegionCode, ReviewCounts> byRegion = new LinkedHashMap<>();
        store.reviewCounts(root == null ? null : root.subtreePattern(), period.toString())
                .forEach((code, counts) -> byRegion.put(RegionCode.parse(code), counts));
        List<RegionLevel> chain = approvalLevels.levels();
        ReviewRollUp.Summary summary = ReviewRollUp.of(root, chain, byRegion);
        List<ReviewSummaryView.Level> levels = summary.levels().stream().map(l -> new ReviewSummaryView.Level(l.level().code(),
                l.regions().stream().map(row -> tally(row.region().value(), row.counts())).toList())).toList();
        return new ReviewSummaryView(root == null ? null : root.value(), root == null ? null : root.level().code(),
                period.toString(), calendar.deadline(period), chain.stream().map(RegionLevel::code).toList(),
                tally(root == null ? null : root.value(), summary.totals()), levels);
    }

    private static ReviewSummaryView.ReviewTally tally(String region, ReviewCounts c) {
        return new ReviewSummaryView.ReviewTally(region, c.expected(), c.submitted(), c.accepted(), c.returned(),
                c.missing(), c.late());
    }
}
