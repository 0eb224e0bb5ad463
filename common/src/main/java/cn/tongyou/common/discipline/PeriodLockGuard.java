package cn.tongyou.common.discipline;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The period lock at the door of a write (issue 15): a write of a region's data of a closed period
 * ({@link PeriodLocks}, by the business clock) is refused with 409 {@code period-locked} unless a live exception covers
 * it ({@link LockExceptionRules#covers}, in real time). Callers record the exception they wrote under.
 */
@ApplicationScoped
@IfBuildProperty(name = "cfc.discipline.lock-exceptions.enabled", stringValue = "true")
public class PeriodLockGuard {

    public static final String TYPE = Problem.TYPE_BASE + "period-locked";

    /** What the lock says about one write. */
    public record Check(Period period, String dataSet, LocalDate closesOn, boolean closed, LockException exception) {

        /** Open, or closed with an exception that covers the write. */
        public boolean allowed() {
            return !closed || exception != null;
        }

        /** The exception the write passes under; empty when the period is open. */
        public Optional<LockException> underException() {
            return closed ? Optional.ofNullable(exception) : Optional.empty();
        }

        /** Why a refused write is refused, for a problem or a bulk row error. */
        public Message refusal() {
            return Message.of("common.discipline.period-locked", period.toString(),
                    dataSet == null ? Message.of("common.discipline.every-data-set") : dataSet, closesOn.toString());
        }
    }

    @Inject
    PeriodLocks locks;

    @Inject
    LockExceptionStore store;

    @Inject
    Clock clock;

    /** The lock's answer for one write, without refusing. */
    public Check check(RegionCode region, Period period, String dataSet) {
        LocalDate closesOn = locks.closesOn(period, dataSet);
        if (LocalDate.now(clock).isBefore(closesOn)) {
            return new Check(period, dataSet, closesOn, false, null);
        }
        Instant now = Instant.now();
        List<LockException> live = store.live(region, period.toString(), now);
        LockException covering = live.stream()
                .filter(e -> LockExceptionRules.covers(e, region, period, dataSet, now)).findFirst().orElse(null);
        return new Check(period, dataSet, closesOn, true, covering);
    }

    /**
     * Refuses (409 {@code period-locked}) a write of a closed period that no live exception covers.
     *
     * @return the exception the write passes under; empty when the period is still open
     */
    public Optional<LockException> requireOpen(RegionCode region, Period period, String dataSet) {
        Check check = check(region, period, dataSet);
        if (!check.allowed()) {
            throw locked(check);
        }
        return check.underException();
    }

    public static ProblemException locked(Check check) {
        return new ProblemException(409, TYPE, Message.of("common.discipline.period-locked.title"), check.refusal(),
                List.of());
    }
}
