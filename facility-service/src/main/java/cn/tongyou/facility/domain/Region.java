package cn.tongyou.facility.domain;

import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;

import java.time.LocalDate;
import java.util.Objects;

/** A region as stored: the registry's record of one division code. */
public record Region(RegionCode code, String name, RegionCode parent, String urbanRuralCode, LocalDate validFrom,
                     LocalDate validTo, boolean generated, long version) {

    public RegionLevel level() {
        return code.level();
    }

    public boolean isRetired() {
        return validTo != null;
    }

    /** What an incoming row would do to this stored region. */
    public enum Change { UNCHANGED, UPDATE, RETIRED_CODE_REUSED }

    /**
     * Decides how a re-imported row relates to the stored region. A retired code stays retired: a row that brings
     * it back is refused, because statistical codes are never reused.
     */
    public Change compare(RegionRow row) {
        if (isRetired() && row.validTo() == null) {
            return Change.RETIRED_CODE_REUSED;
        }
        boolean same = name.equals(row.name())
                && Objects.equals(urbanRuralCode, row.urbanRuralCode() == null ? urbanRuralCode : row.urbanRuralCode())
                && Objects.equals(validTo, row.validTo());
        return same ? Change.UNCHANGED : Change.UPDATE;
    }

    public Region apply(RegionRow row) {
        return new Region(code, row.name(), parent, row.urbanRuralCode() == null ? urbanRuralCode : row.urbanRuralCode(),
                validFrom, row.validTo(), generated, version + 1);
    }

    public static Region create(RegionRow row, LocalDate validFrom, boolean generated) {
        return new Region(row.code(), row.name(), row.parent(), row.urbanRuralCode(), validFrom, row.validTo(),
                generated, 1);
    }
}
