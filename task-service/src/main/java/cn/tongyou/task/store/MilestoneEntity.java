package cn.tongyou.task.store;

import cn.tongyou.common.store.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A milestone of a task. Its stored status is open, done or cancelled; overdue is computed (MilestoneSchedule). */
@Entity
@Table(name = "milestone")
public class MilestoneEntity extends VersionedEntity {

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
}
