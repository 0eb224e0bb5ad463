package cn.tongyou.task.store;

import cn.tongyou.common.store.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
}
