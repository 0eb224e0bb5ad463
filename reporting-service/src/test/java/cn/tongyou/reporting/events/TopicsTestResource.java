package cn.tongyou.reporting.events;

import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.reporting.domain.EventDecoder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creates the consumed topics as the producers' relays do (compacted, 6 partitions) before the service subscribes. */
public class TopicsTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String bootstrap = PlatformTestResource.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (EventDecoder.TopicSpec t : EventDecoder.TOPICS) {
                if (!existing.contains(t.topic())) {
                    missing.add(new NewTopic(t.topic(), 6, (short) 1).configs(Map.of("cleanup.policy", "compact")));
                }
            }
            if (!existing.contains("cfc.reporting.dead-letter")) {
                missing.add(new NewTopic("cfc.reporting.dead-letter", 1, (short) 1));
            }
            admin.createTopics(missing).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create the topics", e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
