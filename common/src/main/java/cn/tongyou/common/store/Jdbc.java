package cn.tongyou.common.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postgresql.PGStatement;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL against the service's datasource: parameters bound by one rule ({@link SqlArray} as an array, a
 * {@link LocalDate} as a date, anything else as itself), rows read by column name through {@link ResultRow}. Inside a
 * transaction the datasource hands out the transaction's connection, so these statements see and join the caller's
 * changes (a caller that changed entities flushes first).
 */
@ApplicationScoped
public class Jdbc {

    /** Consumes the current row. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultRow row) throws SQLException;
    }

    private final DataSource dataSource;

    @Inject
    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <R> List<R> list(String sql, List<?> params, RowMapper<R> mapper) {
        List<R> result = new ArrayList<>();
        forEach(sql, params, row -> result.add(mapper.map(row)));
        return result;
    }

    public <R> Optional<R> first(String sql, List<?> params, RowMapper<R> mapper) {
        return list(sql, params, mapper).stream().findFirst();
    }

    public void forEach(String sql, List<?> params, RowConsumer each) {
        try (Connection connection = dataSource.getConnection()) {
            forEach(connection, sql, params, each);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** {@link #forEachWithFreshPlan(Connection, String, List, RowConsumer)} on a connection of its own. */
    public void forEachWithFreshPlan(String sql, List<?> params, RowConsumer each) {
        try (Connection connection = dataSource.getConnection()) {
            forEachWithFreshPlan(connection, sql, params, each);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Like {@link #forEach(String, List, RowConsumer)}, fetching {@code fetchSize} rows at a time: inside a transaction
     * (autocommit off) the driver then reads through a cursor instead of holding the whole result in memory.
     */
    public void forEach(String sql, List<?> params, int fetchSize, RowConsumer each) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, params)) {
            statement.setFetchSize(fetchSize);
            forEach(statement, each);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The first column of the first row as a number, for {@code select count(*) …}. */
    public long count(String sql, List<?> params) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Runs an insert, update or delete; answers the rows it changed. */
    public int update(String sql, List<?> params) {
        try (Connection connection = dataSource.getConnection()) {
            return update(connection, sql, params);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public static int update(Connection connection, String sql, List<?> params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        }
    }

    public static void forEach(Connection connection, String sql, List<?> params, RowConsumer each) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            forEach(statement, each);
        }
    }

    /**
     * Like {@link #forEach(Connection, String, List, RowConsumer)}, but planned by PostgreSQL at every execution, for
     * its parameters and the tables' size at that moment: the driver sends it as an unnamed statement instead of
     * preparing it on the server once it has run five times. For a statement over a table whose size swings by orders
     * of magnitude, such as a queue: a plan PostgreSQL caches while the queue is nearly empty (a sequential scan and a
     * sort, cheapest for a few rows) would otherwise stay in use when a bulk write has put 600,000 rows into it, until
     * an ANALYZE invalidates it (issue 16: the outbox relay's read took 2.2–2.8 s per batch of 5,000 instead of
     * milliseconds in the first seconds after the village import). Planning costs a fraction of a millisecond.
     */
    public static void forEachWithFreshPlan(Connection connection, String sql, List<?> params, RowConsumer each)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            forEach(statement, each);
        }
    }

    /** Reads every row of an already bound statement (one that needed more set-up, such as a fetch size). */
    public static void forEach(PreparedStatement statement, RowConsumer each) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            ResultRow row = new ResultRow(rs);
            while (rs.next()) {
                each.accept(row);
            }
        }
    }

    public static PreparedStatement prepare(Connection connection, String sql, List<?> params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(connection, statement, params);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    public static void bind(Connection connection, PreparedStatement statement, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object param = params.get(i);
            if (param instanceof SqlArray array) {
                statement.setArray(i + 1, connection.createArrayOf(array.elementType(), array.elements()));
            } else if (param instanceof LocalDate date) {
                statement.setDate(i + 1, Date.valueOf(date));
            } else {
                statement.setObject(i + 1, param);
            }
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("SQL statement failed: " + e.getMessage(), e);
    }
}
