package cn.tongyou.bench;

import cn.tongyou.bench.volume.Calls;
import cn.tongyou.bench.volume.DrainWatch;
import cn.tongyou.bench.volume.Offsets;
import cn.tongyou.bench.volume.PlainConsumers;
import cn.tongyou.bench.volume.VolumeRun;
import cn.tongyou.common.events.Topics;
import cn.tongyou.common.kafka.TopicOwners;
import org.apache.kafka.common.TopicPartition;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * reporting-service consuming {@code cfc.regions} (the 620,572 village events and the regions above) into its region
 * projection, beside a plain KafkaConsumer of the same topic and a plain consumer that also upserts each batch
 * ({@link PlainConsumers}).
 *
 * <p>The product is repeatable through the projection rebuild ({@code POST /api/v1/projections/rebuild}: projections
 * emptied, the consumers seek to the beginning): a round is from that call until reporting-service's recorded position
 * ({@code reporting.consumer_position}, written with the rows) reaches the end of every topic it consumes. Rounds
 * alternate product, plain consumer, plain consumer + upsert, after one unreported plain read (warm-up). The live
 * consumption during the import's drain (bounded by the relay) and the lag endpoint's delay come from
 * {@link DrainWatch}, when the villages scenario ran before.
 */
public final class ConsumerScenario implements Scenario {

    static final String REPORTING = "reporting-service";
    static final String TOPIC = Topics.REGIONS;
    static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(15);
    /** The goal: at least a quarter of a plain consumer. */
    static final double GOAL_RATIO = 0.25;

    @Override
    public String name() {
        return "consumer";
    }

    @Override
    public List<Row> run(Bench bench) throws Exception {
        List<Row> rows = new ArrayList<>();
        VolumeRun.last().ifPresent(run -> {
            try {
                rows.addAll(live(bench, run));
            } catch (Exception e) {
                throw new IllegalStateException("reading the live consumption of the import failed: " + e, e);
            }
        });
        rows.addAll(replays(bench));
        return rows;
    }

