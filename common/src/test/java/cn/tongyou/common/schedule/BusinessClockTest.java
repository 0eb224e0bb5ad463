package cn.tongyou.common.schedule;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** cfc.schedule.today: the date moves to the chosen day, the time of day ticks on. */
class BusinessClockTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** A real clock that the test moves forward. */
    private static final class Ticking extends Clock {
        private Instant now;

        Ticking(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return BEIJING;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theDateMovesAndTheTimeOfDayTicks() {
        // 2026-12-03 05:11 UTC = 13:11 in Beijing
        Ticking real = new Ticking(Instant.parse("2026-12-03T05:11:00Z"));
        Clock business = BusinessClock.of(real, LocalDate.of(2027, 1, 20));
        assertThat(LocalDateTime.now(business)).isEqualTo(LocalDateTime.of(2027, 1, 20, 13, 11));
        assertThat(business.getZone()).isEqualTo(BEIJING);

        real.advance(Duration.ofHours(2));
        assertThat(LocalDateTime.now(business)).isEqualTo(LocalDateTime.of(2027, 1, 20, 15, 11));
        // past Beijing midnight the business date moves on by one day too
        real.advance(Duration.ofHours(9));
        assertThat(LocalDateTime.now(business)).isEqualTo(LocalDateTime.of(2027, 1, 21, 0, 11));
        // 48 days ahead of the real instant: 28 from 3 to 31 December, 20 into January
        assertThat(Duration.between(real.instant(), business.instant())).isEqualTo(Duration.ofDays(48));
    }

    @Test
    void aDayInThePastWorksTheSameWay() {
        Ticking real = new Ticking(Instant.parse("2026-12-03T15:59:59Z")); // 23:59:59 in Beijing
        Clock business = BusinessClock.of(real, LocalDate.of(2026, 8, 14));
        assertThat(LocalDateTime.now(business)).isEqualTo(LocalDateTime.of(2026, 8, 14, 23, 59, 59));
        real.advance(Duration.ofSeconds(1));
        assertThat(LocalDate.now(business)).isEqualTo(LocalDate.of(2026, 8, 15));
    }

    @Test
    void withoutADayTheRealClockIsUsed() {
        Ticking real = new Ticking(Instant.parse("2026-12-03T05:11:00Z"));
        assertThat(BusinessClock.of(real, null)).isSameAs(real);
        assertThat(BusinessClock.of(real, LocalDate.of(2026, 12, 3))).as("today is today").isSameAs(real);
    }
}
