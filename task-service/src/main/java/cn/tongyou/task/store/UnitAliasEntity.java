package cn.tongyou.task.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One spelling of a unit in a region, with its normalised key (UnitNames.key); one key names one unit. */
@Entity
@Table(name = "unit_alias")
@IdClass(UnitAliasEntity.Key.class)
public class UnitAliasEntity extends PanacheEntityBase {

    @Id
    @Column(name = "region_code")
    public String regionCode;

    @Id
    @Column(name = "written_name")
    public String writtenName;

    @Column(name = "name_key", nullable = false)
    public String nameKey;

    @Column(name = "unit_id", nullable = false)
    public UUID unitId;

    /** Composite id. */
    public static class Key implements Serializable {
        public String regionCode;
        public String writtenName;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(regionCode, k.regionCode) && Objects.equals(writtenName, k.writtenName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(regionCode, writtenName);
        }
    }
}
