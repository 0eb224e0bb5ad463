package cn.tongyou.facility.store;

import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL side of coverage: one pass that streams every eligible unit of a subtree with whether it is covered. The
 * decision (totals, ratios, per-child sums) is {@code CoverageRule}'s, in plain Java.
 */
@ApplicationScoped
public class FacilityCoverageStore {

    private static final int FETCH_SIZE = 10_000;

    @Inject
    Jdbc jdbc;

    /** Receives one eligible unit. */
    @FunctionalInterface
    public interface UnitSink {
        void unit(String unitId, String regionCode, boolean covered);
    }

    /** An uncovered unit's label. */
    public record UnitLabel(String id, String name, String regionCode, String parentCode) {
    }

    /**
     * Streams the regions of {@code unitLevel} (not retired) in the subtree, by code, each with whether at least one
     * open facility of {@code typeCode} that meets its standard lies in it or below it.
     */
    public void regionUnits(String typeCode, RegionLevel unitLevel, String subtreePattern, UnitSink sink) {
        // A facility covers the unit whose code is its own code cut to the unit level's digits: a facility registered
        // above the unit level cuts to a code of a higher level, which matches no unit.
        String sql = "with covered as ("
                + " select distinct rpad(substr(f.region_code, 1, ?), 12, '0') as unit_code from facility f"
                + " where f.type_code = ? and f.status = 'open' and f.meets_standard and f.deleted_at is null"
                + " and f.region_code like ?)"
                + " select r.code, c.unit_code is not null as covered from region r left join covered c on c.unit_code = r.code"
                + " where r.level = ? and r.valid_to is null and r.code like ? order by r.code";
        jdbc.forEach(sql, List.of(unitLevel.digits(), typeCode, subtreePattern, unitLevel.depth(), subtreePattern), FETCH_SIZE,
                row -> sink.unit(row.string("code"), row.string("code"), row.bool("covered")));
    }

    /**
     * Streams the open facilities of {@code hostType} in the subtree that must host a facility of {@code hostedType}
     * (host_required), each with whether an open, standard-meeting facility of {@code hostedType} names it as host.
     */
    public void hostUnits(String hostedType, String hostType, String subtreePattern, UnitSink sink) {
        String sql = "select p.id, p.region_code, exists (select 1 from facility m where m.host_facility_id = p.id"
                + " and m.type_code = ? and m.status = 'open' and m.meets_standard and m.deleted_at is null) as covered"
                + " from facility p where p.type_code = ? and p.status = 'open' and p.host_required and p.deleted_at is null"
                + " and p.region_code like ?"
                + " order by p.region_code, p.name, p.id";
        jdbc.forEach(sql, List.of(hostedType, hostType, subtreePattern), FETCH_SIZE,
                row -> sink.unit(row.string("id"), row.string("region_code"), row.bool("covered")));
    }

    /** Names of regions, for the page of uncovered units. */
    public Map<String, UnitLabel> regionLabels(Collection<String> codes) {
        Map<String, UnitLabel> labels = new HashMap<>();
        if (codes.isEmpty()) {
            return labels;
        }
        jdbc.forEach("select code, name, parent_code from region where code = any(?)", List.of(SqlArray.text(codes)),
                row -> labels.put(row.string("code"), new UnitLabel(row.string("code"), row.string("name"),
                        row.string("code"), row.string("parent_code"))));
        return labels;
    }

    /** Names of host facilities, for the page of uncovered places. */
    public Map<String, UnitLabel> facilityLabels(Collection<String> ids) {
        Map<String, UnitLabel> labels = new HashMap<>();
        if (ids.isEmpty()) {
            return labels;
        }
        List<UUID> uuids = new ArrayList<>();
        ids.forEach(id -> uuids.add(UUID.fromString(id)));
        jdbc.forEach("select id, name, region_code from facility where id = any(?)", List.of(SqlArray.uuid(uuids)), row -> {
            String id = row.string("id");
            labels.put(id, new UnitLabel(id, row.string("name"), row.string("region_code"), null));
        });
        return labels;
    }
}
