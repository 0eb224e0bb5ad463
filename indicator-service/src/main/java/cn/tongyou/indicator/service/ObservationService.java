package cn.tongyou.indicator.service;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.security.Caller;
import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.common.security.Roles;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.indicator.ValueType;
import cn.tongyou.indicator.domain.Observation;
import cn.tongyou.indicator.domain.ObservationFilter;
import cn.tongyou.indicator.domain.ObservationRules;
import cn.tongyou.indicator.domain.ObservationStatus;
import cn.tongyou.indicator.events.ObservationEvents;
import cn.tongyou.indicator.store.ObservationStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/** One value at a time: report, correct (append-only, with reason), submit, approve, return, reopen; lists. */
@ApplicationScoped
public class ObservationService {

    static final int APPROVAL_CHUNK = 1000;

    @Inject
    ObservationStore store;

    @Inject
    IndicatorService indicators;

    @Inject
    RegionScope scope;

    @Inject
    Caller caller;

    @Inject
    OutboxWriter outbox;

    @Inject
    QualityService quality;

    @Inject
    QualityGate qualityGate;

    @Inject
    ApprovalLocks locks;

    /** An observation with its indicator's value type (to show the value) and, when asked for, its history. */
    public record Shown(Observation observation, ValueType valueType, List<Observation.Revision> history) {
    }

    @Transactional
    public Shown create(ObservationInput in) {
        List<Issue> issues = new ArrayList<>();
        Object value = RowChecker.scalar(in.value(), "value", issues);
        ObservationStatus status = ObservationStatus.DRAFT;
        if (in.status() != null) {
            try {
                status = ObservationStatus.ofCode(in.status().strip());
            } catch (IllegalArgumentException e) {
                issues.add(new Issue("status", Message.of(e)));
            }
            if (status == ObservationStatus.APPROVED) {
                issues.add(Issue.of("status", "indicator.observation.new-status"));
            }
        }
        Map<String, Indicator> all = indicators.all();
        RowChecker.Result r = RowChecker.check(new RowChecker.Raw(in.indicator(), in.region(), in.period(), value,
                in.numerator(), in.denominator(), in.source(), in.note()), all, region -> true);
        issues.addAll(r.issues());
        if (!issues.isEmpty()) {
            throw ProblemException.invalidIssues(issues);
        }
        RowChecker.Checked row = r.row();
        scope.requireWrite(row.region());
        // separation of duties: a reporter reports for the unit its token names (and needs one)
        requireOwnUnit(caller.unit().orElse(null));
        ObservationStore.Key key = new ObservationStore.Key(row.indicator().code(), row.region().value(), row.period().toString());
        store.findByKey(key).ifPresent(existing -> {
            throw ProblemException.conflict("indicator.observation.already-reported", row.indicator().code(), row.region().value(),
                    row.period(), existing.id(), existing.status().code());
        });
        ApprovalLocks.Pass pass = locks.requireWritable(row.region(), row.period(), row.indicator().domain());
        Observation.Change change = Observation.create(UUID.randomUUID(), key.indicatorCode(), key.regionCode(), row.period(),
                row.values(), row.source(), row.note(), status, caller.subject(), caller.unit().orElse(null), null, Instant.now());
        if (pass.exception() != null) {
            change = new Observation.Change(change.observation(), withReason(change.revision(), pass.reason(null)));
        }
        try {
            store.insert(List.of(change.observation()));
        } catch (IllegalStateException e) {
            if (uniqueViolation(e)) {
                throw ProblemException.conflict("indicator.observation.concurrent", key.indicatorCode(), key.regionCode(), key.period());
            }
            throw e;
        }
        store.insertRevisions(List.of(change.revision()));
        outbox.append(ObservationEvents.changed(change.observation(), change.revision()));
        checkQuality(change.observation());
        locks.reopenPassed(pass, ApprovalLocks.actor(caller), null, change.observation().updatedAt());
        return new Shown(change.observation(), row.indicator().valueType(), List.of(change.revision()));
    }

