package cn.tongyou.indicator.service;

import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.indicator.Assessment;
import cn.tongyou.common.indicator.Evaluation;
import cn.tongyou.common.indicator.Evaluator;
import cn.tongyou.common.indicator.Figure;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.indicator.Numbers;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.ProgressMeasure;
import cn.tongyou.common.indicator.RollUp;
import cn.tongyou.common.indicator.Series;
import cn.tongyou.common.indicator.Status;
import cn.tongyou.indicator.domain.TargetFilter;
import cn.tongyou.indicator.domain.TargetLevel;
import cn.tongyou.common.indicator.TargetSpec;
import cn.tongyou.indicator.store.IndicatorEntity;
import cn.tongyou.indicator.store.IndicatorStore;
import cn.tongyou.indicator.store.ObservationStore;
import cn.tongyou.indicator.store.TargetEntity;
import cn.tongyou.indicator.store.TargetStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Evaluation of a region's targets for a year (the rules are {@link Evaluator} and {@link ProgressMeasure}): one query
 * for the targets, one for their reference targets, one for the region's values, and one GROUP BY per region for the
 * roll-ups of indicators that sum up, so a county's ~100 targets take tens of milliseconds.
 */
@ApplicationScoped
public class EvaluationService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(EvaluationService.class);

    @Inject
    TargetStore targets;

    @Inject
    IndicatorStore indicators;

    @Inject
    ObservationStore observations;

    @Inject
    cn.tongyou.common.security.RegionScope scope;

    /**
     * basis=approved reads only approved values and targets, which are public; basis=latest reads drafts and submitted
     * values, which stay inside the caller's region subtree (403 outside it or without a region claim).
     */
    private void requireBasisReadable(boolean approvedOnly, RegionCode region) {
        if (!approvedOnly) {
            scope.requireRead(region);
        }
    }

    public static boolean approvedOnly(String basis) {
        if (basis == null || basis.isBlank() || basis.strip().equals("approved")) {
            return true;
        }
        if (basis.strip().equals("latest")) {
            return false;
        }
        throw ProblemException.invalidField("basis", "indicator.evaluation.basis");
    }

    public EvaluationReport evaluate(String regionRaw, Integer yearRaw, String asOfRaw, String basis, boolean descendants,
                                     String indicator, String domain) {
        long started = System.nanoTime();
        RegionCode region = RequestParameters.region("region", regionRaw);
        int year = YearParameter.require("year", yearRaw);
        Period asOf = asOfRaw == null || asOfRaw.isBlank() ? Period.year(year) : RequestParameters.period("asOf", asOfRaw);
        boolean approvedOnly = approvedOnly(basis);
        requireBasisReadable(approvedOnly, region);
        List<TargetEntity> locals = targets.search(new TargetFilter(region, descendants, blank(indicator), year,
                List.of(TargetLevel.LOCAL.code()), null, blank(domain))).list();
        Map<String, IndicatorEntity> entities = new HashMap<>();
        Map<String, Indicator> rules = new HashMap<>();
        List<String> codes = locals.stream().map(t -> t.indicatorCode).distinct().toList();
        if (!codes.isEmpty()) {
            for (IndicatorEntity e : indicators.list("code in ?1", codes)) {
                entities.put(e.code, e);
                rules.put(e.code, e.toIndicator());
            }
        }
        Map<String, List<TargetEntity>> references = new HashMap<>();
        for (TargetEntity r : targets.referencesOf(locals)) {
            references.computeIfAbsent(r.indicatorCode + "|" + r.regionCode, k -> new ArrayList<>()).add(r);
        }
        Set<String> regions = locals.stream().map(t -> t.regionCode).collect(Collectors.toSet());
        long t1 = System.nanoTime();
        Map<String, Map<String, List<Figure>>> figures = observations.figures(regions, codes, approvedOnly);
        long t2 = System.nanoTime();
        Map<String, Map<String, List<Figure>>> rollups = rollups(locals, rules, figures, approvedOnly);
        long t3 = System.nanoTime();
        LOG.debugf("evaluation of %s %d: targets %d ms, values %d ms, roll-ups %d ms", region.value(), year,
                (t1 - started) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);

        Map<String, Integer> totals = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            totals.put(s.name(), 0);
        }
        List<EvaluationReport.Item> items = new ArrayList<>(locals.size());
        for (TargetEntity t : locals) {
            Indicator ind = rules.get(t.indicatorCode);
            Series series = Series.of(merge(figures.getOrDefault(t.indicatorCode, Map.of()).getOrDefault(t.regionCode, List.of()),
                    rollups.getOrDefault(t.indicatorCode, Map.of()).getOrDefault(t.regionCode, List.of())));
            TargetSpec spec = TargetService.spec(t);
            Assessment assessment = t.assessmentVerdict == null ? null
                    : new Assessment(Status.valueOf(t.assessmentVerdict), t.assessmentReason, t.assessedBy, t.assessedAt);
            Evaluation e = Evaluator.evaluate(ind, spec, t.year, assessment, series, asOf);
            ProgressMeasure.Result p = ProgressMeasure.measure(spec, t.year, series, e.inputs().cutoff());
            totals.merge(e.status().name(), 1, Integer::sum);
            TargetService.Comparisons c = TargetService.compare(t, references.getOrDefault(t.indicatorCode + "|" + t.regionCode, List.of())
                    .stream().filter(r -> r.year == t.year).toList());
            IndicatorEntity ie = entities.get(t.indicatorCode);
            items.add(new EvaluationReport.Item(t.id, t.regionCode,
                    new EvaluationReport.IndicatorRef(ie.code, ie.name, ie.unit, ie.domain, ie.valueType, ie.obtained),
                    new EvaluationReport.Goal(t.kind, Numbers.clean(t.value), Numbers.clean(t.valueMax), t.boolValue, t.baselineYear,
                            t.reference, t.text),
                    e.status().name(), e.reason(), inputs(e.inputs()),
                    new EvaluationReport.Explanation(e.explanation().zh(), e.explanation().en()),
                    p == null ? null : new EvaluationReport.Progress(p.method(), p.basePeriod().toString(), Numbers.clean(p.baseValue()),
                            p.currentPeriod().toString(), Numbers.clean(p.currentValue()), Numbers.clean(p.targetValue()),
                            p.progressValue(), p.status(), p.score()),
                    c.weakerThan().isEmpty() ? null : c.weakerThan()));
        }
        Period cutoff = asOf.halfYears() < Period.year(year).halfYears() ? asOf : Period.year(year);
        return new EvaluationReport(region.value(), year, cutoff.toString(), approvedOnly ? "approved" : "latest", descendants,
                Instant.now(), totals, items, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Roll-up figures, by indicator and region, for the targets whose indicators sum up and of which the region reports
     * nothing itself (its own values take precedence; own and summed periods are never mixed).
     */
    private Map<String, Map<String, List<Figure>>> rollups(List<TargetEntity> locals, Map<String, Indicator> rules,
                                                           Map<String, Map<String, List<Figure>>> own, boolean approvedOnly) {
        Map<String, Set<String>> codesByRegion = new TreeMap<>();
        for (TargetEntity t : locals) {
            Indicator ind = rules.get(t.indicatorCode);
            boolean reportsItself = !own.getOrDefault(t.indicatorCode, Map.of()).getOrDefault(t.regionCode, List.of()).isEmpty();
            if (ind != null && ind.rollsUp() && !reportsItself) {
                codesByRegion.computeIfAbsent(t.regionCode, k -> new java.util.TreeSet<>()).add(t.indicatorCode);
            }
        }
        Map<String, Map<String, List<Figure>>> result = new HashMap<>();
        codesByRegion.forEach((regionCode, codes) -> {
            RegionCode region = RegionCode.parse(regionCode);
            if (region.level() == RegionLevel.VILLAGE) {
                return;
            }
            QuarkusTransaction.requiringNew().call(() -> observations.levelSums(region, codes, approvedOnly)).forEach((code, sums) -> {
                Indicator ind = rules.get(code);
                List<RollUp.LevelSum> rows = sums.stream().map(s -> ind.reportedInParts() ? s.forParts() : s.forValues()).toList();
                result.computeIfAbsent(code, k -> new HashMap<>()).put(regionCode, RollUp.combine(ind, rows));
            });
        });
        return result;
    }

    /** The region's own values when it has any, else the roll-up of its children. */
    static List<Figure> merge(List<Figure> own, List<Figure> rolled) {
        return own.isEmpty() ? rolled : own;
    }

    public RollupView rollup(String regionRaw, String indicatorCode, String periodRaw, String basis) {
        RegionCode region = RequestParameters.region("region", regionRaw);
        Period period = RequestParameters.period("period", periodRaw);
        boolean approvedOnly = approvedOnly(basis);
        requireBasisReadable(approvedOnly, region);
        if (indicatorCode == null || indicatorCode.isBlank()) {
            throw ProblemException.invalidField("indicator", "common.field.required");
        }
        IndicatorEntity e = indicators.findByIdOptional(indicatorCode.strip())
                .orElseThrow(() -> ProblemException.invalidField("indicator", "indicator.indicator.unknown", indicatorCode));
        Indicator ind = e.toIndicator();
        if (!ind.rollsUp()) {
            throw ProblemException.conflict("indicator.evaluation.no-rollup", e.code, ind.valueType().code());
        }
        Figure own = observations.figures(List.of(region.value()), List.of(e.code), approvedOnly)
                .getOrDefault(e.code, Map.of()).getOrDefault(region.value(), List.of()).stream()
                .filter(f -> f.period().equals(period)).findFirst().orElse(null);
        List<RollUp.LevelSum> rows = QuarkusTransaction.requiringNew().call(() -> observations.levelSums(region, List.of(e.code), approvedOnly))
                .getOrDefault(e.code, List.of())
                .stream().map(s -> ind.reportedInParts() ? s.forParts() : s.forValues()).toList();
        Map<String, RollUp.LevelSum> children = RollUp.chosen(ind, rows).getOrDefault(period, Map.of());
        List<RollupView.Child> childViews = new ArrayList<>();
        new TreeMap<>(children).forEach((child, sum) -> {
            Figure f = RollUp.figure(ind, period, List.of(sum));
            String code = child + "0".repeat(RegionCode.LENGTH - child.length());
            childViews.add(new RollupView.Child(code, RegionLevel.ofDepth(sum.depth()).code(), EvaluationReport.FigureView.of(f)));
        });
        Figure total = children.isEmpty() ? null : RollUp.figure(ind, period, children.values());
        return new RollupView(region.value(), e.code, period.toString(), approvedOnly ? "approved" : "latest",
                EvaluationReport.FigureView.of(own), EvaluationReport.FigureView.of(total), childViews);
    }

    private static EvaluationReport.Inputs inputs(Evaluation.Inputs i) {
        return new EvaluationReport.Inputs(EvaluationReport.FigureView.of(i.value()), EvaluationReport.FigureView.of(i.baseline()),
                i.baselineBasis(), EvaluationReport.FigureView.of(i.reference()), Numbers.clean(i.targetValue()),
                Numbers.clean(i.expected()), i.cutoff().toString(), i.finalValue());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
