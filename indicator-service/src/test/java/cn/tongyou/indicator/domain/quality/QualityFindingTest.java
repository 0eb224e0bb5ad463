package cn.tongyou.indicator.domain.quality;

import cn.tongyou.common.period.Period;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The follow-up of a finding: open → resolved when the check passes, cleared by a coordinator, open again on new values. */
class QualityFindingTest {

    static final Instant T0 = Instant.parse("2026-07-01T08:00:00Z");
    static final UUID OBS = UUID.randomUUID();

    static QualityFinding.Detection detection(String value) {
        return new QualityFinding.Detection(ValidationRule.Kind.RULE, "r", "r", Importance.HIGH, true, "410182000000",
                Period.parse("2025H2"), List.of("a"), List.of(new QualityFinding.Value("a", "value", new BigDecimal(value), OBS)),
                "m " + new BigDecimal(value).stripTrailingZeros().toPlainString(), "m", null);
    }

    @Test
    void theSameViolationAgainChangesNothingAndANewValueMakesAVersion() {
        QualityFinding f = QualityFinding.open(UUID.randomUUID(), detection("5"), T0);
        assertThat(f.detectedAgain(detection("5.0"), T0.plusSeconds(60))).isEmpty();
        QualityFinding g = f.detectedAgain(detection("6"), T0.plusSeconds(60)).orElseThrow();
        assertThat(g.version()).isEqualTo(2);
        assertThat(g.detectedAt()).isEqualTo(T0);
    }

    @Test
    void aPassingCheckResolvesAndAViolationAfterwardsOpensAgain() {
        QualityFinding f = QualityFinding.open(UUID.randomUUID(), detection("5"), T0);
        QualityFinding resolved = f.passed(T0.plusSeconds(1)).orElseThrow();
        assertThat(resolved.status()).isEqualTo(QualityFinding.Status.RESOLVED);
        assertThat(resolved.passed(T0.plusSeconds(2))).isEmpty();
        QualityFinding reopened = resolved.detectedAgain(detection("5"), T0.plusSeconds(3)).orElseThrow();
        assertThat(reopened.status()).isEqualTo(QualityFinding.Status.OPEN);
        assertThat(reopened.version()).isEqualTo(3);
        assertThat(reopened.detectedAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void aClearedFindingStaysClearedForTheSameValuesAndOpensForOthers() {
        QualityFinding cleared = QualityFinding.open(UUID.randomUUID(), detection("5"), T0).clear("zz-coordinator", "属实", T0.plusSeconds(1));
        assertThat(cleared.status()).isEqualTo(QualityFinding.Status.CLEARED);
        assertThat(cleared.clearedBy()).isEqualTo("zz-coordinator");
        assertThat(cleared.detectedAgain(detection("5"), T0.plusSeconds(2))).isEmpty();
        assertThat(cleared.passed(T0.plusSeconds(2))).isEmpty();
        QualityFinding again = cleared.detectedAgain(detection("7"), T0.plusSeconds(3)).orElseThrow();
        assertThat(again.status()).isEqualTo(QualityFinding.Status.OPEN);
        assertThat(again.comment()).isNull();
        assertThatThrownBy(() -> cleared.clear("x", "again", T0)).isInstanceOf(QualityFinding.RefusedException.class);
    }
}
