package cn.tongyou.indicator.store;

import cn.tongyou.common.store.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;


/**
 * One indicator of the catalogue. Its version grows by one per change (managed by the service, which publishes
 * cfc.indicator.changed.v1 with it); sources are JSON text written with a cast to jsonb.
 */
@Entity
@Table(name = "indicator")
public class IndicatorEntity extends VersionedEntity {

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "name_en")
    public String nameEn;

    @Column(name = "match_key", nullable = false)
    public String matchKey;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]", nullable = false)
    public String[] aliases = new String[0];

    @Column(nullable = false)
    public String domain;

    public String unit;

    @Column(name = "value_type", nullable = false)
    public String valueType;

    @Column(nullable = false)
    public String direction;

    @Column(nullable = false)
    public short precision;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]", nullable = false)
    public String[] departments = new String[0];

    @Column(nullable = false)
    public String obtained;

    public Integer scale;

    @Column(name = "numerator_label")
    public String numeratorLabel;

    @Column(name = "denominator_label")
    public String denominatorLabel;

    @Column(nullable = false)
    public boolean bounded = true;

    @Column(name = "facility_type")
    public String facilityType;

    public String measure;

    @Column(name = "scope_level")
    public String scopeLevel;

    public String area;

    @Column(name = "host_based", nullable = false)
    public boolean hostBased;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "period_types", columnDefinition = "text[]", nullable = false)
    public String[] periodTypes = new String[0];

    public String description;

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String sources = "[]";
}
