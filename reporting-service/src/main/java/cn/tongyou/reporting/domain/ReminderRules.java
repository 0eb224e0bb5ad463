package cn.tongyou.reporting.domain;

import cn.tongyou.common.discipline.PeriodLocks;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.MilestoneState;
import cn.tongyou.common.schedule.MilestoneStatus;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which reminders the facts call for on a business day, per unit and region (issue 15, contracts.md "Reminders").
 * Plain Java: the same facts on the same day give the same reminders, so a second scan finds only duplicates.
 *
 * <ul>
 *   <li>{@code due-soon} / {@code overdue}: an open milestone by {@link MilestoneSchedule}, to each lead unit of its
 *       task (the region's office when the task names none);</li>
 *   <li>{@code awaiting-acceptance}: a submitted progress report, to the office of its region; a submitted approval,
 *       to the office of the region at the acceptor's level;</li>
 *   <li>{@code missing}: expected items not received once the period's report is due, to the responsible unit or
 *       the region's office;</li>
 *   <li>{@code about-to-lock}: open work of a period whose entry closes within the lock-warning days
 *       ({@link PeriodLocks#isAboutToLock}), to the region's office.</li>
 * </ul>
 */
public final class ReminderRules {

    /** The data set of missing indicator values in a reminder (one reminder for all of a region's values). */
    public static final String VALUES = "indicator-values";

    private final MilestoneSchedule schedule;
    private final PeriodLocks locks;

    public ReminderRules(MilestoneSchedule schedule, PeriodLocks locks) {
        this.schedule = schedule;
        this.locks = locks;
    }

    /** One reminder to issue: for whom ({@link #recipient()}) about what ({@code subjectId}). */
    public record Reminder(ReminderKind kind, String subjectType, String subjectId, String region, String recipientRegion,
                           ReminderFacts.Unit unit, String period, LocalDate dueDate, int count, Message message) {

        /** The recipient scope of the once-a-day key: a unit, or the office of a region. */
        public String recipient() {
            return unit != null ? "unit:" + unit.id() : "region:" + recipientRegion;
        }
    }

    public List<Reminder> find(ReminderFacts facts, LocalDate today) {
        List<Reminder> found = new ArrayList<>();
        for (ReminderFacts.Milestone m : facts.milestones()) {
            milestone(m, today, found);
        }
        for (ReminderFacts.Report r : facts.submittedReports()) {
            found.add(new Reminder(ReminderKind.AWAITING_ACCEPTANCE, "progress-report", r.id(), r.region(), r.region(), null,
                    r.period(), null, 1, Message.of("reporting.reminder.report-awaiting", name(r.unit()), r.period(),
                    String.valueOf(r.submittedOn()))));
        }
        for (ReminderFacts.Approval a : facts.submittedApprovals()) {
            approval(a, found);
        }
        for (ReminderFacts.Missing m : facts.missing()) {
            String subject = m.dataSet() + ":" + m.region() + ":" + m.period() + (m.unit() == null ? "" : ":" + m.unit().id());
            found.add(new Reminder(ReminderKind.MISSING, "expected-items", subject, m.region(), m.region(), m.unit(),
                    m.period(), m.deadline(), m.count(), Message.of("reporting.reminder.missing", m.count(), m.dataSet(),
                    m.period(), String.valueOf(m.deadline()))));
        }
        for (ReminderFacts.OpenWork w : facts.openWork()) {
            aboutToLock(w, today, found);
        }
        return found;
    }

    private void milestone(ReminderFacts.Milestone m, LocalDate today, List<Reminder> found) {
        MilestoneState state = schedule.state(MilestoneStatus.OPEN, m.dueDate(), today);
        ReminderKind kind;
        Message message;
        if (state == MilestoneState.DUE_SOON) {
            kind = ReminderKind.DUE_SOON;
            message = Message.of("reporting.reminder.due-soon", m.taskTitle(), m.statement(), String.valueOf(m.dueDate()),
                    ChronoUnit.DAYS.between(today, m.dueDate()));
        } else if (state == MilestoneState.OVERDUE) {
            kind = ReminderKind.OVERDUE;
            message = Message.of("reporting.reminder.overdue", m.taskTitle(), m.statement(), String.valueOf(m.dueDate()),
                    ChronoUnit.DAYS.between(m.dueDate(), today));
        } else {
            return;
        }
        List<ReminderFacts.Unit> units = m.leadUnits().isEmpty() ? Collections.<ReminderFacts.Unit>singletonList(null) : m.leadUnits();
        for (ReminderFacts.Unit unit : units) {
            found.add(new Reminder(kind, "milestone", m.id(), m.region(), m.region(), unit, null, m.dueDate(), 1, message));
        }
    }

    private static void approval(ReminderFacts.Approval a, List<Reminder> found) {
        if (a.acceptorLevel() == null) {
            return;
        }
        RegionCode acceptor = RegionCode.parse(a.region()).ancestorAt(RegionLevel.ofCode(a.acceptorLevel()));
        found.add(new Reminder(ReminderKind.AWAITING_ACCEPTANCE, "approval", a.region() + ":" + a.period(), a.region(),
                acceptor.value(), null, a.period(), null, 1, Message.of("reporting.reminder.approval-awaiting",
                a.region(), a.period(), String.valueOf(a.submittedOn()))));
    }

    private void aboutToLock(ReminderFacts.OpenWork w, LocalDate today, List<Reminder> found) {
        Period period = Period.parse(w.period());
        if (!locks.isAboutToLock(period, w.dataSet(), today)) {
            return;
        }
        LocalDate lastOpenDay = locks.closesOn(period, w.dataSet()).minusDays(1);
        found.add(new Reminder(ReminderKind.ABOUT_TO_LOCK, "period-lock", w.dataSet() + ":" + w.region() + ":" + w.period(),
                w.region(), w.region(), null, w.period(), lastOpenDay, w.count(), Message.of("reporting.reminder.about-to-lock",
                w.period(), w.dataSet(), String.valueOf(lastOpenDay), w.count())));
    }

    /**
     * Expected items not received ({@code CompletenessRules.ExpectedItem}s) as missing-item facts: counted per kind
     * (data set {@code indicator-values} or {@value PeriodLocks#PROGRESS_REPORTS}), region, period and responsible unit
     * (each of an item's units with an id; the region's office when it has none), in the order first seen.
     */
    public static List<ReminderFacts.Missing> missing(List<CompletenessRules.ExpectedItem> notReceived) {
        Map<List<String>, ReminderFacts.Missing> groups = new LinkedHashMap<>();
        for (CompletenessRules.ExpectedItem item : notReceived) {
            String dataSet = "progress-report".equals(item.kind()) ? PeriodLocks.PROGRESS_REPORTS : VALUES;
            List<ReminderFacts.Unit> units = item.units().stream().filter(u -> u.id() != null)
                    .map(u -> new ReminderFacts.Unit(u.id(), u.name())).toList();
            for (ReminderFacts.Unit unit : units.isEmpty() ? Collections.<ReminderFacts.Unit>singletonList(null) : units) {
                List<String> key = Arrays.asList(dataSet, item.regionCode(), item.period(), unit == null ? null : unit.id());
                ReminderFacts.Missing before = groups.get(key);
                groups.put(key, new ReminderFacts.Missing(dataSet, item.regionCode(), item.period(), unit,
                        before == null || item.deadline().isAfter(before.deadline()) ? item.deadline() : before.deadline(),
                        before == null ? 1 : before.count() + 1));
            }
        }
        return List.copyOf(groups.values());
    }

    private static String name(ReminderFacts.Unit unit) {
        return unit == null ? "" : unit.name();
    }
}
