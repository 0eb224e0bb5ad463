package cn.tongyou.facility.store;

import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.facility.domain.Region;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The region registry's table. Plain JDBC: imports move hundreds of thousands of rows, so writes go as one
 * {@code unnest} statement per batch instead of one round trip per row. Inside a transaction Agroal returns the
 * transaction's connection.
 */
@ApplicationScoped
public class RegionStore {

    private static final String COLUMNS = "code, name, parent_code, urban_rural_code, valid_from, valid_to, generated, version";

    @Inject
    AgroalDataSource dataSource;

    /** Filters of a region list. */
    public record Filter(String nameContains, RegionCode within, RegionLevel level, RegionCode parent,
                         boolean includeRetired) {
    }

    public Optional<Region> find(RegionCode code) {
        List<Region> found = query("select " + COLUMNS + " from region where code = ?", code.value());
        return found.stream().findFirst();
    }

    /** The stored regions among {@code codes}, by code. */
    public Map<String, Region> findAll(Collection<String> codes) {
        Map<String, Region> result = new HashMap<>();
        if (codes.isEmpty()) {
            return result;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from region where code = any(?)")) {
            s.setArray(1, c.createArrayOf("varchar", codes.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Region region = map(rs);
                    result.put(region.code().value(), region);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    public List<Region> list(Filter filter, PageParams page) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(page.size);
        params.add(page.offset());
        return query("select " + COLUMNS + " from region" + where + " order by code limit ? offset ?", params.toArray());
    }

    public long count(Filter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from region" + where)) {
            bind(s, params.toArray());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String where(Filter filter, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        if (filter.nameContains() != null) {
            clauses.add("name like ?");
            params.add("%" + filter.nameContains().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (filter.within() != null) {
            clauses.add("code like ?");
            params.add(filter.within().subtreePattern());
        }
        if (filter.level() != null) {
            clauses.add("level = ?");
            params.add((short) filter.level().depth());
        }
        if (filter.parent() != null) {
            clauses.add("parent_code = ?");
            params.add(filter.parent().value());
        }
        if (!filter.includeRetired()) {
            clauses.add("valid_to is null");
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    public long countChildren(RegionCode code) {
        return count(new Filter(null, null, null, code, false));
    }

    public void insertAll(List<Region> regions) {
        if (regions.isEmpty()) {
            return;
        }
        execute("insert into region (code, name, level, parent_code, urban_rural_code, valid_from, valid_to, generated, version) "
                + "select * from unnest(?::varchar[], ?::text[], ?::smallint[], ?::varchar[], ?::varchar[], ?::date[], "
                + "?::date[], ?::boolean[], ?::bigint[])", regions);
    }

    public void updateAll(List<Region> regions) {
        if (regions.isEmpty()) {
            return;
        }
        execute("update region r set name = u.name, urban_rural_code = u.urban_rural_code, valid_to = u.valid_to, "
                + "version = u.version, updated_at = now() "
                + "from unnest(?::varchar[], ?::text[], ?::smallint[], ?::varchar[], ?::varchar[], ?::date[], "
                + "?::date[], ?::boolean[], ?::bigint[]) "
                + "as u(code, name, level, parent_code, urban_rural_code, valid_from, valid_to, generated, version) "
                + "where r.code = u.code", regions);
    }

    private void execute(String sql, List<Region> regions) {
        int n = regions.size();
        String[] codes = new String[n];
        String[] names = new String[n];
        Short[] levels = new Short[n];
        String[] parents = new String[n];
        String[] urbanRural = new String[n];
        Date[] validFrom = new Date[n];
        Date[] validTo = new Date[n];
        Boolean[] generated = new Boolean[n];
        Long[] versions = new Long[n];
        for (int i = 0; i < n; i++) {
            Region r = regions.get(i);
            codes[i] = r.code().value();
            names[i] = r.name();
            levels[i] = (short) r.level().depth();
            parents[i] = r.parent() == null ? null : r.parent().value();
            urbanRural[i] = r.urbanRuralCode();
            validFrom[i] = r.validFrom() == null ? null : Date.valueOf(r.validFrom());
            validTo[i] = r.validTo() == null ? null : Date.valueOf(r.validTo());
            generated[i] = r.generated();
            versions[i] = r.version();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", codes));
            s.setArray(2, c.createArrayOf("text", names));
            s.setArray(3, c.createArrayOf("int2", levels));
            s.setArray(4, c.createArrayOf("varchar", parents));
            s.setArray(5, c.createArrayOf("varchar", urbanRural));
            s.setArray(6, c.createArrayOf("date", validFrom));
            s.setArray(7, c.createArrayOf("date", validTo));
            s.setArray(8, c.createArrayOf("bool", generated));
            s.setArray(9, c.createArrayOf("int8", versions));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write regions: " + e.getMessage(), e);
        }
    }

    private List<Region> query(String sql, Object... params) {
        List<Region> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(map(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    private static void bind(PreparedStatement s, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
    }

    private static Region map(ResultSet rs) throws SQLException {
        String parent = rs.getString(3);
        Date validFrom = rs.getDate(5);
        Date validTo = rs.getDate(6);
        return new Region(RegionCode.parse(rs.getString(1)), rs.getString(2),
                parent == null ? null : RegionCode.parse(parent), rs.getString(4),
                validFrom == null ? null : validFrom.toLocalDate(), validTo == null ? null : validTo.toLocalDate(),
                rs.getBoolean(7), rs.getLong(8));
    }

}
