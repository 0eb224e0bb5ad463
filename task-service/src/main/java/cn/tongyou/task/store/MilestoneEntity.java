package cn.tongyou.task.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A milestone of a task. Its stored status is open, done or cancelled; overdue is computed (MilestoneSchedule). */
@Entity
@Table(name = "milestone")
public class MilestoneEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "task_id", nullable = false, updatable = false)
    public UUID taskId;

    @Column(nullable = false)
    public int ordinal;

    @Column(name = "import_key")
    public String importKey;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Column(nullable = false)
    public String statement;

    public String metric;

    @Column(nullable = false)
    public String comparator;

    @Column(name = "value_number")
    public BigDecimal valueNumber;

    @Column(name = "value_boolean")
    public Boolean valueBoolean;

    @Column(name = "value_max")
    public BigDecimal valueMax;

    public String unit;

    @Column(name = "baseline_year")
    public Integer baselineYear;

    @Column(name = "facility_type")
    public String facilityType;

    public String note;

    @Column(nullable = false)
    public String status;

    @Column(name = "done_on")
    public LocalDate doneOn;

    public String evidence;

    @Column(name = "cancelled_on")
    public LocalDate cancelledOn;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "status_report")
    public UUID statusReport;

    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
