package cn.tongyou.common.kafka;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerConfigTest {

    /** common's lines, with the environment of a deployment. */
    private static SmallRyeConfig config(Map<String, String> environment) {
        Map<String, String> defaults = new HashMap<>();
        defaults.put("kafka.bootstrap.servers", "${KAFKA_BOOTSTRAP_SERVERS:localhost:19092}");
        defaults.put("kafka.security.protocol", "${KAFKA_SECURITY_PROTOCOL:PLAINTEXT}");
        defaults.put("kafka.sasl.jaas.config", "${KAFKA_SASL_JAAS_CONFIG:}");
        defaults.put("kafka.ssl.truststore.location", "${KAFKA_SSL_TRUSTSTORE_LOCATION:}");
        defaults.put("kafka.ssl.keystore.location", "${KAFKA_SSL_KEYSTORE_LOCATION:}");
        defaults.put("kafka.ui.enabled", "true");
        defaults.put("quarkus.http.port", "8081");
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(defaults, "common", 110))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
    }

    @Test
    void unsetVariablesLeavePlaintext() {
        Map<String, Object> settings = KafkaBrokerConfig.from(config(Map.of()));
        assertThat(settings).containsOnly(Map.entry("bootstrap.servers", "localhost:19092"),
                Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void variablesReachTheClientsUnderKafkasNames() {
        Map<String, Object> settings = KafkaBrokerConfig.from(config(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "cfc-kafka-bootstrap:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"facility-service\" password=\"s\";",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka-ca/ca.p12",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")));
        assertThat(settings).containsEntry("bootstrap.servers", "cfc-kafka-bootstrap:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka-ca/ca.p12")
                .doesNotContainKeys("ssl.keystore.location", "ui.enabled", "http.port");
        assertThat((String) settings.get("sasl.jaas.config")).contains("username=\"facility-service\"");
    }

    @Test
    void emptyVariablesCountAsUnset() {
        Map<String, Object> settings = KafkaBrokerConfig.from(config(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "",
                "KAFKA_SSL_KEYSTORE_LOCATION", " ",
                "KAFKA_SASL_JAAS_CONFIG", "")));
        assertThat(settings).doesNotContainKeys("ssl.keystore.location", "sasl.jaas.config");
        assertThat(settings.getOrDefault("security.protocol", "PLAINTEXT")).isEqualTo("PLAINTEXT");
    }
}
