package cn.tongyou.common.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The broker settings every Kafka client of a service shares — bootstrap servers, security protocol, SASL mechanism
 * and JAAS, truststore and keystore — read once from the standard {@code kafka.*} properties (the same map the
 * SmallRye Kafka connector's channels use). Clients the platform builds itself (the outbox relay's producer and
 * admin, reporting's dead-letter producer) start from these, so a broker with TLS and SCRAM needs no extra setting.
 */
@ApplicationScoped
public class KafkaClientSettings {

    private final Map<String, Object> broker;

    @Inject
    public KafkaClientSettings(@Identifier("default-kafka-broker") Map<String, Object> broker) {
        this.broker = Map.copyOf(broker);
    }

    /** The shared settings a producer understands; the caller adds its own (serialisers, acks, client id) on top. */
    public Map<String, Object> producer() {
        return only(ProducerConfig.configNames());
    }

    /** The shared settings an admin client understands. */
    public Map<String, Object> admin() {
        return only(AdminClientConfig.configNames());
    }

    private Map<String, Object> only(Set<String> known) {
        Map<String, Object> settings = new HashMap<>();
        broker.forEach((key, value) -> {
            if (known.contains(key)) {
                settings.put(key, value);
            }
        });
        return settings;
    }
}