    /** The consumption while the relay drained the import, and how late the lag endpoint showed 0. */
    private static List<Row> live(Bench bench, VolumeRun run) throws Exception {
        DrainWatch.Result watched = run.watch().await();
        Instant lastApplied;
        Instant lastPublished;
        long afterRelay;
        try (Connection c = Calls.connect(bench); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select max(published_at) from facility.outbox_event where seq > "
                    + run.seqBefore())) {
                rs.next();
                lastPublished = rs.getTimestamp(1).toInstant();
            }
            try (var q = c.prepareStatement("select max(applied_at), count(*) filter (where applied_at > ?)"
                    + " from reporting.region_projection")) {
                q.setObject(1, java.time.OffsetDateTime.ofInstant(lastPublished, java.time.ZoneOffset.UTC));
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    lastApplied = rs.getTimestamp(1).toInstant();
                    afterRelay = rs.getLong(2);
                }
            }
        }
        double consumeS = Calls.seconds(Duration.between(run.importEnd(), lastApplied));
        double tailS = Calls.seconds(Duration.between(lastPublished, lastApplied));
        Row live = new Row("reporting consumer live, during the relay's drain", "events/s", run.events() / consumeS,
                Double.NaN, "none: bounded by the relay", true, "info", true, Double.NaN, Double.NaN,
                bench.rssMb(bench.pid(REPORTING)),
                String.format(Locale.ROOT, "import answer → last row applied %.1f s; after the relay's last publish"
                        + " %,d rows in %.1f s (%.0f/s)", consumeS, afterRelay, tailS, tailS > 0 ? afterRelay / tailS
                        : Double.NaN));
        double endpointDelay = watched.endpointZero().map(t -> Calls.seconds(Duration.between(lastApplied, t)))
                .orElse(Double.NaN);
        double groupDelay = watched.groupCaughtUp().map(t -> Calls.seconds(Duration.between(lastApplied, t)))
                .orElse(Double.NaN);
        boolean moved = watched.maxEndpointLag() > 0;
        Row lag = new Row("lag endpoint: last row applied → it shows 0 (cfc.regions)", "s", endpointDelay, groupDelay,
                "broker: group's committed offsets at the end (same samples)", false, "≤ 2 s, moves while draining",
                moved && endpointDelay <= 2.0, Double.NaN, Double.NaN, Double.NaN,
                String.format(Locale.ROOT, "sampled every %d ms; endpoint's highest lag during the drain %,d%s",
                        500, watched.maxEndpointLag(), watched.endpointZero().isEmpty()
                                ? " — DEFECT: never showed 0 within a minute of the group catching up" : ""));
        return List.of(live, lag);
    }

    private static List<Row> replays(Bench bench) throws Exception {
        int rounds = Calls.rounds();
        PlainConsumers plain = new PlainConsumers(bench, TOPIC);
        List<Double> product = new ArrayList<>();
        List<Double> readOnly = new ArrayList<>();
        List<Double> upsert = new ArrayList<>();
        long records;
        try (Offsets offsets = new Offsets(bench)) {
            records = offsets.records(TOPIC);
            if (records < 1_000) {
                throw new IllegalStateException(TOPIC + " holds " + records + " records: import the regions first");
            }
            PlainConsumers.Pass warm = plain.readOnly();
            bench.log(String.format(Locale.ROOT, "consumer: warm-up plain read %,d records %.0f/s", warm.records(),
                    warm.perSecond()));
            for (int round = 1; round <= rounds; round++) {
                double p = replay(bench, offsets, records);
                product.add(p);
                PlainConsumers.Pass a = plain.readOnly();
                readOnly.add(a.perSecond());
                PlainConsumers.Pass b = plain.readAndUpsert();
                upsert.add(b.perSecond());
                bench.log(String.format(Locale.ROOT, "consumer: round %d — reporting replay %.0f/s, plain %.0f/s,"
                        + " plain + upsert %.0f/s", round, p, a.perSecond(), b.perSecond()));
            }
        }
        double productMedian = Calls.median(product);
        double readMedian = Calls.median(readOnly);
        double upsertMedian = Calls.median(upsert);
        double rss = bench.rssMb(bench.pid(REPORTING));
        Row vsPlain = new Row(String.format(Locale.ROOT, "reporting consumer, replay of %s (%,d records)", TOPIC, records),
                "events/s", productMedian, readMedian, "plain KafkaConsumer, same topic, no processing", true,
                "≥ 0.25", productMedian / readMedian >= GOAL_RATIO, Double.NaN, Double.NaN, rss,
                String.format(Locale.ROOT, "rebuild → position at the end; %d rounds: product %s, plain %s /s"
                                + " (the rebuild replays the other topics too, a few thousand records)", rounds,
                        Calls.spread(product, "%.0f"), Calls.spread(readOnly, "%.0f")));
        Row vsFloor = new Row("same, vs consume + one multi-row upsert per batch", "events/s", productMedian,
                upsertMedian, "plain consumer + INSERT…SELECT unnest ON CONFLICT into a projection copy", true, "info",
                true, Double.NaN, Double.NaN, Double.NaN, "floor rounds " + Calls.spread(upsert, "%.0f") + " /s");
        return List.of(vsPlain, vsFloor);
    }

    /** One replay by reporting-service: events/s from the rebuild call until its recorded position is at the end. */
    private static double replay(Bench bench, Offsets offsets, long records) throws Exception {
        // every topic it replays, not only the measured one: the next scenario reads the projections whole
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (String topic : TopicOwners.consumed()) {
            try {
                ends.putAll(offsets.ends(topic));
            } catch (Exception absent) {
                // a topic nobody has written to yet
            }
        }
        long t0 = System.nanoTime();
        Calls.Answer a = Calls.post(bench, REPORTING, "/api/v1/projections/rebuild", "application/json",
                HttpRequest.BodyPublishers.noBody(), Duration.ofMinutes(1), false);
        Calls.require(a, "POST reporting-service /api/v1/projections/rebuild");
        long deadline = t0 + REPLAY_TIMEOUT.toNanos();
        try (Connection c = Calls.connect(bench)) {
            while (!atEnd(c, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reporting-service did not replay " + TOPIC + " within "
                            + REPLAY_TIMEOUT.toMinutes() + " min");
                }
                Calls.sleep(100);
            }
        }
        return records / ((System.nanoTime() - t0) / 1e9);
    }

    /** Whether reporting-service recorded the last offset of every partition (an empty partition counts done). */
    private static boolean atEnd(Connection c, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, Long> recorded = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select kafka_topic, kafka_partition,"
                + " kafka_offset from reporting.consumer_position")) {
            while (rs.next()) {
                recorded.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
            }
        }
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (e.getValue() > 0 && recorded.getOrDefault(e.getKey(), -1L) < e.getValue() - 1) {
                return false;
            }
        }
        return true;
    }
}
