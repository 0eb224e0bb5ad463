package cn.tongyou.bench;

import cn.tongyou.bench.volume.Calls;
import cn.tongyou.bench.volume.DrainWatch;
import cn.tongyou.bench.volume.VolumeRun;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * facility-service's outbox relay draining the events of the village import (about 620,572): from the import's
 * answer until its last row was published, as {@code published_at} in {@code facility.outbox_event} records it, and
 * whether the {@code cfc_outbox_pending} gauge followed the backlog meanwhile (sampled by {@link DrainWatch} every
 * half second beside a SQL count). The drain happens once per run, right after the import; this scenario reports it.
 */
public final class RelayScenario implements Scenario {

    static final double GOAL_EVENTS_PER_SECOND = 25_000;

    @Override
    public String name() {
        return "relay";
    }

    @Override
    public List<Row> run(Bench bench) throws Exception {
        VolumeRun run = VolumeRun.last().orElseThrow(() -> new IllegalStateException(
                "the relay drains the village import's events: run the villages scenario before relay"));
        DrainWatch.Result watched = run.watch().await();
        long published;
        Instant firstPublished;
        Instant lastPublished;
        try (Connection c = Calls.connect(bench); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(published_at), min(published_at), max(published_at),"
                     + " count(*) filter (where published_at is null) from facility.outbox_event where seq > "
                     + run.seqBefore())) {
            rs.next();
            published = rs.getLong(1);
            if (published == 0) {
                throw new IllegalStateException("none of the import's " + run.events() + " outbox rows was published"
                        + " (or they were purged): relay stuck? " + rs.getLong(4) + " unpublished");
            }
            firstPublished = rs.getTimestamp(2).toInstant();
            lastPublished = rs.getTimestamp(3).toInstant();
        }
        double drainS = Calls.seconds(Duration.between(run.importEnd(), lastPublished));
        double rate = published / drainS;
        double rss = bench.rssMb(bench.pid("facility-service"));
        Row relay = new Row(String.format(Locale.ROOT, "outbox relay draining the import's %,d events", published),
                "events/s", rate, Double.NaN, "none (absolute goal)", true, "≥ 25,000/s", rate >= GOAL_EVENTS_PER_SECOND,
                Double.NaN, Double.NaN, rss,
                String.format(Locale.ROOT, "%.1f s from the import's answer to the last published_at; first row"
                        + " published %.1f s after the answer; once per run", drainS,
                        Calls.seconds(Duration.between(run.importEnd(), firstPublished))));

        double maxGauge = watched.maxGaugeWhilePending();
        long maxSql = watched.maxUnpublished();
        long pendingSamples = watched.samplesWhilePending();
        boolean moved = pendingSamples > 0 && maxGauge > 0 && watched.distinctGaugeValuesWhilePending() > 1;
        String note;
        if (pendingSamples == 0) {
            note = "no sample saw a pending row (drain shorter than the sampling period?)";
        } else if (Double.isNaN(maxGauge)) {
            note = "DEFECT: cfc_outbox_pending absent from facility-service /q/metrics";
        } else if (maxGauge == 0) {
            note = String.format(Locale.ROOT, "DEFECT: cfc_outbox_pending read 0 in all %d samples while SQL showed up"
                    + " to %,d unpublished rows", pendingSamples, maxSql);
        } else {
            note = String.format(Locale.ROOT, "%d samples while rows were pending, %d distinct gauge values%s",
                    pendingSamples, watched.distinctGaugeValuesWhilePending(), moved ? "" : " — DEFECT: it did not move");
        }
        Row gauge = new Row("cfc_outbox_pending during that drain (max, vs SQL count)", "rows", maxGauge, maxSql,
                "SQL count of pending entries (outbox_pending), same samples", true, "moves with the backlog", moved, Double.NaN,
                Double.NaN, Double.NaN, note);
        return List.of(relay, gauge);
    }
}
