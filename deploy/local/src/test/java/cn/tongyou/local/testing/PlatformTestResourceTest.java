package cn.tongyou.local.testing;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformTestResourceTest {

    @Test
    void returnsTheConfigurationOfOneSharedPostgresAndBroker() throws Exception {
        PlatformTestResource resource = new PlatformTestResource();
        resource.init(Map.of());
        Map<String, String> config = resource.start();
        assertThat(config).containsOnlyKeys("quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                "quarkus.datasource.password", "kafka.bootstrap.servers", "quarkus.devservices.enabled",
                "quarkus.datasource.devservices.enabled", "quarkus.kafka.devservices.enabled");
        assertThat(config.get("kafka.bootstrap.servers")).isEqualTo(PlatformTestResource.kafka().bootstrapServers());
        assertThat(config.get("quarkus.devservices.enabled")).isEqualTo("false");
        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            assertThat(rs.next()).isTrue();
        }
        resource.stop(); // keeps the servers
        assertThat(PlatformTestResource.kafka().isRunning()).isTrue();

        // a second resource, e.g. of another test profile, with its own database: same servers
        PlatformTestResource other = new PlatformTestResource();
        other.init(Map.of("database", "facility"));
        Map<String, String> otherConfig = other.start();
        assertThat(otherConfig.get("quarkus.datasource.jdbc.url")).isEqualTo(
                PlatformTestResource.postgres().jdbcUrl("facility"));
        assertThat(otherConfig.get("kafka.bootstrap.servers")).isEqualTo(config.get("kafka.bootstrap.servers"));
    }

    @Test
    void anotherClassLoaderSeesTheSameServers() throws Exception {
        String bootstrap = PlatformTestResource.kafka().bootstrapServers();
        String jdbcUrl = PlatformTestResource.postgres().jdbcUrl();
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        // what Quarkus does per application start: the same classes, loaded again by another class loader
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> resource = isolated.loadClass(PlatformTestResource.class.getName());
            assertThat(resource).isNotSameAs(PlatformTestResource.class);
            Object kafka = resource.getMethod("kafka").invoke(null);
            assertThat(kafka.getClass().getMethod("bootstrapServers").invoke(kafka)).isEqualTo(bootstrap);
            assertThat(kafka.getClass().getMethod("isRunning").invoke(kafka)).isEqualTo(true);
            Object postgres = resource.getMethod("postgres").invoke(null);
            assertThat(postgres.getClass().getMethod("jdbcUrl").invoke(postgres)).isEqualTo(jdbcUrl);
        }
    }
}
