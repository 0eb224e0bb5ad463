package cn.tongyou.indicator.domain.quality;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ModifiedZScoreTest {

    static List<BigDecimal> values(double... v) {
        return Arrays.stream(v).mapToObj(BigDecimal::valueOf).toList();
    }

    @Test
    void thirtyAfterTenToThirteenIsAnOutlier() {
        // history 10, 12, 11, 13, 12 → sorted 10, 11, 12, 12, 13: median 12
        // absolute deviations |10−12|=2, |12−12|=0, |11−12|=1, |13−12|=1, |12−12|=0 → sorted 0, 0, 1, 1, 2: MAD 1
        // M = 0.6745 · (30 − 12) / 1 = 0.6745 · 18 = 12.141 > 3.5
        ModifiedZScore.Score s = ModifiedZScore.score(values(10, 12, 11, 13, 12), BigDecimal.valueOf(30)).orElseThrow();
        assertThat(s.median()).isEqualTo(12.0);
        assertThat(s.deviation()).isEqualTo(1.0);
        assertThat(s.m()).isCloseTo(12.141, within(1e-9));
        assertThat(s.method()).isEqualTo("mad");
        assertThat(s.outlier()).isTrue();
    }

    @Test
    void fourteenIsWithinTheThreshold() {
        // M = 0.6745 · (14 − 12) / 1 = 1.349 ≤ 3.5; the cut-off is strict: 0.6745 · (x − 12) = 3.5 at x ≈ 17.19
        ModifiedZScore.Score s = ModifiedZScore.score(values(10, 12, 11, 13, 12), BigDecimal.valueOf(14)).orElseThrow();
        assertThat(s.m()).isCloseTo(1.349, within(1e-9));
        assertThat(s.outlier()).isFalse();
        assertThat(ModifiedZScore.score(values(10, 12, 11, 13, 12), BigDecimal.valueOf(5)).orElseThrow().m())
                .isCloseTo(-4.7215, within(1e-9)); // 0.6745 · (5 − 12) = −4.7215: low outliers too
    }

    @Test
    void fewerThanFiveEarlierValuesGiveNoScore() {
        assertThat(ModifiedZScore.score(values(10, 12, 11, 13), BigDecimal.valueOf(30))).isEmpty();
    }

    @Test
    void madZeroFallsBackToTheMeanAbsoluteDeviation() {
        // history 20, 20, 20, 20, 25: median 20; deviations 0, 0, 0, 0, 5 → MAD 0
        // MeanAD = 5 / 5 = 1; M = (26 − 20) / (1.253314 · 1) = 4.78727… > 3.5
        ModifiedZScore.Score s = ModifiedZScore.score(values(20, 20, 20, 20, 25), BigDecimal.valueOf(26)).orElseThrow();
        assertThat(s.method()).isEqualTo("mean-ad");
        assertThat(s.m()).isCloseTo(6 / 1.253314, within(1e-9));
        assertThat(s.outlier()).isTrue();
    }

    @Test
    void aHistoryThatNeverVariedGivesNoScore() {
        assertThat(ModifiedZScore.score(values(5, 5, 5, 5, 5), BigDecimal.valueOf(6))).isEmpty();
    }

    @Test
    void anEvenHistoryTakesTheMeanOfTheTwoMiddleValues() {
        // history 1, 2, 3, 4, 5, 6: median 3.5; deviations 2.5, 1.5, 0.5, 0.5, 1.5, 2.5 → sorted middle 1.5, 1.5: MAD 1.5
        // M = 0.6745 · (10 − 3.5) / 1.5 = 2.922833…
        ModifiedZScore.Score s = ModifiedZScore.score(values(1, 2, 3, 4, 5, 6), BigDecimal.valueOf(10)).orElseThrow();
        assertThat(s.median()).isEqualTo(3.5);
        assertThat(s.deviation()).isEqualTo(1.5);
        assertThat(s.m()).isCloseTo(0.6745 * 6.5 / 1.5, within(1e-12));
        assertThat(s.outlier()).isFalse();
    }
}
