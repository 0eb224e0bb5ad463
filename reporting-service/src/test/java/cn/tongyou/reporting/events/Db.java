package cn.tongyou.reporting.events;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Reads the projections in tests, waiting for the consumer. */
public final class Db {

    private Db() {
    }

    /** One value (first column of the first row) or null. */
    public static String value(AgroalDataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String await(AgroalDataSource ds, Predicate<String> done, String sql, Object... args) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(Long.getLong("cfc.await.seconds", 30)));
        String v = null;
        while (Instant.now().isBefore(deadline)) {
            v = value(ds, sql, args);
            if (done.test(v)) {
                return v;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("timed out waiting for " + sql + "; last value " + v);
    }

    /** Waits for something outside the database, such as a counter that moves just after a commit. */
    public static void until(BooleanSupplier done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not reached within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
