package cn.tongyou.task.service;

import cn.tongyou.task.domain.UnitNames;
import cn.tongyou.task.store.TaskUnitEntity;
import cn.tongyou.task.store.TaskUnitRow;
import cn.tongyou.task.store.UnitEntity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A task's lead and participating units as a request or a plan names them, and whether they changed. */
final class TaskUnits {

    private TaskUnits() {
    }

    /** The task's units in role and position order; a unit named twice in one role (two spellings) counts once. */
    static List<TaskUnitRow> resolve(UnitDirectory.Resolver resolver, UUID taskId, List<String> lead, List<String> participating) {
        List<TaskUnitRow> rows = new ArrayList<>();
        add(rows, resolver, taskId, TaskUnitEntity.LEAD, lead);
        add(rows, resolver, taskId, TaskUnitEntity.PARTICIPATING, participating);
        return rows;
    }

    private static void add(List<TaskUnitRow> rows, UnitDirectory.Resolver resolver, UUID taskId, String role, List<String> names) {
        if (names == null) {
            return;
        }
        Set<UUID> seen = new HashSet<>();
        int position = 0;
        for (String name : names) {
            UnitEntity unit = resolver.resolve(name);
            if (seen.add(unit.id)) {
                rows.add(new TaskUnitRow(taskId, role, unit.id, position++, UnitNames.clean(name), unit.name));
            }
        }
    }

    /** Whether the stored units are the wanted ones, in the same roles, positions and spellings. */
    static boolean same(List<TaskUnitRow> stored, List<TaskUnitRow> wanted) {
        if (stored.size() != wanted.size()) {
            return false;
        }
        Map<String, TaskUnitRow> byKey = new HashMap<>();
        stored.forEach(r -> byKey.put(r.role() + r.unitId(), r));
        for (TaskUnitRow w : wanted) {
            TaskUnitRow s = byKey.get(w.role() + w.unitId());
            if (s == null || s.position() != w.position() || !s.writtenName().equals(w.writtenName())) {
                return false;
            }
        }
        return true;
    }
}
