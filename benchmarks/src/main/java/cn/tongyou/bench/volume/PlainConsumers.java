package cn.tongyou.bench.volume;

import cn.tongyou.bench.Bench;
import cn.tongyou.common.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The floors of reporting-service's consumer, reading the same topic from the beginning with the same client security
 * (the harness's Kafka settings: the secure broker's TLS and SCRAM), Kafka's default fetch settings, a new group id and
 * the partitions assigned (no group join to wait for: reporting's consumer is already a member when it replays):
 * <ul>
 *   <li>{@link #readOnly}: {@code poll} until every partition's end offset, counting records, nothing else;</li>
 *   <li>{@link #readAndUpsert}: the same, and each polled batch written with ONE multi-row
 *       {@code INSERT … SELECT FROM unnest(…) ON CONFLICT (id) DO UPDATE … WHERE version <} into a scratch copy of
 *       {@code reporting.region_projection} ({@code LIKE … INCLUDING ALL}: its generated columns and indexes), the
 *       newest record per key within a batch, autocommit. No offsets committed, no JSON parsed in Java (PostgreSQL
 *       parses the jsonb): the least a consumer that keeps the projection can do.</li>
 * </ul>
 */
public final class PlainConsumers {

    static final String SCHEMA = "bench_consumer";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** Records read and how long from the first poll until the end offsets were reached. */
    public record Pass(long records, Duration took) {
        public double perSecond() {
            return records / (took.toNanos() / 1e9);
        }
    }

    private final Bench bench;
    private final String topic;

    public PlainConsumers(Bench bench, String topic) {
        this.bench = bench;
        this.topic = topic;
    }

    public Pass readOnly() throws Exception {
        return read(null);
    }

    public Pass readAndUpsert() throws Exception {
        try (Connection c = Calls.connect(bench)) {
            Calls.execute(c, "create schema if not exists " + SCHEMA,
                    "drop table if exists " + SCHEMA + ".region_projection",
                    "create table " + SCHEMA + ".region_projection (like reporting.region_projection including all)");
            try {
                return read(c);
            } finally {
                Calls.execute(c, "drop schema " + SCHEMA + " cascade");
            }
        }
    }

    private Pass read(Connection db) throws Exception {
        Properties p = new Properties();
        p.putAll(bench.kafkaAdminProperties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-" + UUID.randomUUID());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-plain-consumer");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // asked before the clock starts: the connection and its TLS/SCRAM handshake are made by then
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            PreparedStatement upsert = db == null ? null : db.prepareStatement(UPSERT);
            long records = 0;
            long t0 = System.nanoTime();
            long deadline = t0 + TIMEOUT.toNanos();
            while (!reached(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the plain consumer did not reach the end of " + topic + " within "
                            + TIMEOUT.toMinutes() + " min (" + records + " records read)");
                }
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
                records += batch.count();
                if (upsert != null && !batch.isEmpty()) {
                    write(db, upsert, batch);
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            if (upsert != null) {
                upsert.close();
            }
            return new Pass(records, took);
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static final String UPSERT = "insert into " + SCHEMA + ".region_projection (id, version, deleted, data,"
            + " event_type, kafka_topic, kafka_partition, kafka_offset, applied_at)"
            + " select u.id, u.version, false, u.data::jsonb, u.event_type, u.topic, u.kafka_partition, u.kafka_offset, now()"
            + " from unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[])"
            + "   as u(id, version, data, event_type, topic, kafka_partition, kafka_offset)"
            + " on conflict (id) do update set version = excluded.version, deleted = excluded.deleted, data = excluded.data,"
            + " event_type = excluded.event_type, kafka_topic = excluded.kafka_topic,"
            + " kafka_partition = excluded.kafka_partition, kafka_offset = excluded.kafka_offset,"
            + " applied_at = excluded.applied_at where region_projection.version < excluded.version";

    private static void write(Connection db, PreparedStatement upsert, ConsumerRecords<byte[], byte[]> batch)
            throws SQLException {
        // one row per key (the newest): ON CONFLICT cannot touch a row twice in one statement
        Map<String, ConsumerRecord<byte[], byte[]>> newest = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            if (r.key() != null && r.value() != null) {
                newest.put(new String(r.key(), StandardCharsets.UTF_8), r);
            }
        }
        int n = newest.size();
        String[] ids = new String[n];
        Long[] versions = new Long[n];
        String[] data = new String[n];
        String[] types = new String[n];
        String[] topics = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        int i = 0;
        for (Map.Entry<String, ConsumerRecord<byte[], byte[]>> e : newest.entrySet()) {
            ConsumerRecord<byte[], byte[]> r = e.getValue();
            ids[i] = e.getKey();
            versions[i] = Long.parseLong(header(r, CloudEventHeaders.AGGREGATE_VERSION, "0"));
            data[i] = new String(r.value(), StandardCharsets.UTF_8);
            types[i] = header(r, CloudEventHeaders.TYPE, "");
            topics[i] = r.topic();
            partitions[i] = r.partition();
            offsets[i] = r.offset();
            i++;
        }
        List<Object> params = new ArrayList<>(List.of(db.createArrayOf("text", ids), db.createArrayOf("bigint", versions),
                db.createArrayOf("text", data), db.createArrayOf("text", types), db.createArrayOf("text", topics),
                db.createArrayOf("integer", partitions), db.createArrayOf("bigint", offsets)));
        for (int k = 0; k < params.size(); k++) {
            upsert.setObject(k + 1, params.get(k));
        }
        upsert.executeUpdate();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name, String fallback) {
        Header h = r.headers().lastHeader(name);
        return h == null ? fallback : new String(h.value(), StandardCharsets.UTF_8);
    }
}
