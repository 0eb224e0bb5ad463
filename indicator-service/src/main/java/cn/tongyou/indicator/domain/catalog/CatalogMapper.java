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
    private final List<HomeBuilder> homes = new ArrayList<>();
    private HomeBuilder current;

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
                List.copyOf(m.skipped), List.copyOf(m.warnings), m.homes());
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
            begin("indicator-table", item.number(), item.name() != null ? item.name() : item.quote(), null, null);
            if (item.targets().isEmpty()) {
                current.reasons.add("the row states no target (a monitored quantity without a value to reach)");
            }
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
                for (CatalogDocument.Reference ref : item.references()) {
                    begin("reference", item.number(), ref.text(), null, null);
                    current.reasons.add("the row it stands beside gave no indicator (see the indicator-table entry)");
                }
                continue;
            }
            IndicatorDraft draft = drafts.get(draftKeyOf.get(IndicatorNames.matchKey(item.name())));
            Map<TargetLevel, List<ReferenceTextParser.Parsed>> parsedByLevel = new LinkedHashMap<>();
            List<CatalogDocument.Reference> ordered = new ArrayList<>(item.references());
            ordered.sort((a, b) -> Boolean.compare(!"national".equals(a.level()), !"national".equals(b.level())));
            for (CatalogDocument.Reference ref : ordered) {
                begin("reference", item.number(), ref.text(), null, null);
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
                begin("milestone", task.number(), what, m.facilityType(), null);
                current.places.add(new PendingPlace("milestone", null, m.by() == null || m.by().length() < 4 ? null
                        : Integer.valueOf(m.by().substring(0, 4)), null, false, "task-service keeps it as a milestone of task " + task.number()));
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
                            + "): task-service tracks it as a milestone; the plan's facility target of the same task is measured from the register");
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

    // --- 3. facility targets: measured from the register, or explicitly assessed ------------------------------------

    private static final TargetSpec QUALITATIVE_SPEC = new TargetSpec(TargetKind.QUALITATIVE, null, null, null, null, null);

    /** Chinese names of the facility types of ../shared/catalog/SCHEMA.md (as facility-service's V2__facility_types.sql). */
    static final Map<String, String> TYPE_ZH = Map.ofEntries(
            Map.entry("children-home", "儿童之家"), Map.entry("mother-baby-room", "母婴室"),
            Map.entry("child-friendly-park", "儿童友好公园"), Map.entry("child-friendly-library", "儿童友好图书馆（阅读空间）"),
            Map.entry("child-friendly-school", "儿童友好学校"), Map.entry("child-friendly-hospital", "儿童友好医院"),
            Map.entry("child-friendly-community", "儿童友好社区"), Map.entry("child-friendly-street", "儿童友好街区"),
            Map.entry("practice-base", "校外教育实践基地"), Map.entry("childcare-institution", "托育机构"),
            Map.entry("minor-protection-station", "未成年人保护工作站"), Map.entry("parent-school", "家长学校"),
            Map.entry("child-activity-center", "儿童活动中心"), Map.entry("child-toilet", "儿童厕位"),
            Map.entry("sports-venue", "儿童友好体育场所"), Map.entry("family-education-base", "家风家教示范基地"),
            Map.entry("other", "其他儿童友好设施"));

    /** Sub-kinds the register does not type, told apart by a word of the facility's name (→ code slug). */
    static final Map<String, String> SUB_KINDS = new LinkedHashMap<>();

    static {
        SUB_KINDS.put("幼儿园", "kindergarten");
        SUB_KINDS.put("体育公园", "sports-park");
        SUB_KINDS.put("口袋公园", "pocket-park");
        SUB_KINDS.put("农学书屋", "reading-room");
        SUB_KINDS.put("校园阅读中心", "school-reading-centre");
        SUB_KINDS.put("自然生态教育基地", "nature-education-base");
    }

    private static final java.util.regex.Pattern NEWLY_BUILT = java.util.regex.Pattern.compile("(新建|新增)\\s*([0-9]+)\\s*(\\S)");

    /**
     * Every facility target gets a target (docs/design.md §6.4): counts, coverages and standards the register can measure
     * become targets of derived indicators (a count qualified by what the plan states: 新建 since the plan's start,
     * certified 示范 at a level, urban/rural, a sub-kind); what it cannot measure (no number, a ratio to population, an
     * "other" facility, a standard the seeds do not define) becomes a target that needs an assessment, with the reason.
     */
    private void facilityTargets() {
        Map<String, Integer> quoteUses = new HashMap<>();
        doc.facilityTargets().forEach(f -> quoteUses.merge(String.valueOf(f.quote()), 1, Integer::sum));
        // dated targets first: an undated aim ("今年") placed in the horizon year must not take the place of the plan's
        // own target for that year
        List<CatalogDocument.FacilityTarget> ordered = new ArrayList<>(doc.facilityTargets());
        ordered.sort(java.util.Comparator.comparing((CatalogDocument.FacilityTarget f) -> f.by() == null));
        for (CatalogDocument.FacilityTarget f : ordered) {
            String number = f.taskNumber() != null ? f.taskNumber() : f.keyProjectNumber();
            begin("facility-target", number, f.quote(), f.facilityType(), f.kind());
            Integer year = f.by() != null && f.by().length() >= 4 ? Integer.valueOf(f.by().substring(0, 4)) : defaultYear;
            if (year == null) {
                skip("facility-target", number, f.quote(), "undated and the plan names no horizon");
                continue;
            }
            CatalogDocument.Task task = doc.tasks().stream().filter(t -> t.number() != null && t.number().equals(f.taskNumber()))
                    .findFirst().orElse(null);
            String domain = task != null && task.domain() != null ? canonicalDomain(task.domain())
                    : doc.domains().isEmpty() ? null : canonicalDomain(doc.domains().get(0));
            List<String> units = task == null ? List.of() : task.leadUnits();
            String type = f.facilityType() == null ? "other" : f.facilityType();
            switch (String.valueOf(f.kind())) {
                case "coverage" -> coverageTarget(f, number, type, year, domain, units);
                case "count" -> countTarget(f, number, type, year, domain, units, quoteUses.get(String.valueOf(f.quote())) == 1);
                case "standard" -> standardTarget(f, number, type, year, domain, units);
                default -> skip("facility-target", number, f.quote(), "unknown kind '" + f.kind() + "'");
            }
        }
    }

    private void coverageTarget(CatalogDocument.FacilityTarget f, String number, String type, int year, String domain, List<String> units) {
        String c = f.comparator();
        CuratedIndicator entry = coverageIndicator(f);
        TargetSpec spec = c == null || c.equals("qualitative") || c.equals("bool") ? null : spec(c, f.value(), f.valueMax(), null, null, null);
        if (entry == null || spec == null) {
            String reason = entry == null
                    ? "no derived coverage indicator is defined for " + type + (f.scope() == null ? "" : " at " + f.scope())
                    + ": the register cannot say which units must have one"
                    : "a coverage aim without a value (" + c + ")";
            assessed(f, number, type, Derivation.Measure.COVERAGE, year, domain, units, reason);
            return;
        }
        IndicatorDraft draft = draft(entry.name(), entry.nameEn(), entry.unit(), domain(domain), List.of(c), units);
        draft.sources.add(new SourceRef(doc.document(), "facility-target", number, f.quote()));
        add(draft, year, TargetLevel.LOCAL, spec, f.quote(), f.scope(), units, "facility-target", number, f.quote(), f.by() == null);
    }

    private void countTarget(CatalogDocument.FacilityTarget f, String number, String type, int year, String domain, List<String> units,
                             boolean quoteOwn) {
        String c = f.comparator();
        String scope = f.scope() == null ? "" : f.scope();
        String unit = f.unit() == null ? "" : f.unit();
        if (type.equals("other")) {
            assessed(f, number, type, Derivation.Measure.COUNT, year, domain, units,
                    "an 'other' facility (" + (f.note() != null ? f.note() : "see the quote") + "): the register does not type it, "
                            + "so it cannot be counted apart from other facilities");
            return;
        }
        if (unit.contains("/") || scope.contains("每千") || scope.contains("平均") || f.quote().contains("托位")
                || f.quote().contains("托班") || f.quote().contains("托额")) {
            assessed(f, number, type, Derivation.Measure.COUNT, year, domain, units,
                    "a number of places or a ratio (" + (unit.isEmpty() ? scope : unit) + "), not a count of facilities: "
                            + "the register does not hold it (the indicator tables' 托位 indicator is reported where a plan has one)");
            return;
        }
        if (scope.startsWith("每个") || scope.contains("各")) {
            assessed(f, number, type, Derivation.Measure.COUNT, year, domain, units,
                    "a number per unit (" + scope + "): a count per sub-region is not a derived measure yet");
            return;
        }
        if (c == null || c.equals("qualitative") || c.equals("bool")) {
            assessed(f, number, type, Derivation.Measure.COUNT, year, domain, units,
                    "a count aim without a number (" + c + "): nothing to count against");
            return;
        }
        TargetSpec spec = spec(c, f.value(), f.valueMax(), null, null, null);
        if (spec == null) {
            assessed(f, number, type, Derivation.Measure.COUNT, year, domain, units, "comparator '" + c + "' without a usable value");
            return;
        }
        // qualifiers the plan states
        String text = f.quote();
        java.time.LocalDate openedSince = newlyBuilt(text, f.value(), f.unit()) ? planStart() : null;
        String certified = null;
        if (text.contains("示范")) {
            certified = text.contains("区级") || text.contains("县级") ? "county" : text.contains("市级") ? "prefecture"
                    : text.contains("省级") ? "province" : "county";
        }
        String area = scope.contains("城区") || scope.contains("城市") ? "urban" : scope.contains("农村") || scope.contains("乡村") ? "rural" : null;
        String subKind = subKind(f.note(), quoteOwn ? text : null);
        IndicatorDraft draft = countDraft(type, openedSince, certified, area, subKind, domain, units);
        draft.sources.add(new SourceRef(doc.document(), "facility-target", number, f.quote()));
        add(draft, year, TargetLevel.LOCAL, spec, f.quote(), f.note(), units, "facility-target", number, f.quote(), f.by() == null);
    }

    private void standardTarget(CatalogDocument.FacilityTarget f, String number, String type, int year, String domain, List<String> units) {
        String c = f.comparator();
        CuratedIndicator entry = curated.stream().filter(x -> x.derivation() != null && x.derivation().measure() == Derivation.Measure.STANDARD
                && x.derivation().facilityType().equals(type)).findFirst().orElse(null);
        boolean share = c != null && !c.equals("qualitative") && !c.equals("bool") && (f.unit() == null || f.unit().equals("%"));
        if (entry == null) {
            // the seeds define no checklist for this type: a standard target of it can only be assessed
            String reason = "the seeds define no standard (checklist) for " + type + (type.equals("other") && f.note() != null ? " (" + f.note() + ")" : "")
                    + ": 达标 cannot be measured from the register — never a guess";
            IndicatorDraft draft = type.equals("other") ? null : standardDraft(type, null, domain, units);
            TargetSpec spec = share ? spec(c, f.value(), f.valueMax(), null, null, null) : null;
            if (draft == null || spec == null || !addFacility(draft, year, spec, f, number, units, reason)) {
                assessed(f, number, type, Derivation.Measure.STANDARD, year, domain, units, reason);
            }
            return;
        }
        IndicatorDraft draft = draft(entry.name(), entry.nameEn(), entry.unit(), domain(domain), List.of(String.valueOf(c)), units);
        draft.sources.add(new SourceRef(doc.document(), "facility-target", number, f.quote()));
        if (share) {
            TargetSpec spec = spec(c, f.value(), f.valueMax(), null, null, null);
            if (spec != null && addFacility(draft, year, spec, f, number, units, f.scope())) {
                return;
            }
        }
        String reason = "a standard aim without a share to reach (" + c + "): the measured share of " + type
                + " meeting " + entry.derivation().standard() + " is shown beside it; a person judges the aim";
        if (!addFacility(draft, year, QUALITATIVE_SPEC, f, number, units, reason)) {
            assessed(f, number, type, Derivation.Measure.STANDARD, year, domain, units, reason);
        }
    }

    /** Adds a facility target unless the (indicator, year) is taken; false then, without a skip entry. */
    private boolean addFacility(IndicatorDraft draft, int year, TargetSpec spec, CatalogDocument.FacilityTarget f, String number,
                                List<String> units, String note) {
        if (targetSources.containsKey(draft.matchKey + "|" + year + "|" + TargetLevel.LOCAL.code())) {
            return false;
        }
        draft.sources.add(new SourceRef(doc.document(), "facility-target", number, f.quote()));
        return add(draft, year, TargetLevel.LOCAL, spec, f.quote(), note, units, "facility-target", number, f.quote(), f.by() == null);
    }

    /**
     * A target that needs a person's verdict: qualitative, on an indicator of its own (one per item, so that several such
     * aims of one plan and year can stand side by side), derived from the type so that the snapshot lists it with the
     * facility targets. The reason is the target's note.
     */
    private void assessed(CatalogDocument.FacilityTarget f, String number, String type, Derivation.Measure measure, int year,
                          String domain, List<String> units, String reason) {
        String measureZh = switch (measure) {
            case COUNT -> "建设";
            case COVERAGE -> "覆盖";
            case STANDARD -> "达标";
        };
        String subject = f.scope() != null ? f.scope() : shorten(f.quote(), 24);
        String name = TYPE_ZH.getOrDefault(type, type) + measureZh + "目标（需评估）：" + subject;
        String key = IndicatorNames.matchKey(name);
        IndicatorDraft draft = drafts.get(key);
        if (draft == null) {
            Derivation d = new Derivation(type, measure, null, null, false);
            draft = derivedDraft(type + "-" + measure.code() + "-assessment-" + IndicatorNames.hash(key, 8), name,
                    "Assessed " + measure.code() + " aim for " + type, measure == Derivation.Measure.COUNT ? "个" : "%", d, domain, units);
        }
        draft.departments.addAll(units);
        draft.sources.add(new SourceRef(doc.document(), "facility-target", number, f.quote()));
        // the same aim stated twice in one plan lives in the first (add records it so)
        add(draft, year, TargetLevel.LOCAL, QUALITATIVE_SPEC, f.quote(), "需评估：" + reason, units,
                "facility-target", number, f.quote(), f.by() == null);
    }

    /** "新建 1 处" / "新增 16 个" naming this target's own number and unit (not 新建或改建, not 新建社区 as a place). */
    static boolean newlyBuilt(String quote, BigDecimal value, String unit) {
        java.util.regex.Matcher m = NEWLY_BUILT.matcher(quote);
        while (m.find()) {
            if (value != null && new BigDecimal(m.group(2)).compareTo(value) == 0 && (unit == null || unit.startsWith(m.group(3)))) {
                return true;
            }
        }
        return false;
    }

    /** The day "新建" counts from: the plan's issue date, else the first year of its title's span, else of its earliest dated item. */
    java.time.LocalDate planStart() {
        if (doc.issued() != null && doc.issued().length() == 10) {
            return java.time.LocalDate.parse(doc.issued());
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(20[0-9]{2})\\s*[-—–至]\\s*20[0-9]{2}").matcher(String.valueOf(doc.document()));
        if (m.find()) {
            return java.time.LocalDate.of(Integer.parseInt(m.group(1)), 1, 1);
        }
        int earliest = Integer.MAX_VALUE;
        for (CatalogDocument.Task t : doc.tasks()) {
            for (CatalogDocument.Milestone ms : t.milestones()) {
                if (ms.by() != null && ms.by().length() >= 4) {
                    earliest = Math.min(earliest, Integer.parseInt(ms.by().substring(0, 4)));
                }
            }
        }
        for (CatalogDocument.FacilityTarget f : doc.facilityTargets()) {
            if (f.by() != null && f.by().length() >= 4) {
                earliest = Math.min(earliest, Integer.parseInt(f.by().substring(0, 4)));
            }
        }
        if (earliest != Integer.MAX_VALUE) {
            return java.time.LocalDate.of(earliest, 1, 1);
        }
        return doc.horizonYears().isEmpty() ? null : java.time.LocalDate.of(doc.horizonYears().get(0), 1, 1);
    }

    /** A sub-kind named by the catalogue's note, else by the target's own quote when no other target shares it. */
    static String subKind(String note, String ownQuote) {
        for (String word : SUB_KINDS.keySet()) {
            if (note != null && note.contains(word)) {
                return word;
            }
        }
        if (ownQuote != null) {
            List<String> found = SUB_KINDS.keySet().stream().filter(ownQuote::contains).toList();
            if (found.size() == 1) {
                return found.get(0);
            }
        }
        return null;
    }

    /** The derived count indicator of a type with the given qualifiers: the curated one when unqualified, else its own. */
    private IndicatorDraft countDraft(String type, java.time.LocalDate openedSince, String certified, String area, String subKind,
                                      String domain, List<String> units) {
        CuratedIndicator base = curated.stream().filter(x -> x.derivation() != null && x.derivation().measure() == Derivation.Measure.COUNT
                && x.derivation().facilityType().equals(type) && !x.derivation().qualified()).findFirst().orElse(null);
        String baseCode = base != null ? base.code() : type + "-count";
        String baseName = base != null ? base.name() : TYPE_ZH.getOrDefault(type, type) + "数量";
        String baseEn = base != null ? base.nameEn() : "Number of " + type.replace('-', ' ') + " facilities";
        String unit = base != null && base.unit() != null ? base.unit() : "个";
        if (openedSince == null && certified == null && area == null && subKind == null && base != null) {
            return draft(base.name(), base.nameEn(), base.unit(), domain(domain), List.of(">="), units);
        }
        StringBuilder code = new StringBuilder(baseCode);
        StringBuilder name = new StringBuilder(baseName);
        StringBuilder en = new StringBuilder(baseEn);
        List<String> quals = new ArrayList<>();
        if (subKind != null) {
            code.append('-').append(SUB_KINDS.get(subKind));
            quals.add("名称含“" + subKind + "”");
            en.append(", named ").append(SUB_KINDS.get(subKind));
        }
        if (certified != null) {
            code.append("-certified-").append(certified);
            quals.add(switch (certified) {
                case "county" -> "区（县）级及以上示范";
                case "prefecture" -> "市级及以上示范";
                default -> "省级示范";
            });
            en.append(", certified ").append(certified).append(" level or above");
        }
        if (area != null) {
            code.append('-').append(area);
            quals.add(area.equals("urban") ? "城区" : "农村");
            en.append(", ").append(area);
        }
        if (openedSince != null) {
            code.append("-new-since-").append(openedSince.getMonthValue() == 1 && openedSince.getDayOfMonth() == 1
                    ? String.valueOf(openedSince.getYear()) : openedSince.toString().replace("-", ""));
            quals.add(openedSince + "起新建");
            en.append(", opened since ").append(openedSince);
        }
        if (!quals.isEmpty()) {
            name.append("（").append(String.join("，", quals)).append("）");
        }
        Derivation d = new Derivation(type, Derivation.Measure.COUNT, null, area, false, openedSince, certified, subKind, null);
        IndicatorDraft existing = drafts.get(IndicatorNames.matchKey(name.toString()));
        if (existing != null) {
            existing.departments.addAll(units);
            return existing;
        }
        return derivedDraft(code.toString(), name.toString(), en.toString(), unit, d, domain, units);
    }

    /** The derived standard measure of a type; {@code standard} null: the seeds define none (the target needs an assessment). */
    private IndicatorDraft standardDraft(String type, String standard, String domain, List<String> units) {
        String name = TYPE_ZH.getOrDefault(type, type) + "达标率" + (standard == null ? "（标准未定义）" : "");
        IndicatorDraft existing = drafts.get(IndicatorNames.matchKey(name));
        if (existing != null) {
            existing.departments.addAll(units);
            return existing;
        }
        return derivedDraft(type + "-standard-rate", name, "Share of open " + type.replace('-', ' ') + " facilities meeting their standard",
                "%", new Derivation(type, Derivation.Measure.STANDARD, null, null, false, null, null, null, standard), domain, units);
    }

    private IndicatorDraft derivedDraft(String code, String name, String nameEn, String unit, Derivation d, String domain, List<String> units) {
        String key = IndicatorNames.matchKey(name);
        IndicatorDraft draft = new IndicatorDraft(key);
        draft.code = code.length() > 63 ? code.substring(0, 54) + "-" + IndicatorNames.hash(key, 8) : code;
        draft.name = name;
        draft.nameEn = nameEn;
        draft.unit = unit;
        boolean ratio = d.hasParts();
        draft.valueType = ratio ? ValueType.PERCENTAGE : ValueType.COUNT;
        draft.obtained = Obtained.DERIVED;
        draft.derivation = d;
        draft.computation = null;
        draft.direction = Direction.INCREASE;
        draft.precision = ratio ? 2 : 0;
        draft.bounded = true;
        draft.periodTypes = Set.of(Period.Type.YEAR, Period.Type.HALF_YEAR);
        draft.domain = domain(domain);
        draft.departments.addAll(units);
        drafts.put(key, draft);
        draftKeyOf.put(key, key);
        return draft;
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
            if (sourceKind.equals("facility-target") && current != null) {
                // the same deliverable stated twice (or a weaker one beside it): it lives in the first target
                current.places.add(new PendingPlace("target", draft.matchKey, year, level.code(), assessedKeys.contains(key),
                        "measured by the document's first " + year + " target of " + draft.name + " (" + first + ")"));
            }
            return false;
        }
        List<Issue> issues = TargetRules.validate(spec, year, draft.toIndicator());
        if (!issues.isEmpty()) {
            skip(sourceKind, number, text, "not a valid target for " + draft.name + ": "
                    + issues.stream().map(i -> i.field() + " " + i.message()).collect(Collectors.joining("; ")));
            return false;
        }
        targetSources.put(key, sourceKind + " " + number);
        boolean assessed = spec.kind() == TargetKind.QUALITATIVE || (draft.derivation != null
                && draft.derivation.measure() == Derivation.Measure.STANDARD && draft.derivation.standard() == null);
        if (assessed) {
            assessedKeys.add(key);
        }
        if (current != null) {
            current.places.add(new PendingPlace("target", draft.matchKey, year, level.code(), assessed, note));
        }
        targets.add(new TargetDraft(draft.matchKey, year, level, spec, text, note, List.copyOf(new java.util.LinkedHashSet<>(units)),
                sourceKind, number, quote, yearInferred));
        return true;
    }

    private void skip(String kind, String number, String what, String reason) {
        String shortWhat = shorten(what, 80);
        skipped.add(new Skip(kind, number, shortWhat, reason));
        if (current != null) {
            current.reasons.add(reason);
        }
    }

    private static String shorten(String what, int max) {
        return what == null ? null : what.length() > max ? what.substring(0, max) + "…" : what;
    }

    // --- homes ------------------------------------------------------------------------------------------------------

    private final Set<String> assessedKeys = new java.util.HashSet<>();

    private record PendingPlace(String kind, String indicatorKey, Integer year, String level, boolean assessed, String note) {
    }

    private static final class HomeBuilder {
        final String item;
        final String number;
        final String what;
        final String facilityType;
        final String facilityKind;
        final List<PendingPlace> places = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();

        HomeBuilder(String item, String number, String what, String facilityType, String facilityKind) {
            this.item = item;
            this.number = number;
            this.what = what;
            this.facilityType = facilityType;
            this.facilityKind = facilityKind;
        }
    }

    private void begin(String item, String number, String what, String facilityType, String facilityKind) {
        current = new HomeBuilder(item, number, shorten(what, 80), facilityType, facilityKind);
        homes.add(current);
    }

    private List<CatalogPlan.ItemHome> homes() {
        List<CatalogPlan.ItemHome> result = new ArrayList<>();
        for (HomeBuilder h : homes) {
            List<CatalogPlan.Place> places = new ArrayList<>();
            for (PendingPlace p : h.places) {
                String code = p.indicatorKey() == null ? null : drafts.get(p.indicatorKey()).code;
                places.add(new CatalogPlan.Place(p.kind(), code, p.year(), p.level(), p.assessed(), p.note()));
            }
            result.add(new CatalogPlan.ItemHome(h.item, h.number, h.what, h.facilityType, h.facilityKind, List.copyOf(places),
                    List.copyOf(h.reasons)));
        }
        return List.copyOf(result);
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
