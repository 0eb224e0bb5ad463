package cn.tongyou.common.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClientSettingsTest {

    private final KafkaClientSettings settings = new KafkaClientSettings(Map.of(
            "bootstrap.servers", "broker-0:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"facility\" password=\"secret\";",
            "ssl.truststore.location", "/etc/kafka/ca.p12",
            "ssl.truststore.type", "PKCS12",
            "group.id", "reporting-service",
            "auto.offset.reset", "earliest"));

    @Test
    void producersAndAdminClientsGetTheBrokerAndItsSecurity() {
        for (Map<String, Object> client : new Map[] {settings.producer(), settings.admin()}) {
            assertThat(client).containsEntry("bootstrap.servers", "broker-0:9093")
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsKey("sasl.jaas.config")
                    .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
                    .containsEntry("ssl.truststore.type", "PKCS12");
        }
    }

    @Test
    void consumerSettingsStayWithTheConsumers() {
        assertThat(settings.producer()).doesNotContainKeys("group.id", "auto.offset.reset");
        assertThat(settings.admin()).doesNotContainKeys("group.id", "auto.offset.reset");
    }
}
