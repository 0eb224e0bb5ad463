package cn.tongyou.task.service;

import cn.tongyou.common.schedule.MilestoneStatus;
import cn.tongyou.task.events.EventData;
import cn.tongyou.task.store.MilestoneEntity;
import cn.tongyou.task.store.MilestoneStore;
import cn.tongyou.task.store.TaskEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The milestones of one imported task. A milestone is identified by its statement and metric within the task (its
 * position may change when one is inserted before it); its done/cancelled status is never overwritten.
 */
@ApplicationScoped
public class MilestoneImporter {

    @Inject
    MilestoneStore milestones;

    /** @param stored the task's stored milestones (none for a new task) */
    void write(PlanImport run, TaskEntity task, CatalogPlan.CatalogTask in, List<MilestoneEntity> stored) {
        Map<String, MilestoneEntity> byKey = new HashMap<>();
        for (MilestoneEntity m : stored) {
            if (m.importKey != null) {
                byKey.put(m.importKey, m);
            }
        }
        List<CatalogPlan.CatalogMilestone> list = in.milestones() == null ? List.of() : in.milestones();
        Map<String, Integer> occurrences = new HashMap<>();
        Set<String> inFile = new HashSet<>();
        for (int j = 0; j < list.size(); j++) {
            CatalogPlan.CatalogMilestone cm = list.get(j);
            run.milestones.inFile++;
            String base = cm.statement().strip() + "\u001f" + (cm.metric() == null ? "" : cm.metric().strip());
            int n = occurrences.merge(base, 1, Integer::sum);
            String key = n == 1 ? base : base + "\u001f#" + n;
            inFile.add(key);
            MilestoneEntity m = byKey.get(key);
            CatalogCheck.Value value = CatalogCheck.value(cm.value());
            if (m == null) {
                m = new MilestoneEntity();
                m.id = UUID.randomUUID();
                m.taskId = task.id;
                m.importKey = key;
                m.status = MilestoneStatus.OPEN.code();
                m.version = 1;
                m.createdAt = run.now;
                assign(run, m, j, cm, value);
                milestones.persist(m);
                run.milestones.inserted++;
                run.events.add(EventData.milestone(m, task));
            } else if (same(m, j, cm, value)) {
                run.milestones.unchanged++;
            } else {
                assign(run, m, j, cm, value);
                m.version++;
                run.milestones.updated++;
                run.events.add(EventData.milestone(m, task));
            }
        }
        for (MilestoneEntity m : stored) {
            if (m.importKey == null || !inFile.contains(m.importKey)) {
                run.milestones.notInFile++;
            }
        }
    }

    private static void assign(PlanImport run, MilestoneEntity m, int ordinal, CatalogPlan.CatalogMilestone cm,
                               CatalogCheck.Value value) {
        m.ordinal = ordinal;
        m.dueDate = cm.by();
        m.statement = cm.statement().strip();
        m.metric = Inputs.blankToNull(cm.metric());
        m.comparator = cm.comparator();
        m.valueNumber = value.number();
        m.valueBoolean = value.bool();
        m.valueMax = cm.valueMax();
        m.unit = Inputs.blankToNull(cm.unit());
        m.baselineYear = cm.baselineYear();
        m.facilityType = Inputs.blankToNull(cm.facilityType());
        m.note = Inputs.blankToNull(cm.note());
        m.updatedAt = run.now;
        m.updatedBy = run.subject;
    }

    private static boolean same(MilestoneEntity m, int ordinal, CatalogPlan.CatalogMilestone cm, CatalogCheck.Value value) {
        return m.ordinal == ordinal && Objects.equals(m.dueDate, cm.by()) && m.statement.equals(cm.statement().strip())
                && Objects.equals(m.metric, Inputs.blankToNull(cm.metric())) && m.comparator.equals(cm.comparator())
                && Inputs.sameNumber(m.valueNumber, value.number()) && Objects.equals(m.valueBoolean, value.bool())
                && Inputs.sameNumber(m.valueMax, cm.valueMax()) && Objects.equals(m.unit, Inputs.blankToNull(cm.unit()))
                && Objects.equals(m.baselineYear, cm.baselineYear())
                && Objects.equals(m.facilityType, Inputs.blankToNull(cm.facilityType()))
                && Objects.equals(m.note, Inputs.blankToNull(cm.note()));
    }
}
