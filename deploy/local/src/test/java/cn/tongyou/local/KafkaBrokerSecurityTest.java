package cn.tongyou.local;

import cn.tongyou.common.kafka.TopicOwners;
import cn.tongyou.local.testing.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The secure mode of the local broker: TLS with the generated CA, SCRAM users, the ACLs of TopicOwners. */
class KafkaBrokerSecurityTest {

    private static KafkaBroker kafka;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.start(null, 0, KafkaBroker.Security.SASL_SSL);
        System.out.println("secure Kafka broker (certificates, format, users, ACLs) ready in "
                + kafka.lastStartTime().toMillis() + " ms");
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void servicesGetTheirOwnUserAndTheDevelopmentTruststore() {
        Map<String, String> env = kafka.serviceEnvironment(TopicOwners.FACILITY);
        assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_LOCATION", kafka.truststore().toString())
                .containsKey("KAFKA_SSL_TRUSTSTORE_PASSWORD");
        assertThat(env.get("KAFKA_SASL_JAAS_CONFIG")).contains("username=\"facility-service\"");
        assertThat(kafka.truststore()).isRegularFile();
        assertThat(kafka.truststore().resolveSibling(DevKafkaSecurity.NOTICE_FILE)).content()
                .contains("DEVELOPMENT MATERIAL");
        assertThat(kafka.clientSettings(TopicOwners.REPORTING).get("sasl.jaas.config"))
                .isNotEqualTo(kafka.clientSettings(TopicOwners.FACILITY).get("sasl.jaas.config"));
        assertThatThrownBy(() -> kafka.clientSettings("nobody")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProducerWritesOnlyItsOwnTopicsAndReadsNothingAndSurvivesARestart() throws Exception {
        assertThat(send(TopicOwners.FACILITY, "cfc.regions", "410182")).isNull();
        assertThat(send(TopicOwners.FACILITY, "cfc.indicators", "x")).isInstanceOf(TopicAuthorizationException.class);
        assertThat(send(TopicOwners.REPORTING, "cfc.regions", "x")).isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> TopicReader.readUntil(kafka.clientSettings(TopicOwners.FACILITY), "cfc.regions",
                seen -> !seen.isEmpty(), Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
        assertThat(TopicReader.readUntil(kafka.clientSettings(TopicOwners.REPORTING), "cfc.regions",
                seen -> !seen.isEmpty(), Duration.ofSeconds(30))).extracting(r -> r.key()).containsExactly("410182");

        kafka.stop();
        kafka.startAgain();
        assertThat(send(TopicOwners.FACILITY, "cfc.facilities", "f-1")).isNull();
        assertThat(send(TopicOwners.INDICATOR, "cfc.facilities", "x")).isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = kafka.clientConfig(TopicOwners.FACILITY);
        config.put("sasl.jaas.config", DevKafkaSecurity.jaas(TopicOwners.FACILITY, "guessed"));
        assertThat(send(config, "cfc.regions", "x")).isInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void onlyTheAdminManagesTopics() throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig(DevKafkaSecurity.ADMIN))) {
            admin.createTopics(List.of(new NewTopic("local-stack-secure", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (Admin admin = Admin.create(kafka.clientConfig(TopicOwners.TASK))) {
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("cfc.regions-copy", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        assertThat(Files.readString(kafka.logFile())).doesNotContain(kafka.clientSettings(TopicOwners.TASK)
                .get("sasl.jaas.config"));
    }

    /**
     * A kept log directory of a plaintext broker (run.sh before it was secure) gets the users once, through a plaintext
     * start; the next secure start finds them and the data of before.
     */
    @Test
    void aKeptPlaintextDirectoryBecomesSecureAndKeepsItsUsersAndData(@TempDir Path dir) {
        Path logDir = dir.resolve("kafka");
        try (KafkaBroker plain = KafkaBroker.start(logDir, 0)) {
            assertThat(send(plain.clientConfig(TopicOwners.FACILITY), "cfc.regions", "before")).isNull();
        }
        String firstPassword;
        try (KafkaBroker secure = KafkaBroker.start(logDir, 0, KafkaBroker.Security.SASL_SSL)) {
            assertThat(secure.logFile()).content().contains("plaintext start to add the SCRAM users");
            firstPassword = secure.devSecurity().password(TopicOwners.FACILITY);
            assertThat(send(secure.clientConfig(TopicOwners.FACILITY), "cfc.regions", "after")).isNull();
            assertThat(send(secure.clientConfig(TopicOwners.FACILITY), "cfc.targets", "x"))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaBroker again = KafkaBroker.start(logDir, 0, KafkaBroker.Security.SASL_SSL)) {
            assertThat(again.devSecurity().password(TopicOwners.FACILITY)).isEqualTo(firstPassword);
            assertThat(TopicReader.readUntil(again.clientSettings(TopicOwners.REPORTING), "cfc.regions",
                    seen -> seen.size() >= 2, Duration.ofSeconds(30))).extracting(r -> r.key())
                    .containsExactlyInAnyOrder("before", "after");
        }
    }

    private static Exception send(String user, String topic, String key) {
        return send(kafka.clientConfig(user), topic, key);
    }

    /** The broker's answer to one send: null when accepted, else the cause. */
    private static Exception send(Map<String, Object> config, String topic, String key) {
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, "v")).get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return (Exception) e.getCause();
        } catch (Exception e) {
            return e;
        }
    }
}
