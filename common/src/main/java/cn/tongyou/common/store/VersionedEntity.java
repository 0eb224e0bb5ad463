package cn.tongyou.common.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;

/**
 * What every aggregate's table carries: its version (1, 2, 3 … — the ETag and the version of its events) and who
 * changed it when. The version is managed by the services themselves (compared under a row lock, raised once per
 * change), not by JPA's {@code @Version}, so that it starts at 1 and only moves when the state really changes.
 */
@MappedSuperclass
public abstract class VersionedEntity extends PanacheEntityBase {

    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
