package cn.tongyou.task.store;

import java.util.UUID;

/** A unit of a task as read for views and events: role, position, the unit and its current name, the plan's spelling. */
public record TaskUnitRow(UUID taskId, String role, UUID unitId, int position, String writtenName, String unitName) {

    public boolean lead() {
        return TaskUnitEntity.LEAD.equals(role);
    }
}
