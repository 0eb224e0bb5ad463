package cn.tongyou.common.idempotency;

import cn.tongyou.common.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoredResponseTest {

    @Test
    void aReplayRepeatsStatusLocationAndETag() {
        Response replay = new IdempotencyStore.StoredResponse(201, "{\"id\":\"p1\"}", "http://localhost/api/v1/plans/p1", "\"1\"")
                .replay();
        assertThat(replay.getStatus()).isEqualTo(201);
        assertThat(replay.getHeaderString(IdempotencyStore.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(replay.getHeaderString("Location")).isEqualTo("http://localhost/api/v1/plans/p1");
        assertThat(replay.getHeaderString("ETag")).isEqualTo("\"1\"");
        assertThat(replay.getMediaType().toString()).isEqualTo("application/json");
        assertThat(replay.getEntity()).isEqualTo("{\"id\":\"p1\"}");
    }

    @Test
    void aReplayedErrorIsAProblem() {
        Response replay = IdempotencyStore.StoredResponse.of(422, "{\"status\":422}").replay();
        assertThat(replay.getStatus()).isEqualTo(422);
        assertThat(replay.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(replay.getHeaderString("Location")).isNull();
        assertThat(replay.getHeaderString("ETag")).isNull();
    }

    @Test
    void aKeyIsStrippedAndAnAbsentOneIsNull() {
        assertThat(IdempotencyStore.key(null)).isNull();
        assertThat(IdempotencyStore.key("  ")).isNull();
        assertThat(IdempotencyStore.key(" k-1 ")).isEqualTo("k-1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IdempotencyStore.key("x".repeat(201)))
                .hasMessageContaining("1 to 200");
    }
}
