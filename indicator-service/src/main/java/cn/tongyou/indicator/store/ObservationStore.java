package cn.tongyou.indicator.store;

import cn.tongyou.common.indicator.Figure;
import cn.tongyou.indicator.domain.Observation;
import cn.tongyou.indicator.domain.ObservationFilter;
import cn.tongyou.indicator.domain.ObservationStatus;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.RollUp;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.store.ColumnBatch;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.ResultRow;
import cn.tongyou.common.store.SqlArray;
import cn.tongyou.indicator.domain.Observation;
import cn.tongyou.indicator.domain.ObservationStatus;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Observations and their history in plain JDBC: a provincial batch writes 100,000 rows, so writes go as one
 * {@code unnest} statement per chunk and per table instead of a round trip per row. Inside a JTA transaction Agroal
 * hands out the transaction's connection.
 */
@ApplicationScoped
public class ObservationStore {

    private static final ColumnBatch<Observation> OBSERVATIONS = ColumnBatch.<Observation>builder()
            .uuid("id", Observation::id)
            .text("indicator_code", Observation::indicatorCode)
            .varchar("region_code", Observation::regionCode)
            .varchar("period", o -> o.period().toString())
            .numeric("value", Observation::value)
            .text("value_text", Observation::text)
            .numeric("numerator", Observation::numerator)
            .numeric("denominator", Observation::denominator)
            .text("source", Observation::source)
            .text("note", Observation::note)
            .text("status", o -> o.status().code())
            .text("reported_by", Observation::reportedBy)
            .text("reported_unit", Observation::reportedUnit)
            .numeric("approved_value", approved(Observation.Approved::value))
            .text("approved_text", approved(Observation.Approved::text))
            .numeric("approved_numerator", approved(Observation.Approved::numerator))
            .numeric("approved_denominator", approved(Observation.Approved::denominator))
            .bigint("approved_version", approved(Observation.Approved::version))
            .text("approved_by", approved(Observation.Approved::approvedBy))
            .timestamptz("approved_at", approved(Observation.Approved::approvedAt))
            .bigint("version", Observation::version)
            .timestamptz("created_at", Observation::createdAt)
            .timestamptz("updated_at", Observation::updatedAt)
            .text("updated_by", Observation::updatedBy)
            .timestamptz("first_submitted_at", Observation::firstSubmittedAt)
            .build();

    private static final ColumnBatch<Observation.Revision> REVISIONS = ColumnBatch.<Observation.Revision>builder()
            .uuid("observation_id", Observation.Revision::observationId)
            .bigint("version", Observation.Revision::version)
            .text("action", Observation.Revision::action)
            .numeric("value", Observation.Revision::value)
            .text("value_text", Observation.Revision::text)
            .numeric("numerator", Observation.Revision::numerator)
            .numeric("denominator", Observation.Revision::denominator)
            .text("source", Observation.Revision::source)
            .text("note", Observation.Revision::note)
            .text("status", r -> r.status().code())
            .text("reason", Observation.Revision::reason)
            .text("actor", Observation.Revision::actor)
            .uuid("batch_id", Observation.Revision::batchId)
            .timestamptz("at", Observation.Revision::at)
            .build();

    private static final ColumnBatch<Key> KEYS = ColumnBatch.<Key>builder()
            .text("indicator_code", Key::indicatorCode)
            .varchar("region_code", Key::regionCode)
            .varchar("period", Key::period)
            .build();

    private static final String COLUMNS = OBSERVATIONS.names();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Jdbc jdbc;

    /** Natural key of an observation. */
    public record Key(String indicatorCode, String regionCode, String period) {
    }

    // --- reads ------------------------------------------------------------------------------------------------------

    public Optional<Observation> find(UUID id) {
        return jdbc.first("select " + COLUMNS + " from observation where id = ?", List.of(id), ObservationStore::map);
    }

    public Optional<Observation> findForUpdate(UUID id) {
        return jdbc.first("select " + COLUMNS + " from observation where id = ? for update", List.of(id), ObservationStore::map);
    }

    public Optional<Observation> findByKey(Key key) {
        return jdbc.first("select " + COLUMNS + " from observation where indicator_code = ? and region_code = ? and period = ?",
                List.of(key.indicatorCode(), key.regionCode(), key.period()), ObservationStore::map);
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
        String sql = "select " + COLUMNS + " from observation where (indicator_code, region_code, period) in "
                + "(select * from " + KEYS.unnest() + ")" + (lock ? " order by id for update" : "");
        jdbc.forEach(sql, KEYS.arrays(List.copyOf(keys)), row -> {
            Observation o = map(row);
            result.put(new Key(o.indicatorCode(), o.regionCode(), o.period().toString()), o);
        });
        return result;
    }

