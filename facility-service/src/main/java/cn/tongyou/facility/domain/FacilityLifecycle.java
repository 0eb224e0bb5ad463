package cn.tongyou.facility.domain;

import cn.tongyou.common.i18n.Message;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static cn.tongyou.facility.domain.FacilityStatus.CLOSED;
import static cn.tongyou.facility.domain.FacilityStatus.OPEN;
import static cn.tongyou.facility.domain.FacilityStatus.PLANNED;
import static cn.tongyou.facility.domain.FacilityStatus.SUSPENDED;
import static cn.tongyou.facility.domain.FacilityStatus.UNDER_CONSTRUCTION;

/**
 * The lifecycle {@code planned → under-construction → open → suspended → closed}. A facility may be registered in any
 * status but closed (an existing facility is registered as open); a closed facility is kept with its history and
 * never reopened (a new facility is registered instead).
 */
public final class FacilityLifecycle {

    private static final Map<FacilityStatus, Set<FacilityStatus>> NEXT = Map.of(
            PLANNED, EnumSet.of(UNDER_CONSTRUCTION, OPEN, CLOSED),
            UNDER_CONSTRUCTION, EnumSet.of(OPEN, SUSPENDED, CLOSED),
            OPEN, EnumSet.of(SUSPENDED, CLOSED),
            SUSPENDED, EnumSet.of(OPEN, CLOSED),
            CLOSED, EnumSet.noneOf(FacilityStatus.class));

    private FacilityLifecycle() {
    }

    /** The statuses reachable from {@code from} in one step. */
    public static Set<FacilityStatus> next(FacilityStatus from) {
        Set<FacilityStatus> next = NEXT.get(from);
        return next.isEmpty() ? Set.of() : EnumSet.copyOf(next);
    }

    /** True when {@code from → to} is a transition the lifecycle allows; staying in a status is no transition. */
    public static boolean allows(FacilityStatus from, FacilityStatus to) {
        return NEXT.get(from).contains(to);
    }

    /** Why {@code from → to} is refused, in words for an API user; empty when it is allowed or no change. */
    public static Optional<Message> refusal(FacilityStatus from, FacilityStatus to) {
        if (from == to || allows(from, to)) {
            return Optional.empty();
        }
        if (from == CLOSED) {
            return Optional.of(to == OPEN ? Message.of("facility.status.closed-reopen")
                    : Message.of("facility.status.closed-move", to.code()));
        }
        return Optional.of(Message.of("facility.status.transition", from.code(), to.code(),
                String.join(", ", codes(next(from)))));
    }

    /** Why a facility may not be registered in {@code initial}; empty when it may. */
    public static Optional<Message> refusalAtCreation(FacilityStatus initial) {
        if (initial == CLOSED) {
            return Optional.of(Message.of("facility.status.created-closed"));
        }
        return Optional.empty();
    }

    private static java.util.List<String> codes(Set<FacilityStatus> statuses) {
        return statuses.stream().sorted().map(FacilityStatus::code).toList();
    }
}
