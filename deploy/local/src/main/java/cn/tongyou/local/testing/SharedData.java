package cn.tongyou.local.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared data the tests load through the product itself: {@code ../shared} beside the repository (as CI has it),
 * or {@code CFC_SHARED_DIR}. Holds the real division tables ({@code data/divisions/}) and the five plans as
 * structured JSON ({@code catalog/}).
 */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir() {
        String configured = System.getenv("CFC_SHARED_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path current = Path.of("").toAbsolutePath();
        while (current != null) {
            Path candidate = current.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("data/divisions")) || Files.isDirectory(candidate.resolve("catalog"))) {
                return candidate;
            }
            current = current.getParent();
        }
        throw new IllegalStateException("../shared not found beside the repository; set CFC_SHARED_DIR");
    }

    /** One of the NBS tables: provinces.csv, cities.csv, areas.csv, streets.csv. */
    public static Path divisions(String file) {
        return dir().resolve("data/divisions").resolve(file);
    }

    /** The five plans ({@code 000_….json} … {@code 004_….json}), in order. */
    public static List<Path> catalogue() {
        try (Stream<Path> files = Files.list(dir().resolve("catalog"))) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{3}_.*\\.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plan whose file name starts with {@code prefix}, e.g. {@code 002_} (梅州市). */
    public static Path catalogueFile(String prefix) {
        return catalogue().stream().filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no catalogue file " + prefix + "* in " + dir().resolve("catalog")));
    }

    public static String readCatalogue(String prefix) {
        try {
            return Files.readString(catalogueFile(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
