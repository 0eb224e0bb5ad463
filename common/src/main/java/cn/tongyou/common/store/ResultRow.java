package cn.tongyou.common.store;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The current row of a {@link ResultSet}, read by column name (or alias) so that a reordered select list cannot
 * shift values into the wrong field. The boxed getters answer null for SQL NULL; the primitive ones follow JDBC and
 * answer 0 or false.
 */
public final class ResultRow {

    private final ResultSet resultSet;

    public ResultRow(ResultSet resultSet) {
        this.resultSet = resultSet;
    }

    public String string(String column) throws SQLException {
        return resultSet.getString(column);
    }

    /** A json or jsonb column as its text. */
    public String json(String column) throws SQLException {
        return resultSet.getString(column);
    }

    public UUID uuid(String column) throws SQLException {
        return resultSet.getObject(column, UUID.class);
    }

    public BigDecimal decimal(String column) throws SQLException {
        return resultSet.getBigDecimal(column);
    }

    public long longValue(String column) throws SQLException {
        return resultSet.getLong(column);
    }

    public Long longOrNull(String column) throws SQLException {
        long value = resultSet.getLong(column);
        return resultSet.wasNull() ? null : value;
    }

    public int intValue(String column) throws SQLException {
        return resultSet.getInt(column);
    }

    public Integer intOrNull(String column) throws SQLException {
        int value = resultSet.getInt(column);
        return resultSet.wasNull() ? null : value;
    }

    public Double doubleOrNull(String column) throws SQLException {
        double value = resultSet.getDouble(column);
        return resultSet.wasNull() ? null : value;
    }

    public boolean bool(String column) throws SQLException {
        return resultSet.getBoolean(column);
    }

    public Boolean boolOrNull(String column) throws SQLException {
        boolean value = resultSet.getBoolean(column);
        return resultSet.wasNull() ? null : value;
    }

    public LocalDate date(String column) throws SQLException {
        return resultSet.getObject(column, LocalDate.class);
    }

    public Instant instant(String column) throws SQLException {
        Timestamp timestamp = resultSet.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
