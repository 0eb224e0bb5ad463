package cn.tongyou.task.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A unit leading (牵头) or joining (参与) a task, with the spelling the plan used. */
@Entity
@Table(name = "task_unit")
@IdClass(TaskUnitEntity.Key.class)
public class TaskUnitEntity extends PanacheEntityBase {

    public static final String LEAD = "lead";
    public static final String PARTICIPATING = "participating";

    @Id
    @Column(name = "task_id")
    public UUID taskId;

    @Id
    public String role;

    @Id
    @Column(name = "unit_id")
    public UUID unitId;

    @Column(nullable = false)
    public int position;

    @Column(name = "written_name", nullable = false)
    public String writtenName;

    /** Composite id. */
    public static class Key implements Serializable {
        public UUID taskId;
        public String role;
        public UUID unitId;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(taskId, k.taskId) && Objects.equals(role, k.role)
                    && Objects.equals(unitId, k.unitId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(taskId, role, unitId);
        }
    }
}
