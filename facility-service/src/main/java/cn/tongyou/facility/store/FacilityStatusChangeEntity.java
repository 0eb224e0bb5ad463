package cn.tongyou.facility.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One step of a facility's lifecycle (the registration has no {@code fromStatus}); read and written by {@link FacilityStore}. */
@Entity
@Table(name = "facility_status_change")
public class FacilityStatusChangeEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "facility_id", nullable = false)
    public UUID facilityId;

    @Column(name = "from_status")
    public String fromStatus;

    @Column(name = "to_status", nullable = false)
    public String toStatus;

    @Column(name = "changed_on", nullable = false)
    public LocalDate changedOn;

    public String reason;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
