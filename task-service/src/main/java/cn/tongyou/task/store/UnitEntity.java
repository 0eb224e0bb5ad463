package cn.tongyou.task.store;

import cn.tongyou.common.store.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A unit (department, 责任单位) of one region; its spellings are {@link UnitAliasEntity} rows. */
@Entity
@Table(name = "unit")
public class UnitEntity extends VersionedEntity {

    @Id
    public UUID id;

    @Column(name = "region_code", nullable = false, updatable = false)
    public String regionCode;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String kind;

    /** The unit this one was merged into (its tasks, reports and spellings moved there); null while it stands alone. */
    @Column(name = "merged_into")
    public UUID mergedInto;

    @Column(name = "merged_at")
    public Instant mergedAt;

    @Column(name = "merged_by")
    public String mergedBy;
}
