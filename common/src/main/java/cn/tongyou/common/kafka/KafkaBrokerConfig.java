package cn.tongyou.common.kafka;

import io.quarkus.runtime.ApplicationConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code default-kafka-broker} map every Kafka client of a service starts from (the SmallRye connector's
 * channels, and through {@link KafkaClientSettings} the relay's producer and admin and reporting's dead-letter
 * producer and monitor): every {@code kafka.*} property and {@code KAFKA_*} variable, the prefix taken off, as
 * Quarkus builds it — except that a blank value counts as not set. A deployment that passes
 * {@code KAFKA_SSL_KEYSTORE_LOCATION=""} or an empty {@code KAFKA_SECURITY_PROTOCOL} (a Compose file's
 * {@code ${VAR:-}}, a Helm value left empty) then gets Kafka's default for it — plaintext, no keystore — instead of
 * a client that refuses the empty value or tries to open a file named "". Replaces Quarkus' own producer of this
 * map, which is a default bean.
 */
@Singleton
public class KafkaBrokerConfig {

    /** What Quarkus' producer also skips: the Dev UI's settings. */
    private static final String UI_PREFIX = "kafka.ui";

    @Produces
    @Singleton
    @Identifier("default-kafka-broker")
    public Map<String, Object> defaultKafkaBroker(Config config, ApplicationConfig application) {
        Map<String, Object> settings = from(config);
        // as Quarkus does: a consumer without a group id joins one named like the application
        if (!settings.containsKey("group.id")) {
            application.name().ifPresent(name -> settings.put("group.id", name));
        }
        return settings;
    }

    /** The non-blank {@code kafka.*} / {@code KAFKA_*} settings of {@code config}, keys as Kafka clients name them. */
    static Map<String, Object> from(Config config) {
        Map<String, Object> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("kafka") || lower.length() <= "kafka.".length() || lower.startsWith(UI_PREFIX)) {
                continue;
            }
            String key = lower.substring("kafka.".length()).replace('_', '.');
            String value = config.getOptionalValue(name, String.class).orElse("");
            if (!value.isBlank()) {
                settings.put(key, value);
            }
        }
        return settings;
    }
}
