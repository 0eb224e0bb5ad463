package cn.tongyou.common.problem;

import cn.tongyou.common.i18n.Message;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issues and bad parameters as 400 problems that name each field. */
class InvalidFieldsTest {

    @Test
    void theDetailListsTheFirstFiveAndCountsTheRest() {
        List<Issue> issues = IntStream.rangeClosed(1, 7).mapToObj(i -> new Issue("f" + i, Message.verbatim("wrong " + i))).toList();
        Problem problem = ProblemException.invalidIssues(issues).toProblem("/x");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).isEqualTo("f1: wrong 1; f2: wrong 2; f3: wrong 3; f4: wrong 4; f5: wrong 5; and 2 more");
        assertThat(problem.violations()).hasSize(7).first().isEqualTo(Problem.Violation.field("f1", "wrong 1"));
    }

    @Test
    void anIssueWithoutFieldConcernsTheWholeInput() {
        Problem problem = ProblemException.invalidIssues(List.of(new Issue(null, Message.verbatim("is empty")))).toProblem("/x");
        assertThat(problem.detail()).isEqualTo("is empty");
        assertThat(problem.violations()).containsExactly(Problem.Violation.field("$", "is empty"));
        assertThat(new Issue(null, Message.verbatim("m")).prefixed("tasks[2]")).isEqualTo(new Issue("tasks[2]", Message.verbatim("m")));
        assertThat(new Issue("value", Message.verbatim("m")).prefixed("tasks[2]")).isEqualTo(new Issue("tasks[2].value", Message.verbatim("m")));
    }

    @Test
    void noIssueNoProblem() {
        ProblemException.throwIfAny(List.of());
        assertThatThrownBy(() -> ProblemException.throwIfAny(List.of(new Issue("a", Message.verbatim("b"))))).isInstanceOf(ProblemException.class);
    }

    @Test
    void parametersAreParsedOrNamedInA400() {
        assertThat(RequestParameters.region("region", "410182").value()).startsWith("410182");
        assertThat(RequestParameters.period("period", "2025h1")).hasToString("2025H1");
        UUID id = UUID.randomUUID();
        assertThat(RequestParameters.uuid("id", " " + id + " ", "a plan")).isEqualTo(id);

        assertThat(violation(() -> RequestParameters.region("scope", "41x")).field()).isEqualTo("scope");
        assertThat(violation(() -> RequestParameters.requiredRegion("region", " "))).isEqualTo(Problem.Violation.field("region", "is required"));
        assertThat(violation(() -> RequestParameters.period("period", "2025Q1")).field()).isEqualTo("period");
        assertThat(violation(() -> RequestParameters.uuid("id", "x", "a plan")))
                .isEqualTo(Problem.Violation.field("id", "'x' is not a plan id (UUID)"));
    }

    private static Problem.Violation violation(Runnable parse) {
        try {
            parse.run();
        } catch (ProblemException e) {
            Problem problem = e.toProblem("/x");
            assertThat(problem.status()).isEqualTo(400);
            return problem.violations().get(0);
        }
        throw new AssertionError("no problem");
    }
}
