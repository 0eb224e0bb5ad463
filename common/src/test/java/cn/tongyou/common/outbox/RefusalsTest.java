package cn.tongyou.common.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which refusals park a row, and how big an event is as the relay sends it. */
class RefusalsTest {

    @Test
    void refusalsThatCannotHealParkTheRow() {
        assertThat(OutboxRelay.cannotHeal(new RecordTooLargeException("too large"))).isTrue();
        assertThat(OutboxRelay.cannotHeal(new TopicAuthorizationException(Set.of("cfc.facilities")))).isTrue();
        assertThat(OutboxRelay.cannotHeal(new SerializationException("bad"))).isTrue();
        assertThat(OutboxRelay.cannotHeal(new InvalidRecordException("invalid"))).isTrue();
        // as a future reports it
        assertThat(OutboxRelay.cannotHeal(new ExecutionException(new RecordTooLargeException("too large")))).isTrue();
    }

    @Test
    void retriableFailuresAndFailuresOfTheWholeProducerNeverPark() {
        assertThat(OutboxRelay.cannotHeal(null)).isFalse();
        assertThat(OutboxRelay.cannotHeal(new TimeoutException("broker away"))).isFalse();
        assertThat(OutboxRelay.cannotHeal(new NotEnoughReplicasException("one replica"))).isFalse();
        assertThat(OutboxRelay.cannotHeal(new UnknownTopicOrPartitionException("not yet"))).isFalse();
        assertThat(OutboxRelay.cannotHeal(new ClusterAuthorizationException("no idempotent write"))).isFalse();
        assertThat(OutboxRelay.cannotHeal(new KafkaException("something"))).isFalse();
        assertThat(OutboxRelay.cannotHeal(new IllegalStateException("cannot create topic"))).isFalse();
    }

    @Test
    void theSizeCountsJsonbsSpacesAndTheHeaders() throws Exception {
        JsonNode data = new ObjectMapper().readTree("{\"a\":1,\"b\":[1,2,3],\"c\":{\"d\":\"儿童\"}}");
        String compact = data.toString();
        // jsonb's text form: {"a": 1, "b": [1, 2, 3], "c": {"d": "儿童"}}
        String jsonb = "{\"a\": 1, \"b\": [1, 2, 3], \"c\": {\"d\": \"儿童\"}}";
        assertThat(OutboxWriter.sentBytes(data, compact)).isEqualTo(jsonb.getBytes(StandardCharsets.UTF_8).length);

        OutboxRow row = new OutboxRow(1, UUID.randomUUID(), "cfc.facilities", "cfc.facility.changed.v1", "f-1", 3,
                compact, false, Instant.parse("2026-01-01T00:00:00Z"), "someone");
        int headers = KafkaEventPublisher.keyAndHeaderBytes(row, "/tongyou/facility-service");
        int expected = "f-1".length();
        for (var h : KafkaEventPublisher.headers(row, "/tongyou/facility-service")) {
            expected += h.key().length() + h.value().length;
        }
        assertThat(headers).isEqualTo(expected).isBetween(300, 600);
    }
}
