package cn.tongyou.common.discipline;

import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the guard answers for one write, and the problem a refused write gets, in both languages. */
class PeriodLockCheckTest {

    private static final Period H1 = Period.parse("2026H1");
    private static final LocalDate CLOSES = LocalDate.of(2026, 8, 15);

    @Test
    void anOpenPeriodNeedsNoException() {
        PeriodLockGuard.Check open = new PeriodLockGuard.Check(H1, null, CLOSES, false, null);
        assertThat(open.allowed()).isTrue();
        assertThat(open.underException()).isEmpty();
    }

    @Test
    void aClosedPeriodPassesOnlyUnderAnException() {
        LockException exception = new LockException(UUID.randomUUID(), "410182000000", "2026H1", null,
                Instant.parse("2026-12-10T00:00:00Z"), "fix", "zz-coordinator", Instant.parse("2026-12-03T00:00:00Z"),
                null, null, null, "live");
        PeriodLockGuard.Check covered = new PeriodLockGuard.Check(H1, "儿童与健康", CLOSES, true, exception);
        assertThat(covered.allowed()).isTrue();
        assertThat(covered.underException()).contains(exception);
        assertThat(new PeriodLockGuard.Check(H1, "儿童与健康", CLOSES, true, null).allowed()).isFalse();
    }

    @Test
    void aRefusedWriteIsA409PeriodLockedNamingPeriodDataSetAndDay() {
        ProblemException refused = PeriodLockGuard.locked(new PeriodLockGuard.Check(H1, "儿童与健康", CLOSES, true, null));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.type()).isEqualTo("https://tongyou.cn/problems/period-locked");
        assertThat(refused.title().english()).isEqualTo("Period locked");
        assertThat(refused.getMessage()).isEqualTo("entry for 2026H1 (儿童与健康) closed on 2026-08-15; ask a coordinator "
                + "of a higher level for an exception");
        assertThat(refused.detail().in(Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("2026H1（儿童与健康）已于 2026-08-15 截止填报；如需修改，请向上级协调人申请例外");
        assertThat(new PeriodLockGuard.Check(H1, null, CLOSES, true, null).refusal().english())
                .contains("(every data set)");
    }
}
