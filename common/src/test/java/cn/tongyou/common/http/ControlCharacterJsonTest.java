package cn.tongyou.common.http;

import cn.tongyou.common.config.StrictJsonCustomizer;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.ProblemMappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Jackson check as the services' ObjectMapper has it, and the problem ProblemMappers makes of it. */
class ControlCharacterJsonTest {

    record Milestone(String title, List<String> tags) {
    }

    record Task(String name, List<Milestone> milestones, Map<String, String> labels) {
    }

    public static class Bean {
        public String text;
    }

    private final ObjectMapper mapper = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJsonCustomizer().customize(mapper);
        new ControlCharacterJson().customize(mapper);
        return mapper;
    }

    private ProblemException problem(String json, Class<?> type) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> mapper.readValue(json, type));
        assertThat(e).as("refused: %s", json).isNotNull();
        return ProblemMappers.jsonProblem(e);
    }

    @Test
    void ordinaryTextIsRead() throws Exception {
        Task task = mapper.readValue("{\"name\":\"妇女\\t儿童\\r\\n发展\",\"milestones\":[{\"title\":\"t\",\"tags\":[\"a\"]}],"
                + "\"labels\":{\"k\":\"v\"}}", Task.class);
        assertThat(task.name()).isEqualTo("妇女\t儿童\r\n发展");
        assertThat(task.milestones().get(0).tags()).containsExactly("a");
    }

    @Test
    void aNulInAFieldIsA400NamingTheField() {
        ProblemException p = problem("{\"name\":\"a\\u0000b\"}", Task.class);
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.type()).isEqualTo(ControlCharacters.TYPE);
        assertThat(p.getMessage()).startsWith("name: contains the control character U+0000 at position 2");
        assertThat(p.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("name"));

        ProblemException bean = problem("{\"text\":\"\\u0007\"}", Bean.class);
        assertThat(bean.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("text"));
    }

    @Test
    void nestedValuesAndListElementsAreNamedByTheirPath() {
        ProblemException nested = problem("{\"name\":\"n\",\"milestones\":[{\"title\":\"ok\"},{\"title\":\"x\\u001f\"}]}", Task.class);
        assertThat(nested.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("milestones[1].title"));

        ProblemException element = problem("{\"milestones\":[{\"tags\":[\"a\",\"\\u007f\"]}]}", Task.class);
        assertThat(element.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("milestones[0].tags[1]"));

        ProblemException value = problem("{\"labels\":{\"k\":\"\\u0000\"}}", Task.class);
        assertThat(value.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("labels.k"));

        ProblemException key = problem("{\"labels\":{\"\\u0000\":\"v\"}}", Task.class);
        assertThat(key.type()).isEqualTo(ControlCharacters.TYPE);
        assertThat(key.violations()).singleElement().satisfies(v -> assertThat(v.field()).startsWith("labels"));
    }

    @Test
    void theStrictCoercionsStillApply() {
        ProblemException p = problem("{\"name\":1}", Task.class);
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.type()).isNotEqualTo(ControlCharacters.TYPE);
    }

    @Test
    void aBodyTooLargeWhileReadStaysA413() {
        String big = "{\"name\":\"" + "x".repeat(10_000) + "\"}";
        LimitedInputStream in = new LimitedInputStream(new java.io.ByteArrayInputStream(big.getBytes()), 100,
                () -> new BodySizeLimitFilter.Limit(100, false, null).exceeded());
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> mapper.readValue(in, Task.class));
        ProblemException p = thrown instanceof JsonProcessingException json ? ProblemMappers.jsonProblem(json)
                : (ProblemException) thrown;
        assertThat(p.status()).isEqualTo(413);
        assertThat(p.type()).isEqualTo(BodySizeLimitFilter.TYPE);
    }
}
