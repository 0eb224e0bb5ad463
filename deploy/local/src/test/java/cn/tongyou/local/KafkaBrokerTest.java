package cn.tongyou.local;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBrokerTest {

    private static final String TOPIC = "local-stack-test";

    @Test
    void recordSurvivesStopAndStartOnTheSamePort() throws Exception {
        Path logDir;
        try (KafkaBroker kafka = KafkaBroker.start(null, 0)) {
            System.out.println("Kafka broker (first start, storage formatted) ready in "
                    + kafka.lastStartTime().toMillis() + " ms");
            logDir = kafka.logDir();
            String bootstrap = kafka.bootstrapServers();
            assertThat(bootstrap).isEqualTo("127.0.0.1:" + kafka.port());
            assertThat(kafka.isRunning()).isTrue();

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                producer.send(new ProducerRecord<>(TOPIC, "region-410182", "hello")).get();
            }
            assertThat(readAll(bootstrap)).containsExactly("region-410182=hello");

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.startAgain();
            System.out.println("Kafka broker (restart) ready in " + kafka.lastStartTime().toMillis() + " ms");
            assertThat(kafka.isRunning()).isTrue();
            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(kafka.logFile()).content().contains("Kafka Server started"); // the broker's own logging works
            assertThat(readAll(bootstrap)).containsExactly("region-410182=hello");
        }
        assertThat(logDir).doesNotExist();
    }

    @Test
    void externalBrokerCannotBeStopped() {
        KafkaBroker kafka = KafkaBroker.external("broker.example:9092");
        assertThat(kafka.isExternal()).isTrue();
        assertThat(kafka.bootstrapServers()).isEqualTo("broker.example:9092");
        assertThatThrownBy(kafka::stop).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining(KafkaBroker.ENV_BOOTSTRAP);
        assertThatThrownBy(kafka::restart).isInstanceOf(UnsupportedOperationException.class);
        kafka.close(); // nothing to stop
    }

    /** Every record of the topic, from the beginning, without a consumer group. */
    private static List<String> readAll(String bootstrap) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(TOPIC, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(TOPIC, p.partition())));
            assertThat(partitions).hasSize(3); // num.partitions=3
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<String> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    records.add(r.key() + "=" + r.value());
                }
            }
            return records;
        }
    }
}
