package cn.tongyou.indicator.domain;

import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The approval state machine: every allowed and refused step, four eyes, levels. */
class ApprovalTest {

    static final RegionCode XINGYANG = RegionCode.parse("410182");
    static final RegionCode ZHENGZHOU = RegionCode.parse("410100");
    static final Period H2 = Period.parse("2026H2");
    static final Instant T = Instant.parse("2027-01-10T08:00:00Z");

    static final Approval.Actor COUNTY = new Approval.Actor("xy-coordinator", RegionLevel.COUNTY);
    static final Approval.Actor COUNTY_2 = new Approval.Actor("xy-coordinator-2", RegionLevel.COUNTY);
    static final Approval.Actor CITY = new Approval.Actor("zz-coordinator", RegionLevel.PREFECTURE);
    static final Approval.Actor PROVINCE = new Approval.Actor("ha-coordinator", RegionLevel.PROVINCE);
    static final Approval.Actor NATION = new Approval.Actor("cn-admin", null);
    static final Approval.Actor TOWNSHIP = new Approval.Actor("town-coordinator", RegionLevel.TOWNSHIP);

    static Approval open() {
        return Approval.open(XINGYANG, H2, RegionLevel.PREFECTURE);
    }

    static Approval submitted() {
        return open().submit(COUNTY, null, T);
    }

    static Approval accepted() {
        return submitted().accept(CITY, "审核通过", true, T);
    }

    static Approval.Refusal refusal(Runnable step) {
        try {
            step.run();
        } catch (Approval.RefusedException e) {
            return e.refusal();
        }
        throw new AssertionError("the step was not refused");
    }

    @Test
    void aRoundGoesUpAndComesBackWithEveryStepKept() {
        UUID value = UUID.randomUUID();
        Approval returned = submitted().giveBack(CITY, " 请核实儿童之家数量 ", List.of(value, value), true, T.plusSeconds(60));
        assertThat(returned.status()).isEqualTo(ApprovalStatus.RETURNED);
        assertThat(returned.version()).isEqualTo(2);
        Approval.Step back = returned.history().get(1);
        assertThat(back.action()).isEqualTo(Approval.Action.RETURNED);
        assertThat(back.level()).isEqualTo(RegionLevel.PREFECTURE);
        assertThat(back.comment()).isEqualTo("请核实儿童之家数量");
        assertThat(back.observations()).containsExactly(value);

        Approval again = returned.submit(COUNTY, null, T.plusSeconds(120));
        Approval accepted = again.accept(CITY, null, true, T.plusSeconds(180));
        assertThat(accepted.status()).isEqualTo(ApprovalStatus.ACCEPTED);
        assertThat(accepted.version()).isEqualTo(4);
        assertThat(accepted.updatedBy()).isEqualTo("zz-coordinator");
        assertThat(accepted.history()).extracting(Approval.Step::action).containsExactly(Approval.Action.SUBMITTED,
                Approval.Action.RETURNED, Approval.Action.SUBMITTED, Approval.Action.ACCEPTED);

        Approval reopened = accepted.reopen(PROVINCE, "省级抽查发现问题", T.plusSeconds(240));
        assertThat(reopened.status()).isEqualTo(ApprovalStatus.OPEN);
        assertThat(reopened.version()).isEqualTo(5);
        assertThat(reopened.submit(COUNTY, null, T).status()).isEqualTo(ApprovalStatus.SUBMITTED);
    }

    @Test
    void onlyTheStepsOfTheCurrentStatusArePossible() {
        Approval open = open();
        assertThat(refusal(() -> open.accept(CITY, null, true, T))).isEqualTo(Approval.Refusal.STATE);
        assertThat(refusal(() -> open.giveBack(CITY, "x", List.of(), true, T))).isEqualTo(Approval.Refusal.STATE);
        assertThat(refusal(() -> open.reopen(CITY, "x", T))).isEqualTo(Approval.Refusal.STATE);
        Approval submitted = submitted();
        assertThat(refusal(() -> submitted.submit(COUNTY, null, T))).isEqualTo(Approval.Refusal.STATE);
        assertThat(refusal(() -> submitted.reopen(CITY, "x", T))).isEqualTo(Approval.Refusal.STATE);
        Approval returned = submitted.giveBack(CITY, "x", List.of(), true, T);
        assertThat(refusal(() -> returned.accept(CITY, null, true, T))).isEqualTo(Approval.Refusal.STATE);
        assertThat(refusal(() -> returned.giveBack(CITY, "x", List.of(), true, T))).isEqualTo(Approval.Refusal.STATE);
        assertThat(refusal(() -> returned.reopen(CITY, "x", T))).isEqualTo(Approval.Refusal.STATE);
        Approval accepted = accepted();
        assertThat(refusal(() -> accepted.submit(COUNTY, null, T))).isEqualTo(Approval.Refusal.STATE);
        assertThat(refusal(() -> accepted.accept(PROVINCE, null, true, T))).isEqualTo(Approval.Refusal.STATE);
        assertThat(refusal(() -> accepted.giveBack(CITY, "x", List.of(), true, T))).isEqualTo(Approval.Refusal.STATE);
        assertThat(accepted.reopenedByCorrection(COUNTY, "更正：来源核实", T).status()).isEqualTo(ApprovalStatus.OPEN);
        assertThat(refusal(() -> submitted.reopenedByCorrection(COUNTY, "x", T))).isEqualTo(Approval.Refusal.STATE);
    }

