package cn.tongyou.task.domain;

import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.schedule.MilestoneStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Milestone targets, the milestone and report lifecycles, plan status. */
class RulesTest {

    private static MilestoneTarget target(String comparator, BigDecimal value, Boolean bool, BigDecimal max, Integer baseline) {
        return new MilestoneTarget(comparator, value, bool, max, null, baseline, null);
    }

    @Test
    void eachComparatorNeedsItsValues() {
        assertThat(target(">=", BigDecimal.valueOf(20), null, null, null).check()).isEmpty();
        assertThat(target(">=", null, null, null, null).check()).extracting(Issue::field).containsExactly("value");
        assertThat(target("range", BigDecimal.ONE, null, BigDecimal.valueOf(2), null).check()).isEmpty();
        assertThat(target("range", BigDecimal.valueOf(2), null, BigDecimal.ONE, null).check()).extracting(Issue::field).containsExactly("valueMax");
        assertThat(target("range", BigDecimal.ONE, null, null, null).check()).isNotEmpty();
        assertThat(target("bool", null, true, null, null).check()).isEmpty();
        assertThat(target("bool", BigDecimal.ONE, null, null, null).check()).isNotEmpty();
        assertThat(target("qualitative", null, null, null, null).check()).isEmpty();
        assertThat(target("qualitative", BigDecimal.ONE, null, null, null).check()).isNotEmpty();
        assertThat(target("reduce-pct-from-baseline", BigDecimal.valueOf(20), null, null, 2020).check()).isEmpty();
        assertThat(target("reduce-pct-from-baseline", BigDecimal.valueOf(20), null, null, null).check())
                .extracting(Issue::field).containsExactly("baselineYear");
        assertThat(target(">=", BigDecimal.ONE, null, BigDecimal.TEN, null).check()).extracting(Issue::field).containsExactly("valueMax");
        assertThat(target("maintain", BigDecimal.ONE, null, null, null).check()).extracting(Issue::field).containsExactly("comparator");
        assertThat(new MilestoneTarget(">=", BigDecimal.ONE, null, null, null, null, "Children Home").check())
                .extracting(Issue::field).containsExactly("facilityType");
    }

    @Test
    void milestoneLifecycle() {
        LocalDate today = LocalDate.of(2025, 7, 1);
        assertThat(MilestoneLifecycle.checkCompletion(today, "认定文件", today)).isEmpty();
        assertThat(MilestoneLifecycle.checkCompletion(today.plusDays(1), "认定文件", today)).extracting(Issue::field).containsExactly("doneOn");
        assertThat(MilestoneLifecycle.checkCompletion(null, " ", today)).extracting(Issue::field).containsExactly("doneOn", "evidence");
        MilestoneLifecycle.requireCompletable(MilestoneStatus.OPEN);
        assertThatThrownBy(() -> MilestoneLifecycle.requireCompletable(MilestoneStatus.DONE)).isInstanceOf(RuleConflict.class);
        assertThatThrownBy(() -> MilestoneLifecycle.requireCancellable(MilestoneStatus.DONE)).isInstanceOf(RuleConflict.class);
        assertThatThrownBy(() -> MilestoneLifecycle.requireReopenable(MilestoneStatus.OPEN)).isInstanceOf(RuleConflict.class);
        MilestoneLifecycle.requireReopenable(MilestoneStatus.CANCELLED);
    }

    @Test
    void planStatusMovesForwardOnly() {
        PlanStatus.DRAFT.requireTransitionTo(PlanStatus.IN_FORCE);
        PlanStatus.IN_FORCE.requireTransitionTo(PlanStatus.SUPERSEDED);
        PlanStatus.IN_FORCE.requireTransitionTo(PlanStatus.IN_FORCE);
        assertThatThrownBy(() -> PlanStatus.IN_FORCE.requireTransitionTo(PlanStatus.DRAFT)).isInstanceOf(RuleConflict.class);
        assertThatThrownBy(() -> PlanStatus.SUPERSEDED.requireTransitionTo(PlanStatus.IN_FORCE)).isInstanceOf(RuleConflict.class);
        assertThat(PlanStatus.presumedFromTitle("平顶山市新华区儿童发展规划(2021-2030年)征求意见稿")).isEqualTo(PlanStatus.DRAFT);
        assertThat(PlanStatus.presumedFromTitle("东昌府区儿童友好城区建设方案")).isEqualTo(PlanStatus.IN_FORCE);
    }

    @Test
    void reportReview() {
        ReportStatus.SUBMITTED.requireReviewable();
        ReportStatus.RETURNED.requireEditable();
        assertThatThrownBy(ReportStatus.RETURNED::requireReviewable).isInstanceOf(RuleConflict.class);
        assertThatThrownBy(ReportStatus.ACCEPTED::requireEditable).isInstanceOf(RuleConflict.class);
    }
}
