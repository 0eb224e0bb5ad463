package cn.tongyou.system;

import cn.tongyou.local.ServiceProcess;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static cn.tongyou.system.Platform.FACILITY;
import static cn.tongyou.system.Platform.REPORTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * reporting-service scales by partitions (issue 5): a second instance joins consumer group {@code reporting-service},
 * the partitions of every topic are split between the two, each applies the events of its partitions into the one shared
 * schema, and both answer the same numbers — every event applied exactly once across the two. While both run, a
 * rebuild is refused (409 with the reason) by either: it would empty every projection but replay only its own
 * partitions (issue 12).
 */
@ExtendWith(ServiceLogsOnFailure.class)
class TwoReportingInstancesTest {

    static final String REGION = "410185";
    static final int VILLAGES = 30;
    static final int HOMES = 25;
    static final String SECOND = "reporting-service-2";
    private static final Pattern APPLIED = Pattern.compile(
            "^reporting_events_total\\{(?=[^}]*outcome=\"applied\")(?=[^}]*topic=\"cfc\\.facilities\")[^}]*} ([0-9.Ee+]+)$",
            Pattern.MULTILINE);

    @Test
    void twoInstancesShareThePartitionsAndAgree() {
        Platform platform = Platform.get();
        String coordinator = Http.coordinator(REGION);
        String township = Regions.importCounty(REGION).stream().filter(t -> t.equals("410185100")).findFirst().orElseThrow();
        List<String> villages = IntStream.rangeClosed(201, 200 + VILLAGES).mapToObj(i -> township + i).toList();
        StringBuilder csv = new StringBuilder("code,name,parentCode,urbanRuralCode\n");
        villages.forEach(v -> csv.append(v).append(",大金店第").append(v.substring(9)).append("村,").append(township).append(",220\n"));
        Regions.importGeneric(csv.toString());
        platform.awaitCaughtUp();
        // the relays create every topic with cfc.outbox.topic-partitions (6) partitions: room for more than one consumer
        assertThat(platform.partitions("cfc.regions")).isGreaterThanOrEqualTo(2);

        ServiceProcess first = platform.service(REPORTING);
        ServiceProcess second = platform.startReportingInstance(SECOND);
        try {
            Map<String, Map<String, Set<Integer>>> shares = awaitBothAssigned(platform, List.of("cfc.regions", "cfc.facilities"));
            double before = applied(first) + applied(second);

            StringBuilder homes = new StringBuilder("externalId,type,name,regionCode,lat,lng,status,openedOn,"
                    + "checklist.venue,checklist.equipment,checklist.rules,checklist.staff,checklist.funding\n");
            villages.subList(0, HOMES).forEach(v -> homes.append("df-").append(v).append(",children-home,大金店第")
                    .append(v.substring(9)).append("村儿童之家,").append(v).append(",34.45,113.05,open,2025-03-01,")
                    .append("true,true,true,true,true\n"));
            Http.csv(Http.integration(REGION), FACILITY, homes.toString()).post("/api/v1/facilities/import")
                    .then().statusCode(200).body("inserted", equalTo(HOMES));
            platform.awaitCaughtUp();

            double byFirst = applied(first);
            double bySecond = applied(second);
            assertThat(byFirst + bySecond - before).as("facility events applied by the two, " + shares)
                    .isEqualTo(HOMES);
            JsonPath one = compliance(first, coordinator);
            JsonPath two = compliance(second, coordinator);
            assertThat(one.getLong("facilities[0].eligible")).isEqualTo(VILLAGES);
            assertThat(one.getLong("facilities[0].covered")).isEqualTo(HOMES);
            assertThat(one.getList("facilities[0].uncovered.code")).containsExactlyElementsOf(villages.subList(HOMES, VILLAGES));
            assertThat(two.getMap("facilities[0]")).isEqualTo(one.getMap("facilities[0]"));
            assertThat(two.getMap("summary")).isEqualTo(one.getMap("summary"));

            // a rebuild would empty every projection but replay only the receiving instance's partitions: while the
            // other instance shares the group, both refuse it with 409 and the reason, and nothing is emptied
            for (ServiceProcess instance : List.of(first, second)) {
                RestAssured.given().baseUri(instance.baseUrl()).auth().oauth2(Http.admin())
                        .post("/api/v1/projections/rebuild").then().statusCode(409)
                        .contentType("application/problem+json")
                        .body("detail", containsString("group reporting-service"));
            }
            assertThat(compliance(first, coordinator).getMap("facilities[0]")).isEqualTo(one.getMap("facilities[0]"));
            // and only a nationwide admin may ask at all
            RestAssured.given().baseUri(first.baseUrl()).auth().oauth2(Http.coordinator(REGION))
                    .post("/api/v1/projections/rebuild").then().statusCode(403);
        } finally {
            long t0 = System.nanoTime();
            platform.stopReportingInstance(second, Duration.ofSeconds(60));
            System.out.printf("%s stopped in %d ms%n", SECOND, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
    }

    /**
     * Waits until the group is stable and, for each topic, both instances hold partitions and together hold all of
     * them once; returns instance → topic → partitions.
     */
    private static Map<String, Map<String, Set<Integer>>> awaitBothAssigned(Platform platform, List<String> topics) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription group = platform.describeGroup();
            Map<String, Map<String, Set<Integer>>> shares = new HashMap<>();
            Map<String, List<Integer>> all = new HashMap<>();
            for (MemberDescription m : group.members()) {
                String instance = m.clientId().startsWith(SECOND + ".") ? SECOND
                        : m.clientId().startsWith(REPORTING + ".") ? REPORTING : m.clientId();
                for (TopicPartition tp : m.assignment().topicPartitions()) {
                    shares.computeIfAbsent(instance, k -> new HashMap<>())
                            .computeIfAbsent(tp.topic(), k -> new HashSet<>()).add(tp.partition());
                    all.computeIfAbsent(tp.topic(), k -> new ArrayList<>()).add(tp.partition());
                }
            }
            last = group.groupState() + " " + shares;
            boolean ok = group.groupState() == GroupState.STABLE && shares.keySet().equals(Set.of(REPORTING, SECOND));
            for (String topic : topics) {
                if (!ok) {
                    break;
                }
                List<Integer> assigned = all.getOrDefault(topic, List.of());
                int partitions = platform.partitions(topic);
                ok = assigned.size() == partitions && new HashSet<>(assigned).size() == partitions
                        && shares.get(REPORTING).containsKey(topic) && shares.get(SECOND).containsKey(topic);
            }
            if (ok) {
                return shares;
            }
            Platform.sleep(500);
        }
        throw new AssertionError("the two instances never shared the partitions of " + topics + ": " + last);
    }

    /** The instance's count of facility events applied since it started ({@code reporting_events_total}). */
    private static double applied(ServiceProcess instance) {
        String metrics = RestAssured.given().baseUri(instance.baseUrl()).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        Matcher m = APPLIED.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static JsonPath compliance(ServiceProcess instance, String token) {
        return RestAssured.given().baseUri(instance.baseUrl()).auth().oauth2(token)
                .queryParam("region", REGION).queryParam("period", "2025")
                .get("/api/v1/compliance").then().statusCode(200).extract().jsonPath();
    }
}
