package cn.tongyou.indicator.service;

import cn.tongyou.common.discipline.ApprovalLevels;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.security.Caller;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.common.security.SecuritySettings;
import cn.tongyou.indicator.domain.Approval;
import cn.tongyou.indicator.domain.ApprovalFilter;
import cn.tongyou.indicator.domain.ObservationStatus;
import cn.tongyou.indicator.events.ApprovalEvents;
import cn.tongyou.indicator.store.ApprovalStore;
import cn.tongyou.indicator.store.ObservationStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Approval up the hierarchy (逐级审核): a region at an approval level submits its values for a period, the next level
 * accepts or returns them (naming values to send back to draft), and may reopen what it accepted. The state machine is
 * {@link Approval}; this class adds the token's scope, the values (every one the approval covers approved, no
 * blocking data-quality violation) and the writes.
 */
@ApplicationScoped
public class ApprovalService {

    public static final int MAX_OBSERVATIONS = 1000;

    /** The steps a request asks for. */
    public enum Step { SUBMIT, ACCEPT, RETURN, REOPEN }

    @Inject
    ApprovalStore store;

    @Inject
    ObservationStore observations;

    @Inject
    ObservationService values;

    @Inject
    ApprovalLevels levels;

    @Inject
    RegionScope scope;

    @Inject
    Caller caller;

    @Inject
    SecuritySettings security;

    @Inject
    OutboxWriter outbox;

    @Inject
    QualityGate quality;

    /** The approval of {@code region} for {@code period}, open (version 0) when nobody submitted yet; within the token's region. */
    public Approval get(RegionCode region, Period period) {
        requireApprovalLevel(region);
        scope.requireRead(region);
        return store.find(region, period).orElseGet(() -> open(region, period));
    }

    /**
     * The approvals somebody acted on, limited to the token's region subtree (the token's root by default); regions
     * nobody submitted are open and not listed.
     */
    public Page<Approval> list(ApprovalFilter requested, PageParams page) {
        RegionCode region = scope.listRegion(requested.region()).orElse(null);
        boolean descendants = requested.region() == null || requested.descendants();
        ApprovalFilter filter = new ApprovalFilter(region, descendants, requested.periods(), requested.statuses());
        List<Approval> items = store.list(filter, page);
        long total = items.isEmpty() && page.page == 1 ? 0 : store.count(filter);
        return Page.of(items, page, total);
    }

    /**
     * One step. Checks the body, If-Match (the approval's version, "0" while open), then the step itself: state, level,
     * four eyes ({@link Approval}); a submit needs every covered value approved and no blocking quality violation; a
     * return sends the named values back to draft with the comment as reason.
     */
    @Transactional
    public Approval act(RegionCode region, Period period, Step step, String ifMatch, String comment, List<UUID> named) {
        requireApprovalLevel(region);
        scope.requireWrite(region);
        List<UUID> sendBack = named == null ? List.of() : named;
        if (sendBack.size() > MAX_OBSERVATIONS) {
            throw ProblemException.invalidField("observations", "indicator.approval.too-many-observations", MAX_OBSERVATIONS);
        }
        if (!sendBack.isEmpty() && step != Step.RETURN) {
            throw ProblemException.invalidField("observations", "indicator.approval.observations-only-return");
        }
        store.lockExclusive(region, period);
        Approval current = store.findForUpdate(region, period).orElseGet(() -> open(region, period));
        ETags.requireMatch(ifMatch, current.version(), "indicator.noun.the-approval");
        Approval.Actor actor = ApprovalLocks.actor(caller);
        Instant now = Instant.now();
        Approval next;
        try {
            next = switch (step) {
                case SUBMIT -> current.submit(actor, comment, now);
                case ACCEPT -> current.accept(actor, comment, security.fourEyes(), now);
                case RETURN -> current.giveBack(actor, comment, sendBack, security.fourEyes(), now);
                case REOPEN -> current.reopen(actor, comment, now);
            };
        } catch (Approval.RefusedException e) {
            throw switch (e.refusal()) {
                case STATE -> ProblemException.conflict(e.explanation());
                case LEVEL, FOUR_EYES -> new ProblemException(403, Problem.TYPE_BASE + "forbidden",
                        Message.of("common.problem.title.forbidden"), e.explanation(), List.of());
                case COMMENT -> ProblemException.invalidField("comment", e.explanation());
            };
        }
        if (step == Step.SUBMIT) {
            requireEveryValueApproved(region, period);
            quality.requireSubmittable(region, period);
        }
        if (step == Step.RETURN && !sendBack.isEmpty()) {
            values.sendBack(coveredAmong(region, period, sendBack), next.history().get(next.history().size() - 1).comment());
        }
        store.save(next);
        outbox.append(ApprovalEvents.changed(next));
        return next;
    }

    private Approval open(RegionCode region, Period period) {
        return Approval.open(region, period, levels.above(region.level()).orElse(null));
    }

    private void requireApprovalLevel(RegionCode region) {
        if (!levels.isApprovalLevel(region.level())) {
            throw ProblemException.invalidField("region", "indicator.approval.not-approval-level", region.value(),
                    region.level().code(), levels.levels().stream().map(RegionLevel::code).collect(Collectors.joining(", ")));
        }
    }

    /** The values the approval covers, locked until the transaction ends: all must be approved. */
    private void requireEveryValueApproved(RegionCode region, Period period) {
        List<ObservationStore.Status> covered = covered(region, period);
        List<ObservationStore.Status> pending = covered.stream().filter(o -> o.status() != ObservationStatus.APPROVED).toList();
        if (!pending.isEmpty()) {
            ObservationStore.Status first = pending.get(0);
            throw ProblemException.conflict("indicator.approval.values-not-approved", pending.size(), region.value(), period,
                    first.id(), first.status().code());
        }
    }

    private List<ObservationStore.Status> covered(RegionCode region, Period period) {
        return observations.statuses(region, period).stream()
                .filter(o -> levels.coveringUnit(RegionCode.parse(o.regionCode())).map(region::equals).orElse(false)).toList();
    }

    private List<UUID> coveredAmong(RegionCode region, Period period, List<UUID> named) {
        Map<UUID, ObservationStore.Status> covered = covered(region, period).stream()
                .collect(Collectors.toMap(ObservationStore.Status::id, o -> o));
        List<Issue> issues = named.stream().filter(id -> !covered.containsKey(id))
                .map(id -> Issue.of("observations", "indicator.approval.not-covered", id, region.value(), period)).toList();
        ProblemException.throwIfAny(issues);
        return named.stream().distinct().toList();
    }
}
