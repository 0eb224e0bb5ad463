package cn.tongyou.indicator.domain;

import cn.tongyou.common.indicator.IndicatorFixtures;
import cn.tongyou.common.period.Period;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static cn.tongyou.common.indicator.IndicatorFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** draft → submitted → approved; approved is locked until reopened; the approved value keeps counting. */
class ObservationWorkflowTest {

    static final Instant NOW = Instant.parse("2025-07-01T08:00:00Z");

    static ObservationRules.Checked value(String v) {
        return new ObservationRules.Checked(d(v), null, null, null);
    }

    static Observation draft() {
        return Observation.create(UUID.randomUUID(), "count", "410402000000", Period.parse("2025H1"), value("10"), "年报", null,
                ObservationStatus.DRAFT, "zhang", "区卫健局", null, NOW).observation();
    }

    @Test
    void theFullRoundLeavesOneVersionPerStep() {
        Observation o = draft();
        assertThat(o.version()).isEqualTo(1);
        Observation.Change corrected = o.correct(value("11"), "年报", null, "录入错误", ObservationStatus.DRAFT, "zhang", null, NOW);
        assertThat(corrected.observation().version()).isEqualTo(2);
        assertThat(corrected.revision().action()).isEqualTo("corrected");
        assertThat(corrected.revision().reason()).isEqualTo("录入错误");
        Observation submitted = corrected.observation().transition(ObservationStatus.Action.SUBMIT, null, "zhang", NOW).observation();
        Observation approved = submitted.transition(ObservationStatus.Action.APPROVE, null, "li", NOW).observation();
        assertThat(approved.status()).isEqualTo(ObservationStatus.APPROVED);
        assertThat(approved.approved().value()).isEqualByComparingTo("11");
        assertThat(approved.approved().version()).isEqualTo(4);
        assertThat(approved.approved().approvedBy()).isEqualTo("li");
    }

    @Test
    void anApprovedValueIsLockedUntilReopenedAndKeepsCountingMeanwhile() {
        Observation approved = draft().transition(ObservationStatus.Action.SUBMIT, null, "zhang", NOW).observation()
                .transition(ObservationStatus.Action.APPROVE, null, "li", NOW).observation();
        assertThatThrownBy(() -> approved.correct(value("12"), null, null, "x", ObservationStatus.DRAFT, "zhang", null, NOW))
                .isInstanceOf(Observation.RefusedException.class).hasMessageContaining("reopen");
        Observation reopened = approved.transition(ObservationStatus.Action.REOPEN, "复核", "li", NOW).observation();
        assertThat(reopened.status()).isEqualTo(ObservationStatus.DRAFT);
        Observation corrected = reopened.correct(value("12"), null, null, "复核后更正", ObservationStatus.DRAFT, "zhang", null, NOW).observation();
        assertThat(corrected.value()).isEqualByComparingTo("12");
        // until the correction is approved, the old approved value is the one that counts
        assertThat(corrected.approved().value()).isEqualByComparingTo("10");
    }

    @Test
    void stepsOutOfOrderAreRefusedWithAReason() {
        Observation o = draft();
        assertThatThrownBy(() -> o.transition(ObservationStatus.Action.APPROVE, null, "li", NOW))
                .isInstanceOf(Observation.RefusedException.class).hasMessageContaining("submit it first");
        assertThatThrownBy(() -> o.transition(ObservationStatus.Action.REOPEN, "x", "li", NOW)).isInstanceOf(Observation.RefusedException.class);
        Observation submitted = o.transition(ObservationStatus.Action.SUBMIT, null, "zhang", NOW).observation();
        assertThatThrownBy(() -> submitted.transition(ObservationStatus.Action.SUBMIT, null, "zhang", NOW)).isInstanceOf(Observation.RefusedException.class);
        Observation returned = submitted.transition(ObservationStatus.Action.RETURN, "分母有误", "li", NOW).observation();
        assertThat(returned.status()).isEqualTo(ObservationStatus.DRAFT);
        // correcting a submitted value sends it back to draft
        Observation corrected = submitted.correct(value("9"), null, null, "x", null, "zhang", null, NOW).observation();
        assertThat(corrected.status()).isEqualTo(ObservationStatus.DRAFT);
    }
}
