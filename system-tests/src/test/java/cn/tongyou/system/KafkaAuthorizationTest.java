package cn.tongyou.system;

import cn.tongyou.common.events.CloudEventHeaders;
import cn.tongyou.common.events.Topics;
import cn.tongyou.common.kafka.TopicOwners;
import cn.tongyou.local.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker, not the services' good manners, keeps each service to its own topics (issue 13): a service whose
 * credentials leak still cannot forge another service's events, read the event streams, or touch reporting-service's
 * consumer group. Each case uses a service's real credentials (the ones its process runs with) against the
 * platform's SASL_SSL broker. And the paths that run only when something goes wrong work with security on too:
 * a malformed record is dead-lettered by reporting-service under its own user.
 */
@ExtendWith(ServiceLogsOnFailure.class)
class KafkaAuthorizationTest {

    /** 新密市: regions of its own, so that cfc.regions exists as the relay creates it (compacted, 6 partitions). */
    static final String REGION = "410183";

    @BeforeAll
    static void topicsExist() {
        // a denied topic that does not exist yet would only time out where the user may describe it
        Platform platform = Platform.get();
        Regions.importCounty(REGION);
        platform.awaitCaughtUp();
    }

    @Test
    void aServiceCannotPublishToAnotherServicesTopic() {
        Platform platform = Platform.get();
        // facility-service's credentials, indicator-service's topic: the broker refuses the forged observation
        Throwable refused = send(platform, TopicOwners.FACILITY, Topics.OBSERVATIONS, "forged", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(refused).isInstanceOf(TopicAuthorizationException.class);
        assertThat(((TopicAuthorizationException) refused).unauthorizedTopics()).containsExactly(Topics.OBSERVATIONS);
        // reporting-service reads the state topics but may write none of them
        assertThat(send(platform, TopicOwners.REPORTING, Topics.REGIONS, "forged", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(send(platform, TopicOwners.TASK, Topics.FACILITIES, "forged", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aProducerReadsNothingNotEvenItsOwnTopic() {
        Platform platform = Platform.get();
        assertThatThrownBy(() -> TopicReader.readUntil(platform.kafka().clientSettings(TopicOwners.FACILITY),
                Topics.REGIONS, seen -> !seen.isEmpty(), Duration.ofSeconds(20)))
                .isInstanceOf(TopicAuthorizationException.class);
        // and reporting-service's credentials read only within its own consumer group
        Map<String, Object> config = platform.kafka().clientConfig(TopicOwners.REPORTING);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "someone-else");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.REGIONS));
            assertThatThrownBy(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500));
                }
            }).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void aMalformedEventIsDeadLetteredUnderReportingsOwnUser() {
        Platform platform = Platform.get();
        // facility-service's credentials may write its own topic: a record that is not JSON gets through the broker,
        // and reporting-service has to dead-letter it (its producer, its user, the dead-letter topic's ACLs)
        String key = UUID.randomUUID().toString();
        assertThat(send(platform, TopicOwners.FACILITY, Topics.REGIONS, key, "{not json".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        List<ConsumerRecord<String, byte[]>> letters = TopicReader.readUntil(platform.adminClientSettings(),
                TopicOwners.DEAD_LETTER_TOPIC, seen -> seen.stream().anyMatch(r -> key.equals(r.key())),
                Duration.ofSeconds(60));
        ConsumerRecord<String, byte[]> letter = letters.stream().filter(r -> key.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for " + key + " on " + TopicOwners.DEAD_LETTER_TOPIC));
        Header reason = letter.headers().lastHeader("dead-letter-reason");
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("not JSON");
        platform.awaitCaughtUp(); // the consumer went on and committed past it
    }

    /** The broker's answer to one record sent as {@code user}: null when stored, else why not. */
    private static Throwable send(Platform platform, String user, String topic, String key, byte[] value) {
        Map<String, Object> config = platform.kafka().clientConfig(user);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
        header(record, CloudEventHeaders.SOURCE, "/tongyou/" + user);
        header(record, CloudEventHeaders.TYPE, "cfc.region.changed.v1");
        header(record, CloudEventHeaders.SUBJECT, key);
        header(record, CloudEventHeaders.TIME, Instant.now().toString());
        header(record, CloudEventHeaders.DATA_SCHEMA, CloudEventHeaders.SCHEMA_BASE + "cfc.region.changed.v1.json");
        header(record, CloudEventHeaders.AGGREGATE_VERSION, "1");
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(record).get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