    /**
     * One value. Inside the caller's region subtree: with its history. Outside it only an approved value is public, and
     * without its history (earlier drafts and the reasons of corrections are scoped); any other is 404, so that ids do
     * not disclose what exists.
     */
    public Shown get(UUID id) {
        Observation o = store.find(id).orElseThrow(() -> notFound(id));
        ValueType type = indicators.all().get(o.indicatorCode()).valueType();
        if (scope.visible(o.regionCode())) {
            return new Shown(o, type, store.history(id));
        }
        if (o.status() == ObservationStatus.APPROVED) {
            return new Shown(o, type, null);
        }
        throw notFound(id);
    }

    /**
     * The filter a caller may read: a list of approved values only is public (any region, the whole country by
     * default); any other list is limited to the caller's region subtree — by default the token's root, an explicit
     * region outside it 403, a token without a region claim 403.
     */
    public ObservationFilter readable(ObservationFilter filter) {
        boolean approvedOnly = filter.statuses() != null && !filter.statuses().isEmpty()
                && filter.statuses().stream().allMatch(ObservationStatus.APPROVED.code()::equals);
        if (approvedOnly) {
            return filter;
        }
        RegionCode region = scope.listRegion(filter.region()).orElse(null);
        boolean descendants = filter.region() == null || filter.descendants();
        return new ObservationFilter(region, descendants, filter.indicators(), filter.periods(), filter.statuses());
    }

    /**
     * Separation of duties: a reporter acts only for the unit its token names; coordinators and admins act for every
     * unit of their region, and an integration (a provincial system) for the units whose figures it carries.
     */
    private void requireOwnUnit(String recordUnit) {
        if (!caller.roles().contains(Roles.INTEGRATION)) {
            caller.requireOwnUnit(recordUnit);
        }
    }

    @Transactional
    public Shown correct(UUID id, String ifMatch, CorrectionInput in) {
        Observation o = store.findForUpdate(id).orElseThrow(() -> notFound(id));
        scope.requireWrite(RegionCode.parse(o.regionCode()));
        requireOwnUnit(o.reportedUnit());
        Indicator indicator = indicators.all().get(o.indicatorCode());
        List<Issue> issues = new ArrayList<>();
        Object value = RowChecker.scalar(in.value(), "value", issues);
        ObservationRules.Result r = ObservationRules.check(indicator, new ObservationRules.Raw(value, in.numerator(), in.denominator()));
        issues.addAll(r.issues());
        if (!issues.isEmpty()) {
            throw ProblemException.invalidIssues(issues);
        }
        ETags.requireMatch(ifMatch, o.version(), "indicator.noun.the-observation");
        String source = in.source() == null ? o.source() : RowChecker.trim(in.source());
        String note = in.note() == null ? o.note() : RowChecker.trim(in.note());
        if (r.checked().sameAs(o.checked()) && Objects.equals(source, o.source()) && Objects.equals(note, o.note())) {
            throw ProblemException.conflict("indicator.observation.no-change");
        }
        Observation.Change change;
        try {
            change = o.correct(r.checked(), source, note, in.reason().strip(), ObservationStatus.DRAFT, caller.subject(), null, Instant.now());
        } catch (Observation.RefusedException e) {
            throw ProblemException.conflict(Message.of(e));
        }
        Shown shown = write(change, indicator, locks.requireWritable(RegionCode.parse(o.regionCode()), o.period(), indicator.domain()),
                in.reason().strip());
        checkQuality(change.observation());
        return shown;
    }

