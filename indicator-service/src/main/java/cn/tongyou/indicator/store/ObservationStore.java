package cn.tongyou.indicator.store;

import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.indicator.Figure;
import cn.tongyou.indicator.domain.Observation;
import cn.tongyou.indicator.domain.ObservationStatus;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.RollUp;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Observations and their history in plain JDBC: a provincial batch writes 100,000 rows, so writes go as one
 * {@code unnest} statement per chunk and per table instead of a round trip per row. Inside a JTA transaction Agroal
 * hands out the transaction's connection.
 */
@ApplicationScoped
public class ObservationStore {

    static final String COLUMNS = "id, indicator_code, region_code, period, value, value_text, numerator, denominator, source, note, "
            + "status, reported_by, reported_unit, approved_value, approved_text, approved_numerator, approved_denominator, "
            + "approved_version, approved_by, approved_at, version, created_at, updated_at, updated_by";

    private static final String UNNEST = "unnest(?::uuid[], ?::text[], ?::varchar[], ?::varchar[], ?::numeric[], ?::text[], "
            + "?::numeric[], ?::numeric[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], "
            + "?::numeric[], ?::numeric[], ?::int8[], ?::text[], ?::timestamptz[], ?::int8[], ?::timestamptz[], "
            + "?::timestamptz[], ?::text[])";

    @Inject
    AgroalDataSource dataSource;

    /** Natural key of an observation. */
    public record Key(String indicatorCode, String regionCode, String period) {
    }

    /** Filters of a list; null or empty means no filter. */
    public record Filter(RegionCode region, boolean descendants, List<String> indicators, List<String> periods,
                         List<String> statuses) {
    }

    // --- reads ------------------------------------------------------------------------------------------------------

    public Optional<Observation> find(UUID id) {
        return query("select " + COLUMNS + " from observation where id = ?", id).stream().findFirst();
    }

    public Optional<Observation> findForUpdate(UUID id) {
        return query("select " + COLUMNS + " from observation where id = ? for update", id).stream().findFirst();
    }

    public Optional<Observation> findByKey(Key key) {
        return query("select " + COLUMNS + " from observation where indicator_code = ? and region_code = ? and period = ?",
                key.indicatorCode(), key.regionCode(), key.period()).stream().findFirst();
    }

    /** The stored observations among {@code keys}, locked until the transaction ends. */
    public Map<Key, Observation> lockByKeys(Collection<Key> keys) {
        return byKeys(keys, true);
    }

