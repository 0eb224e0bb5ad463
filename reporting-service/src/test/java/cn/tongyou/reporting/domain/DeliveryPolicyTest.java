package cn.tongyou.reporting.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryPolicyTest {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Test
    void backoffDoublesFromThirtySecondsUpToTheCapAndTheEighthFailureIsDead() {
        DeliveryPolicy p = new DeliveryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(10), 8, null, BEIJING);
        assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(p.backoff(5)).isEqualTo(Duration.ofSeconds(480));
        assertThat(p.backoff(6)).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.backoff(60)).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.exhausted(7)).isFalse();
        assertThat(p.exhausted(8)).isTrue();
    }

    /** 22:00-08:00 Beijing time = 14:00-24:00 UTC: 23:30 Beijing (15:30Z) waits until 08:00 the next day (00:00Z). */
    @Test
    void quietHoursAcrossMidnightDeferToTheirEnd() {
        DeliveryPolicy p = new DeliveryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 8,
                DeliveryPolicy.QuietHours.parse("22:00-08:00"), BEIJING);
        assertThat(p.release(Instant.parse("2026-12-03T15:30:00Z"))).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
        // 02:00 Beijing on the 4th (18:00Z on the 3rd): the same morning's 08:00
        assertThat(p.release(Instant.parse("2026-12-03T18:00:00Z"))).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
        // 21:59 and 08:00 Beijing are outside
        assertThat(p.release(Instant.parse("2026-12-03T13:59:00Z"))).isEqualTo(Instant.parse("2026-12-03T13:59:00Z"));
        assertThat(p.release(Instant.parse("2026-12-04T00:00:00Z"))).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
        assertThat(p.quiet(Instant.parse("2026-12-03T14:00:00Z"))).isTrue();
        assertThat(p.quiet(Instant.parse("2026-12-03T13:59:59Z"))).isFalse();
    }

    @Test
    void quietHoursWithinADayAndNone() {
        DeliveryPolicy p = new DeliveryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 8,
                DeliveryPolicy.QuietHours.parse("12:00-14:00"), BEIJING);
        // 12:30 Beijing = 04:30Z → 14:00 Beijing = 06:00Z
        assertThat(p.release(Instant.parse("2026-12-03T04:30:00Z"))).isEqualTo(Instant.parse("2026-12-03T06:00:00Z"));
        assertThat(DeliveryPolicy.QuietHours.parse(null)).isNull();
        assertThat(DeliveryPolicy.QuietHours.parse(" ")).isNull();
        assertThatThrownBy(() -> DeliveryPolicy.QuietHours.parse("22:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryPolicy.QuietHours.parse("25:00-08:00")).isInstanceOf(IllegalArgumentException.class);
    }
}
