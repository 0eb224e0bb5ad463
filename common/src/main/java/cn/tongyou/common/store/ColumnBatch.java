package cn.tongyou.common.store;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rows of one kind written as one statement over parallel arrays ({@code unnest(?::uuid[], ?::text[], …)}) instead of
 * a round trip per row. Each column is declared once, with its name, SQL type and the getter that reads it from a
 * row; the statement's placeholders, the column list and the arrays all come from that one declaration, so a column
 * cannot be bound at the wrong position or with the wrong type.
 *
 * <pre>{@code
 * ColumnBatch<Region> REGIONS = ColumnBatch.<Region>builder()
 *         .varchar("code", r -> r.code().value())
 *         .text("name", Region::name)
 *         .build();
 * jdbc.update(REGIONS.insertInto("region"), REGIONS.arrays(regions));
 * }</pre>
 */
public final class ColumnBatch<T> {

    private record Column<T>(String name, String sqlType, String arrayType, Function<? super T, ?> value) {
    }

    private final List<Column<T>> columns;

    private ColumnBatch(List<Column<T>> columns) {
        this.columns = List.copyOf(columns);
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** The column names in declaration order: {@code code, name, level}. */
    public String names() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /** The set-returning function over the arrays: {@code unnest(?::varchar[], ?::text[])}. */
    public String unnest() {
        return columns.stream().map(c -> "?::" + c.sqlType() + "[]").collect(Collectors.joining(", ", "unnest(", ")"));
    }

    /** {@link #unnest()} with its columns named, for joins and select lists: {@code unnest(…) as u(code, name)}. */
    public String unnest(String alias) {
        return unnest() + " as " + alias + "(" + names() + ")";
    }

    /** An insert of every declared column: {@code insert into region (code, name) select * from unnest(…)}. */
    public String insertInto(String table) {
        return "insert into " + table + " (" + names() + ") select * from " + unnest();
    }

    /** Assignments from the unnested row, for an update or upsert: {@code name = u.name, level = u.level}. */
    public String assign(String alias, String... names) {
        List<String> assignments = new ArrayList<>();
        for (String name : names) {
            if (columns.stream().noneMatch(c -> c.name().equals(name))) {
                throw new IllegalArgumentException("no column " + name + " in " + names());
            }
            assignments.add(name + " = " + alias + "." + name);
        }
        return String.join(", ", assignments);
    }

    /** The parameters of {@link #unnest()}: one array per column, in declaration order. */
    public List<SqlArray> arrays(List<? extends T> rows) {
        List<SqlArray> arrays = new ArrayList<>(columns.size());
        for (Column<T> column : columns) {
            Object[] elements = new Object[rows.size()];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = column.value().apply(rows.get(i));
            }
            arrays.add(new SqlArray(column.arrayType(), elements));
        }
        return arrays;
    }

    /** Declares the columns; each method takes the column name and the getter of its value (null for SQL NULL). */
    public static final class Builder<T> {

        private final Map<String, Column<T>> columns = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder<T> text(String name, Function<? super T, String> value) {
            return add(name, "text", "text", value);
        }

        public Builder<T> varchar(String name, Function<? super T, String> value) {
            return add(name, "varchar", "varchar", value);
        }

        public Builder<T> smallint(String name, Function<? super T, Short> value) {
            return add(name, "smallint", "smallint", value);
        }

        public Builder<T> integer(String name, Function<? super T, Integer> value) {
            return add(name, "integer", "integer", value);
        }

        public Builder<T> bigint(String name, Function<? super T, Long> value) {
            return add(name, "bigint", "bigint", value);
        }

        public Builder<T> numeric(String name, Function<? super T, BigDecimal> value) {
            return add(name, "numeric", "numeric", value);
        }

        public Builder<T> doublePrecision(String name, Function<? super T, Double> value) {
            return add(name, "float8", "float8", value);
        }

        public Builder<T> bool(String name, Function<? super T, Boolean> value) {
            return add(name, "boolean", "boolean", value);
        }

        public Builder<T> uuid(String name, Function<? super T, UUID> value) {
            return add(name, "uuid", "uuid", value);
        }

        public Builder<T> date(String name, Function<? super T, LocalDate> value) {
            return add(name, "date", "date", row -> {
                LocalDate date = value.apply(row);
                return date == null ? null : Date.valueOf(date);
            });
        }

        /** Sent as ISO-8601 text with its zone and cast by the server, so the session's time zone plays no part. */
        public Builder<T> timestamptz(String name, Function<? super T, Instant> value) {
            return add(name, "timestamptz", "text", row -> {
                Instant instant = value.apply(row);
                return instant == null ? null : instant.toString();
            });
        }

        /** A JSON document given as its text; the server parses it. */
        public Builder<T> jsonb(String name, Function<? super T, String> value) {
            return add(name, "jsonb", "text", value);
        }

        public ColumnBatch<T> build() {
            if (columns.isEmpty()) {
                throw new IllegalStateException("a column batch needs at least one column");
            }
            return new ColumnBatch<>(new ArrayList<>(columns.values()));
        }

        private Builder<T> add(String name, String sqlType, String arrayType, Function<? super T, ?> value) {
            if (columns.putIfAbsent(name, new Column<>(name, sqlType, arrayType, value)) != null) {
                throw new IllegalArgumentException("column " + name + " declared twice");
            }
            return this;
        }
    }

}
