package cn.tongyou.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The log files of the processes started here: a banner line per start, and their tail for error messages. */
public final class LogFiles {

    /** Every start writes a line beginning with this, so that a tail shows only the current run. */
    public static final String BANNER = "===== local-stack: ";

    private LogFiles() {
    }

    /** Appends a banner line (creating the file and its directory). */
    public static void banner(Path logFile, String what) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(logFile, System.lineSeparator() + BANNER + what + " at " + OffsetDateTime.now()
                            + " =====" + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a missing banner only makes tails longer
        }
    }

    /** The last {@code maxLines} lines of {@code logFile} written since its last banner, as one string. */
    public static String tail(Path logFile, int maxLines) {
        if (logFile == null || !Files.isReadable(logFile)) {
            return "(no log at " + logFile + ")";
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 256 * 1024);
            file.seek(from);
            byte[] bytes = new byte[(int) (length - from)];
            file.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            List<String> result = new ArrayList<>();
            for (int i = lines.length - 1; i >= 0 && result.size() < maxLines; i--) {
                if (lines[i].startsWith(BANNER)) {
                    break;
                }
                result.add(0, lines[i]);
            }
            return "    " + String.join(System.lineSeparator() + "    ", result);
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }
}
