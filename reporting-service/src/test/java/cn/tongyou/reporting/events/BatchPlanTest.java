package cn.tongyou.reporting.events;

import cn.tongyou.reporting.domain.BatchPlan;
import cn.tongyou.reporting.domain.EventDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The reduction of a batch per aggregate (plain Java): the newest version wins, tombstones keep their place. */
class BatchPlanTest {

    static final EventDecoder.TopicSpec FACILITIES = EventDecoder.spec("cfc.facilities");

    private long offset;

    private BatchPlan.Positioned changed(String id, long version) {
        return new BatchPlan.Positioned(new EventDecoder.Decoded(EventDecoder.Kind.CHANGED, FACILITIES, id, version,
                "cfc.facility.changed.v1", "{}".getBytes(StandardCharsets.UTF_8)), 0, offset++);
    }

    private BatchPlan.Positioned deleted(String id, long version) {
        return new BatchPlan.Positioned(new EventDecoder.Decoded(EventDecoder.Kind.DELETED, FACILITIES, id, version,
                "cfc.facility.deleted.v1", "{}".getBytes(StandardCharsets.UTF_8)), 0, offset++);
    }

    private BatchPlan.Positioned tombstone(String id) {
        return new BatchPlan.Positioned(new EventDecoder.Decoded(EventDecoder.Kind.TOMBSTONE, FACILITIES, id, 0, null, null), 0, offset++);
    }

    private static BatchPlan plan(BatchPlan.Positioned... events) {
        return BatchPlan.of(FACILITIES, List.of(events), Map.of(0, (long) events.length - 1));
    }

    private static List<String> describe(List<BatchPlan.Positioned> events) {
        List<String> result = new ArrayList<>();
        events.forEach(p -> result.add(p.event().id() + (p.event().kind() == EventDecoder.Kind.TOMBSTONE ? "" : "@" + p.event().version())
                + "#" + p.offset()));
        return result;
    }

    @Test
    void theNewestVersionOfEachKeyIsKeptAndTheRestCountsAsStale() {
        BatchPlan plan = plan(changed("a", 1), changed("b", 4), changed("a", 3), changed("a", 2), changed("b", 4), changed("a", 3));
        assertThat(describe(plan.upserts())).containsExactly("a@3#2", "b@4#1");
        assertThat(plan.superseded()).isEqualTo(4);
        assertThat(plan.tombstonesFirst()).isEmpty();
        assertThat(plan.tombstonesLast()).isEmpty();
    }

    @Test
    void aDeletionFollowedByItsTombstoneAndALateOlderEvent() {
        BatchPlan plan = plan(changed("a", 6), deleted("a", 7), tombstone("a"), changed("a", 6));
        assertThat(describe(plan.upserts())).containsExactly("a@7#1");
        assertThat(describe(plan.tombstonesLast())).containsExactly("a#2");
        assertThat(plan.tombstonesFirst()).isEmpty();
        assertThat(plan.superseded()).isEqualTo(2);
    }

    @Test
    void aTombstoneBeforeTheNewestEventIsAppliedBeforeIt() {
        // tombstone, then a newer version: one by one, the tombstone marks the row and the newer event (when it is
        // newer than the row) overrides it; so the tombstone goes first
        BatchPlan plan = plan(changed("a", 1), tombstone("a"), changed("a", 2), tombstone("b"));
        assertThat(describe(plan.tombstonesFirst())).containsExactly("a#1", "b#3");
        assertThat(describe(plan.upserts())).containsExactly("a@2#2");
        assertThat(plan.tombstonesLast()).isEmpty();
    }

    @Test
    void positionsAreThoseOfTheWholeBatch() {
        BatchPlan plan = BatchPlan.of(FACILITIES, List.of(), Map.of(3, 17L, 1, 4L));
        assertThat(plan.positions()).containsExactly(Map.entry(1, 4L), Map.entry(3, 17L));
        assertThat(plan.upserts()).isEmpty();
    }
}
