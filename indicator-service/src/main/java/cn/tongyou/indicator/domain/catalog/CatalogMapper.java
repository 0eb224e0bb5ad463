package cn.tongyou.indicator.domain.catalog;

import cn.tongyou.common.indicator.Computation;
import cn.tongyou.common.indicator.Derivation;
import cn.tongyou.common.indicator.Direction;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.indicator.Obtained;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.TargetKind;
import cn.tongyou.indicator.domain.TargetLevel;
import cn.tongyou.common.indicator.TargetRules;
import cn.tongyou.common.indicator.TargetSpec;
import cn.tongyou.common.indicator.ValueType;
import cn.tongyou.indicator.domain.catalog.CatalogPlan.DomainDraft;
import cn.tongyou.indicator.domain.catalog.CatalogPlan.IndicatorDraft;
import cn.tongyou.indicator.domain.catalog.CatalogPlan.Skip;
import cn.tongyou.indicator.domain.catalog.CatalogPlan.SourceRef;
import cn.tongyou.indicator.domain.catalog.CatalogPlan.TargetDraft;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a catalogue document into indicators and targets (the catalogue loader's rules; see README "Catalogue import").
 *
 * <ol>
 *   <li>Indicator tables and goal lists ({@code indicators}): each row is an indicator with its targets per year and the
 *   national/provincial reference targets it quotes. A target without a year belongs to the plan's end year for a
 *   development plan (its goals are for 2030) and to its first horizon year otherwise (2025 for a construction plan),
 *   marked as inferred.</li>
 *   <li>Milestones that name a measurable quantity ({@code >=}, {@code <}, range, increase, reduce-… with a metric) and
 *   are not facility deliverables become targets of an indicator named by their metric; qualitative and yes/no
 *   milestones, and counts of facilities to build, stay with task-service (and the facility data) and are reported
 *   as skipped.</li>
 *   <li>Facility coverage targets with a value (儿童之家 100% of villages, 家长学校 in 90% of urban communities) become
 *   targets of the derived coverage indicator that the curated catalogue defines for that facility type and scope.</li>
 * </ol>
 * The same indicator named by several rows or plans is one indicator (matched on the normalised name and the
 * curated aliases); a second target for the same indicator, year and level in one document is skipped as a duplicate.
 */
public final class CatalogMapper {

    static final Set<String> COUNT_UNITS = Set.of("个", "名", "人", "起", "场次", "场", "座", "所", "家", "处", "条", "张", "项", "课时", "块", "次");
    private static final Map<String, String> DOMAIN_EN = Map.ofEntries(
            Map.entry("社会政策友好", "Child-friendly social policy"),
            Map.entry("公共服务友好", "Child-friendly public services"),
            Map.entry("权利保障友好", "Child-friendly rights protection"),
            Map.entry("成长空间友好", "Child-friendly spaces for growing up"),
            Map.entry("发展环境友好", "Child-friendly development environment"),
            Map.entry("儿童参与友好", "Child participation"),
            Map.entry("儿童与健康", "Children and health"),
            Map.entry("儿童与安全", "Children and safety"),
            Map.entry("儿童与教育", "Children and education"),
            Map.entry("儿童与福利", "Children and welfare"),
            Map.entry("儿童与家庭", "Children and family"),
            Map.entry("儿童与环境", "Children and the environment"),
            Map.entry("儿童与法律保护", "Children and legal protection"));

    private final CatalogDocument doc;
    private final List<CuratedIndicator> curated;
    private final Map<String, CuratedIndicator> curatedByKey = new HashMap<>();
    private final Map<String, IndicatorDraft> drafts = new LinkedHashMap<>();
    private final Map<String, String> draftKeyOf = new HashMap<>();
    private final List<TargetDraft> targets = new ArrayList<>();
    private final Map<String, String> targetSources = new HashMap<>();
    private final List<Skip> skipped = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, DomainDraft> domains = new LinkedHashMap<>();
    private final Integer defaultYear;
    private final String framework;

    private CatalogMapper(CatalogDocument doc, List<CuratedIndicator> curated) {
        this.doc = doc;
        this.curated = curated;
        curated.forEach(c -> c.keys().forEach(k -> curatedByKey.put(k, c)));
        boolean developmentPlan = "development-plan".equals(doc.kind());
        framework = developmentPlan ? "child-development-plan" : "child-friendly-city";
        List<Integer> horizon = doc.horizonYears();
        defaultYear = horizon.isEmpty() ? null : developmentPlan ? horizon.get(horizon.size() - 1) : horizon.get(0);
    }

    public static CatalogPlan map(CatalogDocument doc, List<CuratedIndicator> curated) {
        CatalogMapper m = new CatalogMapper(doc, curated);
        m.domains();
        m.indicatorTable();
        m.milestones();
        m.facilityTargets();
        return new CatalogPlan(List.copyOf(m.domains.values()), List.copyOf(m.drafts.values()), List.copyOf(m.targets),
                List.copyOf(m.skipped), List.copyOf(m.warnings));
    }

    /** 权益保障友好 is written for 权利保障友好 (SCHEMA.md). */
    public static String canonicalDomain(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        return n.equals("权益保障友好") ? "权利保障友好" : n;
    }

    private void domains() {
        for (String d : doc.domains()) {
            domain(canonicalDomain(d));
        }
    }

    private String domain(String name) {
        if (name == null) {
            return null;
        }
        domains.computeIfAbsent(name, n -> new DomainDraft(n, DOMAIN_EN.get(n), framework, domains.size() + 1));
        return name;
    }

    // --- 1. indicator tables ----------------------------------------------------------------------------------------

    private void indicatorTable() {
        Map<String, List<Integer>> quotedBy = new HashMap<>();
        List<Map<Integer, TargetSpec>> localSpecs = new ArrayList<>();
        for (int i = 0; i < doc.indicators().size(); i++) {
            CatalogDocument.Item item = doc.indicators().get(i);
            Map<Integer, TargetSpec> local = new LinkedHashMap<>();
            localSpecs.add(local);
            if (item.name() == null) {
                skip("indicator-table", item.number(), null, "the row has no name");
                continue;
            }
            List<String> comparators = item.targets().stream().map(CatalogDocument.TargetText::comparator).toList();
            String domain = domain(canonicalDomain(item.domain()));
            if (domain == null) {
                skip("indicator-table", item.number(), item.name(), "the row names no domain");
                continue;
            }
            IndicatorDraft draft = draft(item.name(), item.nameEn(), item.unit(), domain, comparators, item.responsibleUnits());
            draft.sources.add(new SourceRef(doc.document(), "indicator-table", item.number(), item.quote()));
            for (CatalogDocument.TargetText t : item.targets()) {
                Integer year = t.year() != null ? t.year() : defaultYear;
                if (year == null) {
                    skip("indicator-table", item.number(), item.name(), "the target names no year and the plan no horizon");
                    continue;
                }
                TargetSpec spec = spec(t.comparator(), t.value(), t.valueMax(), t.boolValue(), t.baselineYear(), t.relativeTo());
                if (spec == null) {
                    skip("indicator-table", item.number(), item.name(), "target '" + t.text() + "' (" + t.comparator() + ") has no usable value");
                    continue;
                }
                String note = t.relativeTo() != null ? "在" + t.relativeTo() + "年基础上（relative to " + t.relativeTo() + "）" : null;
                if (add(draft, year, TargetLevel.LOCAL, spec, t.text(), note, item.responsibleUnits(), "indicator-table",
                        item.number(), item.quote(), t.year() == null)) {
                    local.put(year, spec);
                }
            }
            for (CatalogDocument.Reference ref : item.references()) {
                quotedBy.computeIfAbsent(ref.level() + "\u0000" + ref.text(), k -> new ArrayList<>()).add(i);
            }
        }
        // reference targets: national first, so that "与国纲目标相同" can take its values
        for (int i = 0; i < doc.indicators().size(); i++) {
            CatalogDocument.Item item = doc.indicators().get(i);
            if (item.name() == null || item.references().isEmpty() || !draftKeyOf.containsKey(IndicatorNames.matchKey(item.name()))) {
                continue;
            }
            IndicatorDraft draft = drafts.get(draftKeyOf.get(IndicatorNames.matchKey(item.name())));
            Map<TargetLevel, List<ReferenceTextParser.Parsed>> parsedByLevel = new LinkedHashMap<>();
            List<CatalogDocument.Reference> ordered = new ArrayList<>(item.references());
            ordered.sort((a, b) -> Boolean.compare(!"national".equals(a.level()), !"national".equals(b.level())));
            for (CatalogDocument.Reference ref : ordered) {
                TargetLevel level = level(ref.level());
                if (level == null) {
                    skip("reference", item.number(), ref.text(), "unknown reference level '" + ref.level() + "'");
                    continue;
                }
                List<ReferenceTextParser.Parsed> parsed;
                if (ReferenceTextParser.sameAsNational(ref.text()) && parsedByLevel.containsKey(TargetLevel.NATIONAL)) {
                    parsed = parsedByLevel.get(TargetLevel.NATIONAL);
                } else {
                    List<Integer> siblings = quotedBy.getOrDefault(ref.level() + "\u0000" + ref.text(), List.of(i));
                    parsed = ReferenceTextParser.parse(ref.text(), siblings.indexOf(i), siblings.size(), localSpecs.get(i),
                            draft.direction, defaultYear == null ? 2030 : lastHorizonYear());
                }
                parsedByLevel.put(level, parsed);
                if (parsed.isEmpty()) {
                    warnings.add(item.number() + " " + item.name() + ": the " + ref.level() + " target '" + ref.text()
                            + "' names no value; not stored");
                    skip("reference", item.number(), ref.text(), "no value could be read");
                    continue;
                }
                for (ReferenceTextParser.Parsed p : parsed) {
                    TargetSpec spec = p.spec();
                    if (spec == null || !TargetRules.validate(spec, p.year(), draft.toIndicator()).isEmpty()) {
                        warnings.add(item.number() + " " + item.name() + ": the " + ref.level() + " target for " + p.year()
                                + " could not be read as a value; kept as text");
                        spec = new TargetSpec(TargetKind.QUALITATIVE, null, null, null, null, null);
                    }
                    add(draft, p.year(), level, spec, ref.text(), p.segment(), List.of(), "reference", item.number(), ref.text(), false);
                }
            }
        }
    }

    private int lastHorizonYear() {
        List<Integer> h = doc.horizonYears();
        return h.get(h.size() - 1);
    }

    // --- 2. milestones ----------------------------------------------------------------------------------------------

    private void milestones() {
        for (CatalogDocument.Task task : doc.tasks()) {
            for (CatalogDocument.Milestone m : task.milestones()) {
                String what = m.statement();
                String c = m.comparator();
                if (c == null || c.equals("qualitative") || c.equals("bool")) {
                    skip("milestone", task.number(), what, "a deliverable without a measurable value (" + c
                            + "): task-service keeps it as a milestone");
                    continue;
                }
                if (m.metric() == null) {
                    skip("milestone", task.number(), what, "names no metric");
                    continue;
                }
                if (m.facilityType() != null && !m.facilityType().equals("other") && !ratioLike(m.metric())) {
                    skip("milestone", task.number(), what, "a facility deliverable (" + m.facilityType()
                            + "): task-service tracks it as a milestone and facility data counts it");
                    continue;
                }
                TargetSpec spec = spec(c, m.value(), m.valueMax(), m.boolValue(), m.baselineYear(), null);
                if (spec == null) {
                    skip("milestone", task.number(), what, "comparator '" + c + "' without a usable value");
                    continue;
                }
                Integer year = m.by() != null && m.by().length() >= 4 ? Integer.valueOf(m.by().substring(0, 4)) : defaultYear;
                if (year == null) {
                    skip("milestone", task.number(), what, "undated and the plan names no horizon");
                    continue;
                }
                String domain = domain(canonicalDomain(task.domain()));
                if (domain == null) {
                    skip("milestone", task.number(), what, "the task names no domain");
                    continue;
                }
                IndicatorDraft draft = draft(m.metric(), null, c.equals("reduce-pct-from-baseline") ? null : m.unit(), domain,
                        List.of(c), task.leadUnits());
                draft.sources.add(new SourceRef(doc.document(), "milestone", task.number(), what));
                add(draft, year, TargetLevel.LOCAL, spec, what, m.note(), task.leadUnits(), "milestone", task.number(), what,
                        m.by() == null);
            }
        }
    }

    static boolean ratioLike(String metric) {
        return metric.contains("每千") || metric.contains("每万") || metric.contains("率") || metric.contains("比例")
                || metric.contains("占比");
    }

    // --- 3. facility coverage targets -------------------------------------------------------------------------------

    private void facilityTargets() {
        for (CatalogDocument.FacilityTarget f : doc.facilityTargets()) {
            String what = f.quote();
            if (!"coverage".equals(f.kind())) {
                skip("facility-target", f.taskNumber(), what, "count".equals(f.kind())
                        ? "a count of facilities to build: task-service tracks it as a milestone and facility data counts it"
                        : "a facility standard, not a measurable quantity");
                continue;
            }
            String c = f.comparator();
            if (c == null || c.equals("qualitative") || c.equals("bool")) {
                skip("facility-target", f.taskNumber(), what, "a coverage aim without a value (" + c + ")");
                continue;
            }
            CuratedIndicator entry = coverageIndicator(f);
            if (entry == null) {
                skip("facility-target", f.taskNumber(), what, "no derived coverage indicator is defined for "
                        + f.facilityType() + (f.scope() == null ? "" : " at " + f.scope()));
                continue;
            }
            TargetSpec spec = spec(c, f.value(), f.valueMax(), null, null, null);
            if (spec == null) {
                skip("facility-target", f.taskNumber(), what, "comparator '" + c + "' without a usable value");
                continue;
            }
            Integer year = f.by() != null && f.by().length() >= 4 ? Integer.valueOf(f.by().substring(0, 4)) : defaultYear;
            if (year == null) {
                skip("facility-target", f.taskNumber(), what, "undated and the plan names no horizon");
                continue;
            }
            String domain = doc.tasks().stream().filter(t -> t.number() != null && t.number().equals(f.taskNumber()))
                    .map(t -> canonicalDomain(t.domain())).findFirst().orElse(null);
            if (domain == null) {
                domain = doc.domains().isEmpty() ? null : canonicalDomain(doc.domains().get(0));
            }
            IndicatorDraft draft = draft(entry.name(), entry.nameEn(), entry.unit(), domain(domain), List.of(c), List.of());
            draft.sources.add(new SourceRef(doc.document(), "facility-target", f.taskNumber(), what));
            add(draft, year, TargetLevel.LOCAL, spec, what, f.scope(), List.of(), "facility-target", f.taskNumber(), what,
                    f.by() == null);
        }
    }

    private CuratedIndicator coverageIndicator(CatalogDocument.FacilityTarget f) {
        if (f.facilityType() == null || f.facilityType().equals("other")) {
            return null;
        }
        for (CuratedIndicator c : curated) {
            Derivation d = c.derivation();
            if (d == null || d.measure() != Derivation.Measure.COVERAGE || !d.facilityType().equals(f.facilityType())) {
                continue;
            }
            if (c.scopeKeywords().isEmpty() || (f.scope() != null && c.scopeKeywords().stream().anyMatch(f.scope()::contains))) {
                return c;
            }
        }
        return null;
    }

    // --- shared -----------------------------------------------------------------------------------------------------

    /** The draft of the indicator called {@code name}: an existing one of this document, a curated one, or a new one. */
    private IndicatorDraft draft(String name, String nameEn, String unit, String domain, List<String> comparators,
                                 List<String> departments) {
        String key = IndicatorNames.matchKey(name);
        CuratedIndicator c = curatedByKey.get(key);
        String draftKey = c != null ? IndicatorNames.matchKey(c.name()) : key;
        IndicatorDraft existing = drafts.get(draftKey);
        if (existing == null && draftKeyOf.containsKey(key)) {
            existing = drafts.get(draftKeyOf.get(key));
        }
        if (existing != null) {
            if (!existing.name.equals(name)) {
                existing.aliases.add(name);
                existing.keys.add(key);
            }
            draftKeyOf.put(key, existing.matchKey);
            existing.departments.addAll(departments);
            return existing;
        }
        IndicatorDraft d = new IndicatorDraft(draftKey);
        d.curated = c != null;
        d.name = c != null ? c.name() : name;
        if (c != null) {
            d.keys.addAll(c.keys());
            d.aliases.addAll(c.aliases());
            if (!c.name().equals(name)) {
                d.aliases.add(name);
            }
        }
        d.keys.add(key);
        d.nameEn = c != null && c.nameEn() != null ? c.nameEn() : nameEn;
        d.code = c != null ? c.code() : codeFor(nameEn, draftKey);
        d.unit = c != null && c.unit() != null ? c.unit() : unit;
        boolean allQualitative = !comparators.isEmpty() && comparators.stream().allMatch(x -> "qualitative".equals(x));
        d.valueType = c != null && c.valueType() != null ? c.valueType() : valueType(d.unit, d.name, allQualitative);
        d.obtained = c != null && c.obtained() != null ? c.obtained() : obtained(d.valueType, d.name);
        if (d.obtained == Obtained.COMPUTED) {
            int scale = c != null && c.scale() != null ? c.scale() : d.valueType == ValueType.PER_MILLE ? 1000 : 100;
            d.computation = new Computation(scale, c == null ? null : c.numeratorLabel(), c == null ? null : c.denominatorLabel());
        }
        if (d.obtained == Obtained.DERIVED) {
            d.derivation = c.derivation();
        }
        d.direction = c != null && c.direction() != null ? c.direction() : direction(comparators, d.valueType);
        d.precision = c != null && c.precision() != null ? c.precision() : precision(d.valueType);
        d.bounded = c == null || c.bounded() == null || c.bounded();
        d.periodTypes = c != null && !c.periodTypes().isEmpty() ? c.periodTypes()
                : d.valueType == ValueType.PER_MILLE ? Set.of(Period.Type.YEAR) : Set.of(Period.Type.YEAR, Period.Type.HALF_YEAR);
        d.domain = domain;
        d.departments.addAll(departments);
        drafts.put(draftKey, d);
        d.keys.forEach(k -> draftKeyOf.put(k, draftKey));
        return d;
    }

    static String codeFor(String nameEn, String matchKey) {
        String slug = IndicatorNames.slug(nameEn);
        return slug != null ? slug : IndicatorNames.hashCode(matchKey);
    }

    static ValueType valueType(String unit, String name, boolean allQualitative) {
        if (unit == null) {
            return allQualitative ? ValueType.TEXT : ValueType.NUMBER;
        }
        return switch (unit) {
            case "%" -> ValueType.PERCENTAGE;
            case "‰" -> ValueType.PER_MILLE;
            case "是/否" -> ValueType.BOOLEAN;
            default -> COUNT_UNITS.contains(unit) && !name.contains("每") && !name.contains("平均") ? ValueType.COUNT : ValueType.NUMBER;
        };
    }

    static Obtained obtained(ValueType type, String name) {
        boolean rate = name.contains("率") || name.contains("比例") || name.contains("占比") || name.contains("比重");
        return (type == ValueType.PERCENTAGE || type == ValueType.PER_MILLE) && rate ? Obtained.COMPUTED : Obtained.REPORTED;
    }

    static Direction direction(List<String> comparators, ValueType type) {
        if (type == ValueType.TEXT || type == ValueType.BOOLEAN) {
            return Direction.NONE;
        }
        for (String c : comparators) {
            TargetSpec s = spec(c, BigDecimal.ONE, BigDecimal.ONE, Boolean.TRUE, 2000, null);
            if (s != null && s.kind().direction() != Direction.NONE) {
                return s.kind().direction();
            }
        }
        return Direction.NONE;
    }

    static int precision(ValueType type) {
        return switch (type) {
            case COUNT, BOOLEAN, TEXT -> 0;
            default -> 2;
        };
    }

    /** The spec of a catalogue comparator, or null when its value is missing. */
    static TargetSpec spec(String comparator, BigDecimal value, BigDecimal valueMax, Boolean boolValue, Integer baselineYear,
                           Integer relativeTo) {
        if (comparator == null) {
            return null;
        }
        return switch (comparator) {
            case ">=", "maintain" -> value == null ? null : TargetSpec.of(TargetKind.AT_LEAST, value);
            case ">" -> value == null ? null : TargetSpec.of(TargetKind.ABOVE, value);
            case "<=" -> value == null ? null : TargetSpec.of(TargetKind.AT_MOST, value);
            case "<" -> value == null ? null : TargetSpec.of(TargetKind.BELOW, value);
            case "==" -> value == null ? null : TargetSpec.of(TargetKind.EQUALS, value);
            case "range" -> value == null || valueMax == null ? null : new TargetSpec(TargetKind.RANGE, value, valueMax, null, null, null);
            case "bool" -> new TargetSpec(TargetKind.BOOL, null, null, boolValue == null ? Boolean.TRUE : boolValue, null, null);
            case "increase", "decrease" -> {
                TargetKind kind = comparator.equals("increase") ? TargetKind.INCREASE : TargetKind.DECREASE;
                Integer base = relativeTo != null ? relativeTo : baselineYear;
                yield new TargetSpec(kind, null, null, null, base, base != null ? TargetSpec.Reference.BASELINE : TargetSpec.Reference.PREVIOUS);
            }
            case "reduce-pct-from-baseline" -> value == null || baselineYear == null ? null
                    : new TargetSpec(TargetKind.REDUCE_PCT_FROM_BASELINE, value, null, null, baselineYear, null);
            case "reduce-pp-per-year" -> value == null ? null : new TargetSpec(TargetKind.REDUCE_PP_PER_YEAR, value, null, null, baselineYear, null);
            case "qualitative" -> new TargetSpec(TargetKind.QUALITATIVE, null, null, null, null, null);
            default -> null;
        };
    }

    private boolean add(IndicatorDraft draft, int year, TargetLevel level, TargetSpec spec, String text, String note,
                        List<String> units, String sourceKind, String number, String quote, boolean yearInferred) {
        String key = draft.matchKey + "|" + year + "|" + level.code();
        String first = targetSources.get(key);
        if (first != null) {
            skip(sourceKind, number, text, "duplicate: the document already sets the " + year + " " + level.code()
                    + " target of " + draft.name + " (" + first + ")");
            return false;
        }
        List<Issue> issues = TargetRules.validate(spec, year, draft.toIndicator());
        if (!issues.isEmpty()) {
            skip(sourceKind, number, text, "not a valid target for " + draft.name + ": "
                    + issues.stream().map(i -> i.field() + " " + i.message()).collect(Collectors.joining("; ")));
            return false;
        }
        targetSources.put(key, sourceKind + " " + number);
        targets.add(new TargetDraft(draft.matchKey, year, level, spec, text, note, List.copyOf(new java.util.LinkedHashSet<>(units)),
                sourceKind, number, quote, yearInferred));
        return true;
    }

    private void skip(String kind, String number, String what, String reason) {
        String shortWhat = what == null ? null : what.length() > 80 ? what.substring(0, 80) + "…" : what;
        skipped.add(new Skip(kind, number, shortWhat, reason));
    }

    private static TargetLevel level(String level) {
        if (level == null) {
            return null;
        }
        return switch (level) {
            case "national" -> TargetLevel.NATIONAL;
            case "provincial" -> TargetLevel.PROVINCIAL;
            case "prefecture" -> TargetLevel.PREFECTURE;
            default -> null;
        };
    }
}