    /** The stored observations among {@code keys}; locked until the transaction ends when {@code lock}. */
    public Map<Key, Observation> byKeys(Collection<Key> keys, boolean lock) {
        Map<Key, Observation> result = new HashMap<>();
        if (keys.isEmpty()) {
            return result;
        }
        String[] indicators = new String[keys.size()];
        String[] regions = new String[keys.size()];
        String[] periods = new String[keys.size()];
        int i = 0;
        for (Key k : keys) {
            indicators[i] = k.indicatorCode();
            regions[i] = k.regionCode();
            periods[i] = k.period();
            i++;
        }
        String sql = "select " + COLUMNS + " from observation where (indicator_code, region_code, period) in "
                + "(select * from unnest(?::text[], ?::varchar[], ?::varchar[]))" + (lock ? " order by id for update" : "");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", indicators));
            s.setArray(2, c.createArrayOf("varchar", regions));
            s.setArray(3, c.createArrayOf("varchar", periods));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Observation o = map(rs);
                    result.put(new Key(o.indicatorCode(), o.regionCode(), o.period().toString()), o);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read observations: " + e.getMessage(), e);
        }
        return result;
    }

    public List<Observation> list(Filter filter, PageParams page) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(page.size);
        params.add(page.offset());
        return query("select " + COLUMNS + " from observation" + where
                + " order by region_code, indicator_code, period limit ? offset ?", params.toArray());
    }

    public long count(Filter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select count(*) from observation" + where)) {
            bind(c, s, params.toArray());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every matching observation in list order, in the caller's transaction. */
    public List<Observation> all(Filter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return query("select " + COLUMNS + " from observation" + where + " order by region_code, indicator_code, period", params.toArray());
    }

    /** Every matching observation in list order, outside any transaction, fetched in pieces (CSV export of a whole province). */
    public void stream(Filter filter, Consumer<Observation> each) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // a cursor (fetch size) needs a transaction of its own; this read changes nothing
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from observation" + where
                    + " order by region_code, indicator_code, period")) {
                s.setFetchSize(2000);
                bind(c, s, params.toArray());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        each.accept(map(rs));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Observation.Revision> history(UUID id) {
        List<Observation.Revision> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select observation_id, version, action, value, value_text, numerator, denominator, source, note, status, "
                        + "reason, actor, batch_id, at from observation_revision where observation_id = ? order by version")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(new Observation.Revision((UUID) rs.getObject(1), rs.getLong(2), rs.getString(3),
                            rs.getBigDecimal(4), rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getString(8),
                            rs.getString(9), ObservationStatus.ofCode(rs.getString(10)), rs.getString(11), rs.getString(12),
                            (UUID) rs.getObject(13), rs.getTimestamp(14).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /**
     * The values of {@code regions} for {@code indicators}: the approved ones ({@code approvedOnly}), or the latest
     * whatever their status. Keyed by indicator code, then region code.
     */
    public Map<String, Map<String, List<Figure>>> figures(Collection<String> regions, Collection<String> indicators,
                                                          boolean approvedOnly) {
        Map<String, Map<String, List<Figure>>> result = new HashMap<>();
        if (regions.isEmpty() || indicators.isEmpty()) {
            return result;
        }
        String cols = approvedOnly ? "approved_value, approved_text, approved_numerator, approved_denominator"
                : "value, value_text, numerator, denominator";
        String sql = "select indicator_code, region_code, period, " + cols + " from observation "
                + "where region_code = any(?) and indicator_code = any(?)" + (approvedOnly ? " and approved_version is not null" : "");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", regions.toArray()));
            s.setArray(2, c.createArrayOf("text", indicators.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Figure f = new Figure(Period.parse(rs.getString(3)), rs.getBigDecimal(4), rs.getString(5),
                            rs.getBigDecimal(6), rs.getBigDecimal(7), Figure.Source.OBSERVATION, 1);
                    result.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(f);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /**
     * Sums of the values below {@code root}, per indicator, period, child region of the root and level, for roll-ups
     * ({@link RollUp}). Keyed by indicator code; each sum carries both the parts' and the values' totals.
     */
    public Map<String, List<LevelSums>> levelSums(RegionCode root, Collection<String> indicators, boolean approvedOnly) {
        Map<String, List<LevelSums>> result = new HashMap<>();
        if (indicators.isEmpty() || root.level() == cn.tongyou.common.region.RegionLevel.VILLAGE) {
            return result;
        }
        int childDigits = root.level().below().digits();
        String v = approvedOnly ? "approved_value" : "value";
        String n = approvedOnly ? "approved_numerator" : "numerator";
        String d = approvedOnly ? "approved_denominator" : "denominator";
        String sql = "select indicator_code, period, substr(region_code, 1, " + childDigits + ") as child, "
                + "case when substr(region_code, 3) = '0000000000' then 1 when substr(region_code, 5) = '00000000' then 2 "
                + "when substr(region_code, 7) = '000000' then 3 when substr(region_code, 10) = '000' then 4 else 5 end as depth, "
                + "sum(" + n + ") filter (where " + n + " is not null and " + d + " is not null), "
                + "sum(" + d + ") filter (where " + n + " is not null and " + d + " is not null), "
                + "count(*) filter (where " + n + " is not null and " + d + " is not null), "
                + "sum(" + v + "), count(" + v + ") "
                + "from observation where region_code like ? and region_code <> ? and indicator_code = any(?)"
                + (approvedOnly ? " and approved_version is not null" : "")
                + " group by 1, 2, 3, 4";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            // the caller's transaction: enough memory to hash-aggregate a province's rows instead of sorting them on disk
            try (PreparedStatement memory = c.prepareStatement("set local work_mem = '64MB'")) {
                memory.execute();
            }
            s.setString(1, root.subtreePattern());
            s.setString(2, root.value());
            s.setArray(3, c.createArrayOf("text", indicators.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new LevelSums(
                            rs.getString(3), rs.getInt(4), Period.parse(rs.getString(2)), rs.getBigDecimal(5),
                            rs.getBigDecimal(6), rs.getLong(7), rs.getBigDecimal(8), rs.getLong(9)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /** One row of {@link #levelSums}: totals of parts and of values. */
    public record LevelSums(String child, int depth, Period period, BigDecimal numerator, BigDecimal denominator,
                            long withParts, BigDecimal value, long withValue) {

        public RollUp.LevelSum forParts() {
            return new RollUp.LevelSum(child, depth, period, numerator, denominator, null, withParts);
        }

        public RollUp.LevelSum forValues() {
            return new RollUp.LevelSum(child, depth, period, null, null, value, withValue);
        }
    }

    /** Refreshes the planner's statistics after a bulk load, so that the next roll-up is planned for its real size. */
    public void analyze() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("analyze observation")) {
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- writes -----------------------------------------------------------------------------------------------------

    public void insert(List<Observation> rows) {
        if (!rows.isEmpty()) {
            write("insert into observation (" + COLUMNS + ") select * from " + UNNEST, rows);
        }
    }

    public void update(List<Observation> rows) {
        if (!rows.isEmpty()) {
            write("update observation o set value = u.value, value_text = u.value_text, numerator = u.numerator, "
                    + "denominator = u.denominator, source = u.source, note = u.note, status = u.status, "
                    + "approved_value = u.approved_value, approved_text = u.approved_text, approved_numerator = u.approved_numerator, "
                    + "approved_denominator = u.approved_denominator, approved_version = u.approved_version, "
                    + "approved_by = u.approved_by, approved_at = u.approved_at, version = u.version, updated_at = u.updated_at, "
                    + "updated_by = u.updated_by from " + UNNEST + " as u(" + COLUMNS + ") where o.id = u.id", rows);
        }
    }

    public void insertRevisions(List<Observation.Revision> revisions) {
        if (revisions.isEmpty()) {
            return;
        }
        int n = revisions.size();
        Object[] ids = new Object[n];
        Long[] versions = new Long[n];
        String[] actions = new String[n];
        BigDecimal[] values = new BigDecimal[n];
        String[] texts = new String[n];
        BigDecimal[] numerators = new BigDecimal[n];
        BigDecimal[] denominators = new BigDecimal[n];
        String[] sources = new String[n];
        String[] notes = new String[n];
        String[] statuses = new String[n];
        String[] reasons = new String[n];
        String[] actors = new String[n];
        Object[] batches = new Object[n];
        String[] at = new String[n];
        for (int i = 0; i < n; i++) {
            Observation.Revision r = revisions.get(i);
            ids[i] = r.observationId();
            versions[i] = r.version();
            actions[i] = r.action();
            values[i] = r.value();
            texts[i] = r.text();
            numerators[i] = r.numerator();
            denominators[i] = r.denominator();
            sources[i] = r.source();
            notes[i] = r.note();
            statuses[i] = r.status().code();
            reasons[i] = r.reason();
            actors[i] = r.actor();
            batches[i] = r.batchId();
            at[i] = r.at().toString();
        }
        String sql = "insert into observation_revision (observation_id, version, action, value, value_text, numerator, "
                + "denominator, source, note, status, reason, actor, batch_id, at) select * from unnest(?::uuid[], ?::int8[], "
                + "?::text[], ?::numeric[], ?::text[], ?::numeric[], ?::numeric[], ?::text[], ?::text[], ?::text[], ?::text[], "
                + "?::text[], ?::uuid[], ?::timestamptz[])";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("uuid", ids));
            s.setArray(2, c.createArrayOf("int8", versions));
            s.setArray(3, c.createArrayOf("text", actions));
            s.setArray(4, c.createArrayOf("numeric", values));
            s.setArray(5, c.createArrayOf("text", texts));
            s.setArray(6, c.createArrayOf("numeric", numerators));
            s.setArray(7, c.createArrayOf("numeric", denominators));
            s.setArray(8, c.createArrayOf("text", sources));
            s.setArray(9, c.createArrayOf("text", notes));
            s.setArray(10, c.createArrayOf("text", statuses));
            s.setArray(11, c.createArrayOf("text", reasons));
            s.setArray(12, c.createArrayOf("text", actors));
            s.setArray(13, c.createArrayOf("uuid", batches));
            s.setArray(14, c.createArrayOf("text", at));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write observation history: " + e.getMessage(), e);
        }
    }

    private void write(String sql, List<Observation> rows) {
        int n = rows.size();
        Object[] ids = new Object[n];
        String[] indicators = new String[n];
        String[] regions = new String[n];
        String[] periods = new String[n];
        BigDecimal[] values = new BigDecimal[n];
        String[] texts = new String[n];
        BigDecimal[] numerators = new BigDecimal[n];
        BigDecimal[] denominators = new BigDecimal[n];
        String[] sources = new String[n];
        String[] notes = new String[n];
        String[] statuses = new String[n];
        String[] reportedBy = new String[n];
        String[] units = new String[n];
        BigDecimal[] approvedValues = new BigDecimal[n];
        String[] approvedTexts = new String[n];
        BigDecimal[] approvedNumerators = new BigDecimal[n];
        BigDecimal[] approvedDenominators = new BigDecimal[n];
        Long[] approvedVersions = new Long[n];
        String[] approvedBy = new String[n];
        String[] approvedAt = new String[n];
        Long[] versions = new Long[n];
        String[] createdAt = new String[n];
        String[] updatedAt = new String[n];
        String[] updatedBy = new String[n];
        for (int i = 0; i < n; i++) {
            Observation o = rows.get(i);
            ids[i] = o.id();
            indicators[i] = o.indicatorCode();
            regions[i] = o.regionCode();
            periods[i] = o.period().toString();
            values[i] = o.value();
            texts[i] = o.text();
            numerators[i] = o.numerator();
            denominators[i] = o.denominator();
            sources[i] = o.source();
            notes[i] = o.note();
            statuses[i] = o.status().code();
            reportedBy[i] = o.reportedBy();
            units[i] = o.reportedUnit();
            Observation.Approved a = o.approved();
            if (a != null) {
                approvedValues[i] = a.value();
                approvedTexts[i] = a.text();
                approvedNumerators[i] = a.numerator();
                approvedDenominators[i] = a.denominator();
                approvedVersions[i] = a.version();
                approvedBy[i] = a.approvedBy();
                approvedAt[i] = a.approvedAt().toString();
            }
            versions[i] = o.version();
            createdAt[i] = o.createdAt().toString();
            updatedAt[i] = o.updatedAt().toString();
            updatedBy[i] = o.updatedBy();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("uuid", ids));
            s.setArray(2, c.createArrayOf("text", indicators));
            s.setArray(3, c.createArrayOf("varchar", regions));
            s.setArray(4, c.createArrayOf("varchar", periods));
            s.setArray(5, c.createArrayOf("numeric", values));
            s.setArray(6, c.createArrayOf("text", texts));
            s.setArray(7, c.createArrayOf("numeric", numerators));
            s.setArray(8, c.createArrayOf("numeric", denominators));
            s.setArray(9, c.createArrayOf("text", sources));
            s.setArray(10, c.createArrayOf("text", notes));
            s.setArray(11, c.createArrayOf("text", statuses));
            s.setArray(12, c.createArrayOf("text", reportedBy));
            s.setArray(13, c.createArrayOf("text", units));
            s.setArray(14, c.createArrayOf("numeric", approvedValues));
            s.setArray(15, c.createArrayOf("text", approvedTexts));
            s.setArray(16, c.createArrayOf("numeric", approvedNumerators));
            s.setArray(17, c.createArrayOf("numeric", approvedDenominators));
            s.setArray(18, c.createArrayOf("int8", approvedVersions));
            s.setArray(19, c.createArrayOf("text", approvedBy));
            s.setArray(20, c.createArrayOf("text", approvedAt));
            s.setArray(21, c.createArrayOf("int8", versions));
            s.setArray(22, c.createArrayOf("text", createdAt));
            s.setArray(23, c.createArrayOf("text", updatedAt));
            s.setArray(24, c.createArrayOf("text", updatedBy));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write observations: " + e.getMessage(), e);
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static String where(Filter f, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        if (f.region() != null) {
            if (f.descendants()) {
                clauses.add("region_code like ?");
                params.add(f.region().subtreePattern());
            } else {
                clauses.add("region_code = ?");
                params.add(f.region().value());
            }
        }
        if (f.indicators() != null && !f.indicators().isEmpty()) {
            clauses.add("indicator_code = any(?)");
            params.add(new TextArray("text", f.indicators()));
        }
        if (f.periods() != null && !f.periods().isEmpty()) {
            clauses.add("period = any(?)");
            params.add(new TextArray("varchar", f.periods()));
        }
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            clauses.add("status = any(?)");
            params.add(new TextArray("text", f.statuses()));
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    private record TextArray(String type, List<String> values) {
    }

    private List<Observation> query(String sql, Object... params) {
        List<Observation> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, params);
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

    private static void bind(Connection c, PreparedStatement s, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof TextArray a) {
                s.setArray(i + 1, c.createArrayOf(a.type(), a.values().toArray()));
            } else {
                s.setObject(i + 1, params[i]);
            }
        }
    }

    static Observation map(ResultSet rs) throws SQLException {
        Long approvedVersion = (Long) rs.getObject(18);
        Observation.Approved approved = approvedVersion == null ? null : new Observation.Approved(rs.getBigDecimal(14),
                rs.getString(15), rs.getBigDecimal(16), rs.getBigDecimal(17), approvedVersion, rs.getString(19),
                instant(rs.getTimestamp(20)));
        return new Observation((UUID) rs.getObject(1), rs.getString(2), rs.getString(3), Period.parse(rs.getString(4)),
                rs.getBigDecimal(5), rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9),
                rs.getString(10), ObservationStatus.ofCode(rs.getString(11)), rs.getString(12), rs.getString(13), approved,
                rs.getLong(21), instant(rs.getTimestamp(22)), instant(rs.getTimestamp(23)), rs.getString(24));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