    @Transactional
    public Shown transition(UUID id, ObservationStatus.Action action, String ifMatch, String reason) {
        Observation o = store.findForUpdate(id).orElseThrow(() -> notFound(id));
        scope.requireWrite(RegionCode.parse(o.regionCode()));
        if (action == ObservationStatus.Action.SUBMIT) {
            requireOwnUnit(o.reportedUnit());
        }
        if (action == ObservationStatus.Action.APPROVE) {
            // four eyes: not the person who entered the value or corrected it last
            caller.requireFourEyes(o.reportedBy(), store.lastCorrectors(List.of(id)).get(id));
        }
        if (action.needsReason() && (reason == null || reason.isBlank())) {
            throw ProblemException.invalidField("reason", action == ObservationStatus.Action.RETURN
                    ? "indicator.observation.reason-return" : "indicator.observation.reason-reopen");
        }
        ETags.requireMatch(ifMatch, o.version(), "indicator.noun.the-observation");
        if (action == ObservationStatus.Action.SUBMIT) {
            qualityGate.requireSubmittable(RegionCode.parse(o.regionCode()), o.period(), o.indicatorCode());
        }
        Observation.Change change;
        try {
            change = o.transition(action, reason == null ? null : reason.strip(), caller.subject(), Instant.now());
        } catch (Observation.RefusedException e) {
            throw ProblemException.conflict(Message.of(e));
        }
        Indicator indicator = indicators.all().get(o.indicatorCode());
        // a workflow step passes the locks under an exception like a correction, but only a new value reopens an approval
        return write(change, indicator, locks.requireWritable(RegionCode.parse(o.regionCode()), o.period(), indicator.domain()), null);
    }

    /**
     * What a bulk approval did: values approved, values left submitted for another coordinator (four eyes), and values
     * left submitted because a period or approval lock holds them.
     */
    public record Approvals(int approved, int leftForOthers, int locked) {
    }

    /**
     * Approves every submitted value in a region subtree (and period / indicators when given), except, under the
     * four-eyes rule, the values the caller entered or corrected last: those stay submitted for another coordinator.
     */
    @Transactional
    public Approvals approveAll(RegionCode region, List<String> periods, List<String> indicatorCodes) {
        scope.requireWrite(region);
        ObservationFilter filter = new ObservationFilter(region, true, indicatorCodes, periods, List.of("submitted"));
        List<Observation> submitted = store.all(filter);
        Instant now = Instant.now();
        String actor = caller.subject();
        int approved = 0;
        int left = 0;
        int locked = 0;
        ApprovalLocks.Answers answers = locks.answers();
        Map<String, Indicator> catalogue = indicators.all();
        for (int from = 0; from < submitted.size(); from += APPROVAL_CHUNK) {
            List<Observation> chunk = submitted.subList(from, Math.min(from + APPROVAL_CHUNK, submitted.size()));
            List<ObservationStore.Key> keys = chunk.stream()
                    .map(o -> new ObservationStore.Key(o.indicatorCode(), o.regionCode(), o.period().toString())).toList();
            Map<ObservationStore.Key, Observation> rows = store.lockByKeys(keys);
            List<Observation> updates = new ArrayList<>();
            List<Observation.Revision> revisions = new ArrayList<>();
            List<DomainEvent> events = new ArrayList<>();
            Map<UUID, String> correctors = store.lastCorrectors(rows.values().stream().map(Observation::id).toList());
            for (Observation o : rows.values()) {
                if (o.status() != ObservationStatus.SUBMITTED) {
                    continue;
                }
                if (fourEyesForbids(o.reportedBy(), correctors.get(o.id()))) {
                    left++;
                    continue;
                }
                String dataSet = catalogue.get(o.indicatorCode()).domain();
                ApprovalLocks.Verdict verdict = answers.verdict(RegionCode.parse(o.regionCode()), o.period(), dataSet);
                // a bulk approval approves what is open; a value only an exception lets through is approved one at a time
                if (verdict.refusal() != null || verdict.pass().exception() != null) {
                    locked++;
                    continue;
                }
                Observation.Change c = o.transition(ObservationStatus.Action.APPROVE, null, actor, now);
                updates.add(c.observation());
                revisions.add(c.revision());
                events.add(ObservationEvents.changed(c.observation(), c.revision()));
            }
            store.update(updates);
            store.insertRevisions(revisions);
            outbox.appendAll(events);
            approved += updates.size();
        }
        return new Approvals(approved, left, locked);
    }

