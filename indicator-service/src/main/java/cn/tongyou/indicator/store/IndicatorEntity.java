package cn.tongyou.indicator.store;

import cn.tongyou.common.indicator.Computation;
import cn.tongyou.common.indicator.Derivation;
import cn.tongyou.common.indicator.Direction;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.indicator.Obtained;
import cn.tongyou.common.indicator.ValueType;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.store.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;


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

    @Column(name = "opened_since")
    public java.time.LocalDate openedSince;

    @Column(name = "certified_at_least")
    public String certifiedAtLeast;

    @Column(name = "name_contains")
    public String nameContains;

    public String standard;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "period_types", columnDefinition = "text[]", nullable = false)
    public String[] periodTypes = new String[0];

    public String description;

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String sources = "[]";

    /** The rules' view of this stored indicator. */
    public Indicator toIndicator() {
        Computation computation = scale == null ? null : new Computation(scale, numeratorLabel, denominatorLabel);
        Derivation derivation = facilityType == null ? null : new Derivation(facilityType,
                Derivation.Measure.ofCode(measure), scopeLevel == null ? null : RegionLevel.ofCode(scopeLevel),
                area, hostBased, openedSince, certifiedAtLeast, nameContains, standard);
        Set<Period.Type> types = new LinkedHashSet<>();
        for (String t : periodTypes) {
            types.add(Period.Type.ofCode(t));
        }
        return new Indicator(code, name, nameEn, domain, unit, ValueType.ofCode(valueType),
                Direction.ofCode(direction), precision, Arrays.asList(departments), Obtained.ofCode(obtained),
                computation, derivation, bounded, types);
    }
}
