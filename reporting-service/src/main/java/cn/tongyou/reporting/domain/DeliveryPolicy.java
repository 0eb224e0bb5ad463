package cn.tongyou.reporting.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * When a webhook delivery is tried: retries wait {@code initial × 2^(attempt−1)}, at most {@code cap}; after
 * {@code maxAttempts} failures the delivery is dead. Nothing goes out in the quiet hours (a window of the business
 * time zone, possibly across midnight, e.g. {@code 22:00-08:00}): a delivery due inside waits for the window's end.
 */
public final class DeliveryPolicy {

    private final Duration initialBackoff;
    private final Duration cap;
    private final int maxAttempts;
    private final QuietHours quiet;
    private final ZoneId zone;

    /** A daily window [start, end) of local time; {@code start > end} spans midnight. */
    public record QuietHours(LocalTime start, LocalTime end) {

        /** {@code HH:mm-HH:mm}, or null / blank / {@code none} for no quiet hours. */
        public static QuietHours parse(String raw) {
            if (raw == null || raw.isBlank() || raw.strip().equalsIgnoreCase("none")) {
                return null;
            }
            String[] parts = raw.strip().split("-");
            if (parts.length != 2) {
                throw new IllegalArgumentException("quiet hours must be HH:mm-HH:mm, was " + raw);
            }
            try {
                QuietHours q = new QuietHours(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
                if (q.start().equals(q.end())) {
                    throw new IllegalArgumentException("quiet hours must not start and end at the same time: " + raw);
                }
                return q;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("quiet hours must be HH:mm-HH:mm, was " + raw, e);
            }
        }

        boolean contains(LocalTime t) {
            return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
        }
    }

    public DeliveryPolicy(Duration initialBackoff, Duration cap, int maxAttempts, QuietHours quiet, ZoneId zone) {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || cap.compareTo(initialBackoff) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff must be positive, the cap at least the initial backoff, attempts at least 1");
        }
        this.initialBackoff = initialBackoff;
        this.cap = cap;
        this.maxAttempts = maxAttempts;
        this.quiet = quiet;
        this.zone = zone;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait after the {@code attempt}-th failure (1 = the first). */
    public Duration backoff(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    /** Whether a delivery that failed for the {@code attempts}-th time is dead. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    /** The first moment at or after {@code due} outside the quiet hours. */
    public Instant release(Instant due) {
        if (quiet == null) {
            return due;
        }
        ZonedDateTime local = due.atZone(zone);
        if (!quiet.contains(local.toLocalTime())) {
            return due;
        }
        LocalDate endDay = quiet.start().isBefore(quiet.end()) || local.toLocalTime().isBefore(quiet.end())
                ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return ZonedDateTime.of(endDay, quiet.end(), zone).toInstant();
    }

    /** Whether {@code now} is inside the quiet hours. */
    public boolean quiet(Instant now) {
        return quiet != null && quiet.contains(now.atZone(zone).toLocalTime());
    }
}