    private boolean fourEyesForbids(String enteredBy, String lastCorrectedBy) {
        try {
            caller.requireFourEyes(enteredBy, lastCorrectedBy);
            return false;
        } catch (ProblemException e) {
            return true;
        }
    }

    public Page<Shown> list(ObservationFilter requested, PageParams page) {
        ObservationFilter filter = readable(requested);
        Map<String, Indicator> all = indicators.all();
        List<Shown> items = store.list(filter, page).stream()
                .map(o -> new Shown(o, all.get(o.indicatorCode()).valueType(), null)).toList();
        long total = items.isEmpty() && page.page == 1 ? 0 : store.count(filter);
        return Page.of(items, page, total);
    }

    /**
     * Every observation the filter selects, one at a time (an export streams a whole province). The filter must come
     * from {@link #readable} (called while the request is still in scope, before the response streams).
     */
    public void stream(ObservationFilter filter, Consumer<Observation> each) {
        store.stream(filter, each);
    }

    /**
     * Data quality on entry: the findings of the value's rules and outlier score are written in this transaction; a value
     * entered as submitted passes the blocking rules first, as a submission does (422 otherwise, nothing written).
     */
    private void checkQuality(Observation o) {
        quality.onEntry(o);
        if (o.status() == ObservationStatus.SUBMITTED) {
            qualityGate.requireSubmittable(RegionCode.parse(o.regionCode()), o.period(), o.indicatorCode());
        }
    }

    /**
     * Writes a change the locks let through; a change under an exception says so in its reason. A correction
     * ({@code correction} = its reason) reopens the accepted approvals it passed.
     */
    private Shown write(Observation.Change change, Indicator indicator, ApprovalLocks.Pass pass, String correction) {
        Observation.Revision revision = pass.exception() == null ? change.revision()
                : withReason(change.revision(), pass.reason(change.revision().reason()));
        store.update(List.of(change.observation()));
        store.insertRevisions(List.of(revision));
        outbox.append(ObservationEvents.changed(change.observation(), revision));
        if (correction != null) {
            locks.reopenPassed(pass, ApprovalLocks.actor(caller), correction, change.observation().updatedAt());
        }
        return new Shown(change.observation(), indicator.valueType(), store.history(change.observation().id()));
    }

    private static Observation.Revision withReason(Observation.Revision r, String reason) {
        return new Observation.Revision(r.observationId(), r.version(), r.action(), r.value(), r.text(), r.numerator(),
                r.denominator(), r.source(), r.note(), r.status(), reason, r.actor(), r.batchId(), r.at());
    }

    /**
     * Sends values of a returned approval back to draft, with the return's comment as reason: an approved value is
     * reopened, a submitted one returned, a draft stays. The approval is returned in the same transaction, so no lock
     * applies.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sendBack(List<UUID> ids, String reason) {
        Instant now = Instant.now();
        for (UUID id : ids) {
            Observation o = store.findForUpdate(id).orElseThrow(() -> notFound(id));
            ObservationStatus.Action action = switch (o.status()) {
                case APPROVED -> ObservationStatus.Action.REOPEN;
                case SUBMITTED -> ObservationStatus.Action.RETURN;
                case DRAFT -> null;
            };
            if (action == null) {
                continue;
            }
            Observation.Change change = o.transition(action, reason, caller.subject(), now);
            store.update(List.of(change.observation()));
            store.insertRevisions(List.of(change.revision()));
            outbox.append(ObservationEvents.changed(change.observation(), change.revision()));
        }
    }

    static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("indicator.observation.not-found", id);
    }
}