    public List<Observation> list(ObservationFilter filter, PageParams page) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(page.size);
        params.add(page.offset());
        return jdbc.list("select " + COLUMNS + " from observation" + where
                + " order by region_code, indicator_code, period limit ? offset ?", params, ObservationStore::map);
    }

    public long count(ObservationFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return jdbc.count("select count(*) from observation" + where, params);
    }

    /** Every matching observation in list order, in the caller's transaction. */
    public List<Observation> all(ObservationFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return jdbc.list("select " + COLUMNS + " from observation" + where + " order by region_code, indicator_code, period",
                params, ObservationStore::map);
    }

    /** Every matching observation in list order, outside any transaction, fetched in pieces (CSV export of a whole province). */
    public void stream(ObservationFilter filter, Consumer<Observation> each) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // a cursor (fetch size) needs a transaction of its own; this read changes nothing
            c.setAutoCommit(false);
            try (PreparedStatement s = Jdbc.prepare(c, "select " + COLUMNS + " from observation" + where
                    + " order by region_code, indicator_code, period", params)) {
                s.setFetchSize(2000);
                Jdbc.forEach(s, row -> each.accept(map(row)));
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Observation.Revision> history(UUID id) {
        return jdbc.list("select " + REVISIONS.names() + " from observation_revision where observation_id = ? order by version",
                List.of(id), row -> new Observation.Revision(row.uuid("observation_id"), row.longValue("version"),
                        row.string("action"), row.decimal("value"), row.string("value_text"), row.decimal("numerator"),
                        row.decimal("denominator"), row.string("source"), row.string("note"),
                        ObservationStatus.ofCode(row.string("status")), row.string("reason"), row.string("actor"),
                        row.uuid("batch_id"), row.instant("at")));
    }

    /** An observation's id, region and status. */
    public record Status(UUID id, String regionCode, ObservationStatus status) {
    }

    /** The values of {@code region}'s subtree for {@code period}: what an approval of the region may cover. */
    public List<Status> statuses(RegionCode region, Period period) {
        return jdbc.list("select id, region_code, status from observation where region_code like ? and period = ?",
                List.of(region.subtreePattern(), period.toString()),
                row -> new Status(row.uuid("id"), row.string("region_code"), ObservationStatus.ofCode(row.string("status"))));
    }

    /** Who corrected each observation last (observations never corrected are absent): the four-eyes rule reads it. */
    public Map<UUID, String> lastCorrectors(Collection<UUID> ids) {
        Map<UUID, String> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.forEach("select distinct on (observation_id) observation_id, actor from observation_revision "
                        + "where observation_id = any(?) and action = 'corrected' order by observation_id, version desc",
                List.of(SqlArray.uuid(ids)), row -> result.put(row.uuid("observation_id"), row.string("actor")));
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
        String cols = approvedOnly
                ? "approved_value as value, approved_text as value_text, approved_numerator as numerator, "
                + "approved_denominator as denominator"
                : "value, value_text, numerator, denominator";
        String sql = "select indicator_code, region_code, period, " + cols + " from observation "
                + "where region_code = any(?) and indicator_code = any(?)" + (approvedOnly ? " and approved_version is not null" : "");
        jdbc.forEach(sql, List.of(SqlArray.of("varchar", regions), SqlArray.text(indicators)), row -> {
            Figure f = new Figure(Period.parse(row.string("period")), row.decimal("value"), row.string("value_text"),
                    row.decimal("numerator"), row.decimal("denominator"), Figure.Source.OBSERVATION, 1);
            result.computeIfAbsent(row.string("indicator_code"), k -> new HashMap<>())
                    .computeIfAbsent(row.string("region_code"), k -> new ArrayList<>()).add(f);
        });
        return result;
    }

    /**
     * Sums of the values below {@code root}, per indicator, period, child region of the root and level, for roll-ups
     * ({@link RollUp}). Keyed by indicator code; each sum carries both the parts' and the values' totals.
     */
    public Map<String, List<LevelSums>> levelSums(RegionCode root, Collection<String> indicators, boolean approvedOnly) {
        Map<String, List<LevelSums>> result = new HashMap<>();
        if (indicators.isEmpty() || root.level() == RegionLevel.VILLAGE) {
            return result;
        }
        int childDigits = root.level().below().digits();
        String v = approvedOnly ? "approved_value" : "value";
        String n = approvedOnly ? "approved_numerator" : "numerator";
        String d = approvedOnly ? "approved_denominator" : "denominator";
        String sql = "select indicator_code, period, substr(region_code, 1, " + childDigits + ") as child, "
                + "case when substr(region_code, 3) = '0000000000' then 1 when substr(region_code, 5) = '00000000' then 2 "
                + "when substr(region_code, 7) = '000000' then 3 when substr(region_code, 10) = '000' then 4 else 5 end as depth, "
                + "sum(" + n + ") filter (where " + n + " is not null and " + d + " is not null) as parts_numerator, "
                + "sum(" + d + ") filter (where " + n + " is not null and " + d + " is not null) as parts_denominator, "
                + "count(*) filter (where " + n + " is not null and " + d + " is not null) as with_parts, "
                + "sum(" + v + ") as value_sum, count(" + v + ") as with_value "
                + "from observation where region_code like ? and region_code <> ? and indicator_code = any(?)"
                + (approvedOnly ? " and approved_version is not null" : "")
                + " group by 1, 2, 3, 4";
        try (Connection c = dataSource.getConnection()) {
            // the caller's transaction: enough memory to hash-aggregate a province's rows instead of sorting them on disk
            Jdbc.update(c, "set local work_mem = '64MB'", List.of());
            Jdbc.forEach(c, sql, List.of(root.subtreePattern(), root.value(), SqlArray.text(indicators)), row ->
                    result.computeIfAbsent(row.string("indicator_code"), k -> new ArrayList<>()).add(new LevelSums(
                            row.string("child"), row.intValue("depth"), Period.parse(row.string("period")),
                            row.decimal("parts_numerator"), row.decimal("parts_denominator"), row.longValue("with_parts"),
                            row.decimal("value_sum"), row.longValue("with_value"))));
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
        jdbc.update("analyze observation", List.of());
    }

    // --- writes -----------------------------------------------------------------------------------------------------

    public void insert(List<Observation> rows) {
        if (!rows.isEmpty()) {
            jdbc.update(OBSERVATIONS.insertInto("observation"), OBSERVATIONS.arrays(rows));
        }
    }

    public void update(List<Observation> rows) {
        if (!rows.isEmpty()) {
            jdbc.update("update observation o set " + OBSERVATIONS.assign("u", "value", "value_text", "numerator",
                    "denominator", "source", "note", "status", "approved_value", "approved_text", "approved_numerator",
                    "approved_denominator", "approved_version", "approved_by", "approved_at", "version", "updated_at",
                    "updated_by", "first_submitted_at") + " from " + OBSERVATIONS.unnest("u") + " where o.id = u.id", OBSERVATIONS.arrays(rows));
        }
    }

    public void insertRevisions(List<Observation.Revision> revisions) {
        if (!revisions.isEmpty()) {
            jdbc.update(REVISIONS.insertInto("observation_revision"), REVISIONS.arrays(revisions));
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static String where(ObservationFilter f, List<Object> params) {
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
            params.add(SqlArray.text(f.indicators()));
        }
        if (f.periods() != null && !f.periods().isEmpty()) {
            clauses.add("period = any(?)");
            params.add(SqlArray.of("varchar", f.periods()));
        }
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            clauses.add("status = any(?)");
            params.add(SqlArray.text(f.statuses()));
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    /** A getter of the approved value, null while the observation has none. */
    private static <R> Function<Observation, R> approved(Function<Observation.Approved, R> getter) {
        return o -> o.approved() == null ? null : getter.apply(o.approved());
    }

    private static Observation map(ResultRow row) throws SQLException {
        Long approvedVersion = row.longOrNull("approved_version");
        Observation.Approved approved = approvedVersion == null ? null : new Observation.Approved(row.decimal("approved_value"),
                row.string("approved_text"), row.decimal("approved_numerator"), row.decimal("approved_denominator"),
                approvedVersion, row.string("approved_by"), row.instant("approved_at"));
        return new Observation(row.uuid("id"), row.string("indicator_code"), row.string("region_code"),
                Period.parse(row.string("period")), row.decimal("value"), row.string("value_text"), row.decimal("numerator"),
                row.decimal("denominator"), row.string("source"), row.string("note"),
                ObservationStatus.ofCode(row.string("status")), row.string("reported_by"), row.string("reported_unit"),
                approved, row.longValue("version"), row.instant("created_at"), row.instant("updated_at"),
                row.string("updated_by"), row.instant("first_submitted_at"));
    }
}
