package cn.tongyou.indicator.service;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.indicator.Status;
import cn.tongyou.common.indicator.TargetComparison;
import cn.tongyou.common.indicator.TargetKind;
import cn.tongyou.indicator.domain.TargetFilter;
import cn.tongyou.indicator.domain.TargetLevel;
import cn.tongyou.common.indicator.TargetRules;
import cn.tongyou.common.indicator.TargetSpec;
import cn.tongyou.indicator.events.TargetEvents;
import cn.tongyou.indicator.store.IndicatorEntity;
import cn.tongyou.indicator.store.IndicatorStore;
import cn.tongyou.indicator.store.TargetEntity;
import cn.tongyou.indicator.store.TargetStore;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Targets per (indicator, region, year, level): idempotent PUT, list with comparisons, delete, assessment. */
@ApplicationScoped
public class TargetService {

    @Inject
    TargetStore targets;

    @Inject
    IndicatorStore indicators;

    @Inject
    RegionScope scope;

    @Inject
    OutboxWriter outbox;

    /** What a PUT did. */
    public record Outcome(TargetView target, boolean created, boolean changed) {
    }

    public static TargetSpec spec(TargetEntity e) {
        return new TargetSpec(TargetKind.ofCode(e.kind), e.value, e.valueMax, e.boolValue, e.baselineYear,
                e.reference == null ? null : TargetSpec.Reference.ofCode(e.reference));
    }

