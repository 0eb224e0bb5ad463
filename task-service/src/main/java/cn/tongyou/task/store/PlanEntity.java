package cn.tongyou.task.store;

import cn.tongyou.common.store.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A construction plan (建设方案). Horizon years and domains are JSON arrays held as text and written with a cast, so no
 * JSON mapper of Hibernate is involved. The version is managed by the service, under a row lock.
 */
@Entity
@Table(name = "plan")
public class PlanEntity extends VersionedEntity {

    @Id
    public UUID id;

    @Column(name = "region_code", nullable = false)
    public String regionCode;

    @Column(name = "region_name")
    public String regionName;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String kind;

    @Column(name = "document_number")
    public String documentNumber;

    @Column(name = "issued_on")
    public LocalDate issuedOn;

    @Column(nullable = false)
    public String status;

    @Column(name = "horizon_years", columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String horizonYears = "[]";

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String domains = "[]";

    @Column(name = "source_ref")
    public String sourceRef;
}
