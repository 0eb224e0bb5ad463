package cn.tongyou.common.outbox;

import cn.tongyou.common.kafka.KafkaClientSettings;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker takes any sequence number as a producer's first write to a partition, so the publisher sends that first
 * record alone and holds the partition's later rows until Kafka acknowledged it: a first write that fails must not let
 * a later event of the same aggregate overtake it (seen in CI as versions 2–6 of an aggregate ahead of version 1).
 * Kafka's {@link MockProducer} stands in for the broker, completing each send only when the test says so.
 */
class FirstWritePerPartitionTest {

    private static final String TOPIC = "cfc.regions";
    private static final int PARTITIONS = 3;

    private final List<MockProducer<String, byte[]>> producers = new CopyOnWriteArrayList<>();
    private final ExecutorService relayThread = Executors.newSingleThreadExecutor();
    private KafkaEventPublisher publisher;

    @BeforeEach
    void publisher() {
        Node node = new Node(1, "localhost", 9092);
        List<PartitionInfo> partitions = IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new PartitionInfo(TOPIC, p, node, new Node[] {node}, new Node[] {node})).toList();
        Cluster cluster = new Cluster("test", List.of(node), partitions, Set.of(), Set.of());
        publisher = new KafkaEventPublisher(settings -> {
            MockProducer<String, byte[]> producer = new MockProducer<>(cluster, false, null, new StringSerializer(),
                    new ByteArraySerializer()) {
                @Override
                public void close(Duration timeout) {
                    // as KafkaProducer does once the timeout is over: sends not yet acknowledged fail
                    while (errorNext(new KafkaException("Producer is closed forcefully."))) {
                        // next one
                    }
                    super.close(timeout);
                }

                @Override
                public synchronized void flush() {
                    if (!closed()) { // KafkaProducer's flush after close returns; MockProducer's would throw
                        super.flush();
                    }
                }
            };
            producers.add(producer);
            return producer;
        });
        publisher.config = config();
        publisher.clients = new KafkaClientSettings(Map.of());
        publisher.bootstrapServers = "localhost:9092";
    }

    @AfterEach
    void stop() {
        relayThread.shutdownNow();
    }

    @Test
    void theFirstWriteToAPartitionGoesAloneAndItsFailureHoldsBackTheRest() throws Exception {
        String aggregate = "410182104001";
        Future<KafkaEventPublisher.Sending> sending = relayThread.submit(() -> publisher.send(
                List.of(row(1, aggregate, 1), row(2, aggregate, 2), row(3, aggregate, 3))));
        awaitTrue(() -> !producers.isEmpty() && producers.get(0).history().size() == 1);
        // the partition's leader is not ready yet (a topic just created, a broker just restarted)
        producers.get(0).errorNext(new NotLeaderOrFollowerException("not the leader"));

        KafkaEventPublisher.Outcome outcome = sending.get(10, TimeUnit.SECONDS).outcome();
        assertThat(outcome.acknowledged()).isZero();
        assertThat(outcome.failure()).isInstanceOf(NotLeaderOrFollowerException.class);
        assertThat(versions(producers.get(0))).as("nothing after the failed first write was handed to Kafka")
                .containsExactly(1L);
    }

    @Test
    void onceAcknowledgedThePartitionsRowsGoOutWithoutWaitingUntilTheProducerIsReplaced() throws Exception {
        String a = "410182104001";
        String b = keyOnAnotherPartitionThan(a);
        Future<KafkaEventPublisher.Sending> sending = relayThread.submit(() -> publisher.send(
                List.of(row(1, a, 1), row(2, a, 2), row(3, a, 3), row(4, b, 1))));
        awaitTrue(() -> !producers.isEmpty() && producers.get(0).history().size() == 1);
        MockProducer<String, byte[]> first = producers.get(0);
        first.completeNext();
        // a's versions 2 and 3 go out before Kafka acknowledged them; b's first write is sent and waited for
        awaitTrue(() -> first.history().size() == 4);
        assertThat(sending.isDone()).as("b's first write is waited for").isFalse();
        first.completeNext();
        first.completeNext();
        first.completeNext();
        assertThat(sending.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(new KafkaEventPublisher.Outcome(4, null));
        assertThat(first.history()).extracting(ProducerRecord::partition).containsExactly(
                partition(a), partition(a), partition(a), partition(b));

        // both partitions are known now: a send returns before anything is acknowledged
        KafkaEventPublisher.Sending known = relayThread.submit(() -> publisher.send(List.of(row(5, a, 4), row(6, b, 2))))
                .get(10, TimeUnit.SECONDS);
        assertThat(first.history()).hasSize(6);
        first.completeNext();
        first.completeNext();
        assertThat(known.outcome()).isEqualTo(new KafkaEventPublisher.Outcome(2, null));

        // a new producer (after a failure) has a new id, unknown to every partition again
        publisher.reset();
        Future<KafkaEventPublisher.Sending> afterReset = relayThread.submit(() -> publisher.send(
                List.of(row(7, a, 5), row(8, a, 6))));
        awaitTrue(() -> producers.size() == 2 && producers.get(1).history().size() == 1);
        assertThat(afterReset.isDone()).isFalse();
        producers.get(1).completeNext();
        KafkaEventPublisher.Sending resent = afterReset.get(10, TimeUnit.SECONDS);
        producers.get(1).completeNext();
        assertThat(resent.outcome()).isEqualTo(new KafkaEventPublisher.Outcome(2, null));
        assertThat(versions(producers.get(1))).containsExactly(5L, 6L);
    }

    @Test
    void aShutdownEndsTheWaitForAFirstWrite() throws Exception {
        Future<KafkaEventPublisher.Sending> sending = relayThread.submit(() -> publisher.send(
                List.of(row(1, "410182104001", 1), row(2, "410182104001", 2))));
        awaitTrue(() -> !producers.isEmpty() && producers.get(0).history().size() == 1);

        ExecutorService shutdownThread = Executors.newSingleThreadExecutor();
        try {
            // returns at once, not after the delivery timeout (6 s here, 15 s by default) and more
            shutdownThread.submit(() -> publisher.onStop(null)).get(5, TimeUnit.SECONDS);
        } finally {
            shutdownThread.shutdownNow();
        }

        KafkaEventPublisher.Outcome outcome = sending.get(1, TimeUnit.SECONDS).outcome();
        assertThat(outcome.acknowledged()).isZero();
        assertThat(outcome.failure()).isInstanceOf(KafkaException.class);
        assertThat(producers.get(0).closed()).isTrue();
    }

    @Test
    void thePartitionIsTheOneKafkasDefaultPartitionerChoosesForTheKey() {
        for (String key : List.of("410182104001", "41", "f-1", "儿童之家-7", UUID.randomUUID().toString())) {
            assertThat(partition(key)).as(key).isEqualTo(
                    BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), PARTITIONS));
        }
    }

    private static int partition(String aggregate) {
        return KafkaEventPublisher.partitionOf(row(0, aggregate, 1), PARTITIONS).partition();
    }

    private static String keyOnAnotherPartitionThan(String aggregate) {
        for (int i = 2; ; i++) {
            String key = "410182104" + String.format("%03d", i);
            if (partition(key) != partition(aggregate)) {
                return key;
            }
        }
    }

    private static List<Long> versions(MockProducer<String, byte[]> producer) {
        return producer.history().stream()
                .map(r -> Long.parseLong(new String(r.headers().lastHeader("ce_aggregateversion").value(),
                        StandardCharsets.UTF_8)))
                .toList();
    }

    private static OutboxRow row(long seq, String aggregate, long version) {
        return new OutboxRow(seq, UUID.randomUUID(), TOPIC, "cfc.region.changed.v1", aggregate, version,
                "{\"version\":" + version + "}", false, Instant.parse("2026-12-05T00:00:00Z"), "test");
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 10 s for the publisher").isBefore(deadline);
            Thread.sleep(10);
        }
    }

    /** The relay's settings that the publisher reads; no topic creation (there is no broker). */
    private static OutboxConfig config() {
        return (OutboxConfig) Proxy.newProxyInstance(OutboxConfig.class.getClassLoader(),
                new Class<?>[] {OutboxConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "source" -> "/tongyou/test";
                    case "deliveryTimeout" -> Duration.ofSeconds(6);
                    case "createTopics" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
