package cn.tongyou.common.i18n;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The main sources and message bundles of every module of the platform, read from the source tree (common's tests run
 * in common/, the other modules are its siblings), so that the bundle tests see the keys of all five modules.
 */
final class PlatformSources {

    /** Module directory → bundle prefix (the first segment of its keys and the name of its bundle). */
    static final Map<String, String> MODULES = Map.of(
            "common", "common",
            "facility-service", "facility",
            "indicator-service", "indicator",
            "task-service", "task",
            "reporting-service", "reporting");

    private PlatformSources() {
    }

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("common")) ? here : here.getParent();
    }

    static Path module(String module) {
        return root().resolve(module);
    }

    /** Every main Java source of a module, by path. */
    static Map<Path, String> javaSources(String module) {
        Path dir = module(module).resolve("src/main/java");
        Map<Path, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                sources.put(root().relativize(file), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    static Map<Path, String> allJavaSources() {
        Map<Path, String> all = new LinkedHashMap<>();
        MODULES.keySet().stream().sorted().forEach(m -> all.putAll(javaSources(m)));
        return all;
    }

    /** A properties file read as UTF-8 (as ResourceBundle reads it), or null when the module has none. */
    static Properties properties(String module, String resource) {
        Path file = module(module).resolve("src/main/resources").resolve(resource);
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static List<String> sortedModules() {
        return MODULES.keySet().stream().sorted().toList();
    }
}
