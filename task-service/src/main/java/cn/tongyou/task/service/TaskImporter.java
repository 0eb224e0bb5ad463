package cn.tongyou.task.service;

import cn.tongyou.task.events.EventData;
import cn.tongyou.task.store.MilestoneEntity;
import cn.tongyou.task.store.MilestoneStore;
import cn.tongyou.task.store.TaskEntity;
import cn.tongyou.task.store.TaskStore;
import cn.tongyou.task.store.TaskUnitRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The tasks of an imported plan with their lead and participating units, and through {@link MilestoneImporter} their
 * milestones. A task is identified by domain and number; stored tasks the file no longer holds are kept.
 */
@ApplicationScoped
public class TaskImporter {

    @Inject
    TaskStore tasks;

    @Inject
    MilestoneStore milestones;

    @Inject
    MilestoneImporter milestoneImporter;

    void write(PlanImport run) {
        Map<String, TaskEntity> existing = new HashMap<>();
        // the plan's tasks and milestones are locked as they are read, so edits over the API wait for the import
        for (TaskEntity t : tasks.lockedOfPlan(run.plan.id)) {
            existing.put(CatalogCheck.taskKey(t.domain, t.number), t);
        }
        List<UUID> existingIds = existing.values().stream().map(t -> t.id).toList();
        Map<UUID, List<TaskUnitRow>> storedUnits = tasks.units(existingIds).stream()
                .collect(Collectors.groupingBy(TaskUnitRow::taskId));
        Map<UUID, List<MilestoneEntity>> storedMilestones = existing.isEmpty() ? Map.of()
                : milestones.lockedOfTasks(existingIds).stream().collect(Collectors.groupingBy(m -> m.taskId));
        List<CatalogPlan.CatalogTask> inDoc = run.doc.tasks() == null ? List.of() : run.doc.tasks();
        Set<String> inFile = new HashSet<>();
        for (int i = 0; i < inDoc.size(); i++) {
            CatalogPlan.CatalogTask in = inDoc.get(i);
            String key = CatalogCheck.taskKey(in.domain(), in.number());
            inFile.add(key);
            run.tasks.inFile++;
            TaskEntity task = existing.get(key);
            List<TaskUnitRow> unitRows = TaskUnits.resolve(run.units, null, in.leadUnits(), in.participatingUnits());
            unitRows.forEach(r -> run.named.add(r.unitId()));
            if (task == null) {
                task = insert(run, i, in, unitRows);
                milestoneImporter.write(run, task, in, List.of());
            } else {
                update(run, task, i, in, unitRows, storedUnits.getOrDefault(task.id, List.of()));
                milestoneImporter.write(run, task, in, storedMilestones.getOrDefault(task.id, List.of()));
            }
        }
        for (Map.Entry<String, TaskEntity> e : existing.entrySet()) {
            if (!inFile.contains(e.getKey())) {
                run.tasks.notInFile++;
                run.milestones.notInFile += storedMilestones.getOrDefault(e.getValue().id, List.of()).size();
            }
        }
        if (run.tasks.notInFile > 0) {
            run.warnings.add(run.tasks.notInFile + " stored task(s) of this plan are not in the file; they were kept");
        }
    }

    private TaskEntity insert(PlanImport run, int ordinal, CatalogPlan.CatalogTask in, List<TaskUnitRow> unitRows) {
        TaskEntity task = new TaskEntity();
        task.id = UUID.randomUUID();
        task.planId = run.plan.id;
        task.regionCode = run.plan.regionCode;
        task.version = 1;
        task.createdAt = run.now;
        assign(run, task, ordinal, in);
        tasks.persist(task);
        tasks.writeUnits(task.id, unitRows, false);
        run.tasks.inserted++;
        run.events.add(EventData.task(task, withTask(run, task, unitRows)));
        return task;
    }

    private void update(PlanImport run, TaskEntity task, int ordinal, CatalogPlan.CatalogTask in, List<TaskUnitRow> unitRows,
                        List<TaskUnitRow> storedUnits) {
        boolean fieldsSame = task.ordinal == ordinal && Objects.equals(task.section, Inputs.blankToNull(in.section()))
                && task.title.equals(in.title().strip()) && Objects.equals(task.summary, Inputs.blankToNull(in.summary()));
        boolean unitsSame = TaskUnits.same(storedUnits, unitRows);
        if (fieldsSame && unitsSame) {
            run.tasks.unchanged++;
            return;
        }
        assign(run, task, ordinal, in);
        task.version++;
        if (!unitsSame) {
            tasks.writeUnits(task.id, unitRows, true);
        }
        run.tasks.updated++;
        run.events.add(EventData.task(task, withTask(run, task, unitRows)));
    }

    private static void assign(PlanImport run, TaskEntity task, int ordinal, CatalogPlan.CatalogTask in) {
        task.ordinal = ordinal;
        task.number = in.number().strip();
        task.domain = in.domain().strip();
        task.section = Inputs.blankToNull(in.section());
        task.title = in.title().strip();
        task.summary = Inputs.blankToNull(in.summary());
        task.updatedAt = run.now;
        task.updatedBy = run.subject;
    }

    /** The rows as the task's event names them: resolved before the task existed, so without its id. */
    private static List<TaskUnitRow> withTask(PlanImport run, TaskEntity task, List<TaskUnitRow> rows) {
        return rows.stream().map(r -> new TaskUnitRow(task.id, r.role(), r.unitId(), r.position(), r.writtenName(),
                run.units.byId(r.unitId()).map(u -> u.name).orElse(r.unitName()))).toList();
    }
}