    public static TargetLevel level(String raw) {
        try {
            return TargetLevel.ofCode(raw == null ? "local" : raw.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("level", Message.of(e));
        }
    }

    @Transactional
    public Outcome put(String regionRaw, String indicatorCode, int year, String levelRaw, TargetInput in, String ifMatch, String actor) {
        RegionCode region = RequestParameters.region("region", regionRaw);
        TargetLevel level = level(levelRaw);
        YearParameter.require("year", year);
        scope.requireWrite(region);
        IndicatorEntity indicator = indicators.findByIdOptional(indicatorCode)
                .orElseThrow(() -> ProblemException.notFound("indicator.indicator.not-found", indicatorCode));
        List<Issue> issues = new ArrayList<>();
        TargetKind kind = null;
        if (in.kind() == null || in.kind().isBlank()) {
            issues.add(Issue.of("kind", "common.target.kind-required", TargetKind.codes().toString()));
        } else {
            kind = IndicatorService.parse(() -> TargetKind.ofCode(in.kind().strip()), "kind", issues);
        }
        TargetSpec.Reference reference = in.reference() == null ? null
                : IndicatorService.parse(() -> TargetSpec.Reference.ofCode(in.reference().strip()), "reference", issues);
        if (kind != null) {
            TargetSpec spec = new TargetSpec(kind, in.value(), in.valueMax(), in.boolValue(), in.baselineYear(), reference);
            issues.addAll(TargetRules.validate(spec, year, indicator.toIndicator()));
        }
        if (!issues.isEmpty()) {
            throw ProblemException.invalidIssues(issues);
        }
        TargetSpec spec = new TargetSpec(kind, in.value(), in.valueMax(), in.boolValue(), in.baselineYear(), reference);
        Instant now = Instant.now();
        TargetEntity e = targets.findKey(indicatorCode, region.value(), year, level.code(), true).orElse(null);
        String[] units = in.responsibleUnits() == null ? new String[0] : in.responsibleUnits().toArray(String[]::new);
        if (e == null) {
            e = new TargetEntity();
            e.id = UUID.randomUUID();
            e.indicatorCode = indicatorCode;
            e.regionCode = region.value();
            e.year = year;
            e.level = level.code();
            apply(e, spec, in, units);
            e.sourceKind = "api";
            e.version = 1;
            e.createdAt = now;
            e.updatedAt = now;
            e.updatedBy = actor;
            targets.persist(e);
            try {
                targets.flush();
            } catch (PersistenceException ex) {
                // two first PUTs of the same target at once: the unique key lets one through
                throw ProblemException.conflict("indicator.target.concurrent");
            }
            outbox.append(TargetEvents.changed(e));
            return new Outcome(view(e, indicator.name), true, true);
        }
        if (spec(e).sameAs(spec) && Objects.equals(e.text, blank(in.text())) && Objects.equals(e.note, blank(in.note()))
                && Arrays.equals(e.responsibleUnits, units)) {
            // the same PUT again: nothing to do, whatever If-Match says (idempotent)
            return new Outcome(view(e, indicator.name), false, false);
        }
        ETags.requireMatch(ifMatch, e.version, "indicator.noun.the-target");
        apply(e, spec, in, units);
        if (spec.kind() != TargetKind.QUALITATIVE) {
            e.assessmentVerdict = null;
            e.assessmentReason = null;
            e.assessedBy = null;
            e.assessedAt = null;
        }
        e.sourceKind = "api";
        e.version++;
        e.updatedAt = now;
        e.updatedBy = actor;
        targets.flush();
        outbox.append(TargetEvents.changed(e));
        return new Outcome(view(e, indicator.name), false, true);
    }

    private static void apply(TargetEntity e, TargetSpec spec, TargetInput in, String[] units) {
        e.kind = spec.kind().code();
        e.value = spec.value();
        e.valueMax = spec.valueMax();
        e.boolValue = spec.boolValue();
        e.baselineYear = spec.baselineYear();
        e.reference = spec.effectiveReference() == null ? null : spec.effectiveReference().code();
        e.text = blank(in.text());
        e.note = blank(in.note());
        e.responsibleUnits = units;
        e.yearInferred = false;
    }

    public TargetView get(String regionRaw, String indicatorCode, int year, String levelRaw) {
        TargetEntity e = require(regionRaw, indicatorCode, year, levelRaw, false);
        IndicatorEntity indicator = indicators.findById(indicatorCode);
        return view(e, indicator.name);
    }

    /** The longest reason a deletion takes. */
    public static final int MAX_REASON = 500;

    /**
     * Soft delete: the target keeps its row with who deleted it, when and why, and drops out of every read, list and
     * evaluation; the event is cfc.target.deleted.v1 and a tombstone as before. A new target of the same key may be
     * set afterwards (a new id).
     */
    @Transactional
    public void delete(String regionRaw, String indicatorCode, int year, String levelRaw, String ifMatch, String reason, String actor) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw ProblemException.invalidField("reason", "indicator.target.withdraw-reason", MAX_REASON);
        }
        if (why.length() > MAX_REASON) {
            throw ProblemException.invalidField("reason", "indicator.field.must-at-most", MAX_REASON);
        }
        TargetEntity e = require(regionRaw, indicatorCode, year, levelRaw, true);
        scope.requireWrite(RegionCode.parse(e.regionCode));
        ETags.requireMatch(ifMatch, e.version, "indicator.noun.the-target");
        Instant now = Instant.now();
        outbox.append(TargetEvents.deleted(e, now));
        e.version++;
        e.deletedAt = now;
        e.deletedBy = actor;
        e.deletedReason = why;
        e.updatedAt = now;
        e.updatedBy = actor;
        targets.flush();
    }

    @Transactional
    public TargetView assess(String regionRaw, String indicatorCode, int year, String levelRaw, AssessmentInput in,
                             String ifMatch, String actor) {
        TargetEntity e = require(regionRaw, indicatorCode, year, levelRaw, true);
        scope.requireWrite(RegionCode.parse(e.regionCode));
        if (!TargetKind.QUALITATIVE.code().equals(e.kind)) {
            throw ProblemException.conflict("indicator.target.not-qualitative", e.kind);
        }
        Status verdict;
        try {
            verdict = Status.valueOf(in.verdict().strip());
        } catch (IllegalArgumentException e1) {
            throw ProblemException.invalidField("verdict", "common.indicator.verdict-field");
        }
        if (verdict == Status.NO_DATA || verdict == Status.NEEDS_ASSESSMENT) {
            throw ProblemException.invalidField("verdict", "common.indicator.verdict-field");
        }
        ETags.requireMatch(ifMatch, e.version, "indicator.noun.the-target");
        Instant now = Instant.now();
        e.assessmentVerdict = verdict.name();
        e.assessmentReason = in.reason().strip();
        e.assessedBy = actor;
        e.assessedAt = now;
        e.version++;
        e.updatedAt = now;
        e.updatedBy = actor;
        targets.flush();
        outbox.append(TargetEvents.changed(e));
        return view(e, indicators.findById(e.indicatorCode).name);
    }

    public Page<TargetView> list(TargetFilter filter, boolean weakerOnly, PageParams page) {
        PanacheQuery<TargetEntity> q = targets.search(filter);
        if (weakerOnly) {
            // the comparison is computed, so the filter applies after it (a region's targets are a few hundred)
            List<TargetView> all = views(q.list()).stream().filter(v -> v.weakerThan() != null && !v.weakerThan().isEmpty()).toList();
            int from = (int) Math.min(page.offset(), all.size());
            return Page.of(all.subList(from, Math.min(from + page.size, all.size())), page, all.size());
        }
        List<TargetEntity> rows = q.page(page.page - 1, page.size).list();
        return Page.of(views(rows), page, q.count());
    }

    TargetEntity require(String regionRaw, String indicatorCode, int year, String levelRaw, boolean lock) {
        RegionCode region = RequestParameters.region("region", regionRaw);
        TargetLevel level = level(levelRaw);
        return targets.findKey(indicatorCode, region.value(), year, level.code(), lock)
                .orElseThrow(() -> ProblemException.notFound("indicator.target.not-found", level.code(), indicatorCode,
                        region.value(), year));
    }

    TargetView view(TargetEntity e, String indicatorName) {
        if (!TargetLevel.LOCAL.code().equals(e.level)) {
            return TargetView.of(e, indicatorName, null, null);
        }
        return views(List.of(e), Map.of(e.indicatorCode, indicatorName)).get(0);
    }

    List<TargetView> views(List<TargetEntity> rows) {
        Map<String, String> names = new HashMap<>();
        List<String> codes = rows.stream().map(t -> t.indicatorCode).distinct().toList();
        if (!codes.isEmpty()) {
            indicators.list("code in ?1", codes).forEach(i -> names.put(i.code, i.name));
        }
        return views(rows, names);
    }

    private List<TargetView> views(List<TargetEntity> rows, Map<String, String> names) {
        List<TargetEntity> locals = rows.stream().filter(t -> TargetLevel.LOCAL.code().equals(t.level)).toList();
        Map<String, List<TargetEntity>> refs = new HashMap<>();
        for (TargetEntity r : targets.referencesOf(locals)) {
            refs.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
        }
        List<TargetView> result = new ArrayList<>(rows.size());
        for (TargetEntity t : rows) {
            if (!TargetLevel.LOCAL.code().equals(t.level)) {
                result.add(TargetView.of(t, names.get(t.indicatorCode), null, null));
                continue;
            }
            Comparisons c = compare(t, refs.getOrDefault(key(t), List.of()));
            result.add(TargetView.of(t, names.get(t.indicatorCode), c.references(), c.weakerThan()));
        }
        return result;
    }

    /** The references of a local target and the levels it is weaker than. */
    public record Comparisons(List<TargetView.Comparison> references, List<String> weakerThan) {
    }

    public static Comparisons compare(TargetEntity local, Collection<TargetEntity> references) {
        List<TargetView.Comparison> list = new ArrayList<>();
        List<String> weaker = new ArrayList<>();
        TargetSpec l = spec(local);
        List<TargetEntity> sorted = new ArrayList<>(references);
        sorted.sort((a, b) -> Integer.compare(TargetLevel.ofCode(a.level).ordinal(), TargetLevel.ofCode(b.level).ordinal()));
        for (TargetEntity r : sorted) {
            TargetComparison.Verdict v = TargetComparison.compare(l, spec(r));
            list.add(new TargetView.Comparison(r.level, r.kind, r.value, r.valueMax, r.baselineYear, r.text, v.code()));
            if (v == TargetComparison.Verdict.WEAKER) {
                weaker.add(r.level);
            }
        }
        return new Comparisons(list, weaker);
    }

    private static String key(TargetEntity t) {
        return t.indicatorCode + "|" + t.regionCode + "|" + t.year;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
