package cn.tongyou.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceProcessTest {

    /** A restart with a moved business date must come back on the same port and log, the rest of its settings kept. */
    @Test
    void withEnvironmentKeepsTheProcessAndChangesOnlyTheNamedVariables() {
        ServiceProcess base = new ServiceProcess("indicator-service", Path.of("indicator-service"), 18082,
                Map.of("QUARKUS_HTTP_PORT", "18082", "CFC_DISCIPLINE_LOCK_AFTER_DAYS", "3660"), List.of("-Xmx384m"),
                Path.of("target/logs/indicator-service.log"));

        ServiceProcess moved = base.withEnvironment(Map.of("CFC_SCHEDULE_TODAY", "2027-02-15"),
                Set.of("CFC_DISCIPLINE_LOCK_AFTER_DAYS"));

        assertThat(moved.name()).isEqualTo(base.name());
        assertThat(moved.port()).isEqualTo(base.port());
        assertThat(moved.logFile()).isEqualTo(base.logFile());
        assertThat(moved.environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "QUARKUS_HTTP_PORT", "18082", "CFC_SCHEDULE_TODAY", "2027-02-15"));
        assertThat(base.environment()).containsEntry("CFC_DISCIPLINE_LOCK_AFTER_DAYS", "3660")
                .doesNotContainKey("CFC_SCHEDULE_TODAY");
        assertThat(moved.isAlive()).isFalse();
    }

    /** A heap ceiling per service (facility's village import passes at 512 MB), and the caller's options win. */
    @Test
    void everyServiceGetsAHeapCeilingThatTheCallersOptionsOverride() {
        assertThat(ServiceProcess.defaultJvmOptions("facility-service")).contains("-Xmx512m", "-XX:+UseG1GC");
        assertThat(ServiceProcess.defaultJvmOptions("reporting-service")).contains("-Xmx512m");
        assertThat(ServiceProcess.defaultJvmOptions("indicator-service")).contains("-Xmx256m");
        assertThat(ServiceProcess.defaultJvmOptions("task-service")).contains("-Xmx256m");

        List<String> options = ServiceProcess.jvmOptions("task-service", " -Xmx1g  -Dx=y ");

        assertThat(options).endsWith("-Xmx1g", "-Dx=y");
        assertThat(options.indexOf("-Xmx256m")).isLessThan(options.indexOf("-Xmx1g"));
        assertThat(ServiceProcess.jvmOptions("task-service", null)).isEqualTo(ServiceProcess.defaultJvmOptions("task-service"));
    }

    /**
     * The AppCDS archive of a build is mapped by the name the JVM resolves from the jar's directory (the archive records
     * the class path as the build ran it); a build without one starts without the option rather than failing.
     */
    @Test
    void theBuildsClassDataArchiveIsMappedWhenItExists(@TempDir Path moduleDir) throws IOException {
        assertThat(ServiceProcess.classDataOptions(moduleDir)).isEmpty();

        Files.createDirectories(ServiceProcess.runnerJar(moduleDir).getParent());
        Files.write(ServiceProcess.classDataArchive(moduleDir), new byte[] {1});

        assertThat(ServiceProcess.classDataOptions(moduleDir)).containsExactly("-XX:SharedArchiveFile=app-cds.jsa");
        assertThat(ServiceProcess.classDataArchive(moduleDir).getParent())
                .isEqualTo(ServiceProcess.runnerJar(moduleDir).getParent());
    }

    /** Every JVM returns the native memory it freed on the rhythm of the periodic collection (issue 16, memory). */
    @Test
    void everyServiceTrimsItsNativeHeap() {
        for (String module : List.of("facility-service", "indicator-service", "task-service", "reporting-service")) {
            assertThat(ServiceProcess.defaultJvmOptions(module))
                    .contains("-XX:G1PeriodicGCInterval=30000", "-XX:TrimNativeHeapInterval=30000");
        }
    }
}
