package cn.tongyou.indicator.store;

import cn.tongyou.common.store.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.SQLRestriction;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A target of (indicator, region, year, level); version managed by the service under a row lock. */
@Entity
@Table(name = "target")
// soft delete: a deleted target stays in the table (who, when, why) and no read, list or evaluation sees it
@SQLRestriction("deleted_at is null")
public class TargetEntity extends VersionedEntity {

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "deleted_by")
    public String deletedBy;

    @Column(name = "deleted_reason")
    public String deletedReason;

    @Id
    public UUID id;

    @Column(name = "indicator_code", nullable = false)
    public String indicatorCode;

    @Column(name = "region_code", nullable = false)
    public String regionCode;

    @Column(nullable = false)
    public int year;

    @Column(nullable = false)
    public String level;

    @Column(nullable = false)
    public String kind;

    public BigDecimal value;

    @Column(name = "value_max")
    public BigDecimal valueMax;

    @Column(name = "bool_value")
    public Boolean boolValue;

    @Column(name = "baseline_year")
    public Integer baselineYear;

    public String reference;

    public String text;

    public String note;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "responsible_units", columnDefinition = "text[]", nullable = false)
    public String[] responsibleUnits = new String[0];

    @Column(name = "source_document")
    public String sourceDocument;

    @Column(name = "source_kind")
    public String sourceKind;

    @Column(name = "source_number")
    public String sourceNumber;

    @Column(name = "source_quote")
    public String sourceQuote;

    @Column(name = "year_inferred", nullable = false)
    public boolean yearInferred;

    @Column(name = "assessment_verdict")
    public String assessmentVerdict;

    @Column(name = "assessment_reason")
    public String assessmentReason;

    @Column(name = "assessed_by")
    public String assessedBy;

    @Column(name = "assessed_at")
    public Instant assessedAt;
}
