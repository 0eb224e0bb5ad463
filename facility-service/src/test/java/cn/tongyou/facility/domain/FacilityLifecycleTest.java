package cn.tongyou.facility.domain;

import cn.tongyou.common.i18n.Message;
import org.junit.jupiter.api.Test;

import cn.tongyou.common.i18n.Message;
import java.util.EnumSet;
import cn.tongyou.common.i18n.Message;
import java.util.Set;

import cn.tongyou.common.i18n.Message;
import static cn.tongyou.facility.domain.FacilityStatus.CLOSED;
import cn.tongyou.common.i18n.Message;
import static cn.tongyou.facility.domain.FacilityStatus.OPEN;
import cn.tongyou.common.i18n.Message;
import static cn.tongyou.facility.domain.FacilityStatus.PLANNED;
import cn.tongyou.common.i18n.Message;
import static cn.tongyou.facility.domain.FacilityStatus.SUSPENDED;
import cn.tongyou.common.i18n.Message;
import static cn.tongyou.facility.domain.FacilityStatus.UNDER_CONSTRUCTION;
import cn.tongyou.common.i18n.Message;
import static org.assertj.core.api.Assertions.assertThat;

class FacilityLifecycleTest {

    @Test
    void everyAllowedTransitionAndNoOther() {
        assertThat(FacilityLifecycle.next(PLANNED)).containsExactlyInAnyOrder(UNDER_CONSTRUCTION, OPEN, CLOSED);
        assertThat(FacilityLifecycle.next(UNDER_CONSTRUCTION)).containsExactlyInAnyOrder(OPEN, SUSPENDED, CLOSED);
        assertThat(FacilityLifecycle.next(OPEN)).containsExactlyInAnyOrder(SUSPENDED, CLOSED);
        assertThat(FacilityLifecycle.next(SUSPENDED)).containsExactlyInAnyOrder(OPEN, CLOSED);
        assertThat(FacilityLifecycle.next(CLOSED)).isEmpty();

        int allowed = 0;
        for (FacilityStatus from : FacilityStatus.values()) {
            for (FacilityStatus to : FacilityStatus.values()) {
                boolean expected = FacilityLifecycle.next(from).contains(to);
                assertThat(FacilityLifecycle.allows(from, to)).as(from + " → " + to).isEqualTo(expected);
                assertThat(FacilityLifecycle.refusal(from, to).isEmpty()).as(from + " → " + to).isEqualTo(expected || from == to);
                allowed += expected ? 1 : 0;
            }
        }
        assertThat(allowed).isEqualTo(10);
    }

    @Test
    void aClosedFacilityIsNeverReopened() {
        assertThat(FacilityLifecycle.refusal(CLOSED, OPEN).map(Message::english)).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("a closed facility cannot be reopened"));
        assertThat(FacilityLifecycle.refusal(CLOSED, PLANNED).map(Message::english)).hasValueSatisfying(reason ->
                assertThat(reason).contains("cannot be moved to planned"));
    }

    @Test
    void aRefusalNamesWhereTheFacilityMayGo() {
        assertThat(FacilityLifecycle.refusal(OPEN, PLANNED).map(Message::english)).hasValue(
                "a facility cannot go from open to planned; from open it may go to suspended, closed");
        assertThat(FacilityLifecycle.refusal(PLANNED, SUSPENDED).map(Message::english)).hasValueSatisfying(reason ->
                assertThat(reason).contains("under-construction, open, closed"));
    }

    @Test
    void stayingInAStatusIsNoTransition() {
        for (FacilityStatus status : FacilityStatus.values()) {
            assertThat(FacilityLifecycle.refusal(status, status)).isEmpty();
        }
    }

    @Test
    void registrationMayStartAnywhereButClosed() {
        Set<FacilityStatus> startable = EnumSet.noneOf(FacilityStatus.class);
        for (FacilityStatus status : FacilityStatus.values()) {
            if (FacilityLifecycle.refusalAtCreation(status).isEmpty()) {
                startable.add(status);
            }
        }
        assertThat(startable).containsExactlyInAnyOrder(PLANNED, UNDER_CONSTRUCTION, OPEN, SUSPENDED);
    }

    @Test
    void statusCodesAreKebabCase() {
        assertThat(FacilityStatus.codes()).containsExactly("planned", "under-construction", "open", "suspended", "closed");
        assertThat(FacilityStatus.find("under-construction")).hasValue(UNDER_CONSTRUCTION);
        assertThat(FacilityStatus.find("reopened")).isEmpty();
    }
}
