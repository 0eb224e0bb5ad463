package cn.tongyou.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.tongyou.deploy.Platform.SERVICES;
import static cn.tongyou.deploy.Platform.at;
import static cn.tongyou.deploy.Platform.list;
import static cn.tongyou.deploy.Platform.map;
import static cn.tongyou.deploy.Platform.str;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/compose/compose.yaml, without Docker: it parses, runs the four services from the images Jib builds, gives
 * every long-running container a health check, creates every topic the services use, and mounts files that exist.
 */
class ComposeFileTest {

    private static final Pattern CREATE = Pattern.compile("(?m)^\\s*create\\s+(\\S+)(.*)$");

    private final Map<String, Object> compose = Platform.parse(Platform.COMPOSE);
    private final Map<String, Object> services = map(compose.get("services"));

    @Test
    void runsTheFourServicesFromTheJibImagesBesidePostgresAndKafka() {
        assertThat(services).containsKeys("postgres", "kafka");
        assertThat(services).containsKeys(SERVICES.toArray(String[]::new));
        for (String service : SERVICES) {
            assertThat(str(at(services, service, "image"))).as(service + " image")
                    .isEqualTo("tongyou/" + service + ":${TONGYOU_VERSION:-" + Platform.version() + "}");
            assertThat(list(at(services, service, "ports"))).as(service + " ports").extracting(String::valueOf)
                    .contains("127.0.0.1:" + Platform.httpPort(service) + ":" + Platform.httpPort(service));
            assertThat(map(at(services, service, "depends_on"))).as(service + " depends_on")
                    .containsKeys("postgres", "kafka-topics");
            Map<String, Object> env = map(at(services, service, "environment"));
            assertThat(env).as(service + " environment").containsKeys("QUARKUS_DATASOURCE_JDBC_URL",
                    "KAFKA_BOOTSTRAP_SERVERS", "CFC_JWT_PUBLIC_KEY_LOCATION", "CFC_JWT_ISSUER");
        }
    }

    @Test
    void everyImageIsPinnedAndEveryServerHasAHealthCheck() {
        List<String> problems = new ArrayList<>();
        services.forEach((name, definition) -> {
            String image = str(at(definition, "image"));
            if (image == null) {
                problems.add(name + ": no image");
            } else if (!image.startsWith("tongyou/")) {
                String problem = ManifestsTest.imageProblem(image);
                if (problem != null) {
                    problems.add(name + ": image " + image + " " + problem);
                }
            }
            boolean oneShot = "no".equals(str(at(definition, "restart")));
            if (!oneShot && at(definition, "healthcheck", "test") == null) {
                problems.add(name + ": no healthcheck");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void createsEveryTopicTheServicesUseAsTheKafkaTopicsDo() {
        String script = list(at(services, "kafka-topics", "command")).stream().map(String::valueOf)
                .reduce("", (a, b) -> a + "\n" + b);
        Set<String> created = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        Set<String> deadLetters = Platform.deadLetterTopics();
        Matcher m = CREATE.matcher(script);
        while (m.find()) {
            String topic = m.group(1);
            created.add(topic);
            boolean compacted = m.group(2).contains("cleanup.policy=compact");
            if (deadLetters.contains(topic) == compacted) {
                problems.add(topic + (compacted ? ": a dead-letter topic must not be compacted"
                        : ": a state topic must be compacted"));
            }
        }
        Set<String> used = new TreeSet<>(Platform.consumedTopics());
        used.addAll(deadLetters);
        used.addAll(Platform.outgoingTopics());
        Platform.producedTopics().values().forEach(used::addAll);
        assertThat(created).as("topics created by the kafka-topics service").containsAll(used);
        assertThat(problems).isEmpty();
        assertThat(str(at(services, "kafka", "environment", "KAFKA_AUTO_CREATE_TOPICS_ENABLE"))).isEqualTo("false");
    }

    @Test
    void mountsFilesThatExist() {
        Path dir = Platform.COMPOSE.getParent();
        List<String> problems = new ArrayList<>();
        services.forEach((name, definition) -> {
            for (Object volume : list(at(definition, "volumes"))) {
                String source = String.valueOf(volume).split(":")[0];
                if ((source.startsWith(".") || source.startsWith("/")) && !Files.exists(dir.resolve(source))) {
                    problems.add(name + ": " + source + " does not exist");
                }
            }
        });
        assertThat(problems).isEmpty();
        assertThat(str(at(services, "facility-service", "environment", "CFC_JWT_PUBLIC_KEY_LOCATION")))
                .isEqualTo("file:/etc/tongyou/jwt/publicKey.pem");
    }
}
