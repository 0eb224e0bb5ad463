package cn.tongyou.facility.domain;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HostRuleTest {

    @Test
    void floorAreaOrVisitorsAtTheThresholdOblige() {
        assertThat(HostRule.hostRequired(10_000.0, 0L)).isTrue();
        assertThat(HostRule.hostRequired(0.0, 10_000L)).isTrue();
        assertThat(HostRule.hostRequired(25_000.0, 30_000L)).isTrue();
    }

    @Test
    void belowBothThresholdsDoesNotOblige() {
        assertThat(HostRule.hostRequired(9_999.9, 9_999L)).isFalse();
        assertThat(HostRule.hostRequired(0.0, 0L)).isFalse();
    }

    @Test
    void oneFigureReachingItsThresholdIsEnoughEvenIfTheOtherIsUnknown() {
        assertThat(HostRule.hostRequired(12_000.0, null)).isTrue();
        assertThat(HostRule.hostRequired(null, 15_000L)).isTrue();
    }

    @Test
    void undecidedWhenAFigureIsUnknownAndTheOtherIsBelow() {
        assertThat(HostRule.hostRequired(5_000.0, null)).isNull();
        assertThat(HostRule.hostRequired(null, 500L)).isNull();
        assertThat(HostRule.hostRequired(null, null)).isNull();
    }

    @Test
    void readsTheFiguresFromAttributes() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("floorAreaM2", 8_000);
        attributes.put("dailyVisitors", 12_000L);
        attributes.put("category", "commercial-center");
        assertThat(HostRule.hostRequired(attributes)).isTrue();
        attributes.put("dailyVisitors", 3_000);
        assertThat(HostRule.hostRequired(attributes)).isFalse();
        attributes.put("dailyVisitors", "many");
        assertThat(HostRule.hostRequired(attributes)).isNull();
        assertThat(HostRule.hostRequired((Map<String, Object>) null)).isNull();
    }
}
