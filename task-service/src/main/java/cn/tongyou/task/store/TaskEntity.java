package cn.tongyou.task.store;

import cn.tongyou.common.store.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A task (建设任务) of a plan; its units are {@link TaskUnitEntity} rows, its milestones {@link MilestoneEntity}. */
@Entity
@Table(name = "task")
public class TaskEntity extends VersionedEntity {

    @Id
    public UUID id;

    @Column(name = "plan_id", nullable = false, updatable = false)
    public UUID planId;

    @Column(name = "region_code", nullable = false)
    public String regionCode;

    @Column(nullable = false)
    public int ordinal;

    @Column(nullable = false)
    public String number;

    @Column(nullable = false)
    public String domain;

    public String section;

    @Column(nullable = false)
    public String title;

    public String summary;
}
