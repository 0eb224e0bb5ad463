package cn.tongyou.common.indicator;

import cn.tongyou.common.indicator.Evaluation.Explanation;
import cn.tongyou.common.indicator.Finding.Goal;

import java.math.BigDecimal;

import static cn.tongyou.common.indicator.Numbers.plain;
import static cn.tongyou.common.indicator.Numbers.withUnit;

/**
 * Words a {@link Finding} of the {@link Evaluator} in Chinese and English, with the indicator's unit on every value.
 * Each sentence names the period, the value, what the target asks for and the verdict, so that a reader can check
 * the verdict without the rules at hand. The two languages of one finding sit side by side.
 */
final class EvaluationText {

    private final Indicator indicator;

    EvaluationText(Indicator indicator) {
        this.indicator = indicator;
    }

    Explanation explain(Status status, Finding finding) {
        if (finding instanceof Finding.FinalComparison f) {
            return new Explanation(
                    valueZh(f.value()) + "，目标 " + goalZh(f.goal()) + "：" + status.chinese() + "。",
                    valueEn(f.value()) + " against the target " + goalEn(f.goal()) + ": " + status.english() + ".");
        }
        if (finding instanceof Finding.AlreadySatisfied f) {
            return new Explanation(
                    valueZh(f.value()) + " 已达到" + f.year() + "年目标 " + goalZh(f.goal()) + "：" + status.chinese() + "。",
                    valueEn(f.value()) + " already satisfies the " + f.year() + " target " + goalEn(f.goal()) + ": "
                            + status.english() + ".");
        }
        if (finding instanceof Finding.NoTrajectory f) {
            return new Explanation(
                    valueZh(f.value()) + " 尚未达到" + f.year() + "年目标 " + goalZh(f.goal())
                            + "，且此前没有可作起点的数值，无法画出进度线：" + status.chinese() + "。",
                    valueEn(f.value()) + " does not yet satisfy the " + f.year() + " target " + goalEn(f.goal())
                            + " and no earlier value exists to draw a trajectory from: " + status.english() + ".");
        }
        if (finding instanceof Finding.Trajectory f) {
            Figure baseline = f.baseline();
            return new Explanation(
                    valueZh(f.value()) + "；从" + baseline.period().chinese() + "的 " + v(baseline.value()) + " 到" + f.year()
                            + "年目标 " + goalZh(f.goal()) + " 的线性进度要求此时为 " + v(f.expected()) + "："
                            + status.chinese() + "。",
                    valueEn(f.value()) + "; the straight line from " + v(baseline.value()) + " in " + baseline.period()
                            + " to the " + f.year() + " target " + goalEn(f.goal()) + " asks for " + v(f.expected())
                            + " by then: " + status.english() + ".");
        }
        if (finding instanceof Finding.YesNo f) {
            boolean got = f.value().value().signum() != 0;
            return new Explanation(
                    f.value().period().chinese() + "为“" + yesNoZh(got) + "”，目标“" + yesNoZh(f.wanted()) + "”："
                            + status.chinese() + "。",
                    f.value().period() + ": " + yesNoEn(got) + ", the target is " + yesNoEn(f.wanted()) + ": "
                            + status.english() + ".");
        }
        if (finding instanceof Finding.Change f) {
            Figure reference = f.reference();
            int moved = f.value().value().compareTo(reference.value());
            return new Explanation(
                    valueZh(f.value()) + "，较" + reference.period().chinese() + "的 " + v(reference.value())
                            + (moved > 0 ? "增加" : moved < 0 ? "下降" : "持平") + "，目标为" + changeZh(f.increase()) + "："
                            + status.chinese() + "。",
                    valueEn(f.value()) + ", " + (moved > 0 ? "up" : moved < 0 ? "down" : "unchanged") + " from "
                            + v(reference.value()) + " in " + reference.period() + "; the target asks for "
                            + changeEn(f.increase()) + ": " + status.english() + ".");
        }
        if (finding instanceof Finding.AgainstGoal f) {
            return new Explanation(
                    valueZh(f.value()) + "，目标" + goalZh(f.goal()) + "：" + status.chinese() + "。",
                    valueEn(f.value()) + "; the target is " + goalEn(f.goal()) + ": " + status.english() + ".");
        }
        if (finding instanceof Finding.YearlyReduction f) {
            Figure reference = f.reference();
            BigDecimal drop = reference.value().subtract(f.value().value());
            return new Explanation(
                    valueZh(f.value()) + "，较" + reference.period().chinese() + "的 " + v(reference.value()) + "降低"
                            + plain(drop) + "个百分点，目标每年降低" + plain(f.points()) + "个百分点：" + status.chinese() + "。",
                    valueEn(f.value()) + ", " + plain(drop) + " points below " + reference.period() + " ("
                            + v(reference.value()) + "); the target asks for " + plain(f.points()) + " points a year: "
                            + status.english() + ".");
        }
        if (finding instanceof Finding.Assessed f) {
            String assessedBy = f.assessment().assessedBy();
            return new Explanation(
                    "定性目标，" + (assessedBy == null ? "" : assessedBy + " ") + "评估为“" + status.chinese() + "”："
                            + f.assessment().reason(),
                    "Qualitative target assessed as " + status.english() + (assessedBy == null ? "" : " by " + assessedBy)
                            + ": " + f.assessment().reason());
        }
        if (finding instanceof Finding.NotAssessed) {
            return new Explanation("定性目标，尚无评估结论：" + status.chinese() + "。",
                    "A qualitative target nobody has assessed yet: " + status.english() + ".");
        }
        if (finding instanceof Finding.NoValue f) {
            return new Explanation("截至" + f.cutoff().chinese() + "没有已填报的数值：" + status.chinese() + "。",
                    "No value reported up to " + f.cutoff() + ": " + status.english() + ".");
        }
        if (finding instanceof Finding.DerivedNotReported f) {
            Derivation d = f.derivation();
            return new Explanation(
                    "该指标由设施数据计算（" + d.facilityType() + " "
                            + switch (d.measure()) {
                                case COVERAGE -> "覆盖率";
                                case COUNT -> "数量";
                                case STANDARD -> "达标率";
                            } + "），截至"
                            + f.cutoff().chinese() + "尚无计算结果：" + status.chinese() + "。",
                    "Derived from facility data (" + d.facilityType() + " " + d.measure().code()
                            + "); no figure recorded up to " + f.cutoff() + ": " + status.english() + ".");
        }
        if (finding instanceof Finding.BaselineMissing f) {
            int year = f.baselineYear();
            return new Explanation("目标以" + year + "年为基数，但本地区" + year + "年没有数值：无法判断（不作推测）。",
                    "The target is measured from the region's " + year + " value, which is missing: cannot be judged (no guess).");
        }
        if (finding instanceof Finding.ChangeReferenceMissing f) {
            return new Explanation(
                    "目标为" + changeZh(f.increase()) + "，需与" + f.earlier().chinese() + "比较，但该期没有数值：无法判断。",
                    "The target asks for " + changeEn(f.increase()) + " on " + f.earlier() + ", which has no value: cannot be judged.");
        }
        if (finding instanceof Finding.YearlyReductionReferenceMissing f) {
            return new Explanation(
                    "目标为每年降低" + plain(f.points()) + "个百分点，需与" + f.earlier().chinese() + "比较，但该期没有数值：无法判断。",
                    "The target asks for " + plain(f.points()) + " points less than " + f.earlier()
                            + ", which has no value: cannot be judged.");
        }
        throw new IllegalArgumentException("no wording for " + finding);
    }

