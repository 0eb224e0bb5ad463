package cn.tongyou.indicator.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A domain (领域) of the catalogue: data, so that a plan's own domains (儿童与健康 …) need no code change. */
@Entity
@Table(name = "domain")
public class DomainEntity {

    @Id
    public String name;

    @Column(name = "name_en")
    public String nameEn;

    @Column(nullable = false)
    public String framework;

    @Column(nullable = false)
    public int ordinal;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    /** Raised once per change; the ETag of PUT /api/v1/domains/{name}. */
    @Column(nullable = false)
    public long version = 1;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_by")
    public String updatedBy;
}
