package cn.tongyou.indicator.service;

import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.i18n.Messages;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.indicator.Numbers;
import cn.tongyou.common.indicator.ValueType;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.Caller;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.indicator.domain.Observation;
import cn.tongyou.indicator.domain.ObservationFilter;
import cn.tongyou.indicator.domain.quality.Expression;
import cn.tongyou.indicator.domain.quality.Importance;
import cn.tongyou.indicator.domain.quality.ModifiedZScore;
import cn.tongyou.indicator.domain.quality.QualityFinding;
import cn.tongyou.indicator.domain.quality.RuleEvaluator;
import cn.tongyou.indicator.domain.quality.ValidationRule;
import cn.tongyou.indicator.events.QualityFindingEvents;
import cn.tongyou.indicator.store.ObservationStore;
import cn.tongyou.indicator.store.QualityFindingStore;
import cn.tongyou.indicator.store.ValidationRuleStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Data quality: the validation rules, bounds and outlier scores applied to the values of a region and period, and the
 * findings they leave. Checks run on entry (a value created or corrected: the rules reading its indicator and its
 * outlier score, in the entry's transaction), on request for a whole region and period, and — without writing — as
 * the gate before a submission ({@link QualityGate}). The working values count (what was entered last), because that
 * is what a submission would send up.
 */
@ApplicationScoped
public class QualityService {

    @Inject
    QualityFindingStore findings;

    @Inject
    ValidationRuleStore rules;

    @Inject
    ObservationStore observations;

    @Inject
    IndicatorService indicators;

    @Inject
    RegionScope scope;

    @Inject
    Caller caller;

    @Inject
    OutboxWriter outbox;

    /** One check's result for one (kind, subject, region): the detection when violated, null when it passed or was skipped. */
    record Evaluated(String region, ValidationRule.Kind kind, String subject, QualityFinding.Detection detection, Message text) {
        String key() {
            return key(region, kind, subject);
        }

        static String key(String region, ValidationRule.Kind kind, String subject) {
            return region + "|" + kind.code() + "|" + subject;
        }
    }

    /** A blocking violation found by the gate: the region, the rule's code and what it says (in both languages). */
    public record BlockingViolation(String region, String ruleCode, Message text) {
    }

    /** What a whole-region check found: the findings it left open (or cleared) because their values violate now. */
    public record CheckReport(String region, String period, boolean descendants, int regionsChecked, int rulesChecked,
                              int valuesChecked, int opened, int resolved, List<QualityFinding> violations) {
    }

    @Transactional
    public CheckReport check(QualityCheckInput in) {
        List<cn.tongyou.common.problem.Issue> issues = new ArrayList<>();
        RegionCode region = RequestParameters.region("region", in.region(), issues);
        Period period = null;
        try {
            period = Period.parse(in.period());
        } catch (IllegalArgumentException e) {
            issues.add(new cn.tongyou.common.problem.Issue("period", Message.of(e)));
        }
        ProblemException.throwIfAny(issues);
        scope.requireWrite(region);
        boolean descendants = in.descendants() == null || in.descendants();
        List<ValidationRule> live = rules.live();
        Loaded loaded = load(region, descendants, period, null, true);
        List<Evaluated> evaluated = evaluate(loaded, live, true);
        Written written = persist(evaluated, period);
        List<QualityFinding> violations = written.current().stream()
                .filter(f -> f.status() != QualityFinding.Status.RESOLVED)
                .sorted(Comparator.comparing(QualityFinding::regionCode).thenComparing(f -> f.importance().ordinal())
                        .thenComparing(QualityFinding::subject))
                .toList();
        return new CheckReport(region.value(), period.toString(), descendants, loaded.byRegion().size(), live.size(),
                loaded.current().size(), written.opened(), written.resolved(), violations);
    }

    /**
     * A value was created or corrected: the rules reading its indicator and its outlier score are checked for its
     * region and period, in the caller's transaction, so the findings commit with the value or not at all.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onEntry(Observation o) {
        RegionCode region = RegionCode.parse(o.regionCode());
        List<ValidationRule> reading = rules.live().stream().filter(r -> r.reads(o.indicatorCode())).toList();
        Loaded loaded = load(region, false, o.period(), o.indicatorCode(), true);
        persist(evaluate(loaded, reading, true), o.period());
    }

    /** The blocking rules violated now by the working values (no write): the region alone or with its subtree. */
    List<BlockingViolation> blockingViolations(RegionCode region, boolean descendants, Period period, String indicator) {
        Predicate<ValidationRule> which = r -> r.blocking() && (indicator == null || r.reads(indicator));
        List<ValidationRule> blocking = rules.live().stream().filter(which).toList();
        if (blocking.isEmpty()) {
            return List.of();
        }
        Loaded loaded = load(region, descendants, period, null, false);
        return evaluate(loaded, blocking, false).stream().filter(e -> e.detection() != null)
                .map(e -> new BlockingViolation(e.region(), e.subject(), e.text())).toList();
    }

    public Page<QualityFinding> list(String region, Boolean descendants, String period, List<String> statuses, List<String> kinds,
                                     PageParams page) {
        List<cn.tongyou.common.problem.Issue> issues = new ArrayList<>();
        RegionCode requested = region == null || region.isBlank() ? null : RequestParameters.region("region", region, issues);
        if (period != null && !period.isBlank()) {
            try {
                Period.parse(period);
            } catch (IllegalArgumentException e) {
                issues.add(new cn.tongyou.common.problem.Issue("period", Message.of(e)));
            }
        }
        check("status", statuses, List.of("open", "resolved", "cleared"), issues);
        check("kind", kinds, List.of("rule", "bounds", "outlier"), issues);
        ProblemException.throwIfAny(issues);
        RegionCode root = scope.listRegion(requested).orElse(null);
        boolean withDescendants = requested == null || descendants == null || descendants;
        QualityFindingStore.Filter filter = new QualityFindingStore.Filter(root, withDescendants,
                period == null || period.isBlank() ? null : Period.parse(period).toString(), statuses, kinds);
        List<QualityFinding> items = findings.list(filter, page);
        long total = items.isEmpty() && page.page == 1 ? 0 : findings.count(filter);
        return Page.of(items, page, total);
    }

    private static void check(String field, List<String> given, List<String> allowed, List<cn.tongyou.common.problem.Issue> issues) {
        if (given == null) {
            return;
        }
        for (String g : given) {
            if (!allowed.contains(g)) {
                issues.add(cn.tongyou.common.problem.Issue.of(field, "indicator.quality.finding.filter", g, String.join(", ", allowed)));
            }
        }
    }

    /** One finding; outside the caller's region subtree 404 (findings are scoped like the values they name). */
    public QualityFinding get(UUID id) {
        QualityFinding f = findings.find(id, false).orElseThrow(() -> notFound(id));
        if (!scope.visible(f.regionCode())) {
            throw notFound(id);
        }
        return f;
    }

    /**
     * A coordinator accepts the values as they are, with a comment. Four eyes: not someone who entered or last corrected
     * one of the values involved.
     */
    @Transactional
    public QualityFinding clear(UUID id, String ifMatch, ClearInput in) {
        QualityFinding f = findings.find(id, true).orElseThrow(() -> notFound(id));
        if (!scope.visible(f.regionCode())) {
            throw notFound(id);
        }
        scope.requireWrite(RegionCode.parse(f.regionCode()));
        List<UUID> ids = f.values().stream().map(QualityFinding.Value::observationId).filter(java.util.Objects::nonNull).toList();
        Map<UUID, String> correctors = observations.lastCorrectors(ids);
        for (UUID observationId : ids) {
            observations.find(observationId).ifPresent(o -> caller.requireFourEyes(o.reportedBy(), correctors.get(observationId)));
        }
        ETags.requireMatch(ifMatch, f.version(), "indicator.noun.the-finding");
        QualityFinding cleared;
        try {
            cleared = f.clear(caller.subject(), in.comment().strip(), now());
        } catch (QualityFinding.RefusedException e) {
            throw ProblemException.conflict(Message.of(e));
        }
        findings.update(cleared);
        outbox.append(QualityFindingEvents.changed(cleared));
        return cleared;
    }

    /** The open findings touching a value, for the observation's answer; null when the caller may not see them. */
    public List<QualityFinding> openTouching(Observation o) {
        if (!scope.visible(o.regionCode())) {
            return null;
        }
        return findings.openTouching(o.indicatorCode(), o.regionCode(), o.period());
    }

    /** A deleted rule's open findings are resolved: the check they came from no longer exists. */
    @Transactional(Transactional.TxType.MANDATORY)
    void resolveRule(String code, Instant now) {
        List<DomainEvent> events = new ArrayList<>();
        for (QualityFinding f : findings.openOfRule(code)) {
            f.passed(now).ifPresent(resolved -> {
                findings.update(resolved);
                events.add(QualityFindingEvents.changed(resolved));
            });
        }
        outbox.appendAll(events);
    }

    /** The working values of a period (per region, per indicator) and, for outlier scores, the earlier ones. */
    private record Loaded(Period period, List<Observation> current, Map<String, Map<String, Observation>> byRegion,
                          Map<String, List<Observation>> history, Map<String, Indicator> indicators) {
    }

    private Loaded load(RegionCode region, boolean descendants, Period period, String outlierIndicator, boolean withHistory) {
        List<Observation> current = observations.all(new ObservationFilter(region, descendants, null, List.of(period.toString()), null));
        Map<String, Map<String, Observation>> byRegion = new LinkedHashMap<>();
        if (!descendants) {
            byRegion.put(region.value(), new HashMap<>());
        }
        for (Observation o : current) {
            byRegion.computeIfAbsent(o.regionCode(), r -> new HashMap<>()).put(o.indicatorCode(), o);
        }
        Map<String, Indicator> all = indicators.all();
        List<String> scored = !withHistory ? List.<String>of() : current.stream().map(Observation::indicatorCode).distinct()
                .filter(code -> outlierIndicator == null || code.equals(outlierIndicator))
                .filter(code -> numeric(all.get(code))).toList();
        Map<String, List<Observation>> history = new HashMap<>();
        if (!scored.isEmpty()) {
            List<String> earlier = new ArrayList<>();
            for (Period p = period.previous(); earlier.size() < ModifiedZScore.MAX_HISTORY && p.year() >= Period.MIN_YEAR; p = p.previous()) {
                earlier.add(p.toString());
            }
            for (Observation o : observations.all(new ObservationFilter(region, descendants, scored, earlier, null))) {
                history.computeIfAbsent(o.regionCode() + "|" + o.indicatorCode(), k -> new ArrayList<>()).add(o);
            }
        }
        return new Loaded(period, current, byRegion, history, all);
    }

    private static boolean numeric(Indicator indicator) {
        return indicator != null && indicator.valueType() != ValueType.BOOLEAN && indicator.valueType() != ValueType.TEXT;
    }

    private List<Evaluated> evaluate(Loaded loaded, List<ValidationRule> checked, boolean withOutliers) {
        List<Evaluated> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Observation>> region : loaded.byRegion().entrySet()) {
            Map<String, Observation> values = region.getValue();
            for (ValidationRule rule : checked) {
                RuleEvaluator.Outcome outcome = RuleEvaluator.evaluate(rule, ref -> valueOf(values.get(ref.indicator()), ref.part()));
                out.add(outcome.state() == RuleEvaluator.State.VIOLATED
                        ? violation(region.getKey(), loaded.period(), outcome, values)
                        : new Evaluated(region.getKey(), rule.kind(), rule.code(), null, null));
            }
            if (withOutliers) {
                for (Observation o : values.values()) {
                    List<Observation> history = loaded.history().get(o.regionCode() + "|" + o.indicatorCode());
                    if (history != null && o.value() != null) {
                        out.add(outlier(o, history, loaded.indicators().get(o.indicatorCode())));
                    }
                }
            }
        }
        return out;
    }

    private static BigDecimal valueOf(Observation o, Expression.Part part) {
        if (o == null) {
            return null;
        }
        return switch (part) {
            case VALUE -> o.value();
            case NUMERATOR -> o.numerator();
            case DENOMINATOR -> o.denominator();
        };
    }

    private static Evaluated violation(String region, Period period, RuleEvaluator.Outcome outcome, Map<String, Observation> values) {
        ValidationRule rule = outcome.rule();
        List<QualityFinding.Value> involved = outcome.values().stream().map(v -> {
            Observation o = values.get(v.indicator());
            return new QualityFinding.Value(v.indicator(), v.part().code(), Numbers.clean(v.value()), o == null ? null : o.id());
        }).toList();
        String read = outcome.values().stream()
                .map(v -> "#{" + v.indicator() + (v.part() == Expression.Part.VALUE ? "" : "." + v.part().code()) + "} = "
                        + (v.value() == null ? "—" : Numbers.plain(v.value())))
                .collect(Collectors.joining(", "));
        Message text = Message.of("indicator.quality.rule.violated", rule.name(), rule.code(), rule.text(),
                Numbers.plain(outcome.left()), rule.operator().code(), Numbers.plain(outcome.right()), read);
        QualityFinding.Detection d = new QualityFinding.Detection(rule.kind(), rule.code(), rule.code(), rule.importance(),
                rule.blocking(), region, period, rule.indicatorCodes(), involved, text.english(), text.in(Messages.CHINESE), null);
        return new Evaluated(region, rule.kind(), rule.code(), d, text);
    }

    private static Evaluated outlier(Observation o, List<Observation> history, Indicator indicator) {
        List<BigDecimal> earlier = history.stream().map(Observation::value).filter(java.util.Objects::nonNull).toList();
        var score = ModifiedZScore.score(earlier, o.value());
        if (score.isEmpty() || !score.get().outlier()) {
            return new Evaluated(o.regionCode(), ValidationRule.Kind.OUTLIER, o.indicatorCode(), null, null);
        }
        ModifiedZScore.Score s = score.get();
        double m = BigDecimal.valueOf(s.m()).setScale(3, RoundingMode.HALF_UP).doubleValue();
        Message text = Message.of("indicator.quality.outlier", indicator.name(), o.indicatorCode(), Numbers.plain(o.value()),
                o.period().toString(), Numbers.plain(BigDecimal.valueOf(s.median())), s.history(), String.valueOf(m),
                String.valueOf(ModifiedZScore.THRESHOLD));
        QualityFinding.Detection d = new QualityFinding.Detection(ValidationRule.Kind.OUTLIER, null, o.indicatorCode(),
                Importance.MEDIUM, false, o.regionCode(), o.period(), List.of(o.indicatorCode()),
                List.of(new QualityFinding.Value(o.indicatorCode(), Expression.Part.VALUE.code(), Numbers.clean(o.value()), o.id())),
                text.english(), text.in(Messages.CHINESE), m);
        return new Evaluated(o.regionCode(), ValidationRule.Kind.OUTLIER, o.indicatorCode(), d, text);
    }

    private record Written(List<QualityFinding> current, int opened, int resolved) {
    }

    /**
     * Turns the checks into findings: a violation opens (or updates) its finding, a pass resolves an open one. The
     * regions' findings are locked first (a transaction-scoped advisory lock per region and period), so two entries
     * in the same region and period cannot both open the same finding.
     */
    private Written persist(List<Evaluated> evaluated, Period period) {
        List<String> regions = new ArrayList<>(new TreeSet<>(evaluated.stream().map(Evaluated::region).toList()));
        if (regions.isEmpty()) {
            return new Written(List.of(), 0, 0);
        }
        findings.lock(regions, period);
        Map<String, QualityFinding> existing = new HashMap<>();
        for (QualityFinding f : findings.forRegions(regions, period)) {
            existing.put(Evaluated.key(f.regionCode(), f.kind(), f.subject()), f);
        }
        Instant now = now();
        List<DomainEvent> events = new ArrayList<>();
        List<QualityFinding> current = new ArrayList<>();
        int opened = 0;
        int resolved = 0;
        for (Evaluated e : evaluated) {
            QualityFinding before = existing.get(e.key());
            if (e.detection() != null) {
                if (before == null) {
                    QualityFinding f = QualityFinding.open(UUID.randomUUID(), e.detection(), now);
                    findings.insert(f);
                    events.add(QualityFindingEvents.changed(f));
                    current.add(f);
                    opened++;
                } else {
                    var next = before.detectedAgain(e.detection(), now);
                    if (next.isPresent()) {
                        findings.update(next.get());
                        events.add(QualityFindingEvents.changed(next.get()));
                        if (before.status() != QualityFinding.Status.OPEN) {
                            opened++;
                        }
                    }
                    current.add(next.orElse(before));
                }
            } else if (before != null) {
                var next = before.passed(now);
                if (next.isPresent()) {
                    findings.update(next.get());
                    events.add(QualityFindingEvents.changed(next.get()));
                    resolved++;
                }
            }
        }
        outbox.appendAll(events);
        return new Written(current, opened, resolved);
    }

    /** To the microsecond, as PostgreSQL keeps it: a finding's times read back equal to what its first event said. */
    private static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("indicator.quality.finding.not-found", id);
    }
}
