package cn.tongyou.common.store;

import java.sql.SQLException;

/** Turns the current row into a value. */
@FunctionalInterface
public interface RowMapper<R> {

    R map(ResultRow row) throws SQLException;
}
