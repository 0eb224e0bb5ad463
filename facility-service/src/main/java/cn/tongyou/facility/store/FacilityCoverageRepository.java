package cn.tongyou.facility.store;

import cn.tongyou.common.region.RegionLevel;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
public class FacilityCoverageRepository {

    private static final int FETCH_SIZE = 10_000;

    @Inject
    AgroalDataSource dataSource;

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
                + " where f.type_code = ? and f.status = 'open' and f.meets_standard and f.region_code like ?)"
                + " select r.code, c.unit_code is not null from region r left join covered c on c.unit_code = r.code"
                + " where r.level = ? and r.valid_to is null and r.code like ? order by r.code";
        stream(sql, statement -> {
            statement.setInt(1, unitLevel.digits());
            statement.setString(2, typeCode);
            statement.setString(3, subtreePattern);
            statement.setInt(4, unitLevel.depth());
            statement.setString(5, subtreePattern);
        }, rs -> sink.unit(rs.getString(1), rs.getString(1), rs.getBoolean(2)));
    }

    /**
     * Streams the open facilities of {@code hostType} in the subtree that must host a facility of {@code hostedType}
     * (host_required), each with whether an open, standard-meeting facility of {@code hostedType} names it as host.
     */
    public void hostUnits(String hostedType, String hostType, String subtreePattern, UnitSink sink) {
        String sql = "select p.id, p.region_code, exists (select 1 from facility m where m.host_facility_id = p.id"
                + " and m.type_code = ? and m.status = 'open' and m.meets_standard)"
                + " from facility p where p.type_code = ? and p.status = 'open' and p.host_required and p.region_code like ?"
                + " order by p.region_code, p.name, p.id";
        stream(sql, statement -> {
            statement.setString(1, hostedType);
            statement.setString(2, hostType);
            statement.setString(3, subtreePattern);
        }, rs -> sink.unit(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
    }

    /** Names of regions, for the page of uncovered units. */
    public Map<String, UnitLabel> regionLabels(Collection<String> codes) {
        Map<String, UnitLabel> labels = new HashMap<>();
        if (codes.isEmpty()) {
            return labels;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select code, name, parent_code from region where code = any(?)")) {
            select.setArray(1, connection.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    labels.put(rs.getString(1), new UnitLabel(rs.getString(1), rs.getString(2), rs.getString(1), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("coverage query failed", e);
        }
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
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select id, name, region_code from facility where id = any(?)")) {
            select.setArray(1, connection.createArrayOf("uuid", uuids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    labels.put(id, new UnitLabel(id, rs.getString(2), rs.getString(3), null));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("coverage query failed", e);
        }
        return labels;
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void stream(String sql, Binder binder, Row row) {
        // Inside the caller's transaction (autocommit off) the driver fetches with a cursor, FETCH_SIZE rows at a time.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(FETCH_SIZE);
            binder.bind(statement);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("coverage query failed", e);
        }
    }
}
