package cn.tongyou.facility.store;

import cn.tongyou.common.store.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One row of the facility register. The JSON columns (attributes, checklist, standard gaps) are held as JSON text
 * and written with a cast to jsonb, so no JSON format mapper of Hibernate is involved. The version is managed by the
 * service (one per change), under a row lock taken with {@code PESSIMISTIC_WRITE}.
 */
@Entity
@Table(name = "facility")
public class FacilityEntity extends VersionedEntity {

    @Id
    public UUID id;

    @Column(name = "type_code", nullable = false, updatable = false)
    public String typeCode;

    @Column(nullable = false)
    public String name;

    @Column(name = "region_code", nullable = false)
    public String regionCode;

    public String address;

    public Double lat;

    public Double lng;

    @Column(nullable = false)
    public String status;

    @Column(name = "status_since")
    public LocalDate statusSince;

    @Column(name = "opened_on")
    public LocalDate openedOn;

    @Column(name = "closed_on")
    public LocalDate closedOn;

    @Column(name = "certification_level")
    public String certificationLevel;

    @Column(name = "host_facility_id")
    public UUID hostFacilityId;

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String attributes = "{}";

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String checklist = "{}";

    @Column(name = "meets_standard", nullable = false)
    public boolean meetsStandard;

    @Column(name = "standard_gaps", columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String standardGaps = "[]";

    @Column(name = "host_required")
    public Boolean hostRequired;

    @Column(name = "external_id")
    public String externalId;

    @Column(nullable = false)
    public boolean generated;

    /** Set when the registration was deleted (soft delete): the row stays for its history and the audit trail. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "deleted_by")
    public String deletedBy;

    @Column(name = "deletion_reason")
    public String deletionReason;

    public boolean deleted() {
        return deletedAt != null;
    }
}