    /** The target as written in Chinese: ≥90%, &lt;2‰, 0–17岁. */
    private String goalZh(Goal goal) {
        if (goal instanceof Goal.Threshold t) {
            TargetSpec s = t.spec();
            return s.kind() == TargetKind.RANGE ? plain(s.value()) + "–" + v(s.valueMax()) : s.kind().symbol() + v(s.value());
        }
        if (goal instanceof Goal.PercentBelowBaseline g) {
            return "较" + g.baselineYear() + "年（" + v(g.baseline()) + "）下降" + plain(g.percent()) + "%，即不高于 " + v(g.aim());
        }
        Goal.PointsPerYearFromBaseline g = (Goal.PointsPerYearFromBaseline) goal;
        return "自" + g.baselineYear() + "年（" + v(g.baseline()) + "）起每年降低" + plain(g.points()) + "个百分点，"
                + g.year() + "年不高于 " + v(g.aim());
    }

    private String goalEn(Goal goal) {
        if (goal instanceof Goal.Threshold t) {
            TargetSpec s = t.spec();
            return s.kind() == TargetKind.RANGE ? plain(s.value()) + "–" + v(s.valueMax()) : s.kind().symbol() + " " + v(s.value());
        }
        if (goal instanceof Goal.PercentBelowBaseline g) {
            return plain(g.percent()) + "% below " + g.baselineYear() + " (" + v(g.baseline()) + "), i.e. at most " + v(g.aim());
        }
        Goal.PointsPerYearFromBaseline g = (Goal.PointsPerYearFromBaseline) goal;
        return plain(g.points()) + " points lower every year from " + g.baselineYear() + " (" + v(g.baseline())
                + "), at most " + v(g.aim()) + " in " + g.year();
    }

    /** "2025年数值 1.8‰" — how most Chinese sentences open. */
    private String valueZh(Figure value) {
        return value.period().chinese() + "数值 " + v(value.value());
    }

    /** "2025: 1.8‰" — how most English sentences open. */
    private String valueEn(Figure value) {
        return value.period() + ": " + v(value.value());
    }

    private String v(BigDecimal value) {
        return withUnit(value, indicator);
    }

    private static String yesNoZh(boolean yes) {
        return yes ? "是" : "否";
    }

    private static String yesNoEn(boolean yes) {
        return yes ? "yes" : "no";
    }

    private static String changeZh(boolean increase) {
        return increase ? "增加" : "下降";
    }

    private static String changeEn(boolean increase) {
        return increase ? "an increase" : "a decrease";
    }
}
