package cn.tongyou.facility.store;

import cn.tongyou.common.code.Coded;
import cn.tongyou.common.coverage.UrbanRural;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.store.ColumnBatch;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.ResultRow;
import cn.tongyou.common.store.SqlArray;
import cn.tongyou.facility.domain.Region;
import cn.tongyou.facility.domain.RegionFilter;
import cn.tongyou.facility.domain.UrbanRuralSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The region registry's table. Plain JDBC: an import looks up thousands of rows per statement (its writes go through
 * {@link RegionImportStore}), and writes go as one {@code unnest} statement. Inside a transaction Agroal returns the
 * transaction's connection.
 */
@ApplicationScoped
public class RegionStore {

    private static final String COLUMNS = "code, name, parent_code, urban_rural_code, urban_rural, urban_rural_source,"
            + " valid_from, valid_to, generated, version";

    private static final ColumnBatch<Region> REGIONS = ColumnBatch.<Region>builder()
            .varchar("code", r -> r.code().value())
            .text("name", Region::name)
            .smallint("level", r -> (short) r.level().depth())
            .varchar("parent_code", r -> r.parent() == null ? null : r.parent().value())
            .varchar("urban_rural_code", Region::urbanRuralCode)
            .varchar("urban_rural", r -> r.urbanRural() == null ? null : r.urbanRural().code())
            .varchar("urban_rural_source", r -> r.urbanRuralSource() == null ? null : r.urbanRuralSource().code())
            .date("valid_from", Region::validFrom)
            .date("valid_to", Region::validTo)
            .bool("generated", Region::generated)
            .bigint("version", Region::version)
            .build();

    private static final String FIND = "select " + COLUMNS + " from region where code = ?";
    private static final String FIND_ALL = "select " + COLUMNS + " from region where code = any(?)";

    @Inject
    Jdbc jdbc;

    @Inject
    DataSource dataSource;

    /** A region with its stored ancestors (by code) and its number of active children, as a read by code answers it. */
    public record Detail(Region region, Map<String, Region> ancestors, long activeChildren) {
    }

    public Optional<Region> find(RegionCode code) {
        return jdbc.first(FIND, List.of(code.value()), RegionStore::map);
    }

    /**
     * The region, its ancestors among {@code ancestorCodes} and its active children's count: the three statements of
     * {@link #find}, {@link #findAll} and {@link #countChildren} on one pooled connection instead of three (each
     * borrow and return costs the pool's bookkeeping and a reset of the connection; issue 16's profile of GET
     * /regions/{code}). Outside a transaction, as before, each statement sees the latest commit.
     */
    public Optional<Detail> findDetail(RegionCode code, Collection<String> ancestorCodes) {
        try (Connection connection = dataSource.getConnection()) {
            Region[] found = new Region[1];
            Jdbc.forEach(connection, FIND, List.of(code.value()), row -> found[0] = map(row));
            if (found[0] == null) {
                return Optional.empty();
            }
            Map<String, Region> ancestors = new HashMap<>();
            if (!ancestorCodes.isEmpty()) {
                Jdbc.forEach(connection, FIND_ALL, List.of(SqlArray.of("varchar", ancestorCodes)), row -> {
                    Region ancestor = map(row);
                    ancestors.put(ancestor.code().value(), ancestor);
                });
            }
            List<Object> params = new ArrayList<>();
            String count = "select count(*) from region" + where(activeChildren(code), params);
            long[] children = new long[1];
            Jdbc.forEach(connection, count, params, row -> children[0] = row.longValue("count"));
            return Optional.of(new Detail(found[0], ancestors, children[0]));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read region " + code.value(), e);
        }
    }

    /** The stored regions among {@code codes}, by code. */
    public Map<String, Region> findAll(Collection<String> codes) {
        Map<String, Region> result = new HashMap<>();
        if (codes.isEmpty()) {
            return result;
        }
        jdbc.forEach(FIND_ALL, List.of(SqlArray.of("varchar", codes)), row -> {
            Region region = map(row);
            result.put(region.code().value(), region);
        });
        return result;
    }

    public List<Region> list(RegionFilter filter, PageParams page) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(page.size);
        params.add(page.offset());
        return jdbc.list("select " + COLUMNS + " from region" + where + " order by code limit ? offset ?", params, RegionStore::map);
    }

    public long count(RegionFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return jdbc.count("select count(*) from region" + where, params);
    }

    private static String where(RegionFilter filter, List<Object> params) {
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
        return count(activeChildren(code));
    }

    private static RegionFilter activeChildren(RegionCode code) {
        return new RegionFilter(null, null, null, code, false);
    }

    public void updateAll(List<Region> regions) {
        if (!regions.isEmpty()) {
            jdbc.update("update region r set " + REGIONS.assign("u", "name", "urban_rural_code", "urban_rural",
                    "urban_rural_source", "valid_to", "generated", "version")
                    + ", updated_at = now() from " + REGIONS.unnest("u") + " where r.code = u.code", REGIONS.arrays(regions));
        }
    }

    /**
     * A code this store wrote ({@code code()} of a constant), compared with each constant's code before {@link Coded#find}'s
     * stream with aliases and case folding, which took a seventh of an import's CPU reading 620,000 stored villages.
     */
    private static <E extends Enum<E> & Coded> E stored(Class<E> type, String code) {
        if (code == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.code().equals(code)) {
                return constant;
            }
        }
        return Coded.find(type, code).orElse(null);
    }

    private static Region map(ResultRow row) throws SQLException {
        String parent = row.string("parent_code");
        return new Region(RegionCode.parse(row.string("code")), row.string("name"),
                parent == null ? null : RegionCode.parse(parent), row.string("urban_rural_code"),
                stored(UrbanRural.class, row.string("urban_rural")),
                stored(UrbanRuralSource.class, row.string("urban_rural_source")),
                row.date("valid_from"), row.date("valid_to"), row.bool("generated"), row.longValue("version"));
    }
}
