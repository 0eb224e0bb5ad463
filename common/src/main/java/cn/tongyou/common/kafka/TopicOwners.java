package cn.tongyou.common.kafka;

import cn.tongyou.common.events.Topics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which service may write which topic, the source of the Kafka ACLs (docs/design.md, Kafka security): each producer
 * service creates, describes and writes only its own topics and reads nothing; reporting-service reads every state
 * topic of the others in its consumer group, writes the dead-letter topic and publishes its reminders
 * ({@link Topics#REMINDERS}, which no platform service reads). Each service has a Kafka user named like itself
 * ({@link #FACILITY} …); the local broker (deploy/local) and the Strimzi {@code KafkaUser}s (deploy/k8s) grant exactly
 * this, so a service holding another's credentials still cannot publish where that one may not.
 */
public final class TopicOwners {

    public static final String FACILITY = "facility-service";
    public static final String INDICATOR = "indicator-service";
    public static final String TASK = "task-service";
    public static final String REPORTING = "reporting-service";

    /** reporting-service's consumer group (also the prefix of any other group id it uses). */
    public static final String CONSUMER_GROUP = REPORTING;
    /** reporting-service's default {@code cfc.reporting.dlq-topic}. */
    public static final String DEAD_LETTER_TOPIC = "cfc.reporting.dead-letter";

    /** The topics each producer service publishes to through its outbox relay. */
    public static final Map<String, List<String>> PRODUCED = producedBy();

    /** Every service user: the producers and the consumer. */
    public static final List<String> SERVICES = List.of(FACILITY, INDICATOR, TASK, REPORTING);

    private TopicOwners() {
    }

    private static Map<String, List<String>> producedBy() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(FACILITY, List.of(Topics.REGIONS, Topics.FACILITIES));
        m.put(INDICATOR, List.of(Topics.INDICATORS, Topics.TARGETS, Topics.OBSERVATIONS, Topics.APPROVALS,
                Topics.QUALITY_FINDINGS));
        m.put(TASK, List.of(Topics.PLANS, Topics.TASKS, Topics.MILESTONES, Topics.PROGRESS_REPORTS, Topics.UNITS));
        m.put(REPORTING, List.of(Topics.REMINDERS));
        return Collections.unmodifiableMap(m);
    }

    /** The one service that publishes {@code topic}. */
    public static String producerOf(String topic) {
        return PRODUCED.entrySet().stream().filter(e -> e.getValue().contains(topic)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no service publishes " + topic));
    }

    /** The state topics reporting-service reads: every topic the other services produce. */
    public static Set<String> consumed() {
        return PRODUCED.entrySet().stream().filter(e -> !e.getKey().equals(REPORTING))
                .flatMap(e -> e.getValue().stream()).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
