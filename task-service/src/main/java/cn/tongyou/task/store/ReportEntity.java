package cn.tongyou.task.store;

import cn.tongyou.common.store.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/** A half-yearly progress report (半年调度) of one unit on one task. */
@Entity
@Table(name = "progress_report")
public class ReportEntity extends VersionedEntity {

    @Id
    public UUID id;

    @Column(name = "task_id", nullable = false, updatable = false)
    public UUID taskId;

    @Column(nullable = false, updatable = false)
    public String period;

    @Column(name = "unit_id", nullable = false, updatable = false)
    public UUID unitId;

    @Column(nullable = false)
    public String body;

    @Column(name = "percent_complete", nullable = false)
    public int percentComplete;

    @Column(name = "milestone_updates", columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String milestoneUpdates = "[]";

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String attachments = "[]";

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String warnings = "[]";

    @Column(nullable = false)
    public String status;

    @Column(name = "first_submitted_at", nullable = false, updatable = false)
    public Instant firstSubmittedAt;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "submitted_by")
    public String submittedBy;

    /** Who first filed the report (the reporter, or the coordinator filing on a unit's behalf); never changes. */
    @Column(name = "filed_by", updatable = false)
    public String filedBy;

    @Column(nullable = false)
    public boolean late;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "review_comment")
    public String reviewComment;

    /** The level the last reviewer acted from: their token's region level, or nationwide. */
    @Column(name = "reviewed_level")
    public String reviewedLevel;
}
