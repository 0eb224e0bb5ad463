package cn.tongyou.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

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
