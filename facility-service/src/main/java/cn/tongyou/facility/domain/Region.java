package cn.tongyou.facility.domain;

import cn.tongyou.common.coverage.UrbanRural;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;

import java.time.LocalDate;

/**
 * A region as stored: the registry's record of one division code.
 *
 * @param urbanRuralCode   the NBS 城乡分类代码 (111 主城区 … 220 村庄) as imported, or null: never derived
 * @param urbanRural       the class the unit counts in for urban / rural coverage, or null when unknown
 * @param urbanRuralSource where {@code urbanRural} comes from (imported code or derived from the name), null when
 *                         neither gives one
 */
public record Region(RegionCode code, String name, RegionCode parent, String urbanRuralCode, UrbanRural urbanRural,
                     UrbanRuralSource urbanRuralSource, LocalDate validFrom, LocalDate validTo, boolean generated,
                     long version) {

    public RegionLevel level() {
        return code.level();
    }

    public boolean isRetired() {
        return validTo != null;
    }

    /** What an incoming row would do to this stored region. */
    public enum Change {
        UNCHANGED, UPDATE, RETIRED_CODE_REUSED,
        /** a real (non-generated) import gives a generated region another name: refused unless it replaces it */
        RENAMES_GENERATED,
        /** a generated import gives a real region another name: always refused */
        RENAMES_REAL
    }

    /**
     * Decides how a re-imported row relates to the stored region. A retired code stays retired: a row that brings
     * it back is refused, because statistical codes are never reused. Generated and real regions never rename each
     * other silently.
     *
     * @param generatedImport whether the import marks its rows as generated
     */
    public Change compare(RegionRow row, boolean generatedImport) {
        if (isRetired() && row.validTo() == null) {
            return Change.RETIRED_CODE_REUSED;
        }
        if (!name.equals(row.name()) && generated != generatedImport) {
            return generated ? Change.RENAMES_GENERATED : Change.RENAMES_REAL;
        }
        return merge(row, generated).equals(this) ? Change.UNCHANGED : Change.UPDATE;
    }

    /** {@link #compare(RegionRow, boolean)} for an import of the same kind as the stored region. */
    public Change compare(RegionRow row) {
        return compare(row, generated);
    }

    public Region apply(RegionRow row) {
        return merge(row, generated).withVersion(version + 1);
    }

    /**
     * The real row takes the code of this generated region: its name and its class (nothing of the generated region's
     * invented class is kept), no longer generated.
     */
    public Region replaceGenerated(RegionRow row) {
        Classified c = classify(row, null);
        return new Region(code, row.name(), parent, c.code, c.value, c.source, validFrom, row.validTo(), false,
                version + 1);
    }

    public Region retire(LocalDate on) {
        return new Region(code, name, parent, urbanRuralCode, urbanRural, urbanRuralSource, validFrom, on, generated,
                version + 1);
    }

    public static Region create(RegionRow row, LocalDate validFrom, boolean generated) {
        Classified c = classify(row, null);
        return new Region(row.code(), row.name(), row.parent(), c.code, c.value, c.source, validFrom, row.validTo(),
                generated, 1);
    }

    private Region merge(RegionRow row, boolean generatedAfter) {
        Classified c = classify(row, this);
        return new Region(code, row.name(), parent, c.code, c.value, c.source, validFrom, row.validTo(), generatedAfter,
                version);
    }

    private Region withVersion(long v) {
        return new Region(code, name, parent, urbanRuralCode, urbanRural, urbanRuralSource, validFrom, validTo, generated, v);
    }

    private record Classified(String code, UrbanRural value, UrbanRuralSource source) {
    }

    /**
     * The urban/rural class after a row: the row's 城乡分类代码 when it has one (imported); else the stored imported
     * one (a file without the column does not erase it); else, for a village, the class its name suggests (derived,
     * null when the name tells nothing).
     */
    private static Classified classify(RegionRow row, Region stored) {
        if (row.urbanRuralCode() != null) {
            return new Classified(row.urbanRuralCode(), UrbanRural.ofCode(row.urbanRuralCode()).orElse(null),
                    UrbanRuralSource.IMPORTED);
        }
        if (stored != null && stored.urbanRuralSource() == UrbanRuralSource.IMPORTED) {
            return new Classified(stored.urbanRuralCode(), stored.urbanRural(), UrbanRuralSource.IMPORTED);
        }
        if (row.code().level() != RegionLevel.VILLAGE) {
            return new Classified(null, null, null);
        }
        UrbanRural derived = UrbanRural.fromName(row.name()).orElse(null);
        return new Classified(null, derived, derived == null ? null : UrbanRuralSource.DERIVED);
    }
}
