package cn.tongyou.local;

import java.util.ArrayList;
import java.util.List;

/**
 * One JVM shutdown hook that closes what was registered, one after the other, last registered first: start PostgreSQL,
 * then Kafka, then the services, and a shutdown (Ctrl-C, end of the test JVM) stops the services, then Kafka, then
 * PostgreSQL. Separate shutdown hooks would run all at once.
 */
public final class ShutdownSequence {

    /** A registration; {@link #cancel()} it when the resource was closed by other means. */
    public interface Registration {
        void cancel();
    }

    private static final List<Entry> ENTRIES = new ArrayList<>();
    private static boolean hookInstalled;
    private static volatile boolean running;

    private ShutdownSequence() {
    }

    /** Closes {@code action} at JVM shutdown, before everything registered earlier. */
    public static synchronized Registration register(String name, AutoCloseable action) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownSequence::runAll, "local-stack-shutdown"));
            hookInstalled = true;
        }
        Entry entry = new Entry(name, action);
        ENTRIES.add(entry);
        return () -> {
            synchronized (ShutdownSequence.class) {
                ENTRIES.remove(entry);
            }
        };
    }

    /** Whether the JVM is shutting down and the sequence runs. */
    public static boolean isShuttingDown() {
        return running;
    }

    private static void runAll() {
        running = true;
        List<Entry> entries;
        synchronized (ShutdownSequence.class) {
            entries = new ArrayList<>(ENTRIES);
            ENTRIES.clear();
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry entry = entries.get(i);
            try {
                entry.action.close();
            } catch (Throwable e) {
                System.err.println("[local-stack] could not stop " + entry.name + ": " + e);
            }
        }
    }

    private record Entry(String name, AutoCloseable action) {
    }
}
