package cn.tongyou.common.indicator;

import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.Evaluation.Explanation;
import cn.tongyou.common.indicator.Finding.Goal;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static cn.tongyou.common.indicator.IndicatorFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

/** Whole sentences, pinned: clients show them as they are, so a change of wording must be a decision. */
class EvaluationTextTest {

    final EvaluationText percent = new EvaluationText(IndicatorFixtures.percentage());

    @Test
    void aTrajectoryNamesTheValueTheLineAndWhatItAsksForByThen() {
        Figure value = Figure.of("2023H1", 85);
        Figure baseline = Figure.of("2020", 80);
        Goal goal = new Goal.PercentBelowBaseline(2020, d("80"), d("20"), d("64"));
        Explanation text = percent.explain(Status.AT_RISK, new Finding.Trajectory(value, baseline, 2025, goal, d("72")));
        assertThat(text.zh()).isEqualTo("2023年上半年数值 85%；从2020年的 80% 到2025年目标 较2020年（80%）下降20%，即不高于 64% 的线性进度要求此时为 72%：存在风险。");
        assertThat(text.en()).isEqualTo("2023H1: 85%; the straight line from 80% in 2020 to the 2025 target 20% below 2020 (80%), i.e. at most 64% asks for 72% by then: at risk.");
    }

    @Test
    void aRangeIsWrittenWithItsUnitOnTheUpperBound() {
        TargetSpec range = new TargetSpec(TargetKind.RANGE, d("90"), d("95"), null, null, null);
        Explanation text = new EvaluationText(IndicatorFixtures.number("个"))
                .explain(Status.NOT_MET, new Finding.FinalComparison(Figure.of("2025", 2), new Goal.Threshold(range)));
        assertThat(text.zh()).isEqualTo("2025年数值 2个，目标 90–95个：未达标。");
        assertThat(text.en()).isEqualTo("2025: 2个 against the target 90–95个: not met.");
    }

    @Test
    void aChangeSaysWhichWayTheValueMoved() {
        Explanation text = percent.explain(Status.NOT_MET, new Finding.Change(Figure.of("2025", 8), Figure.of("2024", 8), true));
        assertThat(text.zh()).isEqualTo("2025年数值 8%，较2024年的 8%持平，目标为增加：未达标。");
        assertThat(text.en()).isEqualTo("2025: 8%, unchanged from 8% in 2024; the target asks for an increase: not met.");
    }

    @Test
    void aYesNoTargetIsAnsweredInWords() {
        Explanation text = new EvaluationText(IndicatorFixtures.bool())
                .explain(Status.NOT_MET, new Finding.YesNo(Figure.of("2025", 0), true));
        assertThat(text.zh()).isEqualTo("2025年为“否”，目标“是”：未达标。");
        assertThat(text.en()).isEqualTo("2025: no, the target is yes: not met.");
    }

    @Test
    void anAssessmentGivesItsAuthorAndReason() {
        Assessment assessment = new Assessment(Status.MET, "联席会议制度已建立", "张三", Instant.EPOCH);
        Explanation text = percent.explain(Status.MET, new Finding.Assessed(assessment));
        assertThat(text.zh()).isEqualTo("定性目标，张三 评估为“已达标”：联席会议制度已建立");
        assertThat(text.en()).isEqualTo("Qualitative target assessed as met by 张三: 联席会议制度已建立");
    }

    @Test
    void aMissingReferenceSaysWhichPeriodWasNeeded() {
        Explanation text = percent.explain(Status.NO_DATA,
                new Finding.YearlyReductionReferenceMissing(d("0.5"), Period.parse("2024")));
        assertThat(text.zh()).isEqualTo("目标为每年降低0.5个百分点，需与2024年比较，但该期没有数值：无法判断。");
        assertThat(text.en()).isEqualTo("The target asks for 0.5 points less than 2024, which has no value: cannot be judged.");
    }
}
