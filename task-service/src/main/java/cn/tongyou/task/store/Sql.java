package cn.tongyou.task.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Plain SQL for the reads the entities do not serve well (lists with computed counts). Inside a transaction Agroal
 * hands out the transaction's connection, so a caller that changed entities flushes first.
 */
@ApplicationScoped
public class Sql {

    @Inject
    AgroalDataSource dataSource;

    /** Reads one row. */
    @FunctionalInterface
    public interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    public void query(String sql, List<?> params, Row row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, params);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e.getMessage(), e);
        }
    }

    public long count(String sql, List<?> params) {
        long[] n = new long[1];
        query(sql, params, rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    private static void bind(Connection c, PreparedStatement s, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof LocalDate d) {
                s.setDate(i + 1, Date.valueOf(d));
            } else if (p instanceof UuidArray a) {
                s.setArray(i + 1, c.createArrayOf("uuid", a.ids().toArray()));
            } else if (p instanceof TextArray a) {
                s.setArray(i + 1, c.createArrayOf("text", a.values().toArray()));
            } else {
                s.setObject(i + 1, p);
            }
        }
    }

    /** A uuid[] parameter. */
    public record UuidArray(Collection<UUID> ids) {
    }

    /** A text[] parameter. */
    public record TextArray(Collection<String> values) {
    }

    public static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    public static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