    @Test
    void theLevelAboveAcceptsReturnsAndReopensNotTheRegionItselfNorALowerOne() {
        Approval submitted = submitted();
        assertThat(refusal(() -> submitted.accept(COUNTY_2, null, true, T))).isEqualTo(Approval.Refusal.LEVEL);
        assertThat(refusal(() -> submitted.accept(TOWNSHIP, null, true, T))).isEqualTo(Approval.Refusal.LEVEL);
        assertThat(refusal(() -> submitted.giveBack(COUNTY_2, "x", List.of(), true, T))).isEqualTo(Approval.Refusal.LEVEL);
        assertThat(refusal(() -> accepted().reopen(COUNTY_2, "x", T))).isEqualTo(Approval.Refusal.LEVEL);
        // a higher level than the acceptor may act for it
        assertThat(submitted.accept(PROVINCE, null, true, T).status()).isEqualTo(ApprovalStatus.ACCEPTED);
        assertThat(submitted.accept(NATION, null, true, T).status()).isEqualTo(ApprovalStatus.ACCEPTED);
        // a township coordinator cannot submit for its county
        assertThat(refusal(() -> open().submit(TOWNSHIP, null, T))).isEqualTo(Approval.Refusal.LEVEL);
        assertThat(open().submit(CITY, null, T).status()).isEqualTo(ApprovalStatus.SUBMITTED);
    }

    @Test
    void theTopOfTheChainIsAcceptedNationwideOnly() {
        Approval henan = Approval.open(RegionCode.parse("410000"), H2, null).submit(PROVINCE, null, T);
        assertThat(refusal(() -> henan.accept(new Approval.Actor("other-province", RegionLevel.PROVINCE), null, true, T)))
                .isEqualTo(Approval.Refusal.LEVEL);
        assertThat(henan.accept(NATION, null, true, T).acceptorLevel()).isNull();
        Approval zhengzhou = Approval.open(ZHENGZHOU, H2, RegionLevel.PROVINCE).submit(CITY, null, T);
        assertThat(refusal(() -> zhengzhou.accept(new Approval.Actor("zz-2", RegionLevel.PREFECTURE), null, true, T)))
                .isEqualTo(Approval.Refusal.LEVEL);
        assertThat(zhengzhou.accept(PROVINCE, null, true, T).status()).isEqualTo(ApprovalStatus.ACCEPTED);
    }

    @Test
    void fourEyesKeepTheSubmitterFromAcceptingOrReturningTheirOwnRound() {
        Approval byCity = open().submit(CITY, null, T);
        assertThat(refusal(() -> byCity.accept(CITY, null, true, T))).isEqualTo(Approval.Refusal.FOUR_EYES);
        assertThat(refusal(() -> byCity.giveBack(CITY, "x", List.of(), true, T))).isEqualTo(Approval.Refusal.FOUR_EYES);
        assertThat(byCity.accept(CITY, null, false, T).status()).isEqualTo(ApprovalStatus.ACCEPTED);
        assertThat(byCity.accept(new Approval.Actor("zz-coordinator-2", RegionLevel.PREFECTURE), null, true, T).status())
                .isEqualTo(ApprovalStatus.ACCEPTED);
        assertThat(byCity.submitter()).isEqualTo("zz-coordinator");
    }

    @Test
    void returnAndReopenNeedACommentAndNoCommentIsLongerThan2000() {
        assertThat(refusal(() -> submitted().giveBack(CITY, null, List.of(), true, T))).isEqualTo(Approval.Refusal.COMMENT);
        assertThat(refusal(() -> submitted().giveBack(CITY, "  ", List.of(), true, T))).isEqualTo(Approval.Refusal.COMMENT);
        assertThat(refusal(() -> accepted().reopen(CITY, null, T))).isEqualTo(Approval.Refusal.COMMENT);
        assertThat(refusal(() -> accepted().reopenedByCorrection(COUNTY, "", T))).isEqualTo(Approval.Refusal.COMMENT);
        String tooLong = "审".repeat(Approval.MAX_COMMENT + 1);
        assertThat(refusal(() -> open().submit(COUNTY, tooLong, T))).isEqualTo(Approval.Refusal.COMMENT);
        assertThat(submitted().accept(CITY, "审".repeat(Approval.MAX_COMMENT), true, T).history().get(1).comment())
                .hasSize(Approval.MAX_COMMENT);
    }

    @Test
    void onlySubmittedAndAcceptedLock() {
        assertThat(ApprovalStatus.OPEN.locks()).isFalse();
        assertThat(ApprovalStatus.RETURNED.locks()).isFalse();
        assertThat(ApprovalStatus.SUBMITTED.locks()).isTrue();
        assertThat(ApprovalStatus.ACCEPTED.locks()).isTrue();
        assertThatThrownBy(() -> ApprovalStatus.ofCode("approved")).isInstanceOf(RuntimeException.class);
    }
}
