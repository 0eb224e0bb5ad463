package cn.tongyou.facility.api;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared (the real division tables and plans) beside the repository, or at CFC_SHARED_DIR. */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir() {
        String configured = System.getenv("CFC_SHARED_DIR");
        if (configured != null) {
            return Path.of(configured);
        }
        Path current = Path.of("").toAbsolutePath();
        while (current != null) {
            Path candidate = current.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("data/divisions"))) {
                return candidate;
            }
            current = current.getParent();
        }
        throw new IllegalStateException("../shared not found; set CFC_SHARED_DIR");
    }

    public static Path divisions(String file) {
        return dir().resolve("data/divisions").resolve(file);
    }
}
