package cn.tongyou.common.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnBatchTest {

    record Thing(UUID id, String code, String name, Short level, Integer rank, Long version, BigDecimal amount,
                 Double lat, Boolean active, LocalDate validFrom, Instant at, String data) {
    }

    static final ColumnBatch<Thing> THINGS = ColumnBatch.<Thing>builder()
            .uuid("id", Thing::id)
            .varchar("code", Thing::code)
            .text("name", Thing::name)
            .smallint("level", Thing::level)
            .integer("rank", Thing::rank)
            .bigint("version", Thing::version)
            .numeric("amount", Thing::amount)
            .doublePrecision("lat", Thing::lat)
            .bool("active", Thing::active)
            .date("valid_from", Thing::validFrom)
            .timestamptz("at", Thing::at)
            .jsonb("data", Thing::data)
            .build();

    static final String COLUMNS = "id, code, name, level, rank, version, amount, lat, active, valid_from, at, data";

    static EmbeddedPostgres postgres;
    static Jdbc jdbc;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        jdbc = new Jdbc(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void table() {
        jdbc.update("drop table if exists thing", List.of());
        jdbc.update("create table thing (id uuid primary key, code varchar(12), name text, level smallint, rank integer, "
                + "version bigint, amount numeric, lat double precision, active boolean, valid_from date, at timestamptz, "
                + "data jsonb)", List.of());
    }

    @Test
    void statementsComeFromTheDeclaration() {
        assertThat(THINGS.names()).isEqualTo(COLUMNS);
        assertThat(THINGS.unnest()).isEqualTo("unnest(?::uuid[], ?::varchar[], ?::text[], ?::smallint[], ?::integer[], "
                + "?::bigint[], ?::numeric[], ?::float8[], ?::boolean[], ?::date[], ?::timestamptz[], ?::jsonb[])");
        assertThat(THINGS.unnest("u")).endsWith(") as u(" + COLUMNS + ")");
        assertThat(THINGS.insertInto("thing")).isEqualTo("insert into thing (" + COLUMNS + ") select * from " + THINGS.unnest());
        assertThat(THINGS.assign("u", "name", "version")).isEqualTo("name = u.name, version = u.version");
        assertThatThrownBy(() -> THINGS.assign("u", "nmae")).hasMessageContaining("no column nmae");
        assertThatThrownBy(() -> ColumnBatch.<Thing>builder().text("a", Thing::name).text("a", Thing::code))
                .hasMessageContaining("declared twice");
    }

    @Test
    void arraysHoldOneElementPerRowInDriverForm() {
        Thing thing = full(UUID.randomUUID());
        List<SqlArray> arrays = THINGS.arrays(List.of(thing, empty(UUID.randomUUID())));
        assertThat(arrays).hasSize(12);
        assertThat(arrays.get(9).elements()).containsExactly(Date.valueOf(thing.validFrom()), null);
        assertThat(arrays.get(10).elementType()).isEqualTo("text");
        assertThat(arrays.get(10).elements()).containsExactly("2024-05-06T07:08:09.123456Z", null);
    }

    @Test
    void insertsAndReadsBackEveryTypeWithNulls() {
        Thing full = full(UUID.randomUUID());
        Thing empty = empty(UUID.randomUUID());
        assertThat(jdbc.update(THINGS.insertInto("thing"), THINGS.arrays(List.of(full, empty)))).isEqualTo(2);

        List<Thing> read = jdbc.list("select " + COLUMNS.replace("data", "data::text as data") + " from thing order by code nulls last",
                List.of(), ColumnBatchTest::read);
        assertThat(read).containsExactly(full, empty);
    }

    @Test
    void updatesFromTheUnnestedRowsWithLeadingParameters() {
        UUID id = UUID.randomUUID();
        jdbc.update(THINGS.insertInto("thing"), THINGS.arrays(List.of(full(id))));
        Thing changed = new Thing(id, "B", "renamed", null, null, 9L, null, null, null, null, null, null);

        String sql = "update thing t set " + THINGS.assign("u", "name", "version") + ", code = ? from "
                + THINGS.unnest("u") + " where t.id = u.id";
        List<Object> params = new ArrayList<>();
        params.add("C");
        params.addAll(THINGS.arrays(List.of(changed)));
        assertThat(jdbc.update(sql, params)).isEqualTo(1);

        assertThat(jdbc.first("select code, name, version, amount from thing where id = any(?)",
                List.of(SqlArray.uuid(List.of(id))), row -> row.string("code") + " " + row.string("name") + " "
                        + row.longValue("version") + " " + row.decimal("amount"))).contains("C renamed 9 12.50");
        assertThat(jdbc.count("select count(*) from thing where valid_from = ?", List.of(LocalDate.of(2024, 1, 31)))).isEqualTo(1);
    }

    private static Thing full(UUID id) {
        return new Thing(id, "A", "名称", (short) 3, 7, 42L, new BigDecimal("12.50"), 34.75, true,
                LocalDate.of(2024, 1, 31), Instant.parse("2024-05-06T07:08:09.123456Z"), "{\"a\": [1, \"x\"]}");
    }

    private static Thing empty(UUID id) {
        return new Thing(id, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static Thing read(ResultRow row) throws java.sql.SQLException {
        Integer level = row.intOrNull("level");
        return new Thing(row.uuid("id"), row.string("code"), row.string("name"), level == null ? null : level.shortValue(),
                row.intOrNull("rank"), row.longOrNull("version"), row.decimal("amount"), row.doubleOrNull("lat"),
                row.boolOrNull("active"), row.date("valid_from"), row.instant("at"), row.json("data"));
    }
}
