package cn.tongyou.local;

import cn.tongyou.common.kafka.TopicOwners;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The ACL table of the secure local broker, as docs/design.md §9.6 and the issue-13 conventions state it. */
class DevKafkaSecurityTest {

    private static final List<AclBinding> ACLS = DevKafkaSecurity.acls();

    @Test
    void onlyAllowsAndNeverForEveryone() {
        assertThat(ACLS).allSatisfy(acl -> {
            assertThat(acl.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
            assertThat(acl.entry().principal()).isNotEqualTo("User:*").startsWith("User:");
        });
        assertThat(ACLS.stream().map(acl -> acl.entry().principal().substring("User:".length())))
                .doesNotContain(DevKafkaSecurity.ADMIN).allMatch(TopicOwners.SERVICES::contains);
    }

    @Test
    void aProducerCreatesDescribesAndWritesItsOwnTopicsOnly() {
        assertThat(grants(TopicOwners.FACILITY)).containsExactlyInAnyOrder(
                "TOPIC:cfc.regions:LITERAL:CREATE", "TOPIC:cfc.regions:LITERAL:DESCRIBE", "TOPIC:cfc.regions:LITERAL:WRITE",
                "TOPIC:cfc.facilities:LITERAL:CREATE", "TOPIC:cfc.facilities:LITERAL:DESCRIBE",
                "TOPIC:cfc.facilities:LITERAL:WRITE");
        assertThat(grants(TopicOwners.INDICATOR)).contains("TOPIC:cfc.approvals:LITERAL:WRITE",
                "TOPIC:cfc.quality-findings:LITERAL:WRITE");
        for (String producer : TopicOwners.PRODUCED.keySet()) {
            if (producer.equals(TopicOwners.REPORTING)) {
                continue;
            }
            assertThat(grants(producer)).hasSize(3 * TopicOwners.PRODUCED.get(producer).size())
                    .noneMatch(g -> g.endsWith(":READ") || g.startsWith("GROUP:") || g.contains("dead-letter"));
        }
    }

    @Test
    void reportingPublishesItsRemindersAndReadsThemNot() {
        assertThat(grants(TopicOwners.REPORTING)).contains("TOPIC:cfc.reminders:LITERAL:CREATE",
                        "TOPIC:cfc.reminders:LITERAL:DESCRIBE", "TOPIC:cfc.reminders:LITERAL:WRITE")
                .doesNotContain("TOPIC:cfc.reminders:LITERAL:READ");
        assertThat(TopicOwners.consumed()).doesNotContain("cfc.reminders").contains("cfc.approvals", "cfc.quality-findings");
    }

    @Test
    void reportingReadsEveryStateTopicInItsGroupAndWritesOnlyTheDeadLettersAndReminders() {
        Set<String> reporting = grants(TopicOwners.REPORTING);
        for (String topic : TopicOwners.consumed()) {
            assertThat(reporting).contains("TOPIC:" + topic + ":LITERAL:READ", "TOPIC:" + topic + ":LITERAL:DESCRIBE")
                    .doesNotContain("TOPIC:" + topic + ":LITERAL:WRITE", "TOPIC:" + topic + ":LITERAL:CREATE");
        }
        assertThat(reporting).contains("GROUP:reporting-service:" + PatternType.PREFIXED + ":READ",
                "TOPIC:cfc.reporting.dead-letter:LITERAL:WRITE", "TOPIC:cfc.reporting.dead-letter:LITERAL:CREATE",
                "TOPIC:cfc.reporting.dead-letter:LITERAL:DESCRIBE");
        assertThat(reporting.stream().filter(g -> g.endsWith(":WRITE"))).containsExactlyInAnyOrder(
                "TOPIC:cfc.reporting.dead-letter:LITERAL:WRITE", "TOPIC:cfc.reminders:LITERAL:WRITE");
        assertThat(reporting.stream().filter(g -> !g.startsWith(ResourceType.TOPIC + ":")))
                .containsExactly("GROUP:reporting-service:PREFIXED:READ");
    }

    private static Set<String> grants(String service) {
        return ACLS.stream().filter(acl -> acl.entry().principal().equals("User:" + service))
                .map(acl -> acl.pattern().resourceType() + ":" + acl.pattern().name() + ":" + acl.pattern().patternType()
                        + ":" + acl.entry().operation())
                .collect(Collectors.toSet());
    }
}
