package cn.tongyou.indicator.service;

import cn.tongyou.common.discipline.ApprovalLevels;
import cn.tongyou.common.discipline.LockException;
import cn.tongyou.common.discipline.LockExceptionRules;
import cn.tongyou.common.discipline.LockExceptionStore;
import cn.tongyou.common.discipline.PeriodLockGuard;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.security.Caller;
import cn.tongyou.indicator.domain.Approval;
import cn.tongyou.indicator.domain.ApprovalStatus;
import cn.tongyou.indicator.events.ApprovalEvents;
import cn.tongyou.indicator.store.ApprovalStore;
import cn.tongyou.common.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The two locks at the door of every value write (issue 15): the period lock (common's {@link PeriodLockGuard}: entry
 * closes a number of days after the period's deadline) and the approval lock (a value whose approval, or an approval of
 * an ancestor in the chain, is submitted or accepted is in the hands of the level above). A live period lock exception
 * lets a write through both; a write under an exception reopens the accepted approvals above the value.
 */
@ApplicationScoped
public class ApprovalLocks {

    public static final String APPROVAL_LOCKED = Problem.TYPE_BASE + "approval-locked";

    @Inject
    ApprovalStore store;

    @Inject
    ApprovalLevels levels;

    @Inject
    PeriodLockGuard periodLocks;

    @Inject
    LockExceptionStore exceptions;

    @Inject
    OutboxWriter outbox;

    /**
     * What a write of one (region, period, data set) may do.
     *
     * @param exception the exception the write passes under (a lock would refuse it without); null when no lock applies
     * @param accepted  the accepted approvals the write passes through, which it reopens
     */
    public record Pass(LockException exception, List<Approval> accepted) {

        static final Pass OPEN = new Pass(null, List.of());

        /** The reason a value revision records: the writer's, with the exception named when the write needed one. */
        public String reason(String reason) {
            return exception == null ? reason : underException(reason, exception);
        }
    }

    /**
     * Refuses a write of {@code region}'s value of {@code dataSet} for {@code period}: 409 period-locked or
     * approval-locked unless a live exception covers it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Pass requireWritable(RegionCode region, Period period, String dataSet) {
        Verdict v = verdict(region, period, dataSet);
        if (v.refusal() != null) {
            throw v.refusal();
        }
        return v.pass();
    }

    /** What the locks say about a write: a pass, or the refusal (a bulk request makes it a row error). */
    public record Verdict(Pass pass, ProblemException refusal) {
    }

    /** {@link #requireWritable} without throwing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Verdict verdict(RegionCode region, Period period, String dataSet) {
        return new Answers().verdict(region, period, dataSet);
    }

    /** Answers for the writes of one transaction (called through the bean, so that they use the bean itself). */
    public Answers answers() {
        return new Answers();
    }

    /**
     * Answers for the writes of one transaction (a bulk chunk of 1,000 village rows shares a few approval chains): the
     * approvals of each chain are locked and read once. A shared lock is held on them until the transaction ends, so
     * that no approval is submitted while the write is under way.
     */
    public final class Answers {

        private final Map<String, List<Approval>> lockingByChain = new HashMap<>();

        private Answers() {
        }

        public Verdict verdict(RegionCode region, Period period, String dataSet) {
            PeriodLockGuard.Check periodLock = periodLocks.check(region, period, dataSet);
            if (!periodLock.allowed()) {
                return new Verdict(null, PeriodLockGuard.locked(periodLock));
            }
            List<String> regions = lockingRegions(region);
            List<Approval> locking = lockingByChain.computeIfAbsent(String.join(",", regions) + "@" + period, k -> {
                store.lockShared(regions, period);
                return store.locking(regions, period);
            });
            return ApprovalLocks.this.verdict(region, period, dataSet, periodLock.underException().orElse(null), locking);
        }
    }

    private Verdict verdict(RegionCode region, Period period, String dataSet, LockException underPeriodException,
                            List<Approval> locking) {
        if (locking.isEmpty()) {
            return new Verdict(underPeriodException == null ? Pass.OPEN : new Pass(underPeriodException, List.of()), null);
        }
        LockException exception = underPeriodException != null ? underPeriodException : liveException(region, period, dataSet);
        if (exception == null) {
            return new Verdict(null, locked(locking.get(0), region, period));
        }
        return new Verdict(new Pass(exception, locking.stream().filter(a -> a.status() == ApprovalStatus.ACCEPTED).toList()), null);
    }

    /**
     * After a new or corrected value passed accepted approvals under an exception: they reopen (action reopened), by
     * the writer, with the write's reason as comment, the exception named ({@link #underException}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reopenPassed(Pass pass, Approval.Actor actor, String reason, Instant now) {
        if (pass.accepted().isEmpty()) {
            return;
        }
        for (Approval seen : pass.accepted()) {
            Approval current = store.findForUpdate(seen.region(), seen.period()).orElse(null);
            if (current == null || current.status() != ApprovalStatus.ACCEPTED) {
                continue;
            }
            Approval next = current.reopenedByCorrection(actor, limit(underException(reason, pass.exception())), now);
            store.save(next);
            outbox.append(ApprovalEvents.changed(next));
        }
    }

    /** The caller as an approval actor: its subject and the level of its token's region (null when nationwide). */
    public static Approval.Actor actor(Caller caller) {
        return new Approval.Actor(caller.subject(), caller.scope().root().map(RegionCode::level).orElse(null));
    }

    /**
     * The regions whose approval locks a value of {@code region}: the approval unit covering it and the unit's ancestors
     * at chain levels (an accepted city locks its counties' values too). Empty above the chain's top.
     */
    public List<String> lockingRegions(RegionCode region) {
        Optional<RegionCode> unit = levels.coveringUnit(region);
        if (unit.isEmpty()) {
            return List.of();
        }
        Set<String> result = new LinkedHashSet<>();
        result.add(unit.get().value());
        for (RegionLevel level : levels.levels()) {
            if (level.isAbove(unit.get().level())) {
                RegionCode ancestor = unit.get().ancestorAt(level);
                if (levels.isApprovalLevel(ancestor.level())) {
                    result.add(ancestor.value());
                }
            }
        }
        return new ArrayList<>(result);
    }

    private LockException liveException(RegionCode region, Period period, String dataSet) {
        Instant now = Instant.now();
        return exceptions.live(region, period.toString(), now).stream()
                .filter(e -> LockExceptionRules.covers(e, region, period, dataSet, now)).findFirst().orElse(null);
    }

    /** The reason a locked write is refused, for a problem or a bulk row error. */
    public static Message lockedBecause(Approval by, RegionCode region, Period period) {
        return Message.of("indicator.approval.locked", region.value(), period.toString(), by.region().value(),
                by.status().code());
    }

    static ProblemException locked(Approval by, RegionCode region, Period period) {
        return new ProblemException(409, APPROVAL_LOCKED, Message.of("indicator.approval.title.locked"),
                lockedBecause(by, region, period), List.of());
    }

    /** The reason recorded for a write under an exception (value revision, reopened approval): the writer's, the exception named. */
    public static String underException(String reason, LockException exception) {
        String marker = "[例外 exception " + exception.id() + "]";
        return reason == null ? marker : reason + " " + marker;
    }

    private static String limit(String comment) {
        return comment.length() <= Approval.MAX_COMMENT ? comment : comment.substring(0, Approval.MAX_COMMENT);
    }
}
