package cn.tongyou.common.idempotency;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.ProblemException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link IdempotencyStore#once} and the caller-bound scope, over an in-memory table that behaves like the real one. */
class IdempotentCreateTest {

    record Created(String id, String name) {
    }

    /** The table: (scoped scope, key) → request hash and answer; a transaction that throws keeps nothing. */
    static final class InMemory extends IdempotencyStore {
        final Map<String, String> hashes = new HashMap<>();
        final Map<String, StoredResponse> answers = new HashMap<>();

        InMemory() {
            mapper = new ObjectMapper();
        }

        @Override
        public Optional<StoredResponse> claim(String scope, String subject, String key, String requestHash) {
            String id = scopeOf(scope, subject) + "/" + key;
            String earlier = hashes.putIfAbsent(id, requestHash);
            if (earlier == null) {
                return Optional.empty();
            }
            if (!earlier.equals(requestHash)) {
                throw ProblemException.unprocessable("idempotency-key-reused", Message.of("common.idempotency.title.reused"),
                        Message.of("common.idempotency.reused", id), List.of());
            }
            return Optional.of(answers.get(id));
        }

        @Override
        public void complete(String scope, String subject, String key, StoredResponse response) {
            answers.put(scopeOf(scope, subject) + "/" + key, response);
        }

        @Override
        StoredResponse stored(Response response) {
            return stored(response, mapper, "/");
        }

        /** once() in a transaction: when it throws, the claim rolls back. */
        Response tx(String subject, String key, String hash, java.util.function.Supplier<Response> work) {
            Map<String, String> before = new HashMap<>(hashes);
            try {
                return once("facility-create", subject, key, hash, work);
            } catch (RuntimeException e) {
                hashes.clear();
                hashes.putAll(before);
                throw e;
            }
        }
    }

    private final InMemory store = new InMemory();
    private final AtomicInteger created = new AtomicInteger();

    private Response create() {
        int n = created.incrementAndGet();
        return Response.created(URI.create("http://localhost:8080/api/v1/facilities/f" + n))
                .tag(new EntityTag("1")).entity(new Created("f" + n, "妇幼保健院")).build();
    }

    @Test
    void aRetryReplaysTheFirstAnswerWithoutCreatingAgain() {
        Response first = store.tx("alice", "k1", "h", this::create);
        Response retry = store.tx("alice", "k1", "h", this::create);
        assertThat(created).hasValue(1);
        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(retry.getStatus()).isEqualTo(201);
        assertThat(retry.getHeaderString(IdempotencyStore.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(retry.getEntity()).isEqualTo("{\"id\":\"f1\",\"name\":\"妇幼保健院\"}");
        assertThat(retry.getLocation()).hasToString("api/v1/facilities/f1");
        assertThat(retry.getHeaderString("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void theSameKeyOfAnotherSubjectIsAnotherKey() {
        store.tx("alice", "k1", "h", this::create);
        Response bob = store.tx("bob", "k1", "h", this::create);
        assertThat(created).hasValue(2);
        assertThat(bob.getHeaderString(IdempotencyStore.REPLAYED_HEADER)).isNull();
        assertThat(IdempotencyStore.scopeOf("facility-create", "alice")).isEqualTo("facility-create:alice");
        assertThat(IdempotencyStore.scopeOf("facility-create", null)).isEqualTo("facility-create:unknown");
    }

    @Test
    void aKeyReusedForAnotherBodyIs422() {
        store.tx("alice", "k1", "h", this::create);
        assertThatThrownBy(() -> store.tx("alice", "k1", "other", this::create))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThat(created).hasValue(1);
    }

    @Test
    void withoutAKeyEveryRequestCreates() {
        store.tx("alice", null, null, this::create);
        store.tx("alice", null, null, this::create);
        assertThat(created).hasValue(2);
        assertThat(store.hashes).isEmpty();
    }

    @Test
    void aFailedAttemptLeavesNoKeySoARetryCreates() {
        assertThatThrownBy(() -> store.tx("alice", "k1", "h", () -> {
            throw ProblemException.conflict("busy");
        })).isInstanceOf(ProblemException.class);
        Response retry = store.tx("alice", "k1", "h", this::create);
        assertThat(retry.getHeaderString(IdempotencyStore.REPLAYED_HEADER)).isNull();
        assertThat(created).hasValue(1);
    }

    @Test
    void locationIsKeptRelativeToTheBaseUri() {
        assertThat(IdempotencyStore.relative(URI.create("http://h:8080/api/v1/x/1?y=2"), "/")).isEqualTo("api/v1/x/1?y=2");
        assertThat(IdempotencyStore.relative(URI.create("http://h/root/api/v1/x"), "/root")).isEqualTo("api/v1/x");
        assertThat(IdempotencyStore.relative(URI.create("api/v1/x"), "/")).isEqualTo("api/v1/x");
        assertThat(IdempotencyStore.relative(null, "/")).isNull();
    }
}
