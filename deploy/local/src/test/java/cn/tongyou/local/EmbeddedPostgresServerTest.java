package cn.tongyou.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class EmbeddedPostgresServerTest {

    @Test
    void temporaryServerAnswersAndIsDeletedOnClose() throws Exception {
        Path data;
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(null, 0)) {
            System.out.println("temporary PostgreSQL started in " + pg.startupTime().toMillis() + " ms");
            data = pg.dataDirectory();
            assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + pg.port() + "/postgres");
            try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select 1, current_setting('fsync'), current_setting('max_connections')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("off");
                assertThat(rs.getString(3)).isEqualTo("200");
            }
            String url = pg.createDatabaseIfMissing("facility");
            assertThat(url).endsWith("/facility");
            assertThat(pg.createDatabaseIfMissing("facility")).isEqualTo(url);
            try (Connection c = pg.connect("facility"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("facility");
            }
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void keptDataDirectorySurvivesARestart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pgdata");
        int port = Ports.freePort();
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, port)) {
            System.out.println("kept PostgreSQL initialised and started in " + pg.startupTime().toMillis() + " ms");
            try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("create table kept(v text)");
                s.execute("insert into kept values ('still here')");
            }
        }
        assertThat(data.resolve("PG_VERSION")).exists();
        assertThat(Files.exists(dir.resolve("pgdata.log"))).isTrue();
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, port)) {
            System.out.println("kept PostgreSQL restarted in " + pg.startupTime().toMillis() + " ms");
            try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select v, current_setting('fsync') from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still here");
                assertThat(rs.getString(2)).isEqualTo("on");
            }
        }
    }

    /**
     * deploy/sql/roles.sql through {@link EmbeddedPostgresServer#createServiceRoles}: runs again without harm, hands a
     * schema migrated before the roles existed (everything owned by the superuser) to its owner role, and leaves the
     * runtime roles no way into another schema or to create anything.
     */
    @Test
    void serviceRolesOwnTheirSchemasAndRunAgain() throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(null, 0)) {
            try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("create schema task");
                s.execute("create table task.plan (id bigserial primary key, name text)");
                s.execute("create function task.plan_count() returns bigint language sql as 'select count(*) from task.plan'");
            }
            pg.createServiceRoles(pg.jdbcUrl());
            pg.createServiceRoles(pg.jdbcUrl());

            try (Connection c = pg.connect("postgres")) {
                for (String schema : EmbeddedPostgresServer.SERVICE_SCHEMAS) {
                    assertThat(strings(c, "select pg_get_userbyid(nspowner) from pg_namespace where nspname = '"
                            + schema + "'")).containsExactly(schema + "_owner");
                }
                assertThat(strings(c, "select distinct pg_get_userbyid(relowner) from pg_class "
                        + "where relnamespace = 'task'::regnamespace")).containsExactly("task_owner");
                assertThat(strings(c, "select pg_get_userbyid(proowner) from pg_proc where proname = 'plan_count'"))
                        .containsExactly("task_owner");
                assertThat(strings(c, "select rolname from pg_roles where (rolname like '%\\_owner' or rolname like "
                        + "'%\\_app') and not rolsuper and rolcanlogin order by 1")).containsExactly("facility_app",
                        "facility_owner", "indicator_app", "indicator_owner", "reporting_app", "reporting_owner",
                        "task_app", "task_owner");
                assertThat(strings(c, "select extname from pg_extension where extname <> 'plpgsql' order by 1"))
                        .containsExactly("cube", "earthdistance", "pg_trgm");
            }
            try (Connection owner = login(pg, "task_owner"); Statement s = owner.createStatement()) {
                s.execute("insert into task.plan (name) values ('荥阳市儿童友好城市建设规划')");
                s.execute("create table task.milestone (id bigint)");
                assertDenied(owner, "create table facility.intruder (id int)");
                assertDenied(owner, "create schema intruder");
            }
            try (Connection app = login(pg, "facility_app")) {
                assertDenied(app, "select count(*) from task.plan");
                assertDenied(app, "create table facility.intruder (id int)");
                assertDenied(app, "create table public.intruder (id int)");
                assertDenied(app, "create schema intruder");
            }
        }
    }

    private static Connection login(EmbeddedPostgresServer pg, String role) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), role, EmbeddedPostgresServer.devPassword(role));
    }

    private static void assertDenied(Connection c, String sql) {
        Throwable e = catchThrowable(() -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        });
        assertThat(e).as("refused: %s", sql).isInstanceOf(SQLException.class);
        assertThat(((SQLException) e).getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo("42501");
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    @Test
    void externalServerUrlKeepsHostAndParameters() {
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.external(
                "jdbc:postgresql://db.example:6543/app?sslmode=require", "u", "p");
        assertThat(pg.isExternal()).isTrue();
        assertThat(pg.port()).isEqualTo(6543);
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/app?sslmode=require");
        assertThat(pg.jdbcUrl("other")).isEqualTo("jdbc:postgresql://db.example:6543/other?sslmode=require");
        pg.close(); // nothing to stop
    }
}
