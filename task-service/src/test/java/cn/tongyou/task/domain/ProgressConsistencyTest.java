package cn.tongyou.task.domain;

import cn.tongyou.common.problem.Issue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Percent complete against the milestones: done milestones imply progress. */
class ProgressConsistencyTest {

    @Test
    void aTaskWithoutMilestonesTakesAnyFigureInRange() {
        assertThat(ProgressConsistency.check(0, 0, 0, null).ok()).isTrue();
        assertThat(ProgressConsistency.check(100, 0, 0, null).ok()).isTrue();
        assertThat(ProgressConsistency.check(101, 0, 0, null).errors()).extracting(Issue::field).containsExactly("percentComplete");
        assertThat(ProgressConsistency.check(-1, 0, 0, null).ok()).isFalse();
    }

    @Test
    void zeroPercentWithADoneMilestoneIsRefused() {
        ProgressConsistency.Result result = ProgressConsistency.check(0, 3, 1, null);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors().get(0).text()).contains("1 of 3 milestones are done");
    }

    @Test
    void hundredPercentWithAnOpenMilestoneIsRefused() {
        ProgressConsistency.Result result = ProgressConsistency.check(100, 3, 2, null);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors().get(0).text()).contains("1 of 3 milestones are still open");
        assertThat(ProgressConsistency.check(100, 3, 3, null).ok()).isTrue();
    }

    @Test
    void lessThanTheDoneShareIsAcceptedWithAWarning() {
        ProgressConsistency.Result result = ProgressConsistency.check(20, 4, 3, null);
        assertThat(result.ok()).isTrue();
        assertThat(result.warnings()).singleElement().asString().contains("3 of 4").contains("75 %").contains("20 %");
        assertThat(ProgressConsistency.check(75, 4, 3, null).warnings()).isEmpty();
    }

    @Test
    void goingBackwardsIsAcceptedWithAWarning() {
        assertThat(ProgressConsistency.check(40, 0, 0, 60).warnings()).singleElement().asString().contains("60 %");
        assertThat(ProgressConsistency.check(60, 0, 0, 60).warnings()).isEmpty();
    }

    @Test
    void impossibleCountsAreAProgrammingError() {
        assertThatThrownBy(() -> ProgressConsistency.check(50, 2, 3, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
