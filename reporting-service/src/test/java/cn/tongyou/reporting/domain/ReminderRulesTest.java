package cn.tongyou.reporting.domain;

import cn.tongyou.common.discipline.PeriodLocks;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.ReportingCalendar;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-computed reminders on a fixed business day: 2026-12-03, due-soon window 30 days, locks 30 days after the deadline. */
class ReminderRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    static final String XINGYANG = "410182000000";
    static final ReminderFacts.Unit HEALTH = new ReminderFacts.Unit("u-health", "市卫健委");
    static final ReminderFacts.Unit EDUCATION = new ReminderFacts.Unit("u-edu", "市教育局");

    /** deadline(2026H1) = 2026-06-30 + 15 = 2026-07-15; closes on 2026-07-15 + 30 + 1 = 2026-08-15. */
    final ReportingCalendar calendar = new ReportingCalendar(15);
    final ReminderRules rules = new ReminderRules(new MilestoneSchedule(Clock.system(ZoneId.of("Asia/Shanghai")), 30),
            new PeriodLocks(calendar, 30, Map.of("progress-reports", 10), 7));

    static ReminderFacts facts(List<ReminderFacts.Milestone> m, List<ReminderFacts.Report> r, List<ReminderFacts.Approval> a,
                               List<ReminderFacts.Missing> missing, List<ReminderFacts.OpenWork> w) {
        return new ReminderFacts(m, r, a, missing, w);
    }

    @Test
    void milestonesDueWithinThirtyDaysAreDueSoonPastOnesOverdueEachToEveryLeadUnit() {
        List<ReminderFacts.Milestone> milestones = List.of(
                new ReminderFacts.Milestone("m-today", "t1", "儿童医院", XINGYANG, TODAY, "建成儿童友好医院", List.of(HEALTH, EDUCATION)),
                new ReminderFacts.Milestone("m-edge", "t1", "儿童医院", XINGYANG, TODAY.plusDays(30), "第二所", List.of(HEALTH)),
                new ReminderFacts.Milestone("m-later", "t1", "儿童医院", XINGYANG, TODAY.plusDays(31), "第三所", List.of(HEALTH)),
                new ReminderFacts.Milestone("m-late", "t2", "公园", XINGYANG, TODAY.minusDays(3), "建成公园", List.of()));
        List<ReminderRules.Reminder> found = rules.find(facts(milestones, List.of(), List.of(), List.of(), List.of()), TODAY);

        assertThat(found).extracting(r -> r.kind().code() + " " + r.subjectId() + " " + r.recipient() + " " + r.dueDate())
                .containsExactly(
                        "due-soon m-today unit:u-health 2026-12-03",
                        "due-soon m-today unit:u-edu 2026-12-03",
                        "due-soon m-edge unit:u-health 2027-01-02",
                        "overdue m-late region:410182000000 2026-11-30");
        assertThat(found.get(3).message().english()).isEqualTo("Task \"公园\": milestone \"建成公园\" was due on 2026-11-30 and is 3 days overdue");
        assertThat(found.get(2).message().english()).contains("(in 30 days)");
    }

    @Test
    void submittedReportsGoToTheirRegionsOfficeApprovalsToTheAcceptorsRegion() {
        List<ReminderRules.Reminder> found = rules.find(facts(List.of(),
                List.of(new ReminderFacts.Report("r1", "t1", XINGYANG, "2026H2", HEALTH, TODAY.minusDays(1))),
                List.of(new ReminderFacts.Approval(XINGYANG, "2026H1", "county", "prefecture", TODAY.minusDays(2)),
                        new ReminderFacts.Approval("410100000000", "2026H1", "prefecture", null, TODAY)),
                List.of(), List.of()), TODAY);

        assertThat(found).extracting(r -> r.kind().code() + " " + r.subjectType() + " " + r.subjectId() + " " + r.recipient())
                .containsExactly(
                        "awaiting-acceptance progress-report r1 region:410182000000",
                        // 荥阳市 (county) is accepted by 郑州市 (prefecture); the top of the chain waits for nobody
                        "awaiting-acceptance approval 410182000000:2026H1 region:410100000000");
        assertThat(found.get(1).region()).isEqualTo(XINGYANG);
    }

    @Test
    void missingItemsGoToTheResponsibleUnitOrTheOffice() {
        LocalDate deadline = calendar.deadline(Period.parse("2026H1"));
        List<ReminderRules.Reminder> found = rules.find(facts(List.of(), List.of(), List.of(), List.of(
                new ReminderFacts.Missing("progress-reports", XINGYANG, "2026H1", HEALTH, deadline, 2),
                new ReminderFacts.Missing("公共服务友好", XINGYANG, "2026H1", null, deadline, 5)), List.of()), TODAY);

        assertThat(found).extracting(r -> r.subjectId() + " " + r.recipient() + " " + r.count())
                .containsExactly("progress-reports:410182000000:2026H1:u-health unit:u-health 2",
                        "公共服务友好:410182000000:2026H1 region:410182000000 5");
        assertThat(found.get(1).message().english()).isEqualTo("5 expected items of 公共服务友好 for 2026H1 not received (deadline 2026-07-15)");
    }

    /** Not-received items counted per data set, region, period and unit; an item of two units counts for each. */
    @Test
    void notReceivedItemsAreCountedPerUnitAndRegion() {
        LocalDate deadline = LocalDate.of(2026, 7, 15);
        List<Facts.UnitRef> health = List.of(new Facts.UnitRef("u-health", "市卫健委"));
        List<Facts.UnitRef> both = List.of(new Facts.UnitRef("u-health", "市卫健委"), new Facts.UnitRef("u-edu", "市教育局"));
        List<CompletenessRules.ExpectedItem> items = List.of(
                new CompletenessRules.ExpectedItem("progress-report", "t1", "任务一", XINGYANG, "2026H1", health, deadline, null, false, false, false),
                new CompletenessRules.ExpectedItem("progress-report", "t2", "任务二", XINGYANG, "2026H1", both, deadline, null, false, false, false),
                new CompletenessRules.ExpectedItem("value", "i1", "指标一", XINGYANG, "2026H1", List.of(), deadline, null, false, false, false),
                new CompletenessRules.ExpectedItem("value", "i2", "指标二", XINGYANG, "2026H1",
                        List.of(new Facts.UnitRef(null, "未登记单位")), deadline, null, false, false, false),
                new CompletenessRules.ExpectedItem("value", "i1", "指标一", "410183000000", "2026H1", List.of(), deadline, null, false, false, false));
        assertThat(ReminderRules.missing(items)).extracting(m -> m.dataSet() + " " + m.region() + " "
                        + (m.unit() == null ? "office" : m.unit().id()) + " " + m.count())
                .containsExactly("progress-reports 410182000000 u-health 2",
                        "progress-reports 410182000000 u-edu 1",
                        "indicator-values 410182000000 office 2",
                        "indicator-values 410183000000 office 1");
    }

    /** 2026H1 closes on 2026-08-15: warned from 2026-08-08 (7 days before) to 2026-08-14, not on the closing day. */
    @Test
    void aPeriodAboutToLockIsRemindedInTheSevenDaysBeforeItCloses() {
        ReminderFacts open = facts(List.of(), List.of(), List.of(), List.of(),
                List.of(new ReminderFacts.OpenWork(XINGYANG, "2026H1", "公共服务友好", 4)));
        assertThat(rules.find(open, LocalDate.of(2026, 8, 7))).isEmpty();
        List<ReminderRules.Reminder> first = rules.find(open, LocalDate.of(2026, 8, 8));
        assertThat(first).extracting(r -> r.kind().code() + " " + r.subjectId() + " " + r.dueDate() + " " + r.count())
                .containsExactly("about-to-lock 公共服务友好:410182000000:2026H1 2026-08-14 4");
        assertThat(rules.find(open, LocalDate.of(2026, 8, 14))).hasSize(1);
        assertThat(rules.find(open, LocalDate.of(2026, 8, 15))).isEmpty();
    }

    /** Progress reports close 10 days after the deadline here: 2026H1's on 2026-07-26, warned from 2026-07-19. */
    @Test
    void eachDataSetLocksOnItsOwnDay() {
        ReminderFacts open = facts(List.of(), List.of(), List.of(), List.of(),
                List.of(new ReminderFacts.OpenWork(XINGYANG, "2026H1", "progress-reports", 1),
                        new ReminderFacts.OpenWork(XINGYANG, "2026H1", "公共服务友好", 2)));
        assertThat(rules.find(open, LocalDate.of(2026, 7, 19))).extracting(r -> r.subjectId() + " " + r.dueDate())
                .containsExactly("progress-reports:410182000000:2026H1 2026-07-25");
    }

    @Test
    void theSameFactsOnTheSameDayGiveTheSameKeys() {
        ReminderFacts f = facts(List.of(new ReminderFacts.Milestone("m", "t", "任务", XINGYANG, TODAY.plusDays(1), "节点", List.of(HEALTH))),
                List.of(), List.of(), List.of(), List.of());
        assertThat(rules.find(f, TODAY)).extracting(r -> r.kind() + r.subjectId() + r.recipient())
                .isEqualTo(rules.find(f, TODAY).stream().map(r -> r.kind() + r.subjectId() + r.recipient()).toList());
    }
}
