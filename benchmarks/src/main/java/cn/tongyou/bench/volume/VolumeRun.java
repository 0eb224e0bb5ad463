package cn.tongyou.bench.volume;

import java.time.Instant;
import java.util.Optional;

/**
 * What the village import leaves for the scenarios after it in the same run: the relay drains the import's events and
 * reporting-service consumes them while {@link DrainWatch} looks on, and {@code RelayScenario} and
 * {@code ConsumerScenario} report what it saw. The harness creates each scenario on its own, so the hand-over is here.
 *
 * @param importEnd  when the import answered (its transaction had committed)
 * @param seqBefore  the highest outbox {@code seq} before the import: the import's events are the rows after it
 * @param events     events the import wrote (inserted + updated regions)
 * @param watch      the watch started at {@code importEnd}
 */
public record VolumeRun(Instant importEnd, long seqBefore, long events, DrainWatch watch) {

    private static volatile VolumeRun last;

    public static void record(VolumeRun run) {
        last = run;
    }

    /** The village import of this run, if one was measured. */
    public static Optional<VolumeRun> last() {
        return Optional.ofNullable(last);
    }
}
