package cn.tongyou.reporting.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one batch of one topic does to its projection, reduced per aggregate so that it can be written with three
 * set-based statements and still end exactly as if the records had been applied one by one in offset order.
 *
 * <p>Per key, only the newest version of the batch can matter: any older or equal one is stale against it (and the
 * table's version rule drops the newest too when the row is already newer). A tombstone marks an existing row deleted
 * whatever its version, so its place matters: one that came before the newest event is applied before the upsert (the
 * upsert overrides it when it applies, as it would have one by one), one that came after is applied after it.
 */
public final class BatchPlan {

    /** A valid event with where it came from. */
    public record Positioned(EventDecoder.Decoded event, int partition, long offset) {
    }

    private final EventDecoder.TopicSpec spec;
    private final List<Positioned> tombstonesFirst;
    private final List<Positioned> upserts;
    private final List<Positioned> tombstonesLast;
    private final int superseded;
    private final Map<Integer, Long> positions;

    private BatchPlan(EventDecoder.TopicSpec spec, List<Positioned> tombstonesFirst, List<Positioned> upserts,
                      List<Positioned> tombstonesLast, int superseded, Map<Integer, Long> positions) {
        this.spec = spec;
        this.tombstonesFirst = tombstonesFirst;
        this.upserts = upserts;
        this.tombstonesLast = tombstonesLast;
        this.superseded = superseded;
        this.positions = positions;
    }

    private static final class PerKey {
        Positioned newest;
        Positioned tombstoneBefore;
        Positioned tombstoneAfter;
    }

    /**
     * @param events    the valid events of one topic, in offset order per partition
     * @param positions the highest offset per partition of the whole batch (dead letters included: they are handled)
     */
    public static BatchPlan of(EventDecoder.TopicSpec spec, List<Positioned> events, Map<Integer, Long> positions) {
        Map<String, PerKey> keys = new LinkedHashMap<>();
        int superseded = 0;
        for (Positioned p : events) {
            PerKey k = keys.computeIfAbsent(p.event().id(), id -> new PerKey());
            if (p.event().kind() == EventDecoder.Kind.TOMBSTONE) {
                if (k.newest == null) {
                    k.tombstoneBefore = p;
                } else {
                    k.tombstoneAfter = p;
                }
            } else if (k.newest == null || p.event().version() > k.newest.event().version()) {
                if (k.newest != null) {
                    superseded++;
                }
                k.newest = p;
                if (k.tombstoneAfter != null) {
                    k.tombstoneBefore = k.tombstoneAfter;
                    k.tombstoneAfter = null;
                }
            } else {
                superseded++;
            }
        }
        List<Positioned> first = new ArrayList<>();
        List<Positioned> upserts = new ArrayList<>();
        List<Positioned> last = new ArrayList<>();
        for (PerKey k : keys.values()) {
            if (k.tombstoneBefore != null) {
                first.add(k.tombstoneBefore);
            }
            if (k.newest != null) {
                upserts.add(k.newest);
            }
            if (k.tombstoneAfter != null) {
                last.add(k.tombstoneAfter);
            }
        }
        return new BatchPlan(spec, first, upserts, last, superseded, Collections.unmodifiableMap(new TreeMap<>(positions)));
    }

    public EventDecoder.TopicSpec spec() {
        return spec;
    }

    /** Tombstones to apply before the upserts (they came before the key's newest event). */
    public List<Positioned> tombstonesFirst() {
        return tombstonesFirst;
    }

    /** The newest changed or deleted event of each key. */
    public List<Positioned> upserts() {
        return upserts;
    }

    /** Tombstones to apply after the upserts. */
    public List<Positioned> tombstonesLast() {
        return tombstonesLast;
    }

    /** Events of the batch left out because a newer version of the same key is in the batch: stale by definition. */
    public int superseded() {
        return superseded;
    }

    /** Highest offset per partition. */
    public Map<Integer, Long> positions() {
        return positions;
    }
}
