package cn.tongyou.common.kafka;

import cn.tongyou.common.events.Topics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicOwnersTest {

    @Test
    void everyTopicHasExactlyOneProducerAndIsReadByReporting() {
        List<String> produced = TopicOwners.PRODUCED.values().stream().flatMap(List::stream).toList();
        assertThat(produced).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(TopicOwners.consumed()).containsExactlyInAnyOrderElementsOf(
                Topics.ALL.stream().filter(t -> !t.equals(Topics.REMINDERS)).toList());
        assertThat(TopicOwners.producerOf(Topics.OBSERVATIONS)).isEqualTo(TopicOwners.INDICATOR);
        assertThat(TopicOwners.producerOf(Topics.APPROVALS)).isEqualTo(TopicOwners.INDICATOR);
        assertThat(TopicOwners.producerOf(Topics.QUALITY_FINDINGS)).isEqualTo(TopicOwners.INDICATOR);
        // reporting-service publishes only its reminders, which no platform service reads
        assertThat(TopicOwners.PRODUCED.get(TopicOwners.REPORTING)).containsExactly(Topics.REMINDERS);
        assertThat(TopicOwners.consumed()).doesNotContain(Topics.REMINDERS);
        assertThatThrownBy(() -> TopicOwners.producerOf(TopicOwners.DEAD_LETTER_TOPIC))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
