package cn.tongyou.common.bulk;

import cn.tongyou.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkParamsTest {

    @Test
    void onErrorIsTrimmedAndDefaultsToReject() {
        assertThat(OnError.parse(null)).isEqualTo(OnError.REJECT);
        assertThat(OnError.parse("  ")).isEqualTo(OnError.REJECT);
        assertThat(OnError.parse(" skip ")).isEqualTo(OnError.SKIP);
        assertThat(OnError.parse("reject")).isEqualTo(OnError.REJECT);
    }

    @Test
    void aBadOnErrorIsA400NamingTheParameter() {
        assertThatThrownBy(() -> OnError.parse("ignore")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.toProblem("/x").violations()).singleElement()
                    .satisfies(v -> assertThat(v.field()).isEqualTo("onError"));
            assertThat(e.getMessage()).contains("'ignore'");
        });
    }

    @Test
    void dryRunIsTrueOrFalseInAnyCase() {
        assertThat(BulkParams.parse(null, null)).isEqualTo(new BulkParams(false, OnError.REJECT));
        assertThat(BulkParams.parse(" TRUE ", "skip")).isEqualTo(new BulkParams(true, OnError.SKIP));
        assertThat(BulkParams.dryRun("false")).isFalse();
        assertThatThrownBy(() -> BulkParams.dryRun("yes")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.toProblem("/x").violations().get(0).field()).isEqualTo("dryRun");
        });
    }
}
