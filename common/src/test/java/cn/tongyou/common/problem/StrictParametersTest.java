package cn.tongyou.common.problem;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Typed parameters read strictly; a wrong value is a 400 problem naming the parameter. */
class StrictParametersTest {

    @QueryParam("includeClosed")
    boolean includeClosed;

    @QueryParam("page")
    int page;

    static Annotation[] annotationsOf(String field) throws NoSuchFieldException {
        return StrictParametersTest.class.getDeclaredField(field).getAnnotations();
    }

    static ProblemException problemOf(ParamConverter<?> converter, String raw) {
        try {
            converter.fromString(raw);
        } catch (BadRequestException e) {
            return (ProblemException) e.getCause();
        }
        throw new AssertionError(raw + " was accepted");
    }

    @Test
    void booleansAreTrueOrFalseInAnyCase() throws Exception {
        ParamConverter<Boolean> bool = new StrictParameters().getConverter(boolean.class, boolean.class, annotationsOf("includeClosed"));
        assertThat(bool.fromString("true")).isTrue();
        assertThat(bool.fromString("FALSE")).isFalse();
        assertThat(bool.fromString(" True ")).isTrue();
        for (String word : new String[]{"maybe", "1", "0", "yes", "no", "on", "t"}) {
            Problem problem = problemOf(bool, word).toProblem("/x");
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.type()).isEqualTo(Problem.TYPE_BASE + "validation");
            assertThat(problem.violations()).containsExactly(
                    Problem.Violation.field("includeClosed", "'" + word + "' is not a boolean; use true or false"));
        }
    }

    @Test
    void wholeNumbersWithinTheirType() throws Exception {
        ParamConverter<Integer> integer = new StrictParameters().getConverter(int.class, int.class, annotationsOf("page"));
        assertThat(integer.fromString("42")).isEqualTo(42);
        assertThat(integer.fromString("-7")).isEqualTo(-7);
        assertThat(problemOf(integer, "abc").getMessage()).isEqualTo("page: 'abc' is not a whole number");
        assertThat(problemOf(integer, "1.5").getMessage()).isEqualTo("page: '1.5' is not a whole number");
        assertThat(problemOf(integer, "2147483648").getMessage()).isEqualTo("page: '2147483648' is out of range for this parameter");
        ParamConverter<Long> along = new StrictParameters().getConverter(Long.class, Long.class, annotationsOf("page"));
        assertThat(along.fromString("2147483648")).isEqualTo(2147483648L);
        assertThat(problemOf(along, "99999999999999999999").getMessage()).contains("out of range");
    }

    @Test
    void datesAreIso() throws Exception {
        ParamConverter<LocalDate> date = new StrictParameters().getConverter(LocalDate.class, LocalDate.class, annotationsOf("page"));
        assertThat(date.fromString("2025-06-30")).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(problemOf(date, "2025-02-30").getMessage()).isEqualTo("page: '2025-02-30' is not a date; use ISO 8601, e.g. 2025-06-30");
    }

    @Test
    void otherTypesAreLeftToQuarkus() {
        assertThat(new StrictParameters().getConverter(String.class, String.class, new Annotation[0])).isNull();
    }

    @Test
    void everyTextHasItsOwnKeyAndFormats() {
        Set<String> keys = new HashSet<>();
        Arrays.stream(ProblemText.values()).forEach(t -> {
            assertThat(keys.add(t.key())).as(t.key()).isTrue();
            assertThat(t.message("x", "y").english()).doesNotContain("{0}", "{1}");
        });
        assertThat(ProblemText.TOKEN_BAD_SIGNATURE.message().english()).startsWith("the token's signature");
        // a long value is echoed shortened
        assertThat(ProblemText.NOT_A_WHOLE_NUMBER.message("a".repeat(100)).english()).isEqualTo("'" + "a".repeat(64) + "…' is not a whole number");
    }
}
