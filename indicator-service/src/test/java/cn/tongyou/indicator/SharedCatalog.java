package cn.tongyou.indicator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds ../shared/catalog (the five plans as structured JSON) beside the repository, or under CFC_SHARED_DIR. */
public final class SharedCatalog {

    public static final String MEIZHOU = "002_";
    public static final String PINGDINGSHAN = "003_";

    private SharedCatalog() {
    }

    public static Path dir() {
        String configured = System.getenv("CFC_SHARED_DIR");
        if (configured != null) {
            return Path.of(configured).resolve("catalog");
        }
        Path current = Path.of("").toAbsolutePath();
        while (current != null) {
            Path candidate = current.resolveSibling("shared").resolve("catalog");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            current = current.getParent();
        }
        throw new IllegalStateException("../shared/catalog not found; set CFC_SHARED_DIR");
    }

    /** The catalogue file whose name starts with {@code prefix} (002_ = 梅州市, 003_ = 平顶山市新华区). */
    public static Path file(String prefix) {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".json"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no catalogue file " + prefix + "* in " + dir()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(String prefix) {
        try {
            return Files.readString(file(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
